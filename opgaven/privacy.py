"""Personal data in opgaven (AVG): a person's roles on opgaven and their commitments.

Registered with ``accounts.privacy`` in ``OpgavenConfig.ready()``. Erasure ends the
roles (through ``opgaverol_beeindigen``, which also takes the object permissions
away); commitments and decisions stay, with the anonymised name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils import timezone

from accounts import privacy
from opgaven.models import Opgaverol, Toezegging
from opgaven.services import opgaverol_beeindigen

if TYPE_CHECKING:
    from accounts.models import User


def exporteren(user: User) -> dict[str, Any]:
    return {
        "opgaverollen": list(
            Opgaverol.objects.filter(user=user)
            .order_by("van", "pk")
            .values("opgave__titel", "rol", "organisatie__naam", "van", "tot")
        ),
        "toezeggingen": list(
            Toezegging.objects.filter(eigenaar=user)
            .order_by("deadline", "pk")
            .values("opgave__titel", "omschrijving", "deadline", "status")
        ),
    }


def anonimiseren(user: User) -> None:
    vandaag = timezone.localdate()
    rollen = Opgaverol.objects.filter(user=user).filter(Q(tot__isnull=True) | Q(tot__gt=vandaag))
    for opgaverol in rollen.select_related("opgave"):
        opgaverol_beeindigen(opgaverol=opgaverol, tot=vandaag)


def registreren() -> None:
    privacy.registreren("opgaven", exporteren=exporteren, anonimiseren=anonimiseren, volgorde=20)
