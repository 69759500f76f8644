"""Pure rules of learning and coaching (DESIGN §6.3): no database."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from leren.models import DOELMIX, Bron, Coachtraject

Status = Coachtraject.Status

# The allowed status changes of a coaching trajectory, kept in one place.
TRAJECT_OVERGANGEN: dict[str, frozenset[str]] = {
    Status.INTAKE: frozenset({Status.ACTIEF, Status.GEANNULEERD}),
    Status.ACTIEF: frozenset({Status.GEPAUZEERD, Status.AFGEROND, Status.GEANNULEERD}),
    Status.GEPAUZEERD: frozenset({Status.ACTIEF, Status.AFGEROND, Status.GEANNULEERD}),
    Status.AFGEROND: frozenset(),
    Status.GEANNULEERD: frozenset(),
}

# Only an active trajectory opens what a coachee shares with "coach" or "team".
DEELT_IN = frozenset({Status.ACTIEF})


def traject_overgang_toegestaan(traject: Coachtraject, naar: str) -> bool:
    return naar in TRAJECT_OVERGANGEN[Status(traject.status)]


def traject_deelt(traject: Coachtraject) -> bool:
    return traject.status in DEELT_IN


@dataclass(frozen=True)
class Mixregel:
    bron: str
    label: str
    aantal: int
    minuten: int
    pct_aantal: int
    pct_tijd: int
    doel_pct: int


def mix(rijen: Iterable[tuple[str, int, int]]) -> list[Mixregel]:
    """The 70-20-10 mix from ``(bron, aantal, minuten)`` rows, in the order 70, 20, 10;
    percentages are whole numbers (0 when there is nothing)."""
    per_bron = dict.fromkeys(Bron.values, (0, 0))
    for bron, aantal, minuten in rijen:
        oud = per_bron[bron]
        per_bron[bron] = (oud[0] + aantal, oud[1] + (minuten or 0))
    totaal_aantal = sum(a for a, _m in per_bron.values())
    totaal_minuten = sum(m for _a, m in per_bron.values())
    return [
        Mixregel(
            bron=bron,
            label=str(Bron(bron).label),
            aantal=aantal,
            minuten=minuten,
            pct_aantal=round(100 * aantal / totaal_aantal) if totaal_aantal else 0,
            pct_tijd=round(100 * minuten / totaal_minuten) if totaal_minuten else 0,
            doel_pct=DOELMIX[bron],
        )
        for bron, (aantal, minuten) in per_bron.items()
    ]
