"""The numbers of a budgetverantwoording (issue 9 point 4): one pot, one period.

Definitions (the report explains them to its readers too):

- **begroot** (budgeted) of an action: the amounts of its allocations the funders
  approved (``Toewijzing.bedrag`` with status approved or spent), as they stand when
  the report is made. Proposed, rejected and withdrawn allocations do not count.
- **gerealiseerd** (realised) of an action: its expenses (``Uitgave``) dated within
  the period.
- **afwijking** (difference): gerealiseerd - begroot, and as a percentage of begroot.
- per **partner**, within the period: what it pledged, what the fund holder received
  and what was withdrawn (the ledger's contribution events, by the moment they were
  recorded). Its begroot is pledged - withdrawn, its gerealiseerd what was received.
- the **cofinancing** split: the contributions that count (pledged or received, not
  withdrawn) at the end of the period, per partner and kind, with each one's share.

The period is the report's ``periode_van``/``periode_tot``; an empty end is the pot's
own ``begin``/``eind``.

``budgetverantwoording()`` reads everything but the ledger in four queries,
whatever the number of actions, partners or expenses; the ledger appendix
(``grootboek_in_periode``) is a queryset to iterate in chunks.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from budget.exports import boekingen_voor_export
from budget.models import Bijdrage, Boeking, Budgetpot, Toewijzing, Uitgave
from budget.selectors import ActieBedragen, PartnerBijdragen

NUL = Decimal(0)
HONDERD = Decimal(100)
BEGROOT = (Toewijzing.Status.GOEDGEKEURD, Toewijzing.Status.BESTEED)
BIJDRAGE_BOEKINGEN = (
    Boeking.Soort.BIJDRAGE_TOEGEZEGD,
    Boeking.Soort.BIJDRAGE_ONTVANGEN,
    Boeking.Soort.BIJDRAGE_INGETROKKEN,
)


def _som(bedragen) -> Decimal:
    return sum(bedragen, NUL)


def _procent(deel: Decimal, geheel: Decimal) -> Decimal | None:
    """``deel`` as a percentage of ``geheel`` (one decimal), ``None`` when that is zero."""
    if not geheel:
        return None
    return (deel * HONDERD / geheel).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Periode:
    van: date
    tot: date
    gekozen: bool  # the requester chose (part of) it; otherwise the pot's own period

    @property
    def begin(self) -> datetime:
        """The first moment of the period, in the site's time zone."""
        return timezone.make_aware(datetime.combine(self.van, time.min))

    @property
    def einde(self) -> datetime:
        """The first moment after the period."""
        return timezone.make_aware(datetime.combine(self.tot + timedelta(days=1), time.min))


def periode_van(pot: Budgetpot, van: date | None, tot: date | None) -> Periode:
    return Periode(van=van or pot.begin, tot=tot or pot.eind, gekozen=bool(van or tot))


@dataclass(frozen=True)
class ActieVerantwoording:
    actie_id: int
    titel: str
    begroot: Decimal
    gerealiseerd: Decimal

    @property
    def afwijking(self) -> Decimal:
        return self.gerealiseerd - self.begroot

    @property
    def afwijking_procent(self) -> Decimal | None:
        return _procent(self.afwijking, self.begroot)


@dataclass(frozen=True)
class PartnerVerantwoording:
    """One partner's contributions within the period."""

    organisatie_id: int
    naam: str
    toegezegd: Decimal
    ingetrokken: Decimal
    ontvangen: Decimal

    @property
    def begroot(self) -> Decimal:
        return self.toegezegd - self.ingetrokken

    @property
    def gerealiseerd(self) -> Decimal:
        return self.ontvangen

    @property
    def afwijking(self) -> Decimal:
        return self.gerealiseerd - self.begroot

    @property
    def afwijking_procent(self) -> Decimal | None:
        return _procent(self.afwijking, self.begroot)


