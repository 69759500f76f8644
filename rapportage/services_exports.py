"""Logging exports of personal data (DESIGN §6.7). (Helper "exports".)

Every download of a round's participants writes one ``Exportregistratie``: who, which
round, what and in which format. The view calls this after the permission check and
before the first byte goes out, so no file leaves without its record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from beveiliging.audit import vastleggen
from rapportage.models import Exportregistratie, Formaat

if TYPE_CHECKING:
    from accounts.models import User
    from participatie.models import Ronde


@transaction.atomic
def export_registreren(*, door: User, ronde: Ronde, wat: str, formaat: str) -> Exportregistratie:
    """Record that ``door`` exported ``wat`` of ``ronde`` as ``formaat``. The caller has
    checked the permission (``rapportage.permissions.can_export_deelnemers``)."""
    registratie = Exportregistratie.objects.create(
        door=door, ronde=ronde, wat=wat, formaat=Formaat(formaat).value
    )
    vastleggen("export_persoonsgegevens", actor=door, object=registratie, wat=wat, formaat=formaat)
    return registratie
