"""Render Django form fields as NL Design System (Utrecht) form controls."""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()

_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"

# Utrecht CSS class per Django widget type (BoundField.widget_type); every
# other widget (text, email, password, number, ...) is a textbox.
_CONTROL_CLASSES = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "radioselect": "utrecht-radio-button utrecht-radio-button--html-input",
    "select": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
}


@register.filter
def utrecht_control(field: BoundField) -> SafeString:
    """The field's widget with Utrecht classes, without a placeholder.

    A placeholder only repeats the visible label and disappears while typing
    (NL Design System advice), so it is left out. Django adds ``required``,
    ``aria-invalid`` and ``aria-describedby`` (pointing at ``<id>_helptext``
    and ``<id>_error``), so the template only has to give the help text and
    the error message those ids.
    """
    classes = _CONTROL_CLASSES.get(field.widget_type, _TEXTBOX)
    if field.errors:
        classes += f" {classes.split()[0]}--invalid"
    return field.as_widget(attrs={"class": classes, "placeholder": False})


@register.filter
def first_control_id(field: BoundField) -> str:
    """The id of the field's first control: where an error summary link leads.

    A choice of radio buttons has no single control, so Django gives it no id
    for a label (``id_for_label`` is empty); its first button is ``<id>_0``.
    """
    if field.id_for_label or not field.auto_id:
        return field.id_for_label
    return f"{field.auto_id}_0"