@dataclass(frozen=True)
class Cofinanciering:
    """The contributions that count at the end of the period, per partner and kind."""

    partners: list[PartnerBijdragen]

    @property
    def totaal(self) -> Decimal:
        return _som(rij.totaal for rij in self.partners)

    @property
    def per_soort(self) -> dict[str, Decimal]:
        return {
            soort: _som(getattr(rij, soort) for rij in self.partners)
            for soort in Bijdrage.Soort.values
        }

    @property
    def aandeel_per_soort(self) -> dict[str, Decimal | None]:
        return {soort: _procent(bedrag, self.totaal) for soort, bedrag in self.per_soort.items()}

    def aandeel(self, rij: PartnerBijdragen) -> Decimal | None:
        """The partner's share of the total, in percent."""
        return _procent(rij.totaal, self.totaal)

    @property
    def rijen(self) -> list[tuple[PartnerBijdragen, Decimal | None]]:
        return [(rij, self.aandeel(rij)) for rij in self.partners]


@dataclass(frozen=True)
class Budgetverantwoording:
    pot: Budgetpot
    periode: Periode
    acties: list[ActieVerantwoording]
    partners: list[PartnerVerantwoording]
    cofinanciering: Cofinanciering
    besteed_buiten_periode: Decimal  # expenses on these allocations dated outside the period
    aantal_boekingen: int  # ledger entries within the period

    @property
    def begroot(self) -> Decimal:
        return _som(rij.begroot for rij in self.acties)

    @property
    def gerealiseerd(self) -> Decimal:
        return _som(rij.gerealiseerd for rij in self.acties)

    @property
    def afwijking(self) -> Decimal:
        return self.gerealiseerd - self.begroot

    @property
    def afwijking_procent(self) -> Decimal | None:
        return _procent(self.afwijking, self.begroot)

    @property
    def partners_toegezegd(self) -> Decimal:
        return _som(rij.toegezegd for rij in self.partners)

    @property
    def partners_ingetrokken(self) -> Decimal:
        return _som(rij.ingetrokken for rij in self.partners)

    @property
    def partners_begroot(self) -> Decimal:
        return _som(rij.begroot for rij in self.partners)

    @property
    def partners_ontvangen(self) -> Decimal:
        return _som(rij.ontvangen for rij in self.partners)

    @property
    def partners_afwijking(self) -> Decimal:
        return self.partners_ontvangen - self.partners_begroot

    @property
    def leeg(self) -> bool:
        """Nothing happened in the period: no expense, no contribution, no ledger entry."""
        return not (self.gerealiseerd or self.partners or self.aantal_boekingen)

    def actie_bedragen(self) -> list[ActieBedragen]:
        """The actions as ``budget.selectors.ActieBedragen``, for ``budget.grafieken``:
        allocated = begroot, spent = gerealiseerd."""
        return [
            ActieBedragen(
                actie_id=rij.actie_id,
                titel=rij.titel,
                toegewezen=rij.begroot,
                voorgesteld=NUL,
                besteed=rij.gerealiseerd,
            )
            for rij in self.acties
        ]


def budgetverantwoording(
    pot: Budgetpot, *, van: date | None = None, tot: date | None = None
) -> Budgetverantwoording:
    """The pot's accountability numbers for the period (``None``: the pot's own
    ``begin``/``eind``). Four queries."""
    periode = periode_van(pot, van, tot)
    acties, buiten = _acties(pot, periode)
    partners, cofinanciering = _bijdragen(pot, periode)
    return Budgetverantwoording(
        pot=pot,
        periode=periode,
        acties=acties,
        partners=partners,
        cofinanciering=cofinanciering,
        besteed_buiten_periode=buiten,
        aantal_boekingen=grootboek_in_periode(pot, periode).count(),
    )


def _acties(pot: Budgetpot, periode: Periode) -> tuple[list[ActieVerantwoording], Decimal]:
    """Begroot and gerealiseerd per action: two queries."""
    per_actie: dict[int, dict] = {}

    def actie(actie_id: int, titel: str) -> dict:
        return per_actie.setdefault(
            actie_id,
            {"actie_id": actie_id, "titel": titel, "begroot": NUL, "gerealiseerd": NUL},
        )

    begroot = (
        Toewijzing.objects.filter(pot=pot, status__in=BEGROOT)
        .values("actie_id", "actie__titel")
        .annotate(som=Sum("bedrag"))
        .order_by()
    )
    for rij in begroot:
        actie(rij["actie_id"], rij["actie__titel"])["begroot"] += rij["som"]

    in_periode = Q(datum__gte=periode.van, datum__lte=periode.tot)
    uitgaven = (
        Uitgave.objects.filter(toewijzing__pot=pot)
        .values("toewijzing__actie_id", "toewijzing__actie__titel")
        .annotate(
            binnen=Sum("bedrag", filter=in_periode, default=NUL),
            buiten=Sum("bedrag", filter=~in_periode, default=NUL),
        )
        .order_by()
    )
    buiten = NUL
    for rij in uitgaven:
        buiten += rij["buiten"]
        if rij["binnen"]:
            actie(rij["toewijzing__actie_id"], rij["toewijzing__actie__titel"])["gerealiseerd"] += (
                rij["binnen"]
            )
    rijen = sorted(
        (ActieVerantwoording(**velden) for velden in per_actie.values()),
        key=lambda rij: (-rij.begroot, -rij.gerealiseerd, rij.titel.lower()),
    )
    return rijen, buiten


