"""Setting the red/amber/green status of a goal (``Doelstatus``).

A status is never changed afterwards: setting it again adds a row, and the newest
row counts (``selectors_doelstatus``). The history stays readable for the report.
The caller checks the permission (``opgaven.permissions.can_change_opgave``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rapportage.models import Doelstatus

if TYPE_CHECKING:
    from accounts.models import User
    from opgaven.models import Doel

MAX_TOELICHTING = 1000


def doelstatus_zetten(*, doel: Doel, kleur: str, toelichting: str, door: User | None) -> Doelstatus:
    """Record ``kleur`` (groen/oranje/rood) with a short narrative as the goal's status now.

    Raises ``ValidationError`` per field: an unknown colour, an empty narrative or one
    longer than ``MAX_TOELICHTING`` characters.
    """
    toelichting = (toelichting or "").strip()
    fouten: dict[str, str] = {}
    if kleur not in Doelstatus.Kleur.values:
        fouten["kleur"] = _("Choose green, amber or red.")
    if not toelichting:
        fouten["toelichting"] = _("Explain the status in a few sentences.")
    elif len(toelichting) > MAX_TOELICHTING:
        fouten["toelichting"] = _(
            "Keep the explanation to at most %(max)s characters; it now has %(aantal)s."
        ) % {"max": MAX_TOELICHTING, "aantal": len(toelichting)}
    if fouten:
        raise ValidationError(fouten, code="ongeldig")
    with transaction.atomic():
        return Doelstatus.objects.create(
            doel=doel, kleur=kleur, toelichting=toelichting, gezet_door=door
        )
