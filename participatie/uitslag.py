"""The result of a participatory budget, computed the CONSUL way (DESIGN §5).

Per (sub-)budget, the proposals on the ballot are sorted by votes and each one is
taken while it still fits in what is left of the budget. A proposal that does not
fit is skipped, and cheaper ones further down can still win. A proposal nobody
voted for never wins, even when money is left.

Ties are broken by a fixed rule, so the result never depends on database order:

1. more votes first;
2. with equal votes, the cheaper proposal first (it leaves room for more projects);
3. with equal votes and cost, the proposal submitted first (the lower id).

Two properties follow, and ``tests/participatie/test_uitslag_eigenschappen.py`` checks them with
hypothesis: the winners never cost more than the budget, and a winner that gets
more votes still wins (the proposals ahead of it are then a prefix of the ones
that were ahead before, so at least as much budget is left when its turn comes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Kandidaat:
    id: int
    kosten: Decimal
    stemmen: int
    pot: Hashable = None  # the sub-budget it competes in; None for the whole budget


def volgorde(kandidaat: Kandidaat) -> tuple:
    """The sort key of the tie rule above."""
    return (-kandidaat.stemmen, kandidaat.kosten, kandidaat.id)


def winnaars(kandidaten: Iterable[Kandidaat], budget: Decimal) -> list[int]:
    """The ids of the winning proposals within one budget, in ranking order."""
    over = budget
    gekozen = []
    for kandidaat in sorted(kandidaten, key=volgorde):
        if kandidaat.stemmen > 0 and kandidaat.kosten <= over:
            gekozen.append(kandidaat.id)
            over -= kandidaat.kosten
    return gekozen


def uitslag(kandidaten: Iterable[Kandidaat], budgetten: Mapping[Hashable, Decimal]) -> set[int]:
    """The winners of every (sub-)budget: ``budgetten`` maps each pot to its amount."""
    per_pot: dict[Hashable, list[Kandidaat]] = defaultdict(list)
    for kandidaat in kandidaten:
        per_pot[kandidaat.pot].append(kandidaat)
    gekozen: set[int] = set()
    for pot, lijst in per_pot.items():
        gekozen.update(winnaars(lijst, budgetten.get(pot, Decimal(0))))
    return gekozen