def _bijdragen(
    pot: Budgetpot, periode: Periode
) -> tuple[list[PartnerVerantwoording], Cofinanciering]:
    """The contribution events up to the end of the period, per contribution: one query.

    Within the period they give each partner's pledged/received/withdrawn; up to its
    end they tell which contributions still count (pledged, not withdrawn), and which
    of those were received."""
    rijen = (
        Boeking.objects.filter(pot=pot, soort__in=BIJDRAGE_BOEKINGEN, op__lt=periode.einde)
        .values("bijdrage_id", "bijdrage__soort", "organisatie_id", "organisatie__naam", "soort")
        .annotate(
            binnen=Sum("bedrag", filter=Q(op__gte=periode.begin), default=NUL),
            tot_einde=Sum("bedrag"),
        )
        .order_by()
    )
    namen: dict[int, str] = {}
    stromen: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    per_bijdrage: dict[int, dict] = {}
    for rij in rijen:
        org = rij["organisatie_id"]
        namen[org] = rij["organisatie__naam"]
        if rij["binnen"]:
            stromen[org][rij["soort"]] += rij["binnen"]
        bijdrage = per_bijdrage.setdefault(
            rij["bijdrage_id"], {"organisatie_id": org, "kind": rij["bijdrage__soort"]}
        )
        bijdrage[rij["soort"]] = rij["tot_einde"]

    partners = sorted(
        (
            PartnerVerantwoording(
                organisatie_id=org,
                naam=namen[org],
                toegezegd=bedragen[Boeking.Soort.BIJDRAGE_TOEGEZEGD],
                ingetrokken=bedragen[Boeking.Soort.BIJDRAGE_INGETROKKEN],
                ontvangen=bedragen[Boeking.Soort.BIJDRAGE_ONTVANGEN],
            )
            for org, bedragen in stromen.items()
        ),
        key=lambda rij: (-rij.toegezegd, -rij.ontvangen, rij.naam.lower()),
    )

    stand: dict[int, dict] = {}
    for bijdrage in per_bijdrage.values():
        waarde = bijdrage.get(Boeking.Soort.BIJDRAGE_TOEGEZEGD)
        if not waarde or Boeking.Soort.BIJDRAGE_INGETROKKEN in bijdrage:
            continue  # not pledged yet, or withdrawn by the end of the period
        org = bijdrage["organisatie_id"]
        partner = stand.setdefault(
            org,
            {
                "organisatie_id": org,
                "naam": namen[org],
                "ontvangen": NUL,
                **dict.fromkeys(Bijdrage.Soort.values, NUL),
            },
        )
        partner[bijdrage["kind"]] += waarde
        if Boeking.Soort.BIJDRAGE_ONTVANGEN in bijdrage:
            partner["ontvangen"] += waarde
    cofinanciering = Cofinanciering(
        partners=sorted(
            (PartnerBijdragen(**velden) for velden in stand.values()),
            key=lambda rij: (-rij.totaal, rij.naam.lower()),
        )
    )
    return partners, cofinanciering


def grootboek_in_periode(pot: Budgetpot, periode: Periode) -> QuerySet[Boeking]:
    """The pot's ledger entries recorded within the period, oldest first, with who and
    which organisation (``budget.exports``). Iterate it with ``.iterator(chunk_size=...)``."""
    return boekingen_voor_export(pot).filter(op__gte=periode.begin, op__lt=periode.einde)
