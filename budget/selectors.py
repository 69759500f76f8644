"""Reads of the joint budget, for its pages, the partner portal and the reports."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from budget.models import Bijdrage, Boeking, Budgetpot, Toewijzing
from opgaven.models import Opgave


def pot_van(opgave: Opgave) -> Budgetpot | None:
    """The opgave's pot with its kassier, or ``None`` when it has none yet."""
    return Budgetpot.objects.select_related("kassier", "opgave").filter(opgave=opgave).first()


@dataclass(frozen=True)
class Controle:
    """The pot's totals three ways: as stored, recomputed from the rows, and
    replayed from the ledger. They agree, or something wrote around the services."""

    opgeslagen: tuple[Decimal, Decimal, Decimal]
    uit_rijen: tuple[Decimal, Decimal, Decimal]
    uit_grootboek: tuple[Decimal, Decimal, Decimal]
    grootboek_sluit: bool  # every row's totals follow from the one before it

    @property
    def klopt(self) -> bool:
        return self.grootboek_sluit and self.opgeslagen == self.uit_rijen == self.uit_grootboek


_BIJ = {Boeking.Soort.BIJDRAGE_TOEGEZEGD: 1, Boeking.Soort.BIJDRAGE_INGETROKKEN: -1}
_TOE = {
    Boeking.Soort.TOEWIJZING_VOORGESTELD: 1,
    Boeking.Soort.TOEWIJZING_AFGEWEZEN: -1,
    Boeking.Soort.TOEWIJZING_VERVALLEN: -1,
    Boeking.Soort.TOEWIJZING_AFGESLOTEN: -1,
}
_BES = {Boeking.Soort.UITGAVE: 1}


def pot_controleren(pot: Budgetpot) -> Controle:
    """Recompute the pot's totals (bijgedragen, toegewezen, besteed) from its rows
    and replay its ledger. Four queries."""
    pot = Budgetpot.objects.get(pk=pot.pk)
    nul = Decimal(0)
    bijgedragen = (
        pot.bijdragen.exclude(status=Bijdrage.Status.INGETROKKEN).aggregate(s=Sum("waarde"))["s"]
        or nul
    )
    toegewezen = nul
    besteed = nul
    for status, bedrag, uitgegeven in pot.toewijzingen.values_list("status", "bedrag", "besteed"):
        besteed += uitgegeven
        if status in Toewijzing.OPEN:
            toegewezen += bedrag
        elif status == Toewijzing.Status.BESTEED:
            toegewezen += uitgegeven
    uitgaven = (
        Boeking.objects.filter(pot=pot, soort=Boeking.Soort.UITGAVE).aggregate(s=Sum("bedrag"))["s"]
        or nul
    )
    sluit = uitgaven == besteed
    stand = (nul, nul, nul)
    for volgnummer, boeking in enumerate(pot.boekingen.order_by("volgnummer"), start=1):
        stand = (
            stand[0] + _BIJ.get(boeking.soort, 0) * boeking.bedrag,
            stand[1] + _TOE.get(boeking.soort, 0) * boeking.bedrag,
            stand[2] + _BES.get(boeking.soort, 0) * boeking.bedrag,
        )
        na = (boeking.bijgedragen_na, boeking.toegewezen_na, boeking.besteed_na)
        sluit = sluit and boeking.volgnummer == volgnummer and na == stand
    return Controle(
        opgeslagen=(pot.bijgedragen, pot.toegewezen, pot.besteed),
        uit_rijen=(bijgedragen, toegewezen, besteed),
        uit_grootboek=stand,
        grootboek_sluit=sluit,
    )
