"""The form with which an official makes voting codes (``views.uitslag.stemcodes``)."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from participatie.services_begroting import MAX_CODES_PER_KEER


def _tussen() -> str:
    return _("Make between 1 and %(max)s codes at a time.") % {"max": MAX_CODES_PER_KEER}


class StemcodesForm(forms.Form):
    aantal = forms.IntegerField(
        label=_("Number of codes"),
        min_value=1,
        max_value=MAX_CODES_PER_KEER,
        help_text=lazy(
            lambda: (
                _("One code per household, at most %(max)s at a time.")
                % {"max": MAX_CODES_PER_KEER}
            ),
            str,
        )(),
        error_messages={
            "required": _("Say how many codes you need."),
            "invalid": _("Enter a whole number."),
            "min_value": lazy(_tussen, str)(),
            "max_value": lazy(_tussen, str)(),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
