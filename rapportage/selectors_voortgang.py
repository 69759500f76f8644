"""The data of the progress report (voortgangsrapportage) of one opgave.

One function per section, so the builder can report progress between them. Each
runs a fixed number of queries, however many actions, inputs or participants the
opgave has: counts are aggregates in SQL (an opgave with 5,000 inputs loads none of
them), and lists come with what they show in the same query.

The sections answer the council's three questions: what did we want to achieve
(goals with their status and indicators), what did we do (actions, decisions,
participation), what did it cost (the pot, per partner). Residents appear only as
numbers: the report names no one who took part.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from opgaven.models import Actie, Betrokkenheid, PlanVanAanpak
from opgaven.selectors import faseovergangen_van
from opgaven.selectors.besluiten import besluiten_van
from opgaven.selectors.doelen import Doelenboom, DoelKnoop, doelenboom
from opgaven.selectors.krachtenveld import HOUDINGEN, betrokkenheden_van, kwadrant_van
from rapportage.models import Doelstatus
from rapportage.selectors_doelstatus import laatste_statussen

if TYPE_CHECKING:
    from opgaven.models import Besluit, FaseOvergang, Opgave


# --- Phase -----------------------------------------------------------------------------


def fasegeschiedenis(*, opgave: Opgave) -> list[FaseOvergang]:
    """The opgave's phase changes, oldest first (one query)."""
    return list(faseovergangen_van(opgave=opgave).order_by("op", "pk"))


# --- What did we want to achieve: goals with their status -------------------------------


@dataclass
class DoelRegel:
    knoop: DoelKnoop
    status: Doelstatus | None


@dataclass
class Doelen:
    boom: Doelenboom
    regels: list[DoelRegel]  # every goal, in the order of the tree

    @property
    def per_kleur(self) -> list[tuple[str, str, int]]:
        """``(kleur, label, aantal)`` for each colour, and the goals without a status."""
        tellen: dict[str | None, int] = defaultdict(int)
        for regel in self.regels:
            tellen[regel.status.kleur if regel.status else None] += 1
        rijen = [
            (kleur.value, str(kleur.label), tellen[kleur.value])
            for kleur in (Doelstatus.Kleur.ROOD, Doelstatus.Kleur.ORANJE, Doelstatus.Kleur.GROEN)
        ]
        return [*rijen, ("geen", "", tellen[None])]


def doelen_met_status(*, opgave: Opgave) -> Doelen:
    """The goal tree with indicators and measurements, and each goal's current status.
    Two queries."""
    boom = doelenboom(opgave=opgave)
    statussen = laatste_statussen(opgave=opgave)
    regels = [DoelRegel(knoop, statussen.get(knoop.pk)) for knoop in boom.in_volgorde()]
    return Doelen(boom=boom, regels=regels)


# --- What did we do: actions ----------------------------------------------------------


@dataclass(frozen=True)
class ActieRegel:
    titel: str
    status: str
    status_label: str
    trekker: str
    doel: str | None
    start: date | None
    eind: date | None


@dataclass
class Acties:
    plan: PlanVanAanpak | None  # the newest version: the one whose actions still change
    per_status: list[tuple[str, str, int]]  # (status, label, aantal), in the order of Status
    regels: list[ActieRegel]  # by status, then end date

    @property
    def totaal(self) -> int:
        return sum(aantal for _status, _label, aantal in self.per_status)


_STATUS_VOLGORDE = {status: index for index, status in enumerate(Actie.Status.values)}


def acties_van_opgave(*, opgave: Opgave) -> Acties:
    """The actions of the newest version of the opgave's plan: counted per status (an
    aggregate) and listed with their lead and goal. Three queries, whatever their number.

    A new version of the plan copies the actions, so older versions are left out:
    they would count every action twice.
    """
    plan = PlanVanAanpak.objects.filter(opgave=opgave).order_by("-versie").first()
    if plan is None:
        return Acties(plan=None, per_status=[], regels=[])
    acties = Actie.objects.filter(opgave=opgave, plan=plan)
    tellingen = dict(acties.order_by().values_list("status").annotate(aantal=Count("pk")))
    per_status = [
        (status.value, str(status.label), tellingen.get(status.value, 0)) for status in Actie.Status
    ]
    labels = dict(Actie.Status.choices)
    regels = [
        ActieRegel(
            titel=titel,
            status=status,
            status_label=str(labels.get(status, status)),
            trekker=trekker,
            doel=doel,
            start=start,
            eind=eind,
        )
        for titel, status, trekker, doel, start, eind in acties.values_list(
            "titel", "status", "trekker__naam", "doel__titel", "start", "eind"
        ).order_by("eind", "pk")
    ]
    # Python's sort is stable: by status, and within a status by end date (empty last).
    regels.sort(key=lambda r: (_STATUS_VOLGORDE.get(r.status, 99), r.eind is None))
    return Acties(plan=plan, per_status=per_status, regels=regels)


