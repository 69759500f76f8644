"""Forms of coaching: a trajectory, its status, a coaching conversation with action
points, the coach's assessment of a competence, and feedback on an entry. Views hand
the cleaned data to ``leren.services``; the rules that hold for every caller
(one coachee for an individual trajectory, the allowed status changes, owners
among the coachees) live there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.formulieren import datum_widget
from leren.models import Coachtraject, Competentie
from leren.policies import TRAJECT_OVERGANGEN
from leren.selectors_coaching import ambtenaren_kiesbaar
from opgaven.selectors.opgaven import opgaven_visible_to

if TYPE_CHECKING:
    from accounts.models import User

ACTIEPUNTEN = 3  # action points per conversation form


class PersoonKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class PersonenKeuze(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class TrajectForm(forms.Form):
    titel = forms.CharField(label=_("Title"), max_length=200)
    soort = forms.ChoiceField(
        label=_("Kind of trajectory"),
        choices=Coachtraject.Soort.choices,
        widget=forms.RadioSelect,
        initial=Coachtraject.Soort.INDIVIDUEEL,
    )
    coachees = PersonenKeuze(
        label=_("Coachees"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One person for an individual trajectory; for a team, everyone in it."),
        error_messages={
            "required": _("Choose who is coached."),
            "invalid_choice": _("Choose people from the list."),
        },
    )
    opgave = forms.ModelChoiceField(
        label=_("Opgave"),
        queryset=None,
        required=False,
        help_text=_("For a team: the opgave whose core team you coach."),
    )
    opdrachtgever = PersoonKeuze(
        label=_("Client (opdrachtgever)"),
        queryset=None,
        required=False,
        help_text=_(
            "Who commissioned the coaching. They see the goals, the agreement and the "
            "status; a progress summary only if you tick that below. Never entries or notes."
        ),
    )
    doelen = forms.CharField(
        label=_("Goals"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    afspraken = forms.CharField(
        label=_("Agreement on what is shared"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        help_text=_("What coach, coachee and client agreed in the three-way conversation."),
    )
    deelt_voortgang = forms.BooleanField(
        label=_(
            "The client sees a progress summary: the mix of learning sources and the latest "
            "competence levels"
        ),
        required=False,
    )
    start = forms.DateField(label=_("Start"), widget=datum_widget())
    eind = forms.DateField(label=_("End"), widget=datum_widget(), required=False)

    def __init__(self, *args, coach: User, traject: Coachtraject | None = None, **kwargs):
        if traject is not None:
            kwargs["initial"] = {
                "titel": traject.titel,
                "soort": traject.soort,
                "coachees": [c.pk for c in traject.coachees.all()],
                "opgave": traject.opgave_id,
                "opdrachtgever": traject.opdrachtgever_id,
                "doelen": traject.doelen,
                "afspraken": traject.afspraken,
                "deelt_voortgang": traject.deelt_voortgang,
                "start": traject.start,
                "eind": traject.eind,
            }
        else:
            kwargs.setdefault("initial", {"start": timezone.localdate()})
        super().__init__(*args, **kwargs)
        mensen = ambtenaren_kiesbaar(behalve=coach)
        self.fields["coachees"].queryset = mensen
        self.fields["opdrachtgever"].queryset = mensen
        self.fields["opgave"].queryset = opgaven_visible_to(coach).order_by("titel")
        if traject is None:
            del self.fields["eind"]

    def clean(self):
        data = super().clean()
        opdrachtgever = data.get("opdrachtgever")
        if opdrachtgever is not None and opdrachtgever in (data.get("coachees") or []):
            self.add_error(
                "opdrachtgever", _("The client is not one of the coachees: choose someone else.")
            )
        return data

    def velden(self) -> dict:
        """The cleaned data as keyword arguments of ``traject_aanmaken/bijwerken``."""
        data = dict(self.cleaned_data)
        data.pop("coachees")
        return data


class StatusForm(forms.Form):
    naar = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)

    def __init__(self, *args, traject: Coachtraject, **kwargs):
        super().__init__(*args, **kwargs)
        toegestaan = TRAJECT_OVERGANGEN[Coachtraject.Status(traject.status)]
        self.fields["naar"].choices = [
            (waarde, label) for waarde, label in Coachtraject.Status.choices if waarde in toegestaan
        ]
        self.fields["naar"].error_messages["invalid_choice"] = _(
            "This trajectory cannot move to that status. Choose one from the list."
        )
        self.fields["naar"].error_messages["required"] = _("Choose the new status.")


class GesprekForm(forms.Form):
    datum = forms.DateField(label=_("Date of the conversation"), widget=datum_widget())
    gedeelde_notities = forms.CharField(
        label=_("Notes shared with the coachee"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=20000,
        help_text=_("The coachees of this trajectory read these notes."),
    )
    prive_notities = forms.CharField(
        label=_("Private notes: only for you"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=20000,
        help_text=_(
            "Only you read these: not the coachee, not the client. They never appear in a "
            "notification."
        ),
    )

    def __init__(self, *args, traject: Coachtraject, **kwargs):
        kwargs.setdefault("initial", {"datum": timezone.localdate()})
        super().__init__(*args, **kwargs)
        coachees = list(traject.coachees.all())
        self.individueel = len(coachees) == 1
        for nummer in range(1, ACTIEPUNTEN + 1):
            self.fields[f"actiepunt_{nummer}"] = forms.CharField(
                label=_("Action point %(nummer)s") % {"nummer": nummer},
                max_length=300,
                required=False,
            )
            eigenaar = PersoonKeuze(
                label=_("Who (action point %(nummer)s)") % {"nummer": nummer},
                queryset=traject.coachees.all(),
                required=False,
                empty_label=_("The coachee") if self.individueel else _("The whole team"),
                error_messages={"invalid_choice": _("Choose a coachee of this trajectory.")},
            )
            self.fields[f"eigenaar_{nummer}"] = eigenaar
            self.fields[f"deadline_{nummer}"] = forms.DateField(
                label=_("Deadline (action point %(nummer)s)") % {"nummer": nummer},
                widget=datum_widget(),
                required=False,
            )
        self._coachees = coachees

    def actiepunt_groepen(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [
            (n, [self[f"actiepunt_{n}"], self[f"eigenaar_{n}"], self[f"deadline_{n}"]])
            for n in range(1, ACTIEPUNTEN + 1)
        ]

    def clean(self):
        data = super().clean()
        for nummer in range(1, ACTIEPUNTEN + 1):
            heeft_rest = data.get(f"eigenaar_{nummer}") or data.get(f"deadline_{nummer}")
            if heeft_rest and not (data.get(f"actiepunt_{nummer}") or "").strip():
                self.add_error(
                    f"actiepunt_{nummer}",
                    _("Describe the action point, or leave its owner and deadline empty."),
                )
        return data

    def actiepunten(self) -> list[tuple]:
        """``(omschrijving, eigenaar, deadline)`` per filled-in action point; in an
        individual trajectory an action point without an owner is the coachee's."""
        punten = []
        for nummer in range(1, ACTIEPUNTEN + 1):
            omschrijving = (self.cleaned_data.get(f"actiepunt_{nummer}") or "").strip()
            if not omschrijving:
                continue
            eigenaar = self.cleaned_data.get(f"eigenaar_{nummer}")
            if eigenaar is None and self.individueel:
                eigenaar = self._coachees[0]
            punten.append((omschrijving, eigenaar, self.cleaned_data.get(f"deadline_{nummer}")))
        return punten


NIVEAUS = [(n, str(n)) for n in range(1, 6)]


class MetingForm(forms.Form):
    competentie = forms.ModelChoiceField(
        label=_("Competence"),
        queryset=Competentie.objects.filter(actief=True),
        error_messages={
            "required": _("Choose a competence."),
            "invalid_choice": _("Choose a competence from the list."),
        },
    )
    niveau = forms.TypedChoiceField(
        label=_("Level (1 = beginning, 5 = masterly)"),
        choices=NIVEAUS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a level from 1 to 5."),
            "invalid_choice": _("Choose a level from 1 to 5."),
        },
    )
    datum = forms.DateField(label=_("Date"), widget=datum_widget())
    toelichting = forms.CharField(
        label=_("Explanation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        help_text=_("What you saw that makes you choose this level."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"datum": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError(_("An assessment cannot be in the future."))
        return datum


class FeedbackForm(forms.Form):
    tekst = forms.CharField(
        label=_("Your feedback"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_(
            "The author gets a notification that you responded, without your text or the "
            "title of the entry."
        ),
        error_messages={"required": _("Write your feedback.")},
    )
