"""Forms for officials who manage a round: its settings, its status, feedback on an
input and handling a flag. Views hand the cleaned data to ``participatie.services``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from config.formulieren import datum_widget
from opgaven.models import Actie, Besluit, Gebied, Opgave
from opgaven.selectors.opgaven import gebieden_per_wijk
from participatie.models import TREDE_UITLEG, Ronde, Terugkoppeling, Trede
from participatie.policies import RONDE_OVERGANGEN

# What each status of a round means, for the official who moves it there.
STATUS_UITLEG = {
    Ronde.Status.ONTWERP: _("Only officials of the opgave see the round. Nobody can take part."),
    Ronde.Status.OPEN: _(
        "Everyone can read the round. Residents who log in can join, give input, support "
        "input and comment."
    ),
    Ronde.Status.GESLOTEN: _(
        "The round stays readable, but residents can no longer give input, support or "
        "comment. Now give feedback on every input."
    ),
    Ronde.Status.TERUGGEKOPPELD: _(
        "Every input has feedback: residents read what was done with their input and why. "
        "This is the last step; the status cannot change after it."
    ),
}

# The methods a round can use, as checkboxes.
METHODEN = ("met_inbreng", "met_steun", "met_sessies", "met_burgerbegroting")

# The fields of a round that go to ``ronde_aanmaken`` and ``ronde_bijwerken`` as they are.
RONDE_FORMVELDEN = (
    "titel",
    "vraag",
    "toelichting",
    "invloedsruimte",
    "trede",
    "start",
    "eind",
    *METHODEN,
)


def _gebied_label(gebied: Gebied) -> str:
    """How an area reads inside its group: the group's own area as "the whole ..."."""
    if gebied.niveau == Gebied.Niveau.GEMEENTE:
        return _("The whole municipality of %(naam)s") % {"naam": gebied.naam}
    if gebied.niveau == Gebied.Niveau.WIJK:
        return _("The whole district %(naam)s") % {"naam": gebied.naam}
    return gebied.naam


class RondeForm(forms.Form):
    """Every setting of a round (DESIGN §5): texts, rung, period, areas and methods."""

    titel = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("A short name residents recognise, for example the street or the plan."),
    )
    vraag = forms.CharField(
        label=_("Question to residents"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What do you ask residents? One clear question, in plain words."),
    )
    toelichting = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Background: why this round, what happened before, what happens next."),
    )
    invloedsruimte = forms.CharField(
        label=_("Room for influence"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Say honestly what residents can still influence and what is already fixed "
            "(budget, law, earlier decisions). Residents see this at the top of the round."
        ),
    )
    trede = forms.ChoiceField(
        label=_("Rung on the participation ladder"),
        choices=Trede.choices,
        widget=forms.RadioSelect,
        help_text=_("How much say residents get in this round."),
    )
    start = forms.DateField(label=_("First day"), widget=datum_widget())
    eind = forms.DateField(
        label=_("Last day"),
        widget=datum_widget(),
        help_text=_("Residents can take part until the end of this day."),
    )
    gebieden = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=Gebied.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Where does the round take place? Choose a whole district, or some of its "
            "neighbourhoods."
        ),
    )
    met_inbreng = forms.BooleanField(
        label=_("Input: residents give ideas, concerns and questions"), required=False
    )
    met_steun = forms.BooleanField(
        label=_("Support: residents support each other's input"), required=False
    )
    met_sessies = forms.BooleanField(
        label=_("Sessions: residents register for co-creation sessions"), required=False
    )
    met_burgerbegroting = forms.BooleanField(
        label=_("Participatory budget: residents propose and vote on spending a budget"),
        required=False,
    )

    def __init__(self, *args, ronde: Ronde | None = None, **kwargs):
        if ronde is not None:
            initial = {name: getattr(ronde, name) for name in RONDE_FORMVELDEN}
            initial["gebieden"] = [gebied.pk for gebied in ronde.gebieden.all()]
            kwargs["initial"] = initial
        else:
            kwargs.setdefault("initial", {"met_inbreng": True, "met_steun": True})
        super().__init__(*args, **kwargs)
        self._gebied_groepen = gebieden_per_wijk()
        self.fields["gebieden"].choices = [
            (gebied.pk, _gebied_label(gebied))
            for _hoofd, groep in self._gebied_groepen
            for gebied in groep
        ]

    def clean(self):
        cleaned = super().clean()
        start, eind = cleaned.get("start"), cleaned.get("eind")
        if start and eind and eind < start:
            self.add_error("eind", _("A round cannot end before it starts."))
        return cleaned

    def gebied_groepen(self) -> list[dict]:
        """The area checkboxes per group: ``{"gebied": the wijk, "keuzes": [BoundWidget]}``."""
        keuzes = iter(self["gebieden"].subwidgets)
        return [
            {"gebied": hoofd, "keuzes": [next(keuzes) for _gebied in groep]}
            for hoofd, groep in self._gebied_groepen
        ]

    def trede_keuzes(self) -> list[dict]:
        """The rungs as radio buttons, each with its plain-Dutch explanation."""
        return [
            {"keuze": keuze, "uitleg": TREDE_UITLEG[Trede(keuze.data["value"])]}
            for keuze in self["trede"].subwidgets
        ]

    def methoden(self):
        return [self[name] for name in METHODEN]

    def service_velden(self) -> dict:
        """The cleaned data as keyword arguments for ``ronde_aanmaken``/``ronde_bijwerken``."""
        velden = {name: self.cleaned_data[name] for name in RONDE_FORMVELDEN}
        velden["gebieden"] = list(self.cleaned_data["gebieden"])
        return velden


