"""Personal data in leren (AVG): a person's learning log, development plans, progress
measurements, coaching trajectories and the feedback they received.

Registered with ``accounts.privacy`` in ``LerenConfig.ready()``. Erasure deletes the
person's own learning entries (with the feedback on them), development plans and
progress measurements: they are about this person only. Trajectories and what a coach
recorded about others stay, with the anonymised name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accounts import privacy
from leren.models import Feedback, Leerervaring, Ontwikkelplan, Voortgangsmeting

if TYPE_CHECKING:
    from accounts.models import User


def exporteren(user: User) -> dict[str, Any]:
    ervaringen = [
        {
            "datum": ervaring.datum,
            "bron": ervaring.bron,
            "titel": ervaring.titel,
            "situatie": ervaring.situatie,
            "taak": ervaring.taak,
            "actie": ervaring.actie,
            "resultaat": ervaring.resultaat,
            "reflectie": ervaring.reflectie,
            "competenties": [c.naam for c in ervaring.competenties.all()],
            "duur_minuten": ervaring.duur_minuten,
            "zichtbaarheid": ervaring.zichtbaarheid,
            "aangemaakt_op": ervaring.aangemaakt_op,
        }
        for ervaring in Leerervaring.objects.filter(auteur=user)
        .prefetch_related("competenties")
        .order_by("datum", "pk")
    ]
    plannen = [
        {
            "titel": plan.titel,
            "van": plan.van,
            "tot": plan.tot,
            "status": plan.status,
            "doelen": [
                {"omschrijving": doel.omschrijving, "voortgang": doel.voortgang}
                for doel in plan.doelen.all()
            ],
        }
        for plan in Ontwikkelplan.objects.filter(eigenaar=user)
        .prefetch_related("doelen")
        .order_by("van", "pk")
    ]
    return {
        "leerervaringen": ervaringen,
        "feedback_ontvangen": list(
            Feedback.objects.filter(leerervaring__auteur=user)
            .order_by("aangemaakt_op", "pk")
            .values("leerervaring__titel", "tekst", "aangemaakt_op")
        ),
        "ontwikkelplannen": plannen,
        "voortgangsmetingen": list(
            Voortgangsmeting.objects.filter(persoon=user)
            .order_by("datum", "pk")
            .values("competentie__naam", "niveau", "door", "datum", "toelichting")
        ),
        "coachtrajecten": list(
            user.coachtrajecten.order_by("pk").values("titel", "soort", "status")
        ),
    }


def anonimiseren(user: User) -> None:
    Leerervaring.objects.filter(auteur=user).delete()
    Ontwikkelplan.objects.filter(eigenaar=user).delete()
    Voortgangsmeting.objects.filter(persoon=user).delete()


def registreren() -> None:
    privacy.registreren("leren", exporteren=exporteren, anonimiseren=anonimiseren, volgorde=50)
