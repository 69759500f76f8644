"""Reads of the learner's own pages: the timeline, the dashboard, development plans and
progress. (Helper "ervaringen".)

Everything here belongs to the user who asks: the entries they wrote, their plans and
goals, their action points and the assessments of their competences. Another user's row
is a 404 (``Http404``), never a 403 that confirms it exists. Reading an entry someone
shared goes through ``leren.selectors.leerervaring_get`` (the confidentiality rules).

Each function needs a fixed number of queries, however many rows it returns.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Avg, Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from leren.models import (
    Actiepunt,
    Competentie,
    Feedback,
    Leerervaring,
    Ontwikkeldoel,
    Ontwikkelplan,
    Voortgangsmeting,
)
from leren.policies import Mixregel, mix
from opgaven.models import Opgave
from opgaven.selectors import opgaven_visible_to

if TYPE_CHECKING:
    from accounts.models import User

# The periods of the 70-20-10 mix on the dashboard, in months.
PERIODES = (3, 6, 12)
STANDAARD_PERIODE = 6


def maanden_terug(vandaag: date, maanden: int) -> date:
    """The same day ``maanden`` calendar months before ``vandaag`` (31 May - 3 months is
    28 or 29 February)."""
    maand_index = vandaag.year * 12 + vandaag.month - 1 - maanden
    jaar, maand = divmod(maand_index, 12)
    maand += 1
    dag = min(vandaag.day, calendar.monthrange(jaar, maand)[1])
    return date(jaar, maand, dag)


# --- The timeline ---------------------------------------------------------------------------


def tijdlijn(
    *,
    user: User,
    bron: str = "",
    competentie: Competentie | None = None,
    zichtbaarheid: str = "",
    van: date | None = None,
    tot: date | None = None,
) -> QuerySet[Leerervaring]:
    """The user's own entries, newest first, with their competences and how much feedback
    each has (``aantal_feedback``); filtered on what is given."""
    ervaringen = Leerervaring.objects.filter(auteur=user)
    if bron:
        ervaringen = ervaringen.filter(bron=bron)
    if competentie is not None:
        ervaringen = ervaringen.filter(competenties=competentie)
    if zichtbaarheid:
        ervaringen = ervaringen.filter(zichtbaarheid=zichtbaarheid)
    if van is not None:
        ervaringen = ervaringen.filter(datum__gte=van)
    if tot is not None:
        ervaringen = ervaringen.filter(datum__lte=tot)
    return (
        ervaringen.select_related("opgave")
        .prefetch_related(
            Prefetch("competenties", queryset=Competentie.objects.only("pk", "naam", "slug"))
        )
        .annotate(aantal_feedback=Count("feedback"))
        .order_by("-datum", "-pk")
    )


def feedback_bij(*, ervaring: Leerervaring) -> list[Feedback]:
    """The feedback thread of an entry the user may read, oldest first, with the coaches."""
    return list(ervaring.feedback.select_related("coach").order_by("aangemaakt_op", "pk"))


def opgave_zichtbaar(*, user: User, opgave_id: int | None) -> bool:
    """Whether ``user`` may see the opgave an entry links to (a coach may not see an
    internal opgave of their coachee: then its title is not shown)."""
    return opgave_id is not None and opgaven_visible_to(user).filter(pk=opgave_id).exists()


def opgaven_kiesbaar(*, user: User, huidig_id: int | None = None) -> QuerySet[Opgave]:
    """The opgaven an entry of ``user`` can link to: those they see that are not archived,
    plus the one it links to already."""
    zichtbaar = opgaven_visible_to(user).filter(gearchiveerd=False).values("pk")
    keuze = Q(pk__in=zichtbaar)
    if huidig_id is not None:
        keuze |= Q(pk=huidig_id)
    return Opgave.objects.filter(keuze).only("pk", "titel").order_by("titel", "pk")


def competenties_kiesbaar(*, huidig: list[int] | tuple[int, ...] = ()) -> QuerySet[Competentie]:
    """The active competences of the repertoire, plus the ones already chosen."""
    return Competentie.objects.filter(Q(actief=True) | Q(pk__in=list(huidig))).order_by(
        "volgorde", "naam"
    )


# --- The dashboard --------------------------------------------------------------------------


@dataclass(frozen=True)
class Mix:
    """The 70-20-10 mix of a period: one row per source, and the totals."""

    maanden: int
    sinds: date
    regels: list[Mixregel]

    @property
    def aantal(self) -> int:
        return sum(regel.aantal for regel in self.regels)

    @property
    def minuten(self) -> int:
        return sum(regel.minuten for regel in self.regels)


def mix_van(*, user: User, maanden: int, vandaag: date) -> Mix:
    """The mix of the entries of ``user`` dated in the last ``maanden`` months (one query)."""
    sinds = maanden_terug(vandaag, maanden)
    rijen = (
        Leerervaring.objects.filter(auteur=user, datum__gte=sinds, datum__lte=vandaag)
        .values("bron")
        .annotate(aantal=Count("pk"), minuten=Coalesce(Sum("duur_minuten"), 0))
        .order_by()
    )
    regels = mix((rij["bron"], rij["aantal"], rij["minuten"]) for rij in rijen)
    return Mix(maanden=maanden, sinds=sinds, regels=regels)


def recente_feedback(*, user: User, aantal: int = 5) -> list[Feedback]:
    """The latest feedback coaches gave on the user's entries."""
    return list(
        Feedback.objects.filter(leerervaring__auteur=user)
        .select_related("coach", "leerervaring")
        .order_by("-aangemaakt_op", "-pk")[:aantal]
    )


