"""Forms of co-creation sessions: planning one, attendance, outcomes and turning an
outcome into an action, commitment or position. Views hand the cleaned data to
``participatie.services`` and ``participatie.services_sessies``; the rules that
need more than one field (end after start, a place or a link, the capacity
against the registrations) live there, so they hold for every caller."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from config.formulieren import datum_widget
from opgaven.models import Betrokkenheid
from opgaven.selectors.krachtenveld import HOUDINGEN, eigenaren_kiesbaar
from opgaven.selectors.plan import betrokken_organisaties
from participatie.models import Sessie, Uitkomst
from partners.models import Organisatie

if TYPE_CHECKING:
    from accounts.models import User
    from opgaven.models import Opgave


def moment_widget() -> forms.DateTimeInput:
    """The browser's own date and time picker; it sends 2026-03-03T19:30."""
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SessieForm(forms.Form):
    titel = forms.CharField(label=_("Title"), max_length=200)
    start = forms.DateTimeField(label=_("Starts at"), widget=moment_widget())
    eind = forms.DateTimeField(label=_("Ends at"), widget=moment_widget())
    locatie = forms.CharField(
        label=_("Place"),
        max_length=300,
        required=False,
        help_text=_("The address, for a meeting in person. Give a place, an online link, or both."),
    )
    online_link = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("Only people who registered see the link."),
    )
    capaciteit = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        help_text=_("How many people can come. When it is full, people join the waiting list."),
    )
    aanmelden_tot = forms.DateTimeField(
        label=_("Registration closes at"),
        widget=moment_widget(),
        help_text=_("At the latest when the session starts."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you will do together, step by step."),
    )

    def __init__(self, *args, sessie: Sessie | None = None, **kwargs):
        if sessie is not None:
            kwargs["initial"] = {
                "titel": sessie.titel,
                "start": timezone.localtime(sessie.start),
                "eind": timezone.localtime(sessie.eind),
                "locatie": sessie.locatie,
                "online_link": sessie.online_link,
                "capaciteit": sessie.capaciteit,
                "aanmelden_tot": timezone.localtime(sessie.aanmelden_tot),
                "agenda": sessie.agenda,
            }
        super().__init__(*args, **kwargs)


class AanwezigheidForm(forms.Form):
    """Who attended: one checkbox per person holding a place (``deelnemers``: (user id, name))."""

    aanwezig = forms.TypedMultipleChoiceField(
        label=_("Attended"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, deelnemers: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanwezig"].choices = deelnemers


class UitkomstForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Kind of outcome"), choices=Uitkomst.Soort.choices, widget=forms.RadioSelect
    )
    titel = forms.CharField(
        label=_("Outcome"), max_length=200, help_text=_("In one sentence: what came out of it?")
    )
    toelichting = forms.CharField(
        label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


# --- Turning an outcome into work ------------------------------------------------------


class ActieOmzettenForm(forms.Form):
    trekker = forms.ModelChoiceField(
        label=_("Lead organisation (trekker)"),
        queryset=Organisatie.objects.none(),
        empty_label=_("Choose an organisation"),
        help_text=_("The involved organisation that leads this action."),
    )

    def __init__(self, *args, opgave: Opgave, user: User, uitkomst: Uitkomst, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trekker"].queryset = betrokken_organisaties(opgave=opgave)


class EigenaarKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class ToezeggingOmzettenForm(forms.Form):
    eigenaar = EigenaarKeuze(
        label=_("Owner"),
        queryset=get_user_model().objects.none(),
        empty_label=_("Choose an owner"),
        help_text=_("The people with a role on this opgave."),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=datum_widget())

    def __init__(self, *args, opgave: Opgave, user: User, uitkomst: Uitkomst, **kwargs):
        kwargs.setdefault("initial", {"eigenaar": user.pk})
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].queryset = eigenaren_kiesbaar(opgave=opgave)


class BetrokkenheidKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Betrokkenheid) -> str:
        return obj.organisatie.naam


SCORES = [(score, str(score)) for score in range(1, 6)]


class PositieOmzettenForm(forms.Form):
    betrokkenheid = BetrokkenheidKeuze(
        label=_("Organisation"),
        queryset=Betrokkenheid.objects.none(),
        empty_label=_("Choose an organisation"),
        help_text=_("The involved organisation whose position this is."),
    )
    datum = forms.DateField(
        label=_("Date"),
        widget=datum_widget(),
        help_text=_("The day this position was observed. Not in the future."),
    )
    invloed = forms.TypedChoiceField(
        label=_("Power"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 (little) to 5 (a great deal): how much it can steer."),
    )
    belang = forms.TypedChoiceField(
        label=_("Interest"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 (little) to 5 (a great deal): how much is at stake."),
    )
    houding = forms.TypedChoiceField(
        label=_("Attitude"),
        choices=[
            (houding.waarde, format_lazy("{} {}", houding.teken, houding.label))
            for houding in sorted(HOUDINGEN.values(), key=lambda h: -h.waarde)
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, opgave: Opgave, user: User, uitkomst: Uitkomst, **kwargs):
        # The session's day, unless it is still to come: a position is what was observed.
        dag = min(timezone.localtime(uitkomst.sessie.start).date(), timezone.localdate())
        kwargs.setdefault("initial", {"datum": dag})
        super().__init__(*args, **kwargs)
        self.fields["betrokkenheid"].queryset = (
            Betrokkenheid.objects.filter(opgave=opgave)
            .select_related("organisatie")
            .order_by("organisatie__naam")
        )


OMZETTEN_FORMS: dict[str, type[forms.Form]] = {
    Uitkomst.Soort.ACTIE: ActieOmzettenForm,
    Uitkomst.Soort.AFSPRAAK: ToezeggingOmzettenForm,
    Uitkomst.Soort.POSITIE: PositieOmzettenForm,
}
