"""The forms of contributions: record one (``bijdrage_toevoegen``) and withdraw one."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from budget.forms import bedrag_widget
from budget.models import Bijdrage
from partners.models import Organisatie

CENT = Decimal("0.01")
BEDRAG_FOUTEN = {
    "min_value": _("Enter an amount of at least € 0,01."),
    "invalid": _("Enter an amount in euros, for example 1500,00."),
}


class BijdrageForm(forms.Form):
    """Money and goods are worth ``waarde``; hours are worth ``uren`` x ``uurtarief``.

    All three fields are in the page, so it works without JavaScript; ``clean``
    asks for the ones the chosen kind needs and drops the others. The kassier
    may record that a contribution has been received already.
    """

    organisatie = forms.ModelChoiceField(
        label=_("Contributing organisation"),
        queryset=Organisatie.objects.none(),
        empty_label=_("Choose an organisation"),
    )
    soort = forms.ChoiceField(
        label=_("Kind of contribution"),
        choices=[
            (Bijdrage.Soort.GELD, _("Money")),
            (Bijdrage.Soort.UREN, _("Hours (number of hours times an hourly rate)")),
            (Bijdrage.Soort.NATURA, _("In kind (goods or services, valued in euros)")),
        ],
        widget=forms.RadioSelect,
    )
    waarde = forms.DecimalField(
        label=_("Value in euros"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=CENT,
        localize=True,
        widget=bedrag_widget(),
        error_messages=BEDRAG_FOUTEN,
        help_text=_("For money and contributions in kind. For example: 1500,00."),
    )
    uren = forms.DecimalField(
        label=_("Number of hours"),
        required=False,
        max_digits=8,
        decimal_places=2,
        min_value=CENT,
        localize=True,
        widget=bedrag_widget(),
        error_messages={
            "min_value": _("Enter at least 0,01 hours."),
            "invalid": _("Enter a number of hours, for example 12 or 7,5."),
        },
        help_text=_("For hours only."),
    )
    uurtarief = forms.DecimalField(
        label=_("Hourly rate in euros"),
        required=False,
        max_digits=8,
        decimal_places=2,
        min_value=CENT,
        localize=True,
        widget=bedrag_widget(),
        error_messages=BEDRAG_FOUTEN,
        help_text=_("For hours only. The value is the hours times this rate."),
    )
    omschrijving = forms.CharField(
        label=_("Description"),
        max_length=300,
        required=False,
        help_text=_("What the contribution is, for example: budget line or team."),
    )
    ontvangen = forms.BooleanField(
        label=_("Already received by the fund holder"),
        required=False,
        help_text=_("Tick this when the money or the goods are already in."),
    )

    def __init__(self, *args, organisaties: QuerySet[Organisatie], is_kassier: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = organisaties
        if not is_kassier:
            del self.fields["ontvangen"]

    def clean(self):
        cleaned = super().clean()
        soort = cleaned.get("soort")
        if soort == Bijdrage.Soort.UREN:
            for veld, melding in (
                ("uren", _("Enter the number of hours.")),
                ("uurtarief", _("Enter the hourly rate.")),
            ):
                if cleaned.get(veld) is None and veld not in self.errors:
                    self.add_error(veld, melding)
            cleaned["waarde"] = None
            self.errors.pop("waarde", None)
        elif soort:
            if cleaned.get("waarde") is None and "waarde" not in self.errors:
                self.add_error("waarde", _("Enter the value in euros."))
            cleaned["uren"] = cleaned["uurtarief"] = None
            self.errors.pop("uren", None)
            self.errors.pop("uurtarief", None)
        return cleaned


class IntrekkenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the contribution is withdrawn. The ledger keeps it."),
    )
