"""Forms of the participatory budget (burgerbegroting): the budget page's filters,
proposals, setting the budget up, its phases, assessing a proposal and turning a
winner into an action.

Views hand the cleaned data to ``participatie.services_begroting``; the rules that
need the database or more than one field (sub-budgets add up to the total, a cost
fits the budget, voting after the proposals) live there, so they hold for every
caller, and their Dutch refusal comes back on the form.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from config.formulieren import BedragField, datum_widget
from opgaven.models import Gebied
from opgaven.selectors.plan import betrokken_organisaties
from participatie.models import Begroting, Voorstel
from participatie.policies import FASE_OVERGANGEN
from partners.models import Organisatie

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from opgaven.models import Opgave


class GebiedKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Gebied) -> str:
        return f"{obj.naam} ({obj.get_niveau_display().lower()})"


# --- The budget page ----------------------------------------------------------------------


class VoorstelFilterForm(forms.Form):
    """The filters above the proposals (a GET form). A value that is not one of the
    choices (an edited URL) is left out, so the list shows more."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    wijk = forms.ChoiceField(label=_("District"), required=False)

    def __init__(self, *args, wijken: list[Gebied], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *Voorstel.Status.choices]
        self._wijken = {str(wijk.pk): wijk for wijk in wijken}
        self.fields["wijk"].choices = [
            ("", _("All districts")),
            *((str(wijk.pk), wijk.naam) for wijk in wijken),
        ]

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "status": data.get("status", ""),
            "wijk": self._wijken.get(data.get("wijk", "")),
        }

    def is_gefilterd(self) -> bool:
        filters = self.filters()
        return bool(filters["status"] or filters["wijk"])


# --- Proposals ----------------------------------------------------------------------------


class VoorstelForm(forms.Form):
    titel = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("Your project in a few words, for example “Benches along the canal”."),
    )
    beschrijving = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What should be done, where, and who benefits from it?"),
    )
    geraamde_kosten = BedragField(
        label=_("Estimated cost in euros"),
        help_text=_(
            "Your own estimate, for example 1.250,00. The municipality checks it when it "
            "assesses your proposal."
        ),
    )
    gebied = GebiedKeuze(
        label=_("Area"),
        queryset=Gebied.objects.none(),
        required=False,
        empty_label=_("No particular area"),
        help_text=_("The district or neighbourhood the project is for."),
    )

    def __init__(
        self,
        *args,
        gebieden: QuerySet[Gebied],
        gebied_verplicht: bool = False,
        voorstel: Voorstel | None = None,
        **kwargs,
    ):
        if voorstel is not None:
            kwargs["initial"] = {
                "titel": voorstel.titel,
                "beschrijving": voorstel.beschrijving,
                "geraamde_kosten": voorstel.geraamde_kosten,
                "gebied": voorstel.gebied_id,
            }
        super().__init__(*args, **kwargs)
        veld = self.fields["gebied"]
        veld.queryset = gebieden
        if gebied_verplicht:
            veld.required = True
            veld.empty_label = _("Choose an area")
            veld.error_messages["required"] = _(
                "Choose the district the project is for: each district has its own budget."
            )
            veld.help_text = _(
                "The district or neighbourhood the project is for. Each district has its "
                "own budget, so your project competes with the projects in that district."
            )


# --- Setting up ---------------------------------------------------------------------------

DEELBUDGET_PREFIX = "deelbudget_"


