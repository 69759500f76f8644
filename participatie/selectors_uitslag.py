"""The result of a participatory budget as the result page and the exports show it.

One read for everything: the proposals with their district, sub-budget and
action (one query) and the sub-budgets (one query), grouped per (sub-)budget and
ranked by the tie rule of ``participatie.uitslag`` (more votes, then cheaper,
then the earlier proposal), so the order on the page is the order in which the
result was computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from participatie.models import Begroting, Deelbudget, Voorstel
from participatie.selectors_begroting import voorstellen_van
from participatie.uitslag import Kandidaat, volgorde

S = Voorstel.Status
OP_STEMBILJET_GEWEEST = frozenset({S.GEKOZEN, S.NIET_GEKOZEN, S.GEREALISEERD})
WINNAARS = frozenset({S.GEKOZEN, S.GEREALISEERD})


@dataclass
class Rij:
    """One proposal that was on the ballot, with its place in the result."""

    voorstel: Voorstel
    rang: int
    gekozen: bool
    wijk: str
    realisatie: str


@dataclass
class Pot:
    """The whole budget, or one sub-budget with the proposals that competed in it."""

    naam: str  # the district of a sub-budget; "" for the whole budget
    budget: Decimal
    rijen: list[Rij] = field(default_factory=list)

    @property
    def totaal_gekozen(self) -> Decimal:
        return sum((r.voorstel.kosten for r in self.rijen if r.gekozen), Decimal(0))

    @property
    def over(self) -> Decimal:
        return self.budget - self.totaal_gekozen

    @property
    def aantal_gekozen(self) -> int:
        return sum(1 for r in self.rijen if r.gekozen)


@dataclass
class Uitslag:
    begroting: Begroting
    potten: list[Pot]
    niet_op_stembiljet: list[Voorstel]

    @property
    def rijen(self) -> list[Rij]:
        return [rij for pot in self.potten for rij in pot.rijen]

    @property
    def totaal_gekozen(self) -> Decimal:
        return sum((pot.totaal_gekozen for pot in self.potten), Decimal(0))

    @property
    def aantal_gekozen(self) -> int:
        return sum(pot.aantal_gekozen for pot in self.potten)

    @property
    def met_deelbudgetten(self) -> bool:
        return any(pot.naam for pot in self.potten)


def wijk_van(voorstel: Voorstel) -> str:
    """The area a proposal is for: its own, else its sub-budget's district, else ""."""
    if voorstel.gebied_id:
        return voorstel.gebied.naam
    if voorstel.deelbudget_id:
        return voorstel.deelbudget.gebied.naam
    return ""


def realisatie_van(voorstel: Voorstel) -> str:
    """How far a winner is: realised, the status of its action, or not started.
    Empty for a proposal that did not win."""
    if voorstel.status == S.GEREALISEERD:
        return str(S.GEREALISEERD.label)
    if voorstel.status != S.GEKOZEN:
        return ""
    if voorstel.actie_id:
        return str(voorstel.actie.get_status_display())
    return _("Not started yet")


def uitslag_van(begroting: Begroting) -> Uitslag:
    """The result of ``begroting`` per (sub-)budget, in two queries."""
    voorstellen = list(voorstellen_van(begroting))
    deelbudgetten = list(
        Deelbudget.objects.filter(begroting=begroting)
        .select_related("gebied")
        .order_by("gebied__naam", "pk")
    )
    potten: dict[int | None, Pot] = {d.pk: Pot(d.gebied.naam, d.bedrag) for d in deelbudgetten}
    if not potten or any(v.deelbudget_id is None for v in voorstellen):
        potten = {None: Pot("", begroting.totaal), **potten}
    niet_op_stembiljet = []
    per_pot: dict[int | None, list[Voorstel]] = {sleutel: [] for sleutel in potten}
    for voorstel in voorstellen:
        voorstel.begroting = begroting
        if voorstel.status not in OP_STEMBILJET_GEWEEST:
            niet_op_stembiljet.append(voorstel)
            continue
        per_pot.setdefault(voorstel.deelbudget_id, []).append(voorstel)
    for sleutel, lijst in per_pot.items():
        lijst.sort(key=lambda v: volgorde(Kandidaat(v.pk, v.kosten, v.aantal_stemmen)))
        pot = potten[sleutel]
        pot.rijen = [
            Rij(
                voorstel=v,
                rang=rang,
                gekozen=v.status in WINNAARS,
                wijk=wijk_van(v),
                realisatie=realisatie_van(v),
            )
            for rang, v in enumerate(lijst, start=1)
        ]
    gevuld = [pot for sleutel, pot in potten.items() if sleutel is not None or pot.rijen]
    return Uitslag(
        begroting=begroting,
        potten=gevuld or list(potten.values()),
        niet_op_stembiljet=niet_op_stembiljet,
    )
