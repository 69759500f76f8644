"""Personal data in participatie (AVG): taking part in rounds, input, supports, comments,
flags, session registrations, proposals and ballots.

Registered with ``accounts.privacy`` in ``ParticipatieConfig.ready()``. Erasure:

- input, comments and proposals stay (the round's record), shown under the anonymised
  name "Anonieme deelnemer" (``policies.toon_naam`` shows the display name);
- supports and ballots stay, so counts and vote totals do not change;
- registrations for sessions that have not started are cancelled through
  ``services.afmelden``, so the waiting list moves up and the next person is told;
- the district and age group given when taking part are cleared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from accounts import privacy
from participatie.models import (
    Aanmelding,
    Deelname,
    Inbreng,
    Markering,
    Reactie,
    Stembiljet,
    Steun,
    Voorstel,
)
from participatie.policies import afmelden_kan
from participatie.services import afmelden

if TYPE_CHECKING:
    from accounts.models import User


def exporteren(user: User) -> dict[str, Any]:
    stembiljetten = [
        {
            "ronde": biljet.begroting.ronde.titel,
            "bevestigd_op": biljet.bevestigd_op,
            "keuzes": [
                {"voorstel": keuze.voorstel.titel, "bevestigd": keuze.bevestigd}
                for keuze in biljet.keuzes.all()
            ],
        }
        for biljet in Stembiljet.objects.filter(user=user)
        .select_related("begroting__ronde")
        .prefetch_related("keuzes__voorstel")
        .order_by("pk")
    ]
    return {
        "deelnames": list(
            Deelname.objects.filter(user=user)
            .order_by("toestemming_op", "pk")
            .values("ronde__titel", "toestemming_op", "wijk__naam", "leeftijdsgroep")
        ),
        "inbreng": list(
            Inbreng.objects.filter(auteur=user)
            .order_by("aangemaakt_op", "pk")
            .values("ronde__titel", "soort", "titel", "tekst", "status", "aangemaakt_op")
        ),
        "steun": list(
            Steun.objects.filter(user=user)
            .order_by("op", "pk")
            .values("inbreng__ronde__titel", "inbreng__titel", "op")
        ),
        "reacties": list(
            Reactie.objects.filter(auteur=user)
            .order_by("aangemaakt_op", "pk")
            .values("inbreng__titel", "tekst", "aangemaakt_op")
        ),
        "markeringen": list(
            Markering.objects.filter(melder=user)
            .order_by("op", "pk")
            .values("inbreng__titel", "reactie__tekst", "reden", "op")
        ),
        "sessie_aanmeldingen": list(
            Aanmelding.objects.filter(user=user)
            .order_by("aangemeld_op", "pk")
            .values("sessie__titel", "sessie__start", "status", "aangemeld_op")
        ),
        "voorstellen": list(
            Voorstel.objects.filter(indiener=user)
            .order_by("ingediend_op", "pk")
            .values("begroting__ronde__titel", "titel", "beschrijving", "geraamde_kosten", "status")
        ),
        "stembiljetten": stembiljetten,
    }


def anonimiseren(user: User) -> None:
    nu = timezone.now()
    aanmeldingen = Aanmelding.objects.filter(
        user=user, status__in=[Aanmelding.Status.AANGEMELD, Aanmelding.Status.WACHTLIJST]
    ).select_related("sessie")
    for aanmelding in aanmeldingen:
        if afmelden_kan(aanmelding, nu):
            afmelden(aanmelding=aanmelding)
    Deelname.objects.filter(user=user).update(wijk=None, leeftijdsgroep="")


def registreren() -> None:
    # First: the waiting list moves up while the session's other data are untouched.
    privacy.registreren(
        "participatie", exporteren=exporteren, anonimiseren=anonimiseren, volgorde=10
    )
