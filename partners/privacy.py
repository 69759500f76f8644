"""Personal data in partners (AVG): a person's memberships of organisations.

Registered with ``accounts.privacy`` in ``PartnersConfig.ready()``. Erasure ends the
memberships (through ``lidmaatschap_beeindigen``); their history stays, anonymised.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils import timezone

from accounts import privacy
from partners.models import Lidmaatschap
from partners.services import lidmaatschap_beeindigen

if TYPE_CHECKING:
    from accounts.models import User


def exporteren(user: User) -> dict[str, Any]:
    return {
        "lidmaatschappen": list(
            Lidmaatschap.objects.filter(user=user)
            .order_by("van", "pk")
            .values("organisatie__naam", "rol", "soort", "van", "tot")
        )
    }


def anonimiseren(user: User) -> None:
    vandaag = timezone.localdate()
    for lidmaatschap in Lidmaatschap.objects.filter(user=user).filter(
        Q(tot__isnull=True) | Q(tot__gt=vandaag)
    ):
        lidmaatschap_beeindigen(lidmaatschap=lidmaatschap, tot=vandaag)


def registreren() -> None:
    privacy.registreren("partners", exporteren=exporteren, anonimiseren=anonimiseren, volgorde=30)
