"""Demo opgaven of Gemeente Demodam (DESIGN §7). Idempotent: safe to run again.

Four opgaven in different phases, each with its charter (situations, effect,
scope, wickedness profile, themes and areas), roles, a dated phase history,
a year of krachtenveld (involvements, positions that shift over the year,
contacts, commitments), goals with indicators and monthly measurements,
decisions, and for two of them a plan van aanpak with actions. Energietransitie
Demodam-Noord has plan version 1 adopted by all partners and version 2 awaiting
consent: only Woonstichting Demodam still has to answer, so partner@demodam.nl
can give the last consent in the demo.

Found by title: an opgave that exists keeps what it has (a demo user may have
edited it). Empty fields are filled in, missing roles added, and each area
(goals, krachtenveld, plan, decisions) is seeded only while the opgave has
nothing in it yet. So a second run changes nothing.

History is recorded, not replayed: the rows of the past year are written
directly with their dates. Running the services now would date everything
today and notify people of changes long gone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from opgaven.gebieden import zaaien
from opgaven.models import (
    Actie,
    Besluit,
    Betrokkenheid,
    Contactmoment,
    Doel,
    Fase,
    FaseOvergang,
    Gebied,
    Indicator,
    Instemming,
    Meting,
    Opgave,
    Opgaverol,
    PlanVanAanpak,
    Positie,
    Thema,
    Toezegging,
    Zichtbaarheid,
)
from opgaven.services import opgave_create, opgaverol_toekennen
from partners.models import Lidmaatschap, Organisatie

REGISSEUR = "regisseur@demodam.nl"
AMBTENAAR = "ambtenaar@demodam.nl"
BEHEERDER = "beheerder@demodam.nl"

ENERGIE = "Energietransitie Demodam-Noord"
EENZAAMHEID = "Samen tegen eenzaamheid"
STATIONSKWARTIER = "Leefbaarheid Stationskwartier"
VERSLAVING = "Preventie verslaving jongeren"

GEMEENTE = "Gemeente Demodam"
WOONSTICHTING = "Woonstichting Demodam"
COOPERATIE = "Energiecoöperatie Demodam Duurzaam"
BEWONERSRAAD = "Bewonersraad Noorderpolder"
NETBEHEER = "Netbeheer Delta-Noord"
BUURTFONDS = "Buurtfonds Demodam"
ZORGGROEP = "Zorggroep De Linde"
WELZIJN = "Stichting Welzijn Demodam"
GGD = "GGD Regio Demodam"
COLLEGE = "Demodam College"
JONGERENWERK = "Stichting Jongerenwerk Demodam"
SPORTCLUB = "Sportclub Westerdijk"
ONDERNEMERS = "Ondernemersvereniging Centrum Demodam"
POLITIE = "Politie basisteam Demodam"

Aard = Betrokkenheid.Aard
Kanaal = Contactmoment.Kanaal
Hoedanigheid = Contactmoment.Hoedanigheid
Orgaan = Besluit.Orgaan


# --- What the demo holds ----------------------------------------------------------------
# Dates are days before today (negative: days after today), so the demo always
# shows the past year, whenever it is loaded.


@dataclass
class DemoBetrokkene:
    organisatie: str
    aard: str
    sinds: int
    toelichting: str
    # (dagen geleden, invloed, belang, houding, toelichting)
    posities: list[tuple[int, int, int, int, str]]


@dataclass
class DemoIndicator:
    naam: str
    eenheid: str
    bron: str
    nulmeting: str
    streefwaarde: str
    jaren_tot_streefdatum: int
    # One value per month of the past year, oldest first; empty: not measured monthly.
    maandwaarden: list[str] = field(default_factory=list)


@dataclass
class DemoDoel:
    titel: str
    omschrijving: str
    indicatoren: list[DemoIndicator] = field(default_factory=list)


@dataclass
class DemoActie:
    titel: str
    omschrijving: str
    trekker: str
    uitvoerders: list[str]
    doel: str | None  # the title of one of the opgave's goals
    start: int | None
    eind: int | None
    status: str


@dataclass
class DemoPlan:
    versie: int
    status: str
    samenvatting: str
    aangemaakt: int
    ingediend: int | None
    vastgesteld: int | None
    # organisation -> (answer, reason, days ago); organisations not named are asked
    # nothing (a draft) or answered with consent when the plan was adopted.
    instemmingen: dict[str, tuple[str, str, int | None]]
    acties: list[DemoActie]


@dataclass
class DemoOpgave:
    titel: str
    fase: str
    zichtbaarheid: str
    vraagstuk: str
    huidige_situatie: str
    gewenste_situatie: str
    maatschappelijk_effect: str
    afbakening: str
    themas: list[str]  # Thema.naam, seeded by migration 0006
    gebieden: list[str]  # Gebied.code (CBS), seeded by migration 0006
    start: int
    horizon_jaren: int
    scores: tuple[int, int, int, int]  # impact, krachtenveld, verhoudingen, tijdshorizon
    rollen: list[tuple[str, str]]  # (e-mail, Opgaverol.Rol)
    faseovergangen: list[tuple[int, str, str, str]]  # (dagen geleden, van, naar, reden)
    effect: DemoDoel
    doelen: list[DemoDoel]
    betrokkenen: list[DemoBetrokkene]
    # (dagen geleden, organisatie, kanaal, hoedanigheid, onderwerp, notitie)
    contactmomenten: list[tuple[int, str, str, str, str, str]]
    # (omschrijving, organisatie of None, e-mail eigenaar, deadline in dagen vanaf vandaag, status)
    toezeggingen: list[tuple[str, str | None, str, int, str]]
    plannen: list[DemoPlan]
    # (dagen geleden, orgaan, titel, motivering)
    besluiten: list[tuple[int, str, str, str]]


def _maanden(*waarden: float) -> list[str]:
    return [str(w) for w in waarden]


DEMO_OPGAVEN: list[DemoOpgave] = [
    DemoOpgave(
        titel=ENERGIE,
        fase=Fase.UITVOEREN,
        zichtbaarheid=Zichtbaarheid.OPENBAAR,
        vraagstuk=(
            "Bewoners van Demodam-Noord willen van het gas af, maar weten niet waar ze moeten "
            "beginnen. De energierekening stijgt, de huizen zijn oud en slecht geïsoleerd, en "
            "huurders hebben weinig te zeggen over hun woning."
        ),
        huidige_situatie=(
            "In Noorderpolder staan ruim 4.000 woningen uit de jaren zestig en zeventig. Bijna "
            "alle woningen koken en stoken op aardgas en veel zijn slecht geïsoleerd. Een op de "
            "zeven huishoudens kan de energierekening moeilijk betalen. De helft van de "
            "woningen is van Woonstichting Demodam; de rest is van de bewoners zelf."
        ),
        gewenste_situatie=(
            "Over vijf jaar is de helft van de woningen goed geïsoleerd en van het gas af, of "
            "klaar om over te stappen. Bewoners weten wat hun woning nodig heeft en waar ze "
            "hulp krijgen. Niemand zit in de kou omdat de rekening te hoog is."
        ),
        maatschappelijk_effect=(
            "Bewoners van Noorderpolder wonen comfortabel en betaalbaar, zonder aardgas. "
            "Minder huishoudens leven in energiearmoede en de wijk stoot minder CO₂ uit."
        ),
        afbakening=(
            "Wel: isolatie en verduurzaming van bestaande woningen (huur en koop), energiehulp "
            "aan huis en de keuze voor een warmteoplossing per buurt. Niet: nieuwbouw, het "
            "bedrijventerrein De Polder en het landelijke energiebeleid."
        ),
        themas=["Energie en klimaat", "Wonen"],
        gebieden=["WK999902", "BU99990201", "BU99990202"],
        start=380,
        horizon_jaren=5,
        scores=(4, 5, 3, 5),
        rollen=[(REGISSEUR, Opgaverol.Rol.OPGAVEREGISSEUR), (AMBTENAAR, Opgaverol.Rol.KERNTEAMLID)],
        faseovergangen=[
            (
                330,
                Fase.VERKENNEN,
                Fase.DELEN,
                "De verkenning is klaar: bewoners, Woonstichting Demodam en de "
                "energiecoöperatie willen meedoen. Nu delen we het vraagstuk met de hele wijk.",
            ),
            (
                270,
                Fase.DELEN,
                Fase.OVEREENKOMEN,
                "Na vier wijkavonden weten we wat bewoners belangrijk vinden: een betaalbare "
                "rekening en zekerheid. Nu maken we afspraken over wie wat doet.",
            ),
            (
                200,
                Fase.OVEREENKOMEN,
                Fase.VORMGEVEN,
                "Woningcorporatie, energiecoöperatie en bewonersraad zijn het eens over het "
                "doel: in vijf jaar de helft van de woningen van het gas af.",
            ),
            (
                120,
                Fase.VORMGEVEN,
                Fase.UITVOEREN,
                "Alle partners hebben ingestemd met het plan van aanpak; de eerste woningen in "
                "de Molenbuurt worden geïsoleerd.",
            ),
        ],
        effect=DemoDoel(
            "Comfortabel en betaalbaar wonen zonder aardgas",
            "Het maatschappelijk effect waar alle partners aan werken.",
        ),
        doelen=[
            DemoDoel(
                "Woningen goed geïsoleerd",
                "Eerst isoleren, dan pas overstappen: een goed geïsoleerde woning heeft minder "
                "warmte nodig, wat de bron ook wordt.",
                [
                    DemoIndicator(
                        "Geïsoleerde woningen in Noorderpolder",
                        "woningen",
                        "Woonstichting Demodam en het energieloket",
                        "0",
                        "2000",
                        5,
                        _maanden(0, 0, 0, 12, 30, 55, 85, 120, 170, 225, 280, 340),
                    )
                ],
            ),
            DemoDoel(
                "Minder energiearmoede",
                "Huishoudens die hun energierekening niet kunnen betalen, krijgen als eerste hulp.",
                [
                    DemoIndicator(
                        "Huishoudens met energiearmoede",
                        "%",
                        "Monitor energiearmoede (CBS en TNO), per maand geschat",
                        "14",
                        "7",
                        5,
                        _maanden(
                            14, 14, 13.9, 13.8, 13.6, 13.5, 13.1, 12.9, 12.6, 12.2, 12.0, 11.7
                        ),
                    )
                ],
            ),
            DemoDoel(
                "Bewoners weten wat hun woning nodig heeft",
                "Iedere bewoner kan een gratis energieadvies aan huis krijgen.",
                [
                    DemoIndicator(
                        "Huishoudens met een energieadvies aan huis",
                        "huishoudens",
                        "Energiecoöperatie Demodam Duurzaam",
                        "0",
                        "1500",
                        2,
                        _maanden(15, 40, 70, 110, 150, 195, 240, 300, 360, 410, 470, 520),
                    )
                ],
            ),
        ],
        betrokkenen=[
            DemoBetrokkene(
                GEMEENTE,
                Aard.LEVERT_MIDDELEN,
                360,
                "Regisseert de opgave, betaalt mee en beheert als kassier de gezamenlijke pot.",
                [
                    (350, 5, 4, 1, "Wil de wijk van het gas af, maar heeft nog geen aanpak."),
                    (120, 5, 5, 2, "Trekt het programmabudget uit voor de gezamenlijke pot."),
                ],
            ),
            DemoBetrokkene(
                WOONSTICHTING,
                Aard.LEVERT_MIDDELEN,
                360,
                "Eigenaar van de helft van de woningen; betaalt de isolatie van de huurwoningen.",
                [
                    (
                        350,
                        4,
                        3,
                        -1,
                        "Twijfelt: de kosten zijn hoog en de planning van het "
                        "onderhoud ligt al vast.",
                    ),
                    (260, 4, 4, 0, "Wil meedoen als de gemeente helpt met subsidie."),
                    (160, 5, 4, 1, "Heeft de isolatie van 300 huurwoningen in de begroting."),
                    (30, 5, 5, 2, "Trekt de isolatie en wil de aanpak in andere wijken herhalen."),
                ],
            ),
            DemoBetrokkene(
                COOPERATIE,
                Aard.VOERT_UIT,
                360,
                "Leidt energiecoaches op en geeft bewoners advies aan huis.",
                [
                    (350, 2, 5, 2, "Enthousiast, maar klein: alles draait op vrijwilligers."),
                    (200, 3, 5, 2, "Heeft nu twaalf energiecoaches en een eigen loket."),
                    (30, 3, 5, 1, "Maakt zich zorgen over de netcapaciteit voor warmtepompen."),
                ],
            ),
            DemoBetrokkene(
                BEWONERSRAAD,
                Aard.ONDERVINDT_GEVOLGEN,
                340,
                "Spreekt voor huurders en kopers in Noorderpolder.",
                [
                    (330, 2, 5, -2, "Wantrouwen: bewoners zijn bang voor hogere huur en overlast."),
                    (240, 2, 5, -1, "De wijkavonden helpen, maar de zorg over de huur blijft."),
                    (130, 3, 5, 1, "Afspraak: isolatie leidt niet tot een hogere woonlast."),
                    (20, 3, 5, 1, "Wil meer zeggenschap over de planning per straat."),
                ],
            ),
            DemoBetrokkene(
                NETBEHEER,
                Aard.BESLIST,
                300,
                "Beslist over de verzwaring van het elektriciteitsnet.",
                [
                    (290, 5, 2, 0, "Ziet Noorderpolder niet als prioriteit."),
                    (150, 5, 3, -1, "Net in Polderrand zit vol; verzwaring duurt drie jaar."),
                    (15, 5, 3, 0, "Denkt mee over een warmtenet als alternatief."),
                ],
            ),
            DemoBetrokkene(
                BUURTFONDS,
                Aard.LEVERT_MIDDELEN,
                200,
                "Steunt kleine energiemaatregelen van bewoners.",
                [
                    (190, 2, 2, 1, "Wil bijdragen als bewoners zelf het initiatief nemen."),
                    (60, 2, 3, 2, "Heeft € 40.000 gereserveerd voor kleine maatregelen."),
                ],
            ),
        ],
        contactmomenten=[
            (
                345,
                WOONSTICHTING,
                Kanaal.GESPREK,
                Hoedanigheid.ALS_BESTUURDER,
                "Kennismaking met de directeur-bestuurder",
                "Woonstichting wil eerst weten wat de gemeente bijdraagt.",
            ),
            (
                320,
                BEWONERSRAAD,
                Kanaal.BIJEENKOMST,
                Hoedanigheid.NAMENS_ORGANISATIE,
                "Eerste wijkavond in buurthuis De Molen",
                "Tachtig bewoners. Veel zorgen over de huur en over werk in huis.",
            ),
            (
                280,
                COOPERATIE,
                Kanaal.WERKBEZOEK,
                Hoedanigheid.ALS_PROFESSIONAL,
                "Bezoek aan het energieloket",
                "De coöperatie kan meer coaches opleiden als er een ruimte en een budget is.",
            ),
            (
                210,
                NETBEHEER,
                Kanaal.EMAIL,
                Hoedanigheid.NAMENS_ORGANISATIE,
                "Vraag over de netcapaciteit in Polderrand",
                "Antwoord: het net zit vol, verzwaring staat pas over drie jaar gepland.",
            ),
            (
                150,
                BEWONERSRAAD,
                Kanaal.GESPREK,
                Hoedanigheid.PERSOONLIJK,
                "Gesprek met de voorzitter over de woonlasten",
                "Sprak als bewoner, niet namens de raad: zelf bang voor een hogere huur.",
            ),
            (
                90,
                WOONSTICHTING,
                Kanaal.TELEFOON,
                Hoedanigheid.NAMENS_ORGANISATIE,
                "Planning isolatie Molenbuurt",
                "De eerste vijftig woningen starten na de zomervakantie.",
            ),
            (
                40,
                BUURTFONDS,
                Kanaal.GESPREK,
                Hoedanigheid.NAMENS_ORGANISATIE,
                "Fonds voor kleine maatregelen",
                "Het fonds wil aanvragen samen met de energiecoöperatie beoordelen.",
            ),
            (
                12,
                NETBEHEER,
                Kanaal.BIJEENKOMST,
                Hoedanigheid.ALS_PROFESSIONAL,
                "Werksessie warmtenet Polderrand",
                "Netbeheer denkt mee; de coöperatie onderzoekt de haalbaarheid.",
            ),
        ],
        toezeggingen=[
            (
                "De bewonersraad de planning van de isolatie per straat sturen",
                BEWONERSRAAD,
                REGISSEUR,
                -14,
                Toezegging.Status.OPEN,
            ),
            (
                "Netbeheer Delta-Noord uitnodigen voor de wijkavond over het warmtenet",
                NETBEHEER,
                REGISSEUR,
                21,
                Toezegging.Status.OPEN,
            ),
            (
                "Woonstichting Demodam de voorwaarden van de isolatiesubsidie uitleggen",
                WOONSTICHTING,
                AMBTENAAR,
                -200,
                Toezegging.Status.NAGEKOMEN,
            ),
            (
                "De energiecoöperatie een ruimte voor het energieloket aanbieden",
                COOPERATIE,
                REGISSEUR,
                -250,
                Toezegging.Status.NAGEKOMEN,
            ),
            (
                "Een tweede wijkavond in Polderrand organiseren",
                BEWONERSRAAD,
                AMBTENAAR,
                -60,
                Toezegging.Status.VERVALLEN,
            ),
        ],
        plannen=[
            DemoPlan(
                versie=1,
                status=PlanVanAanpak.Status.VASTGESTELD,
                samenvatting=(
                    "Eerst isoleren, dan overstappen. Woonstichting Demodam isoleert 300 "
                    "huurwoningen in de Molenbuurt, de energiecoöperatie geeft bewoners advies "
                    "aan huis en de bewonersraad praat per straat mee over de planning."
                ),
                aangemaakt=170,
                ingediend=140,
                vastgesteld=125,
                instemmingen={
                    GEMEENTE: (Instemming.Besluit.INGESTEMD, "", 139),
                    WOONSTICHTING: (Instemming.Besluit.INGESTEMD, "", 138),
                    COOPERATIE: (Instemming.Besluit.INGESTEMD, "", 136),
                    BEWONERSRAAD: (
                        Instemming.Besluit.INGESTEMD,
                        "Akkoord, nu vastligt dat de woonlasten niet stijgen.",
                        126,
                    ),
                    NETBEHEER: (Instemming.Besluit.INGESTEMD, "", 131),
                    BUURTFONDS: (Instemming.Besluit.INGESTEMD, "", 133),
                },
                acties=[
                    DemoActie(
                        "Isolatie van 300 huurwoningen in de Molenbuurt",
                        "Dak, gevel, vloer en glas, in blokken van vijftig woningen.",
                        WOONSTICHTING,
                        [WOONSTICHTING],
                        "Woningen goed geïsoleerd",
                        120,
                        -240,
                        Actie.Status.BEZIG,
                    ),
                    DemoActie(
                        "Energiecoaches aan huis",
                        "Gratis advies voor elke bewoner, op afspraak of tijdens een straatactie.",
                        COOPERATIE,
                        [COOPERATIE],
                        "Bewoners weten wat hun woning nodig heeft",
                        110,
                        -180,
                        Actie.Status.BEZIG,
                    ),
                    DemoActie(
                        "Straatgesprekken over de planning",
                        "Per straat een avond over wat er gebeurt, wanneer, en wat het kost.",
                        BEWONERSRAAD,
                        [BEWONERSRAAD, WOONSTICHTING],
                        None,
                        100,
                        30,
                        Actie.Status.GEREED,
                    ),
                    DemoActie(
                        "Netverzwaring Polderrand",
                        "Zonder zwaarder net geen warmtepompen in Polderrand.",
                        NETBEHEER,
                        [NETBEHEER],
                        "Woningen goed geïsoleerd",
                        60,
                        -1000,
                        Actie.Status.GEBLOKKEERD,
                    ),
                    DemoActie(
                        "Fonds voor kleine energiemaatregelen",
                        "Tochtstrips, radiatorfolie en waterbesparende douchekoppen voor wie "
                        "het zelf niet kan betalen.",
                        BUURTFONDS,
                        [BUURTFONDS, COOPERATIE],
                        "Minder energiearmoede",
                        -20,
                        -385,
                        Actie.Status.GEPLAND,
                    ),
                ],
            ),
            DemoPlan(
                versie=2,
                status=PlanVanAanpak.Status.TER_INSTEMMING,
                samenvatting=(
                    "Versie 2: de netverzwaring in Polderrand duurt drie jaar langer. Daarom "
                    "onderzoeken we een warmtenet, en trekt het buurtfonds de hulp bij "
                    "energiearmoede naar voren."
                ),
                aangemaakt=25,
                ingediend=10,
                vastgesteld=None,
                instemmingen={
                    GEMEENTE: (Instemming.Besluit.INGESTEMD, "", 9),
                    WOONSTICHTING: (Instemming.Besluit.OPEN, "", None),
                    COOPERATIE: (Instemming.Besluit.INGESTEMD, "", 8),
                    BEWONERSRAAD: (
                        Instemming.Besluit.INGESTEMD,
                        "Goed dat bewoners meebeslissen over het warmtenet.",
                        6,
                    ),
                    NETBEHEER: (Instemming.Besluit.INGESTEMD, "", 7),
                    BUURTFONDS: (Instemming.Besluit.INGESTEMD, "", 4),
                },
                acties=[
                    DemoActie(
                        "Isolatie van 300 huurwoningen in de Molenbuurt",
                        "Dak, gevel, vloer en glas, in blokken van vijftig woningen.",
                        WOONSTICHTING,
                        [WOONSTICHTING],
                        "Woningen goed geïsoleerd",
                        120,
                        -240,
                        Actie.Status.BEZIG,
                    ),
                    DemoActie(
                        "Energiecoaches aan huis",
                        "Gratis advies voor elke bewoner, op afspraak of tijdens een straatactie.",
                        COOPERATIE,
                        [COOPERATIE],
                        "Bewoners weten wat hun woning nodig heeft",
                        110,
                        -180,
                        Actie.Status.BEZIG,
                    ),
                    DemoActie(
                        "Haalbaarheidsonderzoek warmtenet Polderrand",
                        "Kan restwarmte van het bedrijventerrein de buurt verwarmen, en wat kost "
                        "het bewoners?",
                        COOPERATIE,
                        [COOPERATIE, NETBEHEER],
                        "Woningen goed geïsoleerd",
                        -14,
                        -200,
                        Actie.Status.GEPLAND,
                    ),
                    DemoActie(
                        "Fonds voor kleine energiemaatregelen",
                        "Tochtstrips, radiatorfolie en waterbesparende douchekoppen voor wie "
                        "het zelf niet kan betalen.",
                        BUURTFONDS,
                        [BUURTFONDS, COOPERATIE],
                        "Minder energiearmoede",
                        -7,
                        -372,
                        Actie.Status.GEPLAND,
                    ),
                ],
            ),
        ],
        besluiten=[
            (
                350,
                Orgaan.COLLEGE,
                "Startnotitie energietransitie Noorderpolder",
                "Noorderpolder is als eerste wijk gekozen: de woningen zijn oud, de "
                "energierekening drukt zwaar op veel huishoudens en Woonstichting Demodam plant "
                "in dezelfde jaren groot onderhoud.",
            ),
            (
                205,
                Orgaan.STUURGROEP,
                "Doel: de helft van de woningen in vijf jaar van het gas af",
                "Ambitieus maar haalbaar als isolatie en onderhoud samen opgaan. Zo hoeven "
                "bewoners maar één keer overlast te hebben.",
            ),
            (
                150,
                Orgaan.GEMEENTERAAD,
                "Krediet van € 2,4 miljoen voor isolatie en energiehulp",
                "De raad stelt het krediet beschikbaar op voorwaarde dat huurders er geen "
                "hogere woonlasten door krijgen.",
            ),
            (
                125,
                Orgaan.PARTNERS,
                "Plan van aanpak versie 1 vastgesteld",
                "Alle betrokken partners hebben ingestemd; de uitvoering begint in de Molenbuurt.",
            ),
            (
                45,
                Orgaan.KERNTEAM,
                "Warmtenet onderzoeken voor Polderrand",
                "Het net in Polderrand wordt pas over drie jaar verzwaard. Een warmtenet kan "
                "een alternatief zijn; de energiecoöperatie onderzoekt dat.",
            ),
        ],
    ),
    DemoOpgave(
        titel=EENZAAMHEID,
        fase=Fase.DELEN,
        zichtbaarheid=Zichtbaarheid.OPENBAAR,
        vraagstuk=(
            "Steeds meer ouderen in Demodam voelen zich eenzaam. Buurthuizen, kerken, "
            "sportclubs en zorgaanbieders doen veel, maar weten vaak niet van elkaar wat ze "
            "doen en wie ze missen."
        ),
        huidige_situatie=(
            "Een op de drie 75-plussers in Demodam voelt zich eenzaam, in Oosterhout nog meer. "
            "Veel ouderen wonen alleen, hun netwerk wordt kleiner en ze komen minder buiten. "
            "Er is veel aanbod, maar wie niet zelf komt, blijft buiten beeld."
        ),
        gewenste_situatie=(
            "Ouderen die zich eenzaam voelen, worden op tijd gezien. In elke wijk is iets te "
            "doen dat bij hen past, dichtbij en betaalbaar. Organisaties verwijzen naar elkaar "
            "door en werken met één overzicht van het aanbod."
        ),
        maatschappelijk_effect=(
            "Minder ouderen in Demodam voelen zich eenzaam, en meer ouderen hebben mensen om "
            "zich heen op wie ze kunnen terugvallen."
        ),
        afbakening=(
            "Wel: inwoners van 65 jaar en ouder in alle wijken, met extra aandacht voor "
            "Oosterhout. Niet: eenzaamheid onder jongeren (dat loopt via het jeugdbeleid) en "
            "individuele zorg uit de Wmo."
        ),
        themas=["Zorg en welzijn", "Cultuur en sport"],
        gebieden=["GM9999", "WK999903", "BU99990301"],
        start=210,
        horizon_jaren=4,
        scores=(4, 4, 3, 4),
        rollen=[(AMBTENAAR, Opgaverol.Rol.KERNTEAMLID)],
        faseovergangen=[
            (
                75,
                Fase.VERKENNEN,
                Fase.DELEN,
                "De verkenning laat zien dat ouderen die niet naar activiteiten komen buiten "
                "beeld blijven. We delen het beeld nu met ouderen zelf en hun mantelzorgers.",
            ),
        ],
        effect=DemoDoel(
            "Minder ouderen voelen zich eenzaam",
            "Gemeten met de GGD-monitor, die eens in de vier jaar verschijnt.",
            [
                DemoIndicator(
                    "75-plussers die zich ernstig eenzaam voelen",
                    "%",
                    "GGD-monitor ouderen",
                    "12",
                    "9",
                    4,
                )
            ],
        ),
        doelen=[
            DemoDoel(
                "Meer ouderen doen mee in de buurt",
                "Activiteiten dichtbij huis, ook voor wie slecht ter been is.",
                [
                    DemoIndicator(
                        "Ouderen die per maand meedoen aan buurtactiviteiten",
                        "deelnemers",
                        "Stichting Welzijn Demodam",
                        "310",
                        "600",
                        3,
                        _maanden(310, 305, 320, 335, 350, 340, 360, 385, 410, 405, 430, 455),
                    )
                ],
            ),
            DemoDoel(
                "Eenzaamheid eerder zien",
                "Vrijwilligers en wijkverpleging gaan op huisbezoek bij 75-plussers.",
                [
                    DemoIndicator(
                        "Huisbezoeken bij 75-plussers per maand",
                        "huisbezoeken",
                        "Zorggroep De Linde en Stichting Welzijn Demodam",
                        "20",
                        "80",
                        2,
                        _maanden(20, 22, 25, 24, 30, 34, 38, 41, 45, 50, 52, 58),
                    )
                ],
            ),
        ],
        betrokkenen=[
            DemoBetrokkene(
                WELZIJN,
                Aard.VOERT_UIT,
                200,
                "Ouderenwerk en buurthuizen in alle wijken.",
                [
                    (195, 3, 5, 2, "Wil graag, maar heeft te weinig handen."),
                    (100, 3, 5, 2, "Coördineert de huisbezoeken."),
                    (20, 4, 5, 2, "Neemt het overzicht van het aanbod op zich."),
                ],
            ),
            DemoBetrokkene(
                ZORGGROEP,
                Aard.VOERT_UIT,
                190,
                "Wijkverpleging ziet veel eenzame ouderen thuis.",
                [
                    (185, 3, 3, 0, "Ziet het probleem, maar ziet het niet als zorgtaak."),
                    (90, 3, 4, 1, "Wijkverpleging doet mee met signaleren."),
                    (25, 3, 4, 1, "Vraagt om één loket om naar door te verwijzen."),
                ],
            ),
            DemoBetrokkene(
                WOONSTICHTING,
                Aard.ONDERVINDT_GEVOLGEN,
                150,
                "Zes wooncomplexen voor ouderen, met een gemeenschappelijke ruimte.",
                [
                    (145, 2, 2, 0, "Betrokken via de huismeesters."),
                    (40, 3, 3, 1, "Stelt de gemeenschappelijke ruimtes open voor activiteiten."),
                ],
            ),
            DemoBetrokkene(
                SPORTCLUB,
                Aard.VOERT_UIT,
                120,
                "Walking football en een koffieochtend in de kantine.",
                [
                    (115, 1, 2, 1, "Doet mee als er vrijwilligers zijn."),
                    (30, 2, 3, 2, "Twintig ouderen spelen nu elke week walking football."),
                ],
            ),
        ],
        contactmomenten=[
            (
                190,
                WELZIJN,
                Kanaal.GESPREK,
                Hoedanigheid.NAMENS_ORGANISATIE,
                "Startgesprek ouderenwerk",
                "Wie bereiken we wel, en wie niet?",
            ),
            (
                95,
                ZORGGROEP,
                Kanaal.BIJEENKOMST,
                Hoedanigheid.ALS_PROFESSIONAL,
                "Intervisie met wijkverpleegkundigen",
                "Wijkverpleging ziet eenzaamheid, maar weet niet waar ze heen kan verwijzen.",
            ),
            (
                35,
                SPORTCLUB,
                Kanaal.WERKBEZOEK,
                Hoedanigheid.NAMENS_ORGANISATIE,
                "Walking football bekeken",
                "Veel plezier; deelnemers nemen buren mee.",
            ),
        ],
        toezeggingen=[
            (
                "Een overzicht van het aanbod per wijk maken, samen met het ouderenwerk",
                WELZIJN,
                AMBTENAAR,
                30,
                Toezegging.Status.OPEN,
            ),
            (
                "De wijkverpleging een verwijskaart geven",
                ZORGGROEP,
                AMBTENAAR,
                -40,
                Toezegging.Status.NAGEKOMEN,
            ),
        ],
        plannen=[],
        besluiten=[
            (
                195,
                Orgaan.COLLEGE,
                "Opdracht: samen tegen eenzaamheid onder ouderen",
                "Eenzaamheid onder ouderen groeit en raakt gezondheid en zelfredzaamheid. Het "
                "college vraagt partners om samen één aanpak te maken.",
            ),
            (
                70,
                Orgaan.KERNTEAM,
                "Ouderen zelf betrekken in de fase delen",
                "We praten niet alleen met organisaties, maar ook met ouderen en mantelzorgers "
                "zelf, aan huis en in de buurthuizen.",
            ),
        ],
    ),
    DemoOpgave(
        titel=STATIONSKWARTIER,
        fase=Fase.VERKENNEN,
        zichtbaarheid=Zichtbaarheid.INTERN,
        vraagstuk=(
            "Rond het station voelen bewoners en ondernemers zich 's avonds minder veilig. Er "
            "is overlast, leegstand en weinig groen. Wat speelt er precies, en wie kan wat doen?"
        ),
        huidige_situatie=(
            "Rond het station staan veertien winkelpanden leeg en is weinig groen. Bewoners en "
            "ondernemers melden 's avonds overlast: rondhangen, vernielingen en handel in "
            "drugs. Het aantal meldingen stijgt al een jaar."
        ),
        gewenste_situatie=(
            "Het Stationskwartier is een plek waar mensen graag wonen, werken en langskomen, "
            "ook 's avonds. Panden worden gebruikt, er is groen, en bewoners, ondernemers, "
            "politie en gemeente weten elkaar te vinden."
        ),
        maatschappelijk_effect=(
            "Bewoners en bezoekers voelen zich veilig in het Stationskwartier en er staan "
            "minder panden leeg."
        ),
        afbakening=(
            "Wel: het gebied tussen het station, de Havenkade en de Markt. Niet: de "
            "herinrichting van het stationsplein (een project van de provincie en de "
            "spoorbeheerder) en de rest van de binnenstad."
        ),
        themas=["Veiligheid", "Economie en centrum", "Openbare ruimte"],
        gebieden=["WK999901", "BU99990101", "BU99990102"],
        start=60,
        horizon_jaren=3,
        scores=(3, 4, 4, 3),
        rollen=[(REGISSEUR, Opgaverol.Rol.OPGAVEREGISSEUR)],
        faseovergangen=[],
        effect=DemoDoel(
            "Een veilig en levendig Stationskwartier",
            "Nog voorlopig: de verkenning moet het effect scherper maken.",
        ),
        doelen=[
            DemoDoel(
                "Minder overlast",
                "Eerst begrijpen waar en wanneer de overlast ontstaat.",
                [
                    DemoIndicator(
                        "Meldingen van overlast rond het station per maand",
                        "meldingen",
                        "Meldpunt gemeente en politie",
                        "38",
                        "15",
                        3,
                        _maanden(38, 41, 36, 44, 47, 45, 50, 46, 52, 49, 48, 51),
                    )
                ],
            ),
            DemoDoel(
                "Minder leegstand",
                "Tijdelijke invulling van lege panden, met ondernemers en eigenaren.",
                [
                    DemoIndicator(
                        "Leegstaande winkelpanden",
                        "panden",
                        "Ondernemersvereniging Centrum Demodam",
                        "14",
                        "5",
                        3,
                    )
                ],
            ),
        ],
        betrokkenen=[
            DemoBetrokkene(
                ONDERNEMERS,
                Aard.ONDERVINDT_GEVOLGEN,
                60,
                "Winkeliers en horeca rond het station.",
                [
                    (55, 3, 5, -1, "Boos: meldingen leiden volgens hen tot niets."),
                    (10, 3, 5, 0, "Wil meedoen als er snel iets zichtbaar verandert."),
                ],
            ),
            DemoBetrokkene(
                WOONSTICHTING,
                Aard.VOERT_UIT,
                55,
                "Heeft 400 woningen in het Havenkwartier, met leegstaande bedrijfsruimtes.",
                [
                    (50, 3, 4, 1, "Wil de lege bedrijfsruimtes tijdelijk verhuren."),
                    (8, 4, 4, 1, "Biedt twee panden aan voor een tijdelijke invulling."),
                ],
            ),
            DemoBetrokkene(
                POLITIE,
                Aard.VOERT_UIT,
                55,
                "De wijkagent kent de hangplekken en de mensen.",
                [
                    (50, 4, 4, 1, "Wil samenwerken, maar heeft weinig capaciteit in de avond."),
                    (5, 4, 4, 1, "Deelt de meldingencijfers per maand."),
                ],
            ),
            DemoBetrokkene(
                WELZIJN,
                Aard.VOERT_UIT,
                40,
                "Straathoekwerk en het buurthuis in de Binnenstad.",
                [(35, 2, 3, 2, "Kent de jongeren die rondhangen en wil met hen praten.")],
            ),
        ],
        contactmomenten=[
            (
                50,
                ONDERNEMERS,
                Kanaal.BIJEENKOMST,
                Hoedanigheid.NAMENS_ORGANISATIE,
                "Ondernemersontbijt",
                "Veel frustratie over overlast en lege panden.",
            ),
            (
                30,
                POLITIE,
                Kanaal.GESPREK,
                Hoedanigheid.ALS_PROFESSIONAL,
                "Wijkagent over de hangplekken",
                "De overlast concentreert zich na 21 uur.",
            ),
            (
                9,
                WOONSTICHTING,
                Kanaal.EMAIL,
                Hoedanigheid.NAMENS_ORGANISATIE,
                "Aanbod van twee lege panden",
                "Beschikbaar vanaf volgende maand.",
            ),
        ],
        toezeggingen=[
            (
                "De ondernemersvereniging de meldingencijfers van het afgelopen jaar sturen",
                ONDERNEMERS,
                REGISSEUR,
                10,
                Toezegging.Status.OPEN,
            ),
        ],
        plannen=[],
        besluiten=[
            (
                58,
                Orgaan.COLLEGE,
                "Verkenning leefbaarheid Stationskwartier",
                "Meldingen van overlast stijgen en er staan veel panden leeg. Het college wil "
                "eerst een gedeeld beeld met bewoners, ondernemers en politie.",
            ),
        ],
    ),
    DemoOpgave(
        titel=VERSLAVING,
        fase=Fase.OVEREENKOMEN,
        zichtbaarheid=Zichtbaarheid.INTERN,
        vraagstuk=(
            "Jongeren in Demodam komen steeds jonger in aanraking met alcohol, drugs en gokken. "
            "Scholen, jongerenwerk, GGD en ouders willen samen voorkomen dat het misgaat."
        ),
        huidige_situatie=(
            "Een kwart van de scholieren in de tweede klas heeft al eens alcohol gedronken. "
            "Jongeren gokken online en vapen, vaak zonder dat ouders het weten. Scholen, "
            "jongerenwerk, GGD en sportclubs doen allemaal iets, maar los van elkaar."
        ),
        gewenste_situatie=(
            "Jongeren in Demodam beginnen later of niet met alcohol, drugs en gokken. Ouders, "
            "scholen, sportclubs en jongerenwerk geven dezelfde boodschap en zien problemen "
            "vroeg."
        ),
        maatschappelijk_effect="Jongeren groeien gezond op en minder jongeren raken verslaafd.",
        afbakening=(
            "Wel: jongeren van 10 tot 18 jaar, hun ouders en de plekken waar ze komen (school, "
            "sport, straat, online). Niet: de behandeling van verslaving; dat doet de "
            "verslavingszorg."
        ),
        themas=["Jeugd en onderwijs", "Zorg en welzijn"],
        gebieden=["GM9999", "WK999904", "WK999905"],
        start=300,
        horizon_jaren=6,
        scores=(4, 4, 3, 5),
        rollen=[],
        faseovergangen=[
            (
                240,
                Fase.VERKENNEN,
                Fase.DELEN,
                "De cijfers van de GGD en de gesprekken met scholen bevestigen het beeld. Nu "
                "praten we met jongeren en ouders.",
            ),
            (
                100,
                Fase.DELEN,
                Fase.OVEREENKOMEN,
                "Jongeren, ouders, scholen en sportclubs zijn het eens over het probleem. Nu "
                "maken we samen afspraken over de aanpak.",
            ),
        ],
        effect=DemoDoel(
            "Jongeren groeien gezond op",
            "Minder jongeren beginnen jong met alcohol, drugs of gokken.",
        ),
        doelen=[
            DemoDoel(
                "Later beginnen met alcohol",
                "De boodschap 'geen alcohol onder de 18' overal hetzelfde.",
                [
                    DemoIndicator(
                        "Scholieren in klas 2 die ooit alcohol dronken",
                        "%",
                        "GGD Jeugdmonitor",
                        "25",
                        "15",
                        6,
                    )
                ],
            ),
            DemoDoel(
                "Ouders praten erover met hun kind",
                "Voorlichtingsavonden op school en in de wijk.",
                [
                    DemoIndicator(
                        "Ouders bereikt met voorlichting (opgeteld)",
                        "ouders",
                        "GGD Regio Demodam",
                        "0",
                        "1000",
                        2,
                        _maanden(0, 0, 35, 35, 80, 120, 120, 160, 210, 260, 260, 310),
                    )
                ],
            ),
        ],
        betrokkenen=[
            DemoBetrokkene(
                GGD,
                Aard.LEVERT_MIDDELEN,
                290,
                "Levert cijfers, voorlichters en lesmateriaal.",
                [
                    (285, 3, 4, 2, "Trekt graag de kennis, niet de regie."),
                    (120, 3, 4, 2, "Heeft een voorlichter vrijgemaakt voor Demodam."),
                ],
            ),
            DemoBetrokkene(
                COLLEGE,
                Aard.VOERT_UIT,
                280,
                "De grootste middelbare school van Demodam.",
                [
                    (275, 4, 3, -1, "Vindt het vooral een taak van ouders."),
                    (180, 4, 4, 0, "Ziet het gokken in de klas toenemen."),
                    (60, 4, 4, 1, "Wil een lespakket in klas 1 en 2."),
                ],
            ),
            DemoBetrokkene(
                JONGERENWERK,
                Aard.VOERT_UIT,
                280,
                "Jongerenwerkers op straat en online.",
                [
                    (275, 2, 5, 2, "Kent de jongeren, maar wordt vaak niet gehoord."),
                    (70, 3, 5, 2, "Zit nu aan tafel bij de school en de sportclub."),
                ],
            ),
            DemoBetrokkene(
                SPORTCLUB,
                Aard.VOERT_UIT,
                200,
                "Jeugdteams en een kantine met bar.",
                [
                    (195, 2, 2, -1, "De bar is een belangrijke bron van inkomsten."),
                    (50, 2, 3, 1, "Proef met alcoholvrije uren bij jeugdwedstrijden."),
                ],
            ),
            DemoBetrokkene(
                POLITIE,
                Aard.ONDERVINDT_GEVOLGEN,
                150,
                "Ziet jongeren die drugs verhandelen of er last van hebben.",
                [(140, 4, 3, 1, "Wil vooral vroeg signaleren en doorverwijzen.")],
            ),
        ],
        contactmomenten=[
            (
                270,
                COLLEGE,
                Kanaal.GESPREK,
                Hoedanigheid.ALS_BESTUURDER,
                "Gesprek met de rector",
                "De school wil eerst weten wat het kost.",
            ),
            (
                150,
                JONGERENWERK,
                Kanaal.BIJEENKOMST,
                Hoedanigheid.ALS_PROFESSIONAL,
                "Jongerenpanel in het jongerencentrum",
                "Jongeren: 'Vertel ons niet dat het slecht is, vertel ons waarom.'",
            ),
            (
                55,
                SPORTCLUB,
                Kanaal.TELEFOON,
                Hoedanigheid.NAMENS_ORGANISATIE,
                "Alcoholvrije uren in de kantine",
                "Het bestuur stemt in met een proef.",
            ),
        ],
        toezeggingen=[
            (
                "Het Demodam College terugkoppelen wat jongeren in het panel zeiden",
                COLLEGE,
                AMBTENAAR,
                -120,
                Toezegging.Status.NAGEKOMEN,
            ),
            (
                "Een begroting van het lespakket aan de school sturen",
                COLLEGE,
                AMBTENAAR,
                14,
                Toezegging.Status.OPEN,
            ),
        ],
        plannen=[
            DemoPlan(
                versie=1,
                status=PlanVanAanpak.Status.CONCEPT,
                samenvatting=(
                    "Concept: één boodschap op school, op de sportclub en thuis, en jongeren "
                    "zelf als ambassadeur."
                ),
                aangemaakt=20,
                ingediend=None,
                vastgesteld=None,
                instemmingen={},
                acties=[
                    DemoActie(
                        "Lespakket over gokken en gamen in klas 1 en 2",
                        "Met ervaringsdeskundigen en het jongerenwerk in de klas.",
                        COLLEGE,
                        [COLLEGE, JONGERENWERK],
                        "Later beginnen met alcohol",
                        -30,
                        -300,
                        Actie.Status.GEPLAND,
                    ),
                    DemoActie(
                        "Alcoholvrije uren bij jeugdwedstrijden",
                        "Op zaterdag tot 17 uur geen alcohol in de kantine.",
                        SPORTCLUB,
                        [SPORTCLUB],
                        "Later beginnen met alcohol",
                        -10,
                        -180,
                        Actie.Status.GEPLAND,
                    ),
                    DemoActie(
                        "Ouderavonden in de wijk",
                        "Vier avonden per jaar, in het buurthuis in plaats van op school.",
                        GGD,
                        [GGD, JONGERENWERK],
                        "Ouders praten erover met hun kind",
                        -20,
                        -365,
                        Actie.Status.GEPLAND,
                    ),
                ],
            ),
        ],
        besluiten=[
            (
                290,
                Orgaan.COLLEGE,
                "Opdracht preventieaanpak jongeren",
                "De Jeugdmonitor laat zien dat jongeren steeds jonger beginnen. Het college "
                "vraagt scholen, GGD, jongerenwerk en sport om een gezamenlijke aanpak.",
            ),
            (
                95,
                Orgaan.STUURGROEP,
                "Eerst alcohol en gokken",
                "Daar is het probleem het grootst en kunnen ouders, school en sport samen het "
                "meeste doen. Drugs volgen in een tweede stap.",
            ),
        ],
    ),
]


# --- Seeding -------------------------------------------------------------------------


def seed(
    users: dict[str, User], organisaties: dict[str, Organisatie] | None = None
) -> list[Opgave]:
    """Create the demo opgaven with everything in them.

    ``users`` maps e-mail to the demo accounts; ``organisaties`` maps name to the
    demo organisations (``partners.demo.seed``; looked up by name when not given).
    """
    if organisaties is None:
        organisaties = {o.naam: o for o in Organisatie.objects.all()}
    # Migration 0006 seeds them; a test database emptied between tests has lost them.
    zaaien(Gebied, Thema)
    vandaag = timezone.localdate()
    opgaven = []
    for demo in DEMO_OPGAVEN:
        opgave = Opgave.objects.filter(titel=demo.titel).order_by("pk").first()
        if opgave is None:
            opgave = opgave_create(
                door=users[BEHEERDER],
                titel=demo.titel,
                vraagstuk=demo.vraagstuk,
                zichtbaarheid=demo.zichtbaarheid,
                fase=demo.fase,
            )
        _charter_aanvullen(opgave, demo, vandaag=vandaag)
        for email, rol in demo.rollen:
            opgaverol_toekennen(
                opgave=opgave,
                user=users[email],
                rol=rol,
                van=vandaag - timedelta(days=demo.start),
                door=users[BEHEERDER],
            )
        _seed_faseovergangen(opgave, demo, door=users[REGISSEUR])
        doelen = _seed_doelen(opgave, demo, vandaag=vandaag, users=users)
        _seed_krachtenveld(opgave, demo, vandaag=vandaag, users=users, organisaties=organisaties)
        _seed_plannen(opgave, demo, vandaag=vandaag, organisaties=organisaties, doelen=doelen)
        _seed_besluiten(opgave, demo, vandaag=vandaag, door=_vastlegger(demo, users))
        opgaven.append(opgave)
    return opgaven


def _vastlegger(demo: DemoOpgave, users: dict[str, User]) -> User:
    """Who recorded the opgave's rows: its first role holder, or else the ambtenaar."""
    return users[demo.rollen[0][0]] if demo.rollen else users[AMBTENAAR]