class StatusForm(forms.Form):
    """Move a round to one of the statuses ``policies.RONDE_OVERGANGEN`` allows next."""

    naar = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)

    def __init__(self, *args, ronde: Ronde, **kwargs):
        super().__init__(*args, **kwargs)
        volgorde = list(Ronde.Status)
        self.fields["naar"].choices = [
            (status.value, status.label)
            for status in volgorde
            if status in RONDE_OVERGANGEN[Ronde.Status(ronde.status)]
        ]


class TerugkoppelingForm(forms.Form):
    """What was done with an input and why, optionally with the opgave's decision or action."""

    status = forms.ChoiceField(
        label=_("What happens with this input?"),
        choices=Terugkoppeling.Status.choices,
        widget=forms.RadioSelect,
    )
    motivering = forms.CharField(
        label=_("Motivation"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Explain to the resident what was done with their input, and why. They receive "
            "this message and everyone can read it with the input."
        ),
    )
    besluit = forms.ModelChoiceField(
        label=_("Related decision"),
        queryset=Besluit.objects.none(),
        required=False,
        empty_label=_("No decision"),
        help_text=_("A decision of this opgave that says what happens with the input."),
    )
    actie = forms.ModelChoiceField(
        label=_("Related action"),
        queryset=Actie.objects.none(),
        required=False,
        empty_label=_("No action"),
        help_text=_("An action of the plan of this opgave that takes the input up."),
    )

    def __init__(self, *args, opgave: Opgave, terugkoppeling: Terugkoppeling | None, **kwargs):
        if terugkoppeling is not None:
            kwargs["initial"] = {
                "status": terugkoppeling.status,
                "motivering": terugkoppeling.motivering,
                "besluit": terugkoppeling.besluit_id,
                "actie": terugkoppeling.actie_id,
            }
        super().__init__(*args, **kwargs)
        self.fields["besluit"].queryset = Besluit.objects.filter(opgave=opgave).order_by(
            "-datum", "-pk"
        )
        self.fields["actie"].queryset = Actie.objects.filter(opgave=opgave).order_by("titel", "pk")


class AfhandelenForm(forms.Form):
    """Hide the flagged content (with a reason everyone sees), or dismiss the flags."""

    VERBERGEN = "verbergen"
    AFWIJZEN = "afwijzen"

    besluit = forms.ChoiceField(
        label=_("What do you do?"),
        choices=[
            (VERBERGEN, _("Hide it: the content breaks the house rules")),
            (AFWIJZEN, _("Dismiss the flags: the content stays visible")),
        ],
        widget=forms.RadioSelect,
    )
    reden = forms.CharField(
        label=_("Reason for hiding"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required when you hide it. Everyone sees this reason instead of the content, "
            "and the author receives it."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("besluit") == self.VERBERGEN and not cleaned.get("reden", "").strip():
            self.add_error("reden", _("Give the reason for hiding it."))
        return cleaned