class BegrotingForm(forms.Form):
    """The money, the voting rule and the dates; optionally an amount per district
    (the sub-budgets: leave every district empty for one budget for everyone)."""

    totaal = BedragField(label=_("Total budget in euros"), help_text=_("For example 50.000,00."))
    stemregel = forms.ChoiceField(
        label=_("Voting rule"), choices=Begroting.Stemregel.choices, widget=forms.RadioSelect
    )
    max_keuzes = forms.IntegerField(
        label=_("Maximum number of projects a voter chooses"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("Only with the rule “choose at most a number of projects”."),
    )
    min_besteding_pct = forms.IntegerField(
        label=_("Minimum share of the budget a voter spends (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_(
            "Only with the rule “choose projects within the budget”. Empty or 0: no minimum."
        ),
    )
    indienen_tot = forms.DateField(
        label=_("Proposals can be submitted until"), widget=datum_widget()
    )
    stemmen_van = forms.DateField(label=_("Voting opens on"), widget=datum_widget())
    stemmen_tot = forms.DateField(
        label=_("Voting closes after"),
        widget=datum_widget(),
        help_text=_("The last day to vote. The result is computed the night after."),
    )

    def __init__(self, *args, wijken: list[Gebied], begroting: Begroting | None = None, **kwargs):
        initial = {"stemregel": Begroting.Stemregel.KNAPSACK, "min_besteding_pct": 0}
        bedragen: dict[int, Decimal] = {}
        if begroting is not None:
            initial.update(
                totaal=begroting.totaal,
                stemregel=begroting.stemregel,
                max_keuzes=begroting.max_keuzes,
                min_besteding_pct=begroting.min_besteding_pct,
                indienen_tot=begroting.indienen_tot,
                stemmen_van=begroting.stemmen_van,
                stemmen_tot=begroting.stemmen_tot,
            )
            bedragen = {d.gebied_id: d.bedrag for d in begroting.deelbudgetten.all()}
        for wijk in wijken:
            if wijk.pk in bedragen:
                initial[f"{DEELBUDGET_PREFIX}{wijk.pk}"] = bedragen[wijk.pk]
        kwargs["initial"] = {**initial, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.wijken = list(wijken)
        for wijk in self.wijken:
            self.fields[f"{DEELBUDGET_PREFIX}{wijk.pk}"] = BedragField(
                label=wijk.naam, required=False
            )

    def deelbudget_velden(self) -> list[forms.BoundField]:
        return [self[f"{DEELBUDGET_PREFIX}{wijk.pk}"] for wijk in self.wijken]

    def service_velden(self) -> dict:
        """The keyword arguments of ``services_begroting.begroting_instellen``."""
        data = self.cleaned_data
        velden = {
            naam: data[naam]
            for naam in ("totaal", "stemregel", "indienen_tot", "stemmen_van", "stemmen_tot")
        }
        velden["max_keuzes"] = data.get("max_keuzes")
        velden["min_besteding_pct"] = data.get("min_besteding_pct") or 0
        velden["deelbudgetten"] = [
            (wijk, data[f"{DEELBUDGET_PREFIX}{wijk.pk}"])
            for wijk in self.wijken
            if data.get(f"{DEELBUDGET_PREFIX}{wijk.pk}") is not None
        ]
        return velden


class FaseForm(forms.Form):
    naar = forms.ChoiceField(
        label=_("Next phase"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the phase to move to.")},
    )

    def __init__(self, *args, begroting: Begroting, **kwargs):
        super().__init__(*args, **kwargs)
        volgende = FASE_OVERGANGEN[begroting.fase]
        self.fields["naar"].choices = [
            (waarde, label) for waarde, label in Begroting.Fase.choices if waarde in volgende
        ]


class BeoordelenForm(forms.Form):
    """The municipality's public assessment of a proposal."""

    haalbaar = forms.TypedChoiceField(
        label=_("Is the proposal feasible?"),
        choices=[("ja", _("Yes, it is feasible")), ("nee", _("No, it is not feasible"))],
        coerce=lambda waarde: waarde == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose feasible or not feasible.")},
    )
    kosten = BedragField(
        label=_("Cost according to the municipality, in euros"),
        required=False,
        help_text=_("Required when it is feasible. Voters see this amount on the ballot."),
    )
    motivering = forms.CharField(
        label=_("Motivation"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Public: the submitter and everyone else reads why."),
        error_messages={"required": _("Explain the assessment to residents.")},
    )

    def __init__(self, *args, voorstel: Voorstel, **kwargs):
        if voorstel.status != Voorstel.Status.INGEDIEND:
            kwargs.setdefault(
                "initial",
                {
                    "haalbaar": "nee" if voorstel.status == Voorstel.Status.NIET_HAALBAAR else "ja",
                    "kosten": voorstel.kosten,
                    "motivering": voorstel.motivering,
                },
            )
        else:
            kwargs.setdefault("initial", {"kosten": voorstel.geraamde_kosten})
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("haalbaar")
            and cleaned.get("kosten") is None
            and "kosten" not in self.errors
        ):
            self.add_error("kosten", _("Enter the cost of the project."))
        return cleaned


class UitvoerenForm(forms.Form):
    trekker = forms.ModelChoiceField(
        label=_("Lead organisation (trekker)"),
        queryset=Organisatie.objects.none(),
        empty_label=_("Choose an organisation"),
        help_text=_("The involved organisation that leads this action."),
    )
    toelichting = forms.CharField(
        label=_("Explanation for the funders"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. Without one, the funders read that residents chose this project."),
    )

    def __init__(self, *args, opgave: Opgave, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trekker"].queryset = betrokken_organisaties(opgave=opgave)
