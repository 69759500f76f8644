"""The demo statuses of goals (issue 9): every goal of the four demo opgaven gets a
red/amber/green status with a Dutch explanation, so the progress report and the
portfolio have something to show. One goal of the energy transition has a history
(amber a few months ago, green now).

Set through ``rapportage.services_doelstatus`` by the opgave's regisseur (or, for an
opgave without one, by its first role holder or the demo ambtenaar), then dated in
the past. Idempotent: a goal that has a status is left alone. Run after
``opgaven.demo.seed``.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from opgaven.models import Doel, Opgave, Opgaverol
from rapportage.models import Doelstatus
from rapportage.services_doelstatus import doelstatus_zetten

REGISSEUR = "regisseur@demodam.nl"
AMBTENAAR = "ambtenaar@demodam.nl"

GROEN, ORANJE, ROOD = Doelstatus.Kleur.GROEN, Doelstatus.Kleur.ORANJE, Doelstatus.Kleur.ROOD

# opgave -> goal -> [(days ago, colour, explanation)], oldest first: the last one counts.
STATUSSEN: dict[str, dict[str, list[tuple[int, str, str]]]] = {
    "Energietransitie Demodam-Noord": {
        "Comfortabel en betaalbaar wonen zonder aardgas": [
            (
                14,
                ORANJE,
                "Het isoleren loopt, maar de overstap naar een warmtenet wacht op het besluit "
                "van Netbeheer Delta-Noord over de netcapaciteit. Zonder dat besluit halen we "
                "de helft van de woningen in vijf jaar niet.",
            )
        ],
        "Woningen goed geïsoleerd": [
            (
                120,
                ORANJE,
                "De eerste 55 woningen zijn klaar, maar de aannemer heeft te weinig mensen. "
                "We zoeken een tweede aannemer.",
            ),
            (
                14,
                GROEN,
                "Met de tweede aannemer gaat het tempo omhoog: 340 woningen zijn geïsoleerd, "
                "iets voor op schema. Bewoners zijn tevreden over de overlast.",
            ),
        ],
        "Minder energiearmoede": [
            (
                14,
                GROEN,
                "Het aandeel huishoudens met energiearmoede daalde van 14 naar 11,7 procent. "
                "Het energieloket en de Voedselbank verwijzen goed naar elkaar door.",
            )
        ],
        "Bewoners weten wat hun woning nodig heeft": [
            (
                14,
                ORANJE,
                "520 huishoudens kregen een energieadvies aan huis; om 1500 te halen zijn "
                "meer vrijwillige energiecoaches nodig. Huurders van particuliere verhuurders "
                "bereiken we nog slecht.",
            )
        ],
    },
    "Samen tegen eenzaamheid": {
        "Minder ouderen voelen zich eenzaam": [
            (
                30,
                ORANJE,
                "De nieuwe GGD-monitor verschijnt pas volgend jaar. Tot dan sturen we op de "
                "deelname aan buurtactiviteiten en de huisbezoeken.",
            )
        ],
        "Meer ouderen doen mee in de buurt": [
            (
                30,
                GROEN,
                "Elke maand doen meer ouderen mee: 455, tegen 310 bij de start. Vervoer naar "
                "het buurthuis blijft een aandachtspunt.",
            )
        ],
        "Eenzaamheid eerder zien": [
            (
                30,
                ROOD,
                "Met 58 huisbezoeken per maand zitten we ver onder de 80. Zorggroep De Linde "
                "heeft te weinig wijkverpleegkundigen; we vragen het college om extra "
                "vrijwilligers te werven.",
            )
        ],
    },
    "Leefbaarheid Stationskwartier": {
        "Een veilig en levendig Stationskwartier": [
            (
                10,
                ORANJE,
                "Het effect is nog voorlopig. De verkenning met ondernemers en bewoners moet "
                "eerst duidelijk maken wat 'veilig' voor hen betekent.",
            )
        ],
        "Minder overlast": [
            (
                10,
                ROOD,
                "Het aantal meldingen stijgt: 51 per maand, tegen 38 bij de start. Ondernemers "
                "zijn boos dat meldingen tot niets leiden. We maken eerst een analyse met "
                "politie en handhaving.",
            )
        ],
        "Minder leegstand": [
            (
                10,
                ORANJE,
                "Er is nog geen meting. Twee eigenaren willen praten over tijdelijke "
                "invulling van hun panden.",
            )
        ],
    },
    "Preventie verslaving jongeren": {
        "Jongeren groeien gezond op": [
            (
                21,
                GROEN,
                "Jongeren, ouders, scholen en sportclubs zijn het eens over het probleem en "
                "werken samen aan de aanpak.",
            )
        ],
        "Later beginnen met alcohol": [
            (
                21,
                ORANJE,
                "De Jeugdmonitor verschijnt pas in het najaar. Twee sportclubs schenken nog "
                "alcohol bij jeugdwedstrijden; we maken er afspraken over.",
            )
        ],
        "Ouders praten erover met hun kind": [
            (
                21,
                GROEN,
                "310 ouders bezochten een voorlichtingsavond, meer dan we voor dit moment "
                "verwachtten. Scholen vragen om meer avonden.",
            )
        ],
    },
}


def _zetter(opgave: Opgave, users: dict[str, User]) -> User | None:
    """Who sets the statuses: the opgave's regisseur, else its first role holder, else
    the demo ambtenaar."""
    rol = (
        Opgaverol.objects.filter(opgave=opgave, tot__isnull=True)
        .select_related("user")
        .order_by("rol", "pk")
    )
    regisseur = rol.filter(rol=Opgaverol.Rol.OPGAVEREGISSEUR).first() or rol.first()
    if regisseur is not None:
        return regisseur.user
    return users.get(AMBTENAAR) or users.get(REGISSEUR)


def seed(users: dict[str, User] | None = None) -> int:
    """Give the goals of the demo opgaven their statuses; returns how many were set."""
    if users is None:
        users = {u.email: u for u in User.objects.filter(email__in=[REGISSEUR, AMBTENAAR])}
    nu = timezone.now()
    aantal = 0
    for titel, per_doel in STATUSSEN.items():
        opgave = Opgave.objects.filter(titel=titel).order_by("pk").first()
        if opgave is None:
            continue
        door = _zetter(opgave, users)
        doelen = Doel.objects.filter(opgave=opgave, titel__in=per_doel).exclude(
            statussen__isnull=False
        )
        for doel in doelen:
            for dagen, kleur, toelichting in per_doel[doel.titel]:
                status = doelstatus_zetten(
                    doel=doel, kleur=kleur, toelichting=toelichting, door=door
                )
                Doelstatus.objects.filter(pk=status.pk).update(gezet_op=nu - timedelta(days=dagen))
                aantal += 1
    return aantal
