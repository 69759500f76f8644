"""Forms of the learner's pages: a learning entry, the timeline filters, a development
plan and its goals, and a self-assessment. (Helper "ervaringen".)

Views hand the cleaned data to ``leren.services``; the choices a user may make
(competences, opgaven) come from ``leren.selectors_leerder``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.formulieren import datum_widget
from leren.models import Bron, Competentie, Leerervaring, Ontwikkelplan, Zichtbaarheid
from leren.selectors_leerder import competenties_kiesbaar, maanden_terug, opgaven_kiesbaar
from opgaven.models import Opgave

# What each source of the 70-20-10 model means, in plain words (shown next to each choice).
BRON_UITLEG = {
    Bron.ERVARING: _(
        "Learning by doing: a task, a project, a setback or something new you tried at work. "
        "About 70 percent of what people learn comes from this."
    ),
    Bron.SOCIAAL: _(
        "Learning from others: coaching, intervision, feedback or a good conversation with a "
        "colleague or partner. About 20%."
    ),
    Bron.FORMEEL: _(
        "Learning in a course: a training, a workshop, an e-learning or a book. About 10%."
    ),
}

# Who reads an entry, per visibility (shown next to each choice and on the entry).
ZICHTBAARHEID_UITLEG = {
    Zichtbaarheid.PRIVE: _(
        "Only you. Not your coach, not your manager or opdrachtgever, not an administrator."
    ),
    Zichtbaarheid.COACH: _(
        "You and your coach, while your coaching trajectory is active. Your opdrachtgever "
        "never reads it."
    ),
    Zichtbaarheid.TEAM: _(
        "You, your coach and the other members of your team coaching trajectory, while it "
        "is active."
    ),
}

# The levels of a self-assessment, 1 to 5.
NIVEAUS = [
    (1, _("1: Beginning, I am just starting with this")),
    (2, _("2: Developing, I do it with help")),
    (3, _("3: Capable, I do it on my own in familiar situations")),
    (4, _("4: Skilled, I do it well, also when it gets difficult")),
    (5, _("5: Expert, others learn it from me")),
]

STARR_VELDEN = ("situatie", "taak", "actie", "resultaat")
MAX_MINUTEN = 10_000  # about 166 hours: a long course, not a typo of a year


def _keuzes_met_uitleg(bound: forms.BoundField, uitleg: dict) -> list[dict[str, Any]]:
    """The choices of a radio field with their explanation, for the template."""
    gekozen = str(bound.value() or "")
    return [
        {
            "value": value,
            "label": label,
            "uitleg": uitleg[value],
            "checked": value == gekozen,
            "id": f"{bound.auto_id}_{index}",
        }
        for index, (value, label) in enumerate(bound.field.choices)
    ]


class LeerervaringForm(forms.Form):
    """The quick entry (date, source, title, reflection, who reads it) with the optional
    STARR fields, competences, opgave and duration."""

    datum = forms.DateField(
        label=_("Date"),
        widget=datum_widget(),
        error_messages={"required": _("Fill in the date of what happened.")},
    )
    bron = forms.ChoiceField(
        label=_("How did you learn it?"),
        choices=Bron.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you learnt it: 70, 20 or 10.")},
    )
    titel = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("In a few words, for example “Residents' evening about the heat plan”."),
        error_messages={"required": _("Give your learning entry a title.")},
    )
    reflectie = forms.CharField(
        label=_("What did you learn?"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Your reflection: what went well, and what would you do differently?"),
        error_messages={"required": _("Write down what you learnt.")},
    )
    zichtbaarheid = forms.ChoiceField(
        label=_("Who can read this?"),
        choices=Zichtbaarheid.choices,
        widget=forms.RadioSelect,
        initial=Zichtbaarheid.PRIVE,
        error_messages={"required": _("Choose who can read your learning entry.")},
    )
    situatie = forms.CharField(
        label=_("Situation: what was going on?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    taak = forms.CharField(
        label=_("Task: what was your role or assignment?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    actie = forms.CharField(
        label=_("Action: what did you do?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    resultaat = forms.CharField(
        label=_("Result: what came of it?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    competenties = forms.ModelMultipleChoiceField(
        label=_("Competences of the handelingsrepertoire"),
        queryset=Competentie.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opgave = forms.ModelChoiceField(
        label=_("Opgave it is about"),
        queryset=Opgave.objects.none(),
        required=False,
        empty_label=_("No particular opgave"),
    )
    duur_minuten = forms.IntegerField(
        label=_("Time spent, in minutes"),
        required=False,
        min_value=1,
        max_value=MAX_MINUTEN,
        help_text=_("For the mix by time on your dashboard: 90 is an hour and a half."),
    )

    def __init__(self, *args, user, ervaring: Leerervaring | None = None, **kwargs):
        huidige_competenties: list[int] = []
        if ervaring is not None:
            huidige_competenties = [c.pk for c in ervaring.competenties.all()]
            kwargs["initial"] = {
                **{naam: getattr(ervaring, naam) for naam in self.velden_namen()},
                "opgave": ervaring.opgave_id,
                "competenties": huidige_competenties,
            }
        else:
            kwargs.setdefault("initial", {"datum": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["competenties"].queryset = competenties_kiesbaar(huidig=huidige_competenties)
        self.fields["opgave"].queryset = opgaven_kiesbaar(
            user=user, huidig_id=ervaring.opgave_id if ervaring else None
        )

    @staticmethod
    def velden_namen() -> tuple[str, ...]:
        return ("datum", "bron", "titel", "reflectie", "zichtbaarheid", *STARR_VELDEN)

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError(
                _("A learning entry is about something that happened: choose today or earlier."),
                code="toekomst",
            )
        return datum

    def velden(self) -> dict[str, Any]:
        """The cleaned data as keyword arguments of ``leerervaring_vastleggen`` and
        ``leerervaring_bijwerken`` (the competences apart)."""
        data = self.cleaned_data
        return {
            **{naam: data[naam] for naam in self.velden_namen()},
            "opgave": data["opgave"],
            "duur_minuten": data["duur_minuten"],
        }

    def bronnen(self) -> list[dict[str, Any]]:
        return _keuzes_met_uitleg(self["bron"], BRON_UITLEG)

    def zichtbaarheden(self) -> list[dict[str, Any]]:
        return _keuzes_met_uitleg(self["zichtbaarheid"], ZICHTBAARHEID_UITLEG)

    def meer_open(self) -> bool:
        """Open the optional part when it has content or an error."""
        optioneel = (*STARR_VELDEN, "competenties", "opgave", "duur_minuten")
        return any(self[naam].errors or self[naam].value() for naam in optioneel)


class TijdlijnFilterForm(forms.Form):
    """The filters above the timeline (a GET form). A value that is not valid is left
    out of the filter, and its error is shown next to the field."""

    bron = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("All sources")), *Bron.choices]
    )
    competentie = forms.ModelChoiceField(
        label=_("Competence"),
        queryset=Competentie.objects.order_by("volgorde", "naam"),
        to_field_name="slug",
        required=False,
        empty_label=_("All competences"),
    )
    zichtbaarheid = forms.ChoiceField(
        label=_("Who can read it"),
        required=False,
        choices=[("", _("All entries")), *Zichtbaarheid.choices],
    )
    van = forms.DateField(label=_("From"), required=False, widget=datum_widget())
    tot = forms.DateField(label=_("Until"), required=False, widget=datum_widget())

    def filters(self) -> dict[str, Any]:
        """The valid filters as keyword arguments of ``selectors_leerder.tijdlijn``."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "bron": data.get("bron", ""),
            "competentie": data.get("competentie"),
            "zichtbaarheid": data.get("zichtbaarheid", ""),
            "van": data.get("van"),
            "tot": data.get("tot"),
        }

    def is_gefilterd(self) -> bool:
        return any(self.filters().values())


