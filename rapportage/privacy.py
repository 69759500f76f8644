"""Personal data in rapportage (AVG): the reports a person asked for and the exports of
personal data they made.

Registered with ``accounts.privacy`` in ``RapportageConfig.ready()``. No anonymiser:
report files expire by themselves, and the export register must keep who exported
what (it then shows the anonymised account).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accounts import privacy
from rapportage.models import Exportregistratie, Rapport

if TYPE_CHECKING:
    from accounts.models import User


def exporteren(user: User) -> dict[str, Any]:
    return {
        "rapporten": list(
            Rapport.objects.filter(aangevraagd_door=user)
            .order_by("aangemaakt_op", "pk")
            .values("soort", "formaat", "status", "aangemaakt_op", "klaar_op")
        ),
        "exports_van_persoonsgegevens": list(
            Exportregistratie.objects.filter(door=user)
            .order_by("op", "pk")
            .values("ronde__titel", "wat", "formaat", "op")
        ),
    }


def registreren() -> None:
    privacy.registreren("rapportage", exporteren=exporteren, volgorde=60)
