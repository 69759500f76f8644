"""The form that opens and configures an opgave's pot (``pot_aanmaken``, ``pot_bijwerken``)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from budget.forms import datum_widget
from budget.models import Budgetpot
from opgaven.models import Opgave
from opgaven.selectors.plan import betrokken_organisaties
from partners.models import Organisatie

REGEL_KEUZES = [
    (
        Budgetpot.Regel.UNANIEM,
        _("Unanimous: every organisation that contributes has to agree with an allocation"),
    ),
    (
        Budgetpot.Regel.MEERDERHEID,
        _("Majority: the organisations that agree together contributed more than half of the pot"),
    ),
]


class PotForm(forms.Form):
    naam = forms.CharField(
        label=_("Name of the pot"),
        max_length=200,
        help_text=_("For example: Samen van het gas af 2026-2027."),
    )
    kassier = forms.ModelChoiceField(
        label=_("Fund holder (kassier)"),
        queryset=Organisatie.objects.none(),
        empty_label=_("Choose an organisation"),
        help_text=_(
            "The involved organisation that holds the money and pays it out. Its contact "
            "persons record contributions and expenses."
        ),
    )
    begin = forms.DateField(label=_("Start of the period"), widget=datum_widget())
    eind = forms.DateField(label=_("End of the period"), widget=datum_widget())
    regel = forms.ChoiceField(
        label=_("How do the partners decide on allocations?"),
        choices=REGEL_KEUZES,
        initial=Budgetpot.Regel.UNANIEM,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, opgave: Opgave, pot: Budgetpot | None = None, **kwargs):
        if pot is not None:
            kwargs["initial"] = {
                "naam": pot.naam,
                "kassier": pot.kassier_id,
                "begin": pot.begin,
                "eind": pot.eind,
                "regel": pot.regel,
            }
        else:
            vandaag = timezone.localdate()
            kwargs["initial"] = {
                "naam": opgave.titel,
                "begin": vandaag,
                "eind": date(vandaag.year + 1, 12, 31),
                "regel": Budgetpot.Regel.UNANIEM,
            }
        super().__init__(*args, **kwargs)
        kassiers = betrokken_organisaties(opgave=opgave)
        if pot is not None:
            # The current kassier stays a choice, even if no longer involved.
            kassiers = kassiers | Organisatie.objects.filter(pk=pot.kassier_id)
        self.fields["kassier"].queryset = kassiers

    def clean(self):
        cleaned = super().clean()
        begin, eind = cleaned.get("begin"), cleaned.get("eind")
        if begin and eind and eind < begin:
            self.add_error("eind", _("The period cannot end before it starts."))
        return cleaned