def _dag(vandaag: date, dagen_geleden: int | None) -> date | None:
    return None if dagen_geleden is None else vandaag - timedelta(days=dagen_geleden)


def _moment(dagen_geleden: int | None) -> datetime | None:
    """A moment ``dagen_geleden`` days ago, at a working hour."""
    if dagen_geleden is None:
        return None
    dag = timezone.localdate() - timedelta(days=dagen_geleden)
    return timezone.make_aware(datetime.combine(dag, datetime.min.time()).replace(hour=10))


def _maand(vandaag: date, terug: int) -> date:
    """The first day of the month ``terug`` months before this one."""
    index = vandaag.year * 12 + vandaag.month - 1 - terug
    return date(index // 12, index % 12 + 1, 1)


def _charter_aanvullen(opgave: Opgave, demo: DemoOpgave, *, vandaag: date) -> None:
    """Fill the charter fields that are still empty; what is filled in stays."""
    gewenst = {
        "huidige_situatie": demo.huidige_situatie,
        "gewenste_situatie": demo.gewenste_situatie,
        "maatschappelijk_effect": demo.maatschappelijk_effect,
        "afbakening": demo.afbakening,
        "startdatum": vandaag - timedelta(days=demo.start),
        "horizon": date(vandaag.year + demo.horizon_jaren, 12, 31),
        "score_impact": demo.scores[0],
        "score_krachtenveld": demo.scores[1],
        "score_verhoudingen": demo.scores[2],
        "score_tijdshorizon": demo.scores[3],
    }
    leeg = [naam for naam in gewenst if getattr(opgave, naam) in (None, "")]
    if leeg:
        for naam in leeg:
            setattr(opgave, naam, gewenst[naam])
        opgave.full_clean(exclude=["slug"])
        opgave.save(update_fields=leeg)
    if not opgave.themas.exists():
        opgave.themas.set(Thema.objects.filter(naam__in=demo.themas))
    if not opgave.gebieden.exists():
        opgave.gebieden.set(Gebied.objects.filter(code__in=demo.gebieden))


def _seed_faseovergangen(opgave: Opgave, demo: DemoOpgave, *, door: User) -> None:
    """Write the demo's past phase changes once, dated in the past."""
    if opgave.faseovergangen.exists():
        return
    FaseOvergang.objects.bulk_create(
        FaseOvergang(opgave=opgave, van=van, naar=naar, door=door, op=_moment(dagen), reden=reden)
        for dagen, van, naar, reden in demo.faseovergangen
    )


def _seed_doelen(
    opgave: Opgave, demo: DemoOpgave, *, vandaag: date, users: dict[str, User]
) -> dict[str, Doel]:
    """The goal tree (effect -> goals), indicators and monthly measurements, once.

    Returns the opgave's goals by title, for the plan's actions.
    """
    if not opgave.doelen.exists():
        door = _vastlegger(demo, users)
        effect = Doel.objects.create(
            opgave=opgave,
            soort=Doel.Soort.EFFECT,
            titel=demo.effect.titel,
            omschrijving=demo.effect.omschrijving,
        )
        _seed_indicatoren(opgave, effect, demo.effect, vandaag=vandaag, door=door)
        for volgorde, demo_doel in enumerate(demo.doelen, start=1):
            doel = Doel.objects.create(
                opgave=opgave,
                bovenliggend=effect,
                soort=Doel.Soort.DOEL,
                titel=demo_doel.titel,
                omschrijving=demo_doel.omschrijving,
                volgorde=volgorde,
            )
            _seed_indicatoren(opgave, doel, demo_doel, vandaag=vandaag, door=door)
    return {doel.titel: doel for doel in opgave.doelen.all()}


def _seed_indicatoren(
    opgave: Opgave, doel: Doel, demo: DemoDoel, *, vandaag: date, door: User
) -> None:
    for demo_indicator in demo.indicatoren:
        indicator = Indicator.objects.create(
            opgave=opgave,
            doel=doel,
            naam=demo_indicator.naam,
            eenheid=demo_indicator.eenheid,
            bron=demo_indicator.bron,
            nulmeting=Decimal(demo_indicator.nulmeting),
            streefwaarde=Decimal(demo_indicator.streefwaarde),
            streefdatum=date(vandaag.year + demo_indicator.jaren_tot_streefdatum, 12, 31),
        )
        aantal = len(demo_indicator.maandwaarden)
        Meting.objects.bulk_create(
            Meting(
                opgave=opgave,
                indicator=indicator,
                datum=_maand(vandaag, aantal - 1 - index),
                waarde=Decimal(waarde),
                vastgelegd_door=door,
            )
            for index, waarde in enumerate(demo_indicator.maandwaarden)
        )


def _seed_krachtenveld(
    opgave: Opgave,
    demo: DemoOpgave,
    *,
    vandaag: date,
    users: dict[str, User],
    organisaties: dict[str, Organisatie],
) -> None:
    """Involvements with a year of positions, contacts and commitments, once."""
    if opgave.betrokkenheden.exists():
        return
    door = _vastlegger(demo, users)
    betrokkenheden: dict[str, Betrokkenheid] = {}
    for betrokkene in demo.betrokkenen:
        betrokkenheid = Betrokkenheid.objects.create(
            opgave=opgave,
            organisatie=organisaties[betrokkene.organisatie],
            aard=betrokkene.aard,
            toelichting=betrokkene.toelichting,
            sinds=_dag(vandaag, betrokkene.sinds),
        )
        betrokkenheden[betrokkene.organisatie] = betrokkenheid
        Positie.objects.bulk_create(
            Positie(
                opgave=opgave,
                betrokkenheid=betrokkenheid,
                datum=_dag(vandaag, dagen),
                invloed=invloed,
                belang=belang,
                houding=houding,
                toelichting=toelichting,
                vastgelegd_door=door,
            )
            for dagen, invloed, belang, houding, toelichting in betrokkene.posities
        )
    Contactmoment.objects.bulk_create(
        Contactmoment(
            opgave=opgave,
            betrokkenheid=betrokkenheden[organisatie],
            datum=_dag(vandaag, dagen),
            kanaal=kanaal,
            hoedanigheid=hoedanigheid,
            onderwerp=onderwerp,
            notitie=notitie,
            vastgelegd_door=door,
        )
        for dagen, organisatie, kanaal, hoedanigheid, onderwerp, notitie in demo.contactmomenten
    )
    Toezegging.objects.bulk_create(
        Toezegging(
            opgave=opgave,
            betrokkenheid=betrokkenheden.get(organisatie) if organisatie else None,
            omschrijving=omschrijving,
            eigenaar=users[eigenaar],
            deadline=vandaag + timedelta(days=deadline),
            status=status,
        )
        for omschrijving, organisatie, eigenaar, deadline, status in demo.toezeggingen
    )


def _contactpersoon(organisatie: Organisatie) -> User | None:
    """Who speaks for ``organisatie``: its first contact person (partners.demo)."""
    lid = (
        Lidmaatschap.objects.filter(organisatie=organisatie, rol=Lidmaatschap.Rol.CONTACTPERSOON)
        .select_related("user")
        .order_by("van", "pk")
        .first()
    )
    return lid.user if lid else None


def _seed_plannen(
    opgave: Opgave,
    demo: DemoOpgave,
    *,
    vandaag: date,
    organisaties: dict[str, Organisatie],
    doelen: dict[str, Doel],
) -> None:
    """The versions of the plan van aanpak with their consents and actions, once."""
    if opgave.plannen.exists():
        return
    for demo_plan in demo.plannen:
        plan = PlanVanAanpak.objects.create(
            opgave=opgave,
            versie=demo_plan.versie,
            status=demo_plan.status,
            samenvatting=demo_plan.samenvatting,
            aangemaakt_op=_moment(demo_plan.aangemaakt),
            ingediend_op=_moment(demo_plan.ingediend),
            vastgesteld_op=_moment(demo_plan.vastgesteld),
        )
        for naam, (besluit, reden, dagen) in demo_plan.instemmingen.items():
            organisatie = organisaties[naam]
            beantwoord = besluit != Instemming.Besluit.OPEN
            Instemming.objects.create(
                opgave=opgave,
                plan=plan,
                organisatie=organisatie,
                besluit=besluit,
                reden=reden,
                door=_contactpersoon(organisatie) if beantwoord else None,
                op=_moment(dagen) if beantwoord else None,
            )
        for demo_actie in demo_plan.acties:
            actie = Actie.objects.create(
                opgave=opgave,
                plan=plan,
                titel=demo_actie.titel,
                omschrijving=demo_actie.omschrijving,
                trekker=organisaties[demo_actie.trekker],
                doel=doelen.get(demo_actie.doel) if demo_actie.doel else None,
                start=_dag(vandaag, demo_actie.start),
                eind=_dag(vandaag, demo_actie.eind),
                status=demo_actie.status,
            )
            actie.uitvoerders.set(organisaties[naam] for naam in demo_actie.uitvoerders)


def _seed_besluiten(opgave: Opgave, demo: DemoOpgave, *, vandaag: date, door: User) -> None:
    if opgave.besluiten.exists():
        return
    Besluit.objects.bulk_create(
        Besluit(
            opgave=opgave,
            datum=_dag(vandaag, dagen),
            orgaan=orgaan,
            titel=titel,
            motivering=motivering,
            vastgelegd_door=door,
        )
        for dagen, orgaan, titel, motivering in demo.besluiten
    )