def besluiten(*, opgave: Opgave) -> list[Besluit]:
    """The opgave's decisions, newest first (one query)."""
    return list(besluiten_van(opgave=opgave))


# --- What did we do: participation ---------------------------------------------------


@dataclass(frozen=True)
class RondeRegel:
    titel: str
    status: str
    status_label: str
    trede_label: str
    start: date
    eind: date
    deelnemers: int
    inbreng: int
    teruggekoppeld: int  # inputs with feedback (what was done with it, and why)

    @property
    def zonder_terugkoppeling(self) -> int:
        return self.inbreng - self.teruggekoppeld


@dataclass
class Participatie:
    rondes: list[RondeRegel]

    @property
    def deelnemers(self) -> int:
        return sum(r.deelnemers for r in self.rondes)

    @property
    def inbreng(self) -> int:
        return sum(r.inbreng for r in self.rondes)

    @property
    def teruggekoppeld(self) -> int:
        return sum(r.teruggekoppeld for r in self.rondes)


def _aantal(queryset, veld: str = "ronde") -> Coalesce:
    """The number of rows of ``queryset`` per outer round, as a scalar subquery."""
    telling = queryset.order_by().values(veld).annotate(aantal=Count("pk")).values("aantal")
    return Coalesce(Subquery(telling, output_field=IntegerField()), 0)


def participatie_van(*, opgave: Opgave) -> Participatie:
    """The opgave's participation rounds with their numbers: participants, inputs (not
    hidden by a moderator) and inputs with feedback. One query; only counts, no names."""
    from participatie.models import Deelname, Inbreng, Ronde, Trede

    zichtbaar = Inbreng.objects.filter(ronde=OuterRef("pk"), verborgen_op__isnull=True)
    rondes = (
        Ronde.objects.filter(opgave=opgave)
        .annotate(
            aantal_deelnemers=_aantal(Deelname.objects.filter(ronde=OuterRef("pk"))),
            aantal_inbreng=_aantal(zichtbaar),
            aantal_teruggekoppeld=_aantal(zichtbaar.filter(terugkoppeling__isnull=False)),
        )
        .order_by("start", "pk")
        .values_list(
            "titel",
            "status",
            "trede",
            "start",
            "eind",
            "aantal_deelnemers",
            "aantal_inbreng",
            "aantal_teruggekoppeld",
        )
    )
    statussen = dict(Ronde.Status.choices)
    treden = dict(Trede.choices)
    return Participatie(
        rondes=[
            RondeRegel(
                titel=titel,
                status=status,
                status_label=str(statussen.get(status, status)),
                trede_label=str(treden.get(trede, trede)),
                start=start,
                eind=eind,
                deelnemers=deelnemers,
                inbreng=inbreng,
                teruggekoppeld=teruggekoppeld,
            )
            for titel, status, trede, start, eind, deelnemers, inbreng, teruggekoppeld in rondes
        ]
    )


# --- What did it cost: the pot, per partner -------------------------------------------


@dataclass(frozen=True)
class PartnerGeld:
    """One organisation's money in the pot: what it contributes (not withdrawn), of which
    received, and what the pot holds for and spent on the actions it leads."""

    naam: str
    bijgedragen: Decimal
    ontvangen: Decimal
    toegewezen: Decimal
    besteed: Decimal


@dataclass
class Budget:
    pot: object  # budget.models.Budgetpot
    overzicht: object  # budget.selectors.PotOverzicht
    partners: list[PartnerGeld] = field(default_factory=list)

    @property
    def bijgedragen(self) -> Decimal:
        return sum((p.bijgedragen for p in self.partners), Decimal(0))

    @property
    def ontvangen(self) -> Decimal:
        return sum((p.ontvangen for p in self.partners), Decimal(0))

    @property
    def toegewezen(self) -> Decimal:
        return sum((p.toegewezen for p in self.partners), Decimal(0))

    @property
    def besteed(self) -> Decimal:
        return sum((p.besteed for p in self.partners), Decimal(0))


