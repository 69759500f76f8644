"""The demo joint budget (issue 5 point 11): the energy transition's pot.

Gemeente Demodam holds the pot; Woonstichting Demodam, Energiecoöperatie Demodam
Duurzaam, Buurtfonds Demodam and Netbeheer Delta-Noord fund it with money, hours
and goods. Its allocations are in every state, so each screen has something to
show: one approved and being spent, one spent in full, one closed with money
left over, one rejected, one withdrawn, and one awaiting the answer of
Woonstichting Demodam, so ``partner@demodam.nl`` finds it in Mijn organisatie.

Everything goes through ``budget.services``, so the ledger is the real one.
Idempotent: an opgave that has a pot is left alone.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from budget.models import Bijdrage, Budgetpot, Goedkeuring, Toewijzing
from budget.services import (
    bijdrage_intrekken,
    bijdrage_toevoegen,
    pot_aanmaken,
    toewijzing_afsluiten,
    toewijzing_beantwoorden,
    toewijzing_intrekken,
    toewijzing_voorstellen,
    uitgave_boeken,
)
from opgaven.models import Actie, Betrokkenheid, Opgave
from opgaven.services.krachtenveld import betrokkenheid_toevoegen
from partners.models import Organisatie

ENERGIE = "Energietransitie Demodam-Noord"
GEMEENTE = "Gemeente Demodam"
WOONSTICHTING = "Woonstichting Demodam"
COOPERATIE = "Energiecoöperatie Demodam Duurzaam"
BUURTFONDS = "Buurtfonds Demodam"
NETBEHEER = "Netbeheer Delta-Noord"

REGISSEUR = "regisseur@demodam.nl"
# Who answers for each funder: its contact person in partners.demo.
CONTACT = {
    GEMEENTE: REGISSEUR,
    WOONSTICHTING: "partner@demodam.nl",
    COOPERATIE: "j.visser@duurzaam.demodam.nl",
    BUURTFONDS: "h.peters@buurtfonds.demodam.nl",
    NETBEHEER: "k.dejong@netbeheer-deltanoord.demodam.nl",
}

D = Decimal


def seed() -> Budgetpot | None:
    """Create the energy transition's pot with its history; ``None`` without that opgave."""
    opgave = Opgave.objects.filter(titel=ENERGIE).order_by("pk").first()
    if opgave is None:
        return None
    if (bestaand := Budgetpot.objects.filter(opgave=opgave).first()) is not None:
        return bestaand
    org = {o.naam: o for o in Organisatie.objects.filter(naam__in=CONTACT)}
    mens = {u.email: u for u in User.objects.filter(email__in=CONTACT.values())}
    door = {naam: mens[email] for naam, email in CONTACT.items()}
    regisseur = mens[REGISSEUR]
    vandaag = timezone.localdate()

    if not Betrokkenheid.objects.filter(opgave=opgave, organisatie=org[GEMEENTE]).exists():
        betrokkenheid_toevoegen(
            opgave=opgave,
            organisatie=org[GEMEENTE],
            aard=Betrokkenheid.Aard.LEVERT_MIDDELEN,
            toelichting="Regisseert de opgave en beheert de gezamenlijke pot.",
            sinds=vandaag - timedelta(days=360),
        )
    pot = pot_aanmaken(
        opgave=opgave,
        naam="Samen van het gas af in Noorderpolder",
        kassier=org[GEMEENTE],
        begin=date(vandaag.year, 1, 1),
        eind=date(vandaag.year + 1, 12, 31),
        regel=Budgetpot.Regel.UNANIEM,
    )

    def bijdrage(naam: str, soort: str, **velden) -> Bijdrage:
        return bijdrage_toevoegen(
            pot=pot, organisatie=org[naam], soort=soort, door=door[naam], **velden
        )

    bijdrage(
        GEMEENTE,
        Bijdrage.Soort.GELD,
        waarde=D("250000.00"),
        omschrijving="Programmabudget Energietransitie",
        ontvangen=True,
    )
    bijdrage(
        WOONSTICHTING,
        Bijdrage.Soort.GELD,
        waarde=D("180000.00"),
        omschrijving="Isolatiebudget huurwoningen Molenbuurt",
    )
    bijdrage(
        WOONSTICHTING,
        Bijdrage.Soort.NATURA,
        waarde=D("12500.00"),
        omschrijving="Een jaar een winkelpand als energieloket",
    )
    bijdrage(
        COOPERATIE,
        Bijdrage.Soort.UREN,
        uren=D("320"),
        uurtarief=D("45.00"),
        omschrijving="Energiecoaches, vrijwillige uren gewaardeerd tegen het coachtarief",
    )
    bijdrage(
        BUURTFONDS,
        Bijdrage.Soort.GELD,
        waarde=D("40000.00"),
        omschrijving="Kleine energiemaatregelen voor bewoners",
    )
    netbeheer = bijdrage(
        NETBEHEER,
        Bijdrage.Soort.GELD,
        waarde=D("5000.00"),
        omschrijving="Onderzoek warmtenet",
    )
    bijdrage_intrekken(
        bijdrage=netbeheer,
        door=door[NETBEHEER],
        reden="Het onderzoek naar het warmtenet betalen we uit onze eigen begroting.",
    )

    acties = {a.titel: a for a in Actie.objects.filter(opgave=opgave).order_by("-plan__versie")}

    def voorstel(titel: str, bedrag: str, toelichting: str) -> Toewijzing:
        return toewijzing_voorstellen(
            pot=pot, actie=acties[titel], bedrag=D(bedrag), toelichting=toelichting, door=regisseur
        )

    def antwoorden(toewijzing: Toewijzing, *, behalve: tuple[str, ...] = (), nee: str = "") -> None:
        for goedkeuring in toewijzing.goedkeuringen.select_related("organisatie"):
            naam = goedkeuring.organisatie.naam
            if naam in behalve or goedkeuring.besluit != Goedkeuring.Besluit.OPEN:
                continue
            toewijzing_beantwoorden(
                goedkeuring=goedkeuring,
                akkoord=not (nee and naam == WOONSTICHTING),
                reden=nee if naam == WOONSTICHTING else "",
                door=door[naam],
            )

    def uitgave(toewijzing: Toewijzing, bedrag: str, dagen: int, omschrijving: str) -> None:
        uitgave_boeken(
            toewijzing=toewijzing,
            bedrag=D(bedrag),
            datum=vandaag - timedelta(days=dagen),
            omschrijving=omschrijving,
            door=regisseur,
        )

    # Approved and being spent.
    isolatie = voorstel(
        "Isolatie van 300 huurwoningen in de Molenbuurt",
        "200000.00",
        "Bijdrage in de isolatie van dak, gevel en vloer, zodat de huur niet stijgt.",
    )
    antwoorden(isolatie)
    uitgave(isolatie, "85000.00", 120, "Isolatie blok A, 50 woningen")
    uitgave(isolatie, "78500.00", 45, "Isolatie blok B, 50 woningen")

    # Spent in full: closed as spent by the last expense.
    coaches = voorstel(
        "Energiecoaches aan huis",
        "14400.00",
        "Opleiding en onkosten van twaalf energiecoaches.",
    )
    antwoorden(coaches)
    uitgave(coaches, "8000.00", 150, "Opleiding energiecoaches, eerste groep")
    uitgave(coaches, "6400.00", 60, "Onkosten huisbezoeken januari tot en met juni")

    # Closed with money left over: the rest went back to the pot.
    gesprekken = voorstel(
        "Straatgesprekken over de planning",
        "3500.00",
        "Zaalhuur, koffie en drukwerk voor twaalf straatavonden.",
    )
    antwoorden(gesprekken)
    uitgave(gesprekken, "2950.00", 30, "Zaalhuur en drukwerk straatavonden")
    toewijzing_afsluiten(toewijzing=gesprekken, door=regisseur)

    # Rejected by Woonstichting Demodam (the rule is unanimous).
    net = voorstel(
        "Netverzwaring Polderrand",
        "50000.00",
        "Voorfinanciering van de netverzwaring, zodat die eerder kan beginnen.",
    )
    antwoorden(net, nee="Netverzwaring is de taak van de netbeheerder, niet van deze pot.")

    # Withdrawn by the regisseur before anyone answered.
    klein = voorstel(
        "Fonds voor kleine energiemaatregelen",
        "10000.00",
        "Een eerste bedrag voor tochtstrips en radiatorfolie.",
    )
    toewijzing_intrekken(toewijzing=klein, door=regisseur)

    # Awaiting Woonstichting Demodam and Buurtfonds Demodam.
    fonds = voorstel(
        "Fonds voor kleine energiemaatregelen",
        "25000.00",
        "Kleine maatregelen voor huishoudens in energiearmoede, via de energiecoaches.",
    )
    antwoorden(fonds, behalve=(WOONSTICHTING, BUURTFONDS))
    return pot
