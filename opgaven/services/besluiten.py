"""The decision log of an opgave (issue 4 point 9): who decided what, when, and why.

Services never check permissions; the views do that first (``opgaven.permissions``).
Every change is kept in the audit trail (``@gevolgd`` on ``Besluit``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from opgaven.models import Besluit, Opgave

if TYPE_CHECKING:
    from accounts.models import User

# The fields of a decision that can be changed after it was recorded.
BESLUIT_VELDEN: tuple[str, ...] = ("datum", "orgaan", "titel", "motivering")


@transaction.atomic
def besluit_vastleggen(
    *, opgave: Opgave, door: User, datum: date, orgaan: str, titel: str, motivering: str
) -> Besluit:
    """Record a decision taken on ``opgave``."""
    besluit = Besluit(
        opgave=opgave,
        datum=datum,
        orgaan=orgaan,
        titel=titel.strip(),
        motivering=motivering.strip(),
        vastgelegd_door=door,
    )
    besluit.full_clean()
    besluit.save(force_insert=True)
    return besluit


@transaction.atomic
def besluit_bijwerken(
    *, besluit: Besluit, datum: date, orgaan: str, titel: str, motivering: str
) -> Besluit:
    """Correct a recorded decision; the audit trail keeps what it said before."""
    besluit.datum = datum
    besluit.orgaan = orgaan
    besluit.titel = titel.strip()
    besluit.motivering = motivering.strip()
    besluit.full_clean()
    besluit.save(update_fields=list(BESLUIT_VELDEN))
    return besluit