def actiepunt_van(*, user: User, pk: int) -> Actiepunt:
    """An action point of ``user`` (they are its owner), or ``Http404``."""
    return get_object_or_404(Actiepunt.objects.filter(eigenaar=user), pk=pk)


# --- Development plans ----------------------------------------------------------------------


def plannen_van(*, user: User) -> QuerySet[Ontwikkelplan]:
    """The user's development plans, newest first, with the number of goals and their
    average progress."""
    return (
        Ontwikkelplan.objects.filter(eigenaar=user)
        .annotate(aantal_doelen=Count("doelen"), gemiddelde_voortgang=Avg("doelen__voortgang"))
        .order_by("-van", "-pk")
    )


def plan_van(*, user: User, pk: int) -> Ontwikkelplan:
    """A development plan of ``user`` with its goals and competences, or ``Http404``."""
    plannen = Ontwikkelplan.objects.filter(eigenaar=user).prefetch_related(
        Prefetch("doelen", queryset=Ontwikkeldoel.objects.select_related("competentie")),
        "competenties",
    )
    return get_object_or_404(plannen, pk=pk)


def doel_van(*, user: User, pk: int) -> Ontwikkeldoel:
    """A goal of a development plan of ``user``, or ``Http404``."""
    doelen = Ontwikkeldoel.objects.filter(plan__eigenaar=user).select_related("plan", "competentie")
    return get_object_or_404(doelen, pk=pk)


# --- Progress per competence ----------------------------------------------------------------


@dataclass
class CompetentieVoortgang:
    """The assessments of one competence of a person, oldest first."""

    competentie: Competentie
    metingen: list[Voortgangsmeting] = field(default_factory=list)

    @property
    def laatste_zelf(self) -> Voortgangsmeting | None:
        zelf = [m for m in self.metingen if m.door == Voortgangsmeting.Door.ZELF]
        return zelf[-1] if zelf else None

    @property
    def laatste_coach(self) -> Voortgangsmeting | None:
        coach = [m for m in self.metingen if m.door == Voortgangsmeting.Door.COACH]
        return coach[-1] if coach else None


def voortgang_per_competentie(*, user: User) -> list[CompetentieVoortgang]:
    """Every assessment of ``user`` (by themselves and by their coach), grouped per
    competence in the order of the repertoire (one query)."""
    metingen = (
        Voortgangsmeting.objects.filter(persoon=user)
        .select_related("competentie", "beoordelaar")
        .order_by("competentie__volgorde", "competentie__naam", "datum", "pk")
    )
    groepen: dict[int, CompetentieVoortgang] = {}
    for meting in metingen:
        groep = groepen.setdefault(
            meting.competentie_id, CompetentieVoortgang(competentie=meting.competentie)
        )
        groep.metingen.append(meting)
    return list(groepen.values())
