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


# --- The budget page (budget:pot) -------------------------------------------------------


@dataclass(frozen=True)
class PartnerBijdragen:
    """What one organisation contributes (pledged or received, not withdrawn), per kind."""

    organisatie_id: int
    naam: str
    geld: Decimal
    uren: Decimal
    natura: Decimal
    ontvangen: Decimal  # of the total, what the kassier has received

    @property
    def totaal(self) -> Decimal:
        return self.geld + self.uren + self.natura


@dataclass(frozen=True)
class ActieBedragen:
    """The money of one action: what the pot holds for it, and what was spent."""

    actie_id: int
    titel: str
    toegewezen: Decimal  # taken from the pot now (``Toewijzing.vastgelegd``)
    voorgesteld: Decimal  # of which still awaiting the funders' answer
    besteed: Decimal

    @property
    def resterend(self) -> Decimal:
        return self.toegewezen - self.besteed


@dataclass(frozen=True)
class PotOverzicht:
    """The budget page's numbers: per partner and kind, and per action, and
    every contribution (withdrawn ones too, newest first) with its organisation."""

    partners: list[PartnerBijdragen]
    acties: list[ActieBedragen]
    bijdragen: list[Bijdrage]

    @property
    def per_soort(self) -> dict[str, Decimal]:
        """Contributed per kind over all partners: ``{"geld": ..., "uren": ..., "natura": ...}``."""
        return {
            soort: sum((getattr(rij, soort) for rij in self.partners), Decimal(0))
            for soort in Bijdrage.Soort.values
        }

    @property
    def ontvangen(self) -> Decimal:
        return sum((rij.ontvangen for rij in self.partners), Decimal(0))

    @property
    def toegewezen(self) -> Decimal:
        return sum((rij.toegewezen for rij in self.acties), Decimal(0))

    @property
    def voorgesteld(self) -> Decimal:
        return sum((rij.voorgesteld for rij in self.acties), Decimal(0))

    @property
    def besteed(self) -> Decimal:
        return sum((rij.besteed for rij in self.acties), Decimal(0))

    @property
    def resterend(self) -> Decimal:
        return self.toegewezen - self.besteed


def pot_overzicht(pot: Budgetpot) -> PotOverzicht:
    """The pot's money per partner and kind, per action, and every contribution.
    Two queries, whatever the number of contributions and allocations.

    Partners are sorted by what they contribute (most first), actions by what
    the pot holds for them. An action's allocated amount follows the pot's
    ``toegewezen``: proposed and approved allocations count in full, closed
    ones with what was spent, rejected and withdrawn ones not at all.
    """
    nul = Decimal(0)
    bijdragen = list(
        pot.bijdragen.select_related("organisatie", "vastgelegd_door").order_by(
            "-vastgelegd_op", "-pk"
        )
    )
    per_partner: dict[int, dict] = {}
    for bijdrage in reversed(bijdragen):
        if not bijdrage.telt_mee:
            continue
        partner = per_partner.setdefault(
            bijdrage.organisatie_id,
            {
                "organisatie_id": bijdrage.organisatie_id,
                "naam": bijdrage.organisatie.naam,
                "ontvangen": nul,
                **dict.fromkeys(Bijdrage.Soort.values, nul),
            },
        )
        partner[bijdrage.soort] += bijdrage.waarde
        if bijdrage.status == Bijdrage.Status.ONTVANGEN:
            partner["ontvangen"] += bijdrage.waarde
    partners = sorted(
        (PartnerBijdragen(**velden) for velden in per_partner.values()),
        key=lambda rij: (-rij.totaal, rij.naam.lower()),
    )

    per_actie: dict[int, dict] = {}
    toewijzingen = pot.toewijzingen.values_list(
        "actie_id", "actie__titel", "status", "bedrag", "besteed"
    ).order_by()
    for actie_id, titel, status, bedrag, besteed in toewijzingen:
        actie = per_actie.setdefault(
            actie_id,
            {
                "actie_id": actie_id,
                "titel": titel,
                "toegewezen": nul,
                "voorgesteld": nul,
                "besteed": nul,
            },
        )
        actie["besteed"] += besteed
        if status in Toewijzing.OPEN:
            actie["toegewezen"] += bedrag
        elif status == Toewijzing.Status.BESTEED:
            actie["toegewezen"] += besteed
        if status == Toewijzing.Status.VOORGESTELD:
            actie["voorgesteld"] += bedrag
    acties = sorted(
        (ActieBedragen(**velden) for velden in per_actie.values()),
        key=lambda rij: (-rij.toegewezen, rij.titel.lower()),
    )
    return PotOverzicht(partners=partners, acties=acties, bijdragen=bijdragen)


def bijdrage_get(*, pot: Budgetpot, pk: int) -> Bijdrage:
    """A contribution of this pot, or 404: the id of another pot's one finds nothing."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Bijdrage.objects.select_related("organisatie"), pot=pot, pk=pk)
