"""Money for an action, asked by an app that may not import the joint budget.

``participatie`` turns a winning proposal of a participatory budget into an
``Actie`` with an allocation in the opgave's pot, but ``budget`` is on the same
floor (DESIGN §4). ``budget`` registers its service here when Django starts;
callers ask through ``toewijzing_voorstellen``, which goes through the budget's
own rules (what is free in the pot, approval by every funder).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from accounts.models import User
    from opgaven.models import Actie

_voorsteller: Callable[..., Any] | None = None


def registreren(voorsteller: Callable[..., Any]) -> None:
    global _voorsteller  # one registration, at start-up
    _voorsteller = voorsteller


def toewijzing_voorstellen(*, actie: Actie, bedrag: Decimal, door: User, toelichting: str) -> Any:
    """Propose ``bedrag`` of the opgave's pot for ``actie``; a ``ValidationError`` in
    Dutch when the opgave has no pot or the money does not fit."""
    if _voorsteller is None:
        raise ValidationError(_("This opgave has no joint budget."), code="geen_pot")
    return _voorsteller(actie=actie, bedrag=bedrag, door=door, toelichting=toelichting)