class PlanForm(forms.Form):
    titel = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example “My development in 2026”."),
        error_messages={"required": _("Give your development plan a title.")},
    )
    van = forms.DateField(
        label=_("From"),
        widget=datum_widget(),
        error_messages={"required": _("Fill in when the plan starts.")},
    )
    tot = forms.DateField(
        label=_("Until"),
        widget=datum_widget(),
        error_messages={"required": _("Fill in when the plan ends.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Ontwikkelplan.Status.choices,
        widget=forms.RadioSelect,
        initial=Ontwikkelplan.Status.CONCEPT,
    )
    competenties = forms.ModelMultipleChoiceField(
        label=_("Competences you work on"),
        queryset=Competentie.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, plan: Ontwikkelplan | None = None, **kwargs):
        huidige: list[int] = []
        if plan is not None:
            huidige = [c.pk for c in plan.competenties.all()]
            kwargs["initial"] = {
                "titel": plan.titel,
                "van": plan.van,
                "tot": plan.tot,
                "status": plan.status,
                "competenties": huidige,
            }
        else:
            vandaag = timezone.localdate()
            kwargs.setdefault("initial", {"van": vandaag, "tot": maanden_terug(vandaag, -12)})
        super().__init__(*args, **kwargs)
        self.fields["competenties"].queryset = competenties_kiesbaar(huidig=huidige)

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("A plan cannot end before it starts."))
        return data


class DoelForm(forms.Form):
    omschrijving = forms.CharField(
        label=_("Goal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What do you want to be able to do, and how will you notice it?"),
        error_messages={"required": _("Describe the goal.")},
    )
    competentie = forms.ModelChoiceField(
        label=_("Competence"),
        queryset=Competentie.objects.none(),
        required=False,
        empty_label=_("No particular competence"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competentie"].queryset = competenties_kiesbaar()


class DoelVoortgangForm(forms.Form):
    voortgang = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        help_text=_("0 is not started, 100 is reached."),
        widget=forms.NumberInput(attrs={"step": 5}),
        error_messages={"required": _("Fill in the progress, from 0 to 100.")},
    )
    toelichting = forms.CharField(
        label=_("How is it going?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ZelfbeoordelingForm(forms.Form):
    competentie = forms.ModelChoiceField(
        label=_("Competence"),
        queryset=Competentie.objects.none(),
        empty_label=_("Choose a competence"),
        error_messages={"required": _("Choose the competence you assess.")},
    )
    niveau = forms.TypedChoiceField(
        label=_("Your level now"),
        choices=NIVEAUS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a level from 1 to 5.")},
    )
    toelichting = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What makes you choose this level? An example helps your coach."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competentie"].queryset = competenties_kiesbaar()
