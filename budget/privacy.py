"""Personal data in budget (AVG): the money events a person recorded or decided on.

Registered with ``accounts.privacy`` in ``BudgetConfig.ready()``. No anonymiser: the
ledger and its decisions are kept for accountability and never change; after an
erasure they show the anonymised account.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accounts import privacy
from budget.models import Bijdrage, Goedkeuring, Toewijzing, Uitgave

if TYPE_CHECKING:
    from accounts.models import User


def exporteren(user: User) -> dict[str, Any]:
    return {
        "bijdragen_vastgelegd": list(
            Bijdrage.objects.filter(vastgelegd_door=user)
            .order_by("vastgelegd_op", "pk")
            .values("pot__naam", "organisatie__naam", "soort", "waarde", "status", "vastgelegd_op")
        ),
        "toewijzingen_voorgesteld": list(
            Toewijzing.objects.filter(voorgesteld_door=user)
            .order_by("voorgesteld_op", "pk")
            .values("pot__naam", "actie__titel", "bedrag", "status", "voorgesteld_op")
        ),
        "goedkeuringen": list(
            Goedkeuring.objects.filter(door=user)
            .order_by("op", "pk")
            .values("toewijzing__actie__titel", "organisatie__naam", "besluit", "reden", "op")
        ),
        "uitgaven_vastgelegd": list(
            Uitgave.objects.filter(vastgelegd_door=user)
            .order_by("vastgelegd_op", "pk")
            .values("toewijzing__actie__titel", "bedrag", "datum", "omschrijving")
        ),
    }


def registreren() -> None:
    privacy.registreren("budget", exporteren=exporteren, volgorde=40)
