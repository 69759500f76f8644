"""The form of the voting-code page: the code from the letter, and the district when the
budget has sub-budgets. The view hands the code to ``services_begroting.stemcode_controleren``.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opgaven.models import Gebied

# The same sentence as ``services_begroting.ONGELDIGE_CODE``: whatever is wrong with a
# code (too long, unknown, used), the answer is the same.
ONGELDIGE_CODE = _("This code is not valid, or it has already been used. Check what you typed.")


class StemcodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your voting code"),
        max_length=40,
        help_text=_(
            "The code is in the letter you received, in the form ABCD-EFGH-JKLM. "
            "Capitals, spaces and dashes do not matter."
        ),
        error_messages={
            "required": _("Enter the voting code from your letter."),
            "max_length": ONGELDIGE_CODE,
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    wijk = forms.ModelChoiceField(
        label=_("District where you live"),
        queryset=Gebied.objects.none(),
        empty_label=_("Choose your district"),
        help_text=_("Each district has its own budget: you vote on the projects of your district."),
        error_messages={"required": _("Choose the district you live in.")},
    )

    def __init__(self, *args, wijken=None, **kwargs):
        """``wijken``: the districts with a sub-budget; without them the field is left out."""
        super().__init__(*args, **kwargs)
        if wijken is None:
            del self.fields["wijk"]
        else:
            self.fields["wijk"].queryset = wijken

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()
