"""Forms for finding, creating and editing an opgave. Views hand the cleaned data to services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from opgaven.models import WICKEDNESS_SCORES, Fase, Gebied, Opgave, Thema, Zichtbaarheid
from opgaven.policies import FASE_OVERGANGEN
from opgaven.selectors.opgaven import MIJN_ORGANISATIE, MIJN_ROL, gebieden_per_wijk

if TYPE_CHECKING:
    from django.forms import BoundField

# --- Finding opgaven -------------------------------------------------------------------


def _gebied_label(gebied: Gebied) -> str:
    """How an area reads inside its group: the group's own area as "the whole ..."."""
    if gebied.niveau == Gebied.Niveau.GEMEENTE:
        return _("The whole municipality of %(naam)s") % {"naam": gebied.naam}
    if gebied.niveau == Gebied.Niveau.WIJK:
        return _("The whole district %(naam)s") % {"naam": gebied.naam}
    return gebied.naam


def _groep_label(gebied: Gebied) -> str:
    return f"{gebied.get_niveau_display()} {gebied.naam}"


class OpgaveFilterForm(forms.Form):
    """The search box and filters above the list of opgaven (a GET form).

    A value that is not one of the choices (an edited URL) makes that one
    filter invalid; ``filters()`` then leaves it out and the list shows more.
    """

    q = forms.CharField(
        label=_("Search words"),
        required=False,
        max_length=200,
        widget=forms.SearchInput,
        help_text=_("Searches the title, the question at stake and the descriptions."),
    )
    fase = forms.ChoiceField(label=_("Phase"), required=False)
    thema = forms.ChoiceField(label=_("Theme"), required=False)
    gebied = forms.ChoiceField(label=_("Area"), required=False)
    mijn = forms.ChoiceField(label=_("Which opgaven"), required=False)

    def __init__(self, *args, user, is_lid: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fase"].choices = [("", _("All phases")), *Fase.choices]
        self._themas = {thema.slug: thema for thema in Thema.objects.all()}
        self.fields["thema"].choices = [
            ("", _("All themes")),
            *((slug, thema.naam) for slug, thema in self._themas.items()),
        ]
        groepen = gebieden_per_wijk()
        self._gebieden = {g.code: g for _hoofd, groep in groepen for g in groep}
        self.fields["gebied"].choices = [
            ("", _("All areas")),
            *(
                (_groep_label(hoofd), [(g.code, _gebied_label(g)) for g in groep])
                for hoofd, groep in groepen
            ),
        ]
        if user.is_authenticated:
            keuzes = [("", _("All opgaven")), (MIJN_ROL, _("Where I have a role"))]
            if is_lid:
                keuzes.append((MIJN_ORGANISATIE, _("Where my organisation is involved")))
            self.fields["mijn"].choices = keuzes
        else:
            del self.fields["mijn"]

    def filters(self) -> dict:
        """The valid filters as keyword arguments for ``selectors.opgaven_zoeken``."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "zoekterm": data.get("q", ""),
            "fase": data.get("fase", ""),
            "thema": self._themas.get(data.get("thema", "")),
            "gebied": self._gebieden.get(data.get("gebied", "")),
            "mijn": data.get("mijn", ""),
        }

    def is_gefilterd(self) -> bool:
        """Is any filter other than the search words on?"""
        filters = self.filters()
        return any(filters[name] for name in ("fase", "thema", "gebied", "mijn"))


# --- Creating and editing an opgave ---------------------------------------------------------

SCORE_KEUZES = [
    ("", _("Not scored yet")),
    ("1", _("1 (low)")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _("5 (high)")),
]
# What each score asks, so that different officials score alike.
SCORE_UITLEG = {
    "score_impact": _("How deeply does the opgave touch residents' lives, and how many?"),
    "score_krachtenveld": _("How many parties with their own interests and power take part?"),
    "score_verhoudingen": _("How much do the relations between the parties change over time?"),
    "score_tijdshorizon": _("How long does it take before the effect shows?"),
}

# The same message as services.opgaven gives: the form says it first, next to the field.
HORIZON_VOOR_START = _("The horizon cannot be before the start date.")


def _score_field(name: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=WICKEDNESS_SCORES[name],
        choices=SCORE_KEUZES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text=SCORE_UITLEG[name],
    )


def _date_field(label, help_text) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        help_text=help_text,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _text_field(label, help_text="", *, required=False, rows=4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class OpgaveForm(forms.Form):
    """Every field of an opgave (DESIGN §5) except the phase, which has its own form."""

    titel = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("A short name that says what the opgave is about."),
    )
    vraagstuk = _text_field(
        _("The question at stake"),
        _("Describe the opgave as residents live it."),
        required=True,
        rows=6,
    )
    huidige_situatie = _text_field(
        _("Current situation"), _("What residents and partners run into today.")
    )
    gewenste_situatie = _text_field(
        _("Desired situation"), _("How things are when the opgave succeeds.")
    )
    maatschappelijk_effect = _text_field(
        _("Societal effect"), _("What changes for residents when it works.")
    )
    afbakening = _text_field(
        pgettext_lazy("opgave", "Scope"), _("What belongs to this opgave, and what does not.")
    )
    themas = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Thema.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gebieden = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=Gebied.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose a whole district, or only some of its neighbourhoods."),
    )
    startdatum = _date_field(_("Start date"), _("When the work on the opgave starts or started."))
    horizon = _date_field(_("Horizon"), _("The date the effect should be visible."))
    score_impact = _score_field("score_impact")
    score_krachtenveld = _score_field("score_krachtenveld")
    score_verhoudingen = _score_field("score_verhoudingen")
    score_tijdshorizon = _score_field("score_tijdshorizon")
    zichtbaarheid = forms.ChoiceField(
        label=_("Visibility"),
        choices=Zichtbaarheid.choices,
        initial=Zichtbaarheid.INTERN,
        widget=forms.RadioSelect,
        help_text=_("Everyone can see a public opgave, also without logging in."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groepen = gebieden_per_wijk()
        self._gebied_groepen = groepen
        # The checkboxes in the order of the groups; the template shows one fieldset per group.
        self.fields["gebieden"].choices = [
            (gebied.pk, _gebied_label(gebied)) for _hoofd, groep in groepen for gebied in groep
        ]

    def clean(self):
        cleaned = super().clean()
        startdatum, horizon = cleaned.get("startdatum"), cleaned.get("horizon")
        if startdatum and horizon and horizon < startdatum:
            self.add_error("horizon", HORIZON_VOOR_START)
        return cleaned

    def gebied_groepen(self) -> list[dict]:
        """The area checkboxes per group: ``{"gebied": the wijk, "keuzes": [BoundWidget]}``."""
        keuzes = iter(self["gebieden"].subwidgets)
        return [
            {"gebied": hoofd, "keuzes": [next(keuzes) for _gebied in groep]}
            for hoofd, groep in self._gebied_groepen
        ]

    def score_velden(self) -> list[BoundField]:
        return [self[name] for name in WICKEDNESS_SCORES]


class OpgaveBewerkenForm(OpgaveForm):
    """Edit an opgave. The phase changes only through FaseWijzigenForm,
    so every change of phase is recorded with who, when and why."""

    gearchiveerd = forms.BooleanField(
        label=_("Archive this opgave"),
        required=False,
        help_text=_(
            "An archived opgave stays readable, but can no longer be changed. "
            "Only a functional administrator can take it out of the archive."
        ),
    )

    def __init__(self, *args, opgave: Opgave, **kwargs):
        initial = {name: getattr(opgave, name) for name in _BEWERKBARE_VELDEN}
        initial["themas"] = [thema.pk for thema in opgave.themas.all()]
        initial["gebieden"] = [gebied.pk for gebied in opgave.gebieden.all()]
        super().__init__(*args, initial=initial, **kwargs)


_BEWERKBARE_VELDEN = (
    "titel",
    "vraagstuk",
    "huidige_situatie",
    "gewenste_situatie",
    "maatschappelijk_effect",
    "afbakening",
    "startdatum",
    "horizon",
    *WICKEDNESS_SCORES,
    "zichtbaarheid",
    "gearchiveerd",
)


class FaseWijzigenForm(forms.Form):
    """Move an opgave to one of the phases the transition graph allows next."""

    naar = forms.ChoiceField(
        label=_("New phase"),
        widget=forms.RadioSelect,
        help_text=_("Only the phases this opgave can move to next are shown."),
    )
    reden = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why does the opgave move to this phase? Everyone with a role reads this."),
    )

    def __init__(self, *args, opgave: Opgave, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar"].choices = [
            (fase, Fase(fase).label) for fase in FASE_OVERGANGEN[opgave.fase]
        ]
