"""The bell in the header: how many meldingen the visitor has not read yet."""

from django import template

from meldingen.selectors import aantal_ongelezen

register = template.Library()


@register.simple_tag(takes_context=True)
def meldingen_ongelezen(context: template.Context) -> int:
    """The unread count: one query on the partial index, none for a visitor.

    A view that counted already (the inbox, the bell's own refresh) passes
    ``aantal_ongelezen``, so the page does not count twice.
    """
    if "aantal_ongelezen" in context:
        return context["aantal_ongelezen"]
    user = context["request"].user
    return aantal_ongelezen(user=user) if user.is_authenticated else 0
