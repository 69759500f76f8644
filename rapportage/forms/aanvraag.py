"""The request form of a report: the format, and for a budget account a period."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from config.formulieren import datum_widget
from rapportage.bouwers import formaten
from rapportage.models import Formaat, Soort

FORMAAT_UITLEG = {
    Formaat.PDF: _("PDF: to read, print or send"),
    Formaat.XLSX: _("XLSX: a spreadsheet to calculate with"),
    Formaat.CSV: _("CSV: plain data for other software"),
}


class AanvraagForm(forms.Form):
    formaat = forms.ChoiceField(label=_("Format"), widget=forms.RadioSelect)
    periode_van = forms.DateField(label=_("Period from"), required=False, widget=datum_widget())
    periode_tot = forms.DateField(label=_("Period until"), required=False, widget=datum_widget())

    def __init__(self, *args, soort: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        keuzes = [(f, FORMAAT_UITLEG[Formaat(f)]) for f in formaten(soort)]
        self.fields["formaat"].choices = keuzes
        if len(keuzes) == 1:
            self.fields["formaat"].initial = keuzes[0][0]
        self.fields["formaat"].error_messages["required"] = _("Choose a format.")
        self.fields["formaat"].error_messages["invalid_choice"] = _(
            "This report cannot be made in this format."
        )
        if soort != Soort.BUDGET:
            del self.fields["periode_van"]
            del self.fields["periode_tot"]
        else:
            self.fields["periode_van"].help_text = _("Leave empty for the whole period of the pot.")

    def clean(self):
        gegevens = super().clean()
        van, tot = gegevens.get("periode_van"), gegevens.get("periode_tot")
        if van and tot and tot < van:
            self.add_error("periode_tot", _("The end of the period lies before its start."))
        return gegevens
