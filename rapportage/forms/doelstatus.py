"""The form of a goal's red/amber/green status. The view hands it to the service."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rapportage.models import Doelstatus
from rapportage.services_doelstatus import MAX_TOELICHTING


class DoelstatusForm(forms.Form):
    kleur = forms.ChoiceField(
        label=_("Status"),
        choices=Doelstatus.Kleur.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose green, amber or red."),
            "invalid_choice": _("Choose green, amber or red."),
        },
    )
    toelichting = forms.CharField(
        label=_("Explanation"),
        max_length=MAX_TOELICHTING,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Why this status: what goes well, what lags behind, what is needed. "
            "At most 1000 characters; the council reads it in the progress report."
        ),
        error_messages={
            "required": _("Explain the status in a few sentences."),
            "max_length": _("Keep the explanation to at most %(limit_value)s characters."),
        },
    )
