"""What the leerrapport of a coaching trajectory holds (issue 9 point 5). (Helper "exports".)

Only what the three-way agreement allows to share, as the opdrachtgever's progress
summary does (``leren.selectors_coaching.voortgang_samenvatting``): counts, the
70-20-10 mix and competence levels. Never an entry's title or reflection, a note of
a conversation (shared or private), the text of feedback or of an action point, nor
the explanation with an assessment: those fields are not even read (``values``).

The confidentiality rules of ``leren.selectors`` decide what counts:

- entries are counted from ``leerervaringen_zichtbaar(coach)``: what the coachees
  shared with their coach (or team), never an entry they kept private (not even as
  a number);
- only an active trajectory opens what coachees share (``leren.policies.DEELT_IN``);
  for any other the report says so and shows no mix and no levels;
- competence levels are read only for the coachees of this active trajectory (the
  rule of ``leren.selectors_coaching.laatste_niveaus``).

The goals are part of the trajectory page every reader of the report sees (the
coach, the coachees, and the opdrachtgever, who reads the goals and the agreement
whatever ``deelt_voortgang`` says); the agreement's text is shown with them.

Four queries in all, however many coachees, entries or assessments.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Sum
from django.utils import timezone

from leren.models import Coachtraject, Voortgangsmeting
from leren.policies import Mixregel, mix, traject_deelt
from leren.selectors import leerervaringen_zichtbaar

if TYPE_CHECKING:
    from accounts.models import User


@dataclass
class Niveauverloop:
    """The levels of one competence in the period: the first and the last assessment,
    by the person themselves and by a coach (``None``: none in the period)."""

    competentie: str
    volgorde: tuple[int, str]
    zelf_eerste: int | None = None
    zelf_laatste: int | None = None
    coach_eerste: int | None = None
    coach_laatste: int | None = None
    aantal: int = 0  # assessments in the period


@dataclass
class CoacheeLeren:
    persoon: User
    mix: list[Mixregel]
    niveaus: list[Niveauverloop] = field(default_factory=list)
    mix_grafiek: str = ""  # data: URIs, set by the builder
    niveau_grafiek: str = ""

    @property
    def aantal(self) -> int:
        return sum(regel.aantal for regel in self.mix)

    @property
    def minuten(self) -> int:
        return sum(regel.minuten for regel in self.mix)


@dataclass
class Leerbeeld:
    traject: Coachtraject
    van: date
    tot: date
    deelt: bool  # active: what the coachees share is open to the coach, and to this report
    coachees: list[CoacheeLeren]
    team_mix: list[Mixregel] | None = None  # a team trajectory: everyone together


def periode(traject: Coachtraject, *, van: date | None, tot: date | None, vandaag: date):
    """The report's period: the one asked for, else the trajectory's, up to today."""
    begin = van or traject.start
    eind = tot or min(traject.eind or vandaag, vandaag)
    return begin, max(eind, begin)


def leerbeeld(
    *,
    traject_id: int,
    van: date | None = None,
    tot: date | None = None,
    vandaag: date | None = None,
) -> Leerbeeld:
    """The trajectory with its coachees, and per coachee the 70-20-10 mix (by number and
    by time) of the entries they shared with the coach in the period and their levels
    per competence (first and last, self and coach). Four queries."""
    vandaag = vandaag or timezone.localdate()
    personen = get_user_model().objects.only("pk", "weergavenaam", "email")
    traject = (
        Coachtraject.objects.select_related("coach", "opdrachtgever", "opgave")
        .prefetch_related(Prefetch("coachees", queryset=personen.order_by("weergavenaam", "email")))
        .get(pk=traject_id)
    )
    begin, eind = periode(traject, van=van, tot=tot, vandaag=vandaag)
    coachees = list(traject.coachees.all())
    deelt = traject_deelt(traject)
    ids = [c.pk for c in coachees] if deelt else []

    mixrijen: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    niveaus: dict[int, dict[int, Niveauverloop]] = defaultdict(dict)
    if ids:
        for auteur, bron, aantal, minuten in (
            leerervaringen_zichtbaar(traject.coach)
            .filter(auteur__in=ids, datum__gte=begin, datum__lte=eind)
            .order_by()
            .values("auteur", "bron")
            .annotate(aantal=Count("pk"), minuten=Sum("duur_minuten"))
            .values_list("auteur", "bron", "aantal", "minuten")
        ):
            mixrijen[auteur].append((bron, aantal, minuten or 0))
        for persoon_id, competentie_id, naam, volgorde, door, niveau in (
            Voortgangsmeting.objects.filter(persoon__in=ids, datum__gte=begin, datum__lte=eind)
            .order_by("persoon_id", "competentie_id", "datum", "pk")
            .values_list(
                "persoon_id",
                "competentie_id",
                "competentie__naam",
                "competentie__volgorde",
                "door",
                "niveau",
            )
        ):
            verloop = niveaus[persoon_id].setdefault(
                competentie_id, Niveauverloop(competentie=naam, volgorde=(volgorde, naam))
            )
            verloop.aantal += 1
            if door == Voortgangsmeting.Door.ZELF:
                verloop.zelf_eerste = verloop.zelf_eerste or niveau
                verloop.zelf_laatste = niveau
            else:
                verloop.coach_eerste = verloop.coach_eerste or niveau
                verloop.coach_laatste = niveau

    regels = [
        CoacheeLeren(
            persoon=persoon,
            mix=mix(mixrijen.get(persoon.pk, [])),
            niveaus=sorted(niveaus.get(persoon.pk, {}).values(), key=lambda n: n.volgorde),
        )
        for persoon in coachees
    ]
    team_mix = None
    if traject.soort == Coachtraject.Soort.TEAM:
        team_mix = mix(rij for rijen in mixrijen.values() for rij in rijen)
    return Leerbeeld(
        traject=traject, van=begin, tot=eind, deelt=deelt, coachees=regels, team_mix=team_mix
    )