def budget_van(*, opgave: Opgave) -> Budget | None:
    """The opgave's pot per partner, from ``budget.selectors.pot_overzicht``; ``None``
    without a pot. Four queries: the pot, its overview (two), and the leads of the
    actions it funds."""
    from budget.selectors import pot_overzicht, pot_van

    pot = pot_van(opgave)
    if pot is None:
        return None
    overzicht = pot_overzicht(pot)
    nul = Decimal(0)
    rijen: dict[str, dict[str, Decimal]] = {}

    def rij(naam: str) -> dict[str, Decimal]:
        return rijen.setdefault(naam, dict.fromkeys(("bij", "ont", "toe", "bes"), nul))

    for partner in overzicht.partners:
        rij(partner.naam)["bij"] += partner.totaal
        rij(partner.naam)["ont"] += partner.ontvangen
    trekkers = dict(
        Actie.objects.filter(pk__in=[a.actie_id for a in overzicht.acties]).values_list(
            "pk", "trekker__naam"
        )
    )
    for actie in overzicht.acties:
        naam = trekkers.get(actie.actie_id, "")
        rij(naam)["toe"] += actie.toegewezen
        rij(naam)["bes"] += actie.besteed
    partners = sorted(
        (
            PartnerGeld(
                naam=naam,
                bijgedragen=r["bij"],
                ontvangen=r["ont"],
                toegewezen=r["toe"],
                besteed=r["bes"],
            )
            for naam, r in rijen.items()
        ),
        key=lambda p: (-p.bijgedragen, -p.toegewezen, p.naam.lower()),
    )
    return Budget(pot=pot, overzicht=overzicht, partners=partners)


# --- The field of forces: power x attitude ---------------------------------------------


@dataclass(frozen=True)
class KrachtRegel:
    naam: str
    aard: str
    invloed: int | None
    belang: int | None
    houding: int | None
    houding_label: str
    kwadrant: str
    datum: date | None


@dataclass
class Krachtenveld:
    kolommen: list[tuple[int, str]]  # attitude from -2 to +2, with its label
    rijen: list[tuple[int, list[list[str]]]]  # power from 5 to 1, the names per attitude
    regels: list[KrachtRegel]  # every organisation, by name; without a position too

    @property
    def met_positie(self) -> int:
        return sum(1 for r in self.regels if r.invloed is not None)


def krachtenveld_van(*, opgave: Opgave) -> Krachtenveld:
    """Every involved organisation placed by its latest position on a grid of power
    (rows, 5 at the top) by attitude (columns, against to in favour). One query."""
    betrokkenheden = betrokkenheden_van(opgave=opgave)
    houdingen = sorted(HOUDINGEN)
    cellen: dict[tuple[int, int], list[str]] = defaultdict(list)
    aarden = dict(Betrokkenheid.Aard.choices)
    regels = []
    for betrokkenheid in betrokkenheden:
        naam = betrokkenheid.organisatie.naam
        aard = str(aarden.get(betrokkenheid.aard, betrokkenheid.aard))
        if not betrokkenheid.tijdlijn:
            regels.append(KrachtRegel(naam, aard, None, None, None, "", "", None))
            continue
        positie = betrokkenheid.tijdlijn[-1]
        cellen[(positie.invloed, positie.houding)].append(naam)
        regels.append(
            KrachtRegel(
                naam=naam,
                aard=aard,
                invloed=positie.invloed,
                belang=positie.belang,
                houding=positie.houding,
                houding_label=f"{HOUDINGEN[positie.houding].teken} "
                f"({HOUDINGEN[positie.houding].label})",
                kwadrant=str(kwadrant_van(invloed=positie.invloed, belang=positie.belang).label),
                datum=positie.datum,
            )
        )
    return Krachtenveld(
        kolommen=[(h, f"{HOUDINGEN[h].teken} {HOUDINGEN[h].label}") for h in houdingen],
        rijen=[
            (invloed, [cellen.get((invloed, h), []) for h in houdingen])
            for invloed in range(5, 0, -1)
        ],
        regels=regels,
    )
