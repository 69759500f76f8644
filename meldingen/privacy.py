"""Personal data in meldingen (AVG): a person's notifications and preferences.

Registered with ``accounts.privacy`` in ``MeldingenConfig.ready()``. Erasure deletes
both: notifications are about the person only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accounts import privacy
from meldingen.models import Melding, Voorkeur

if TYPE_CHECKING:
    from accounts.models import User


def exporteren(user: User) -> dict[str, Any]:
    meldingen = [
        {
            "soort": melding.soort,
            "titel": melding.titel,
            "tekst": melding.tekst,
            "link": melding.url,
            "aangemaakt_op": melding.aangemaakt_op,
            "gelezen_op": melding.gelezen_op,
            "gemaild_op": melding.gemaild_op,
        }
        for melding in Melding.objects.filter(ontvanger=user).order_by("aangemaakt_op", "pk")
    ]
    voorkeuren = list(
        Voorkeur.objects.filter(user=user).order_by("soort").values("soort", "bezorging")
    )
    return {"meldingen": meldingen, "voorkeuren": voorkeuren}


def anonimiseren(user: User) -> None:
    Melding.objects.filter(ontvanger=user).delete()
    Voorkeur.objects.filter(user=user).delete()


def registreren() -> None:
    # Last: the other anonymisers may still notify (a promoted waiting list), never this
    # person, but their notifications go with everything else of theirs.
    privacy.registreren("meldingen", exporteren=exporteren, anonimiseren=anonimiseren, volgorde=90)
