"""Reads of the coaching pages: the adviser dashboard, the coachee page and the
opdrachtgever's progress summary (issue 8 points 5, 6 and 7).

Built on ``leren.selectors``, never around it: every count of entries starts
from ``leerervaringen_zichtbaar(coach)``, so what an adviser (or, through the
coach, an opdrachtgever) counts is what the coach may read, and nothing the
coachee kept private. Competence levels of a person are read only for a coach
who coaches them in an active trajectory (``services.is_coach_van``, the rule
``voortgang_meten`` applies too).

Every function here takes a fixed number of queries, whatever the number of
trajectories, coachees or entries.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from leren.models import (
    Actiepunt,
    Coachtraject,
    Competentie,
    Feedback,
    Leerervaring,
    Voortgangsmeting,
    Zichtbaarheid,
)
from leren.policies import DEELT_IN, Mixregel, mix
from leren.selectors import leerervaringen_zichtbaar, trajecten_zichtbaar

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

# The dashboard's window on the 70-20-10 mix, in months.
MIX_MAANDEN = 3
PERIODES = (3, 6, 12)
# A trajectory that has ended no longer asks anything of the coach.
AFGELOPEN = frozenset({Coachtraject.Status.AFGEROND, Coachtraject.Status.GEANNULEERD})
# The verb of people who log learning: officials and advisers (accounts.roles).
LEREN_VERB = ("leren", "add_leerervaring")


def maanden_terug(dag: date, maanden: int) -> date:
    """The same day ``maanden`` months before ``dag`` (the last day of a shorter month)."""
    maand_index = dag.year * 12 + dag.month - 1 - maanden
    jaar, maand = divmod(maand_index, 12)
    maand += 1
    return date(jaar, maand, min(dag.day, calendar.monthrange(jaar, maand)[1]))


# --- Choosing people --------------------------------------------------------------------


def ambtenaren_kiesbaar(*, behalve: User | None = None) -> QuerySet[User]:
    """The people who can be coached or commission a trajectory: everyone with the verb
    to log learning (officials and advisers), found by permission, never by group name."""
    app_label, codename = LEREN_VERB
    verb = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    users = get_user_model().objects.filter(
        Q(groups__permissions__in=verb) | Q(user_permissions__in=verb), is_active=True
    )
    if behalve is not None:
        users = users.exclude(pk=behalve.pk)
    return (
        get_user_model().objects.filter(pk__in=users.values("pk")).order_by("weergavenaam", "email")
    )


# --- Trajectories -----------------------------------------------------------------------


def _personen() -> QuerySet[User]:
    return get_user_model().objects.order_by("weergavenaam", "email")


def traject_get(*, user: User | AnonymousUser, pk: int) -> Coachtraject:
    """A trajectory ``user`` may read (coach, coachee, opdrachtgever), with its coach,
    opdrachtgever, opgave and coachees; else ``Http404``."""
    traject = (
        trajecten_zichtbaar(user)
        .select_related("coach", "opdrachtgever", "opgave")
        .prefetch_related(Prefetch("coachees", queryset=_personen()))
        .filter(pk=pk)
        .first()
    )
    if traject is None:
        raise Http404
    return traject


def coachee_get(*, traject: Coachtraject, user_pk: int) -> User:
    """A coachee of ``traject`` (its coachees must be prefetched), else ``Http404``."""
    for persoon in traject.coachees.all():
        if persoon.pk == user_pk:
            return persoon
    raise Http404


def trajecten_van(user: User) -> list[Coachtraject]:
    """The trajectories ``user`` reads, with who is who, for the list page."""
    return list(
        trajecten_zichtbaar(user)
        .select_related("coach", "opdrachtgever", "opgave")
        .prefetch_related(Prefetch("coachees", queryset=_personen()))
        .order_by("-start", "pk")
    )


# --- Progress per coachee ---------------------------------------------------------------


@dataclass
class Niveau:
    """The latest level of a person on one competence, by themselves and by a coach."""

    competentie: Competentie
    zelf: Voortgangsmeting | None = None
    coach: Voortgangsmeting | None = None


@dataclass
class CoacheeVoortgang:
    persoon: User
    mix: list[Mixregel]
    gedeeld: int = 0  # shared entries in the mix period
    wacht_op_feedback: int = 0
    achterstallig: int = 0  # overdue open action points of this trajectory
    niveaus: list[Niveau] = field(default_factory=list)
    url: str = ""  # the coachee page, set by the view


@dataclass
class TrajectOverzicht:
    traject: Coachtraject
    deelt: bool  # active: what coachees share is open to the coach
    coachees: list[CoacheeVoortgang]
    team_mix: list[Mixregel] | None = None  # a team trajectory: everyone together
    achterstallig_team: int = 0  # overdue action points without an owner
    grafiek: str = ""  # set by the view (grafieken_coaching)

    @property
    def achterstallig(self) -> int:
        return self.achterstallig_team + sum(c.achterstallig for c in self.coachees)

    @property
    def wacht_op_feedback(self) -> int:
        return sum(c.wacht_op_feedback for c in self.coachees)


def _mixrijen(
    zichtbaar: QuerySet[Leerervaring], persoon_ids: Iterable[int], van: date, tot: date
) -> dict[int, list[tuple[str, int, int]]]:
    """``(bron, aantal, minuten)`` rows per author among ``persoon_ids``, in one query."""
    rijen: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    for rij in (
        zichtbaar.filter(auteur__in=list(persoon_ids), datum__gte=van, datum__lte=tot)
        .order_by()
        .values("auteur", "bron")
        .annotate(aantal=Count("pk"), minuten=Sum("duur_minuten"))
    ):
        rijen[rij["auteur"]].append((rij["bron"], rij["aantal"], rij["minuten"] or 0))
    return rijen


def _wacht_op_feedback(zichtbaar: QuerySet[Leerervaring], persoon_ids: Iterable[int]) -> dict:
    """Per author: entries shared with the coach (``coach`` or ``team``) without feedback."""
    return dict(
        zichtbaar.filter(
            auteur__in=list(persoon_ids),
            zichtbaarheid__in=[Zichtbaarheid.COACH, Zichtbaarheid.TEAM],
        )
        .filter(~Exists(Feedback.objects.filter(leerervaring=OuterRef("pk"))))
        .order_by()
        .values("auteur")
        .annotate(aantal=Count("pk"))
        .values_list("auteur", "aantal")
    )


def laatste_niveaus(persoon_ids: Iterable[int]) -> dict[int, list[Niveau]]:
    """Per person: the latest level per competence, by themselves and by a coach; one query
    (DISTINCT ON). Call it only for people the reader coaches in an active trajectory."""
    per_persoon: dict[int, dict[int, Niveau]] = defaultdict(dict)
    metingen = (
        Voortgangsmeting.objects.filter(persoon__in=list(persoon_ids))
        .select_related("competentie")
        .order_by("persoon_id", "competentie_id", "door", "-datum", "-pk")
        .distinct("persoon_id", "competentie_id", "door")
    )
    for meting in metingen:
        niveau = per_persoon[meting.persoon_id].setdefault(
            meting.competentie_id, Niveau(competentie=meting.competentie)
        )
        if meting.door == Voortgangsmeting.Door.ZELF:
            niveau.zelf = meting
        else:
            niveau.coach = meting
    return {
        persoon_id: sorted(
            niveaus.values(), key=lambda n: (n.competentie.volgorde, n.competentie.naam)
        )
        for persoon_id, niveaus in per_persoon.items()
    }


def trajecten_overzicht(
    *, coach: User, trajecten: list[Coachtraject], vandaag: date | None = None
) -> list[TrajectOverzicht]:
    """Per trajectory of ``coach`` (coachees prefetched) and per coachee: the 70-20-10 mix
    of the entries shared with the coach in the last three months, the entries awaiting
    feedback, the overdue open action points and the latest competence levels.

    Only an active trajectory opens what coachees share (``policies.DEELT_IN``): for any
    other the counts of entries and levels stay empty. Five queries in all."""
    vandaag = vandaag or timezone.localdate()
    van = maanden_terug(vandaag, MIX_MAANDEN)
    eigen = [t for t in trajecten if t.coach_id == coach.pk]
    delend = {c.pk for t in eigen if t.status in DEELT_IN for c in t.coachees.all()}
    zichtbaar = leerervaringen_zichtbaar(coach)
    mixrijen = _mixrijen(zichtbaar, delend, van, vandaag) if delend else {}
    wachtend = _wacht_op_feedback(zichtbaar, delend) if delend else {}
    niveaus = laatste_niveaus(delend) if delend else {}

    achterstallig: dict[tuple[int, int | None], int] = {}
    lopend = [t.pk for t in eigen if t.status not in AFGELOPEN]
    if lopend:
        for traject_id, eigenaar_id, aantal in (
            Actiepunt.objects.filter(
                gesprek__traject__in=lopend, afgerond_op__isnull=True, deadline__lt=vandaag
            )
            .order_by()
            .values("gesprek__traject", "eigenaar")
            .annotate(aantal=Count("pk"))
            .values_list("gesprek__traject", "eigenaar", "aantal")
        ):
            achterstallig[(traject_id, eigenaar_id)] = aantal

    overzichten = []
    for traject in eigen:
        deelt = traject.status in DEELT_IN
        regels = []
        alle_rijen: list[tuple[str, int, int]] = []
        for persoon in traject.coachees.all():
            rijen = mixrijen.get(persoon.pk, []) if deelt else []
            alle_rijen += rijen
            regels.append(
                CoacheeVoortgang(
                    persoon=persoon,
                    mix=mix(rijen),
                    gedeeld=sum(aantal for _bron, aantal, _minuten in rijen),
                    wacht_op_feedback=wachtend.get(persoon.pk, 0) if deelt else 0,
                    achterstallig=achterstallig.get((traject.pk, persoon.pk), 0),
                    niveaus=niveaus.get(persoon.pk, []) if deelt else [],
                )
            )
        overzichten.append(
            TrajectOverzicht(
                traject=traject,
                deelt=deelt,
                coachees=regels,
                team_mix=mix(alle_rijen) if traject.soort == Coachtraject.Soort.TEAM else None,
                achterstallig_team=achterstallig.get((traject.pk, None), 0),
            )
        )
    return overzichten


def adviseur_trajecten(coach: User) -> list[Coachtraject]:
    """The trajectories ``coach`` coaches, running ones first, coachees prefetched."""
    volgorde = {status: index for index, status in enumerate(Coachtraject.Status.values)}
    trajecten = list(
        Coachtraject.objects.filter(coach=coach)
        .select_related("opdrachtgever", "opgave")
        .prefetch_related(Prefetch("coachees", queryset=_personen()))
        .order_by("-start", "pk")
    )
    return sorted(trajecten, key=lambda t: (t.status in AFGELOPEN, volgorde[t.status]))


# --- The opdrachtgever's summary --------------------------------------------------------


@dataclass
class Samenvatting:
    """What the agreement shares with the opdrachtgever: counts and levels, no content."""

    van: date
    tot: date
    coachees: list[CoacheeVoortgang]


def voortgang_samenvatting(*, traject: Coachtraject, vandaag: date | None = None) -> Samenvatting:
    """Per coachee: the 70-20-10 mix (counts only) of what they shared with the coach in the
    last three months, and their latest competence levels. Empty unless the trajectory is
    active; the caller shows it only when ``traject.deelt_voortgang``. Never entries, notes
    or action points."""
    vandaag = vandaag or timezone.localdate()
    van = maanden_terug(vandaag, MIX_MAANDEN)
    coachees = list(traject.coachees.all())
    deelt = traject.status in DEELT_IN
    ids = [c.pk for c in coachees] if deelt else []
    rijen = _mixrijen(leerervaringen_zichtbaar(traject.coach), ids, van, vandaag) if ids else {}
    niveaus = laatste_niveaus(ids) if ids else {}
    return Samenvatting(
        van=van,
        tot=vandaag,
        coachees=[
            CoacheeVoortgang(
                persoon=persoon,
                mix=mix(rijen.get(persoon.pk, [])),
                gedeeld=sum(a for _b, a, _m in rijen.get(persoon.pk, [])),
                niveaus=niveaus.get(persoon.pk, []),
            )
            for persoon in coachees
        ],
    )


# --- The coachee page -------------------------------------------------------------------


@dataclass
class CoacheeDossier:
    persoon: User
    deelt: bool  # the coach coaches this person in an active trajectory
    van: date
    tot: date
    maanden: int
    mix: list[Mixregel]
    ervaringen: QuerySet[Leerervaring]  # paginated by the view
    niveaus: list[Niveau]
    metingen: list[Voortgangsmeting]  # oldest first


def coachee_dossier(
    *, coach: User, coachee: User, deelt: bool, maanden: int = MIX_MAANDEN, vandaag=None
) -> CoacheeDossier:
    """What ``coach`` reads of ``coachee``: the entries visible to the coach
    (``leerervaringen_zichtbaar(coach).filter(auteur=coachee)``), their mix over
    ``maanden`` months, and, when ``deelt`` (``is_coach_van``), the competence levels."""
    vandaag = vandaag or timezone.localdate()
    van = maanden_terug(vandaag, maanden)
    zichtbaar = leerervaringen_zichtbaar(coach).filter(auteur=coachee)
    rijen = _mixrijen(zichtbaar, [coachee.pk], van, vandaag).get(coachee.pk, [])
    ervaringen = (
        zichtbaar.annotate(
            n_feedback=Count("feedback", distinct=True),
        )
        .prefetch_related("competenties")
        .order_by("-datum", "-pk")
    )
    metingen: list[Voortgangsmeting] = []
    niveaus: list[Niveau] = []
    if deelt:
        metingen = list(
            Voortgangsmeting.objects.filter(persoon=coachee)
            .select_related("competentie")
            .order_by("datum", "pk")
        )
        laatste: dict[int, Niveau] = {}
        for meting in metingen:
            niveau = laatste.setdefault(meting.competentie_id, Niveau(meting.competentie))
            if meting.door == Voortgangsmeting.Door.ZELF:
                niveau.zelf = meting
            else:
                niveau.coach = meting
        niveaus = sorted(
            laatste.values(), key=lambda n: (n.competentie.volgorde, n.competentie.naam)
        )
    return CoacheeDossier(
        persoon=coachee,
        deelt=deelt,
        van=van,
        tot=vandaag,
        maanden=maanden,
        mix=mix(rijen),
        ervaringen=ervaringen,
        niveaus=niveaus,
        metingen=metingen,
    )
