"""Demo learning and coaching (issue 8 point 9). Idempotent: safe to run again.
(Helper "ervaringen".)

- ambtenaar@demodam.nl (Anouk, kernteamlid) and regisseur@demodam.nl (Rutger,
  opgaveregisseur) each have six months of learning entries: about 70% on the job,
  20% from others and 10% in training, private, shared with the coach or with the
  team, with STARR fields, competences, a linked opgave and the time spent. Each has
  a development plan with goals and progress, and self-assessments over time.
- adviseur@demodam.nl (Ada) coaches Anouk individually, commissioned by Rutger, who
  sees a progress summary (``deelt_voortgang``); and coaches the kernteam of
  Energietransitie Demodam-Noord (Rutger and Anouk) as a team. Both trajectories
  are active with conversations (shared and private notes), action points (done,
  open, and one overdue), assessments by the coach, and feedback on shared entries.

Each part is seeded only while it is empty (entries of a person, a plan by title,
a trajectory by title, its conversations, ...), so a second run adds nothing.
Entries and self-assessments are history: written in bulk with their dates, not
replayed through the services (which would date them today). Trajectories,
conversations, action points, coach assessments and feedback go through
``leren.services``; feedback notifies the author (``meldingen.demo``, which runs
after this, marks those notifications as mailed, so no mail goes out).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import User
from leren.models import (
    Actiepunt,
    Bron,
    Coachtraject,
    Competentie,
    Feedback,
    Leerervaring,
    Ontwikkelplan,
    Voortgangsmeting,
    Zichtbaarheid,
)
from leren.repertoire import zaaien
from leren.services import (
    actiepunt_afronden,
    doel_toevoegen,
    doel_voortgang,
    feedback_geven,
    gesprek_vastleggen,
    ontwikkelplan_opslaan,
    traject_aanmaken,
    traject_status_wijzigen,
    voortgang_meten,
)
from opgaven.models import Opgave, Opgaverol
from opgaven.selectors import opgaverollen_actief

AMBTENAAR = "ambtenaar@demodam.nl"
REGISSEUR = "regisseur@demodam.nl"
ADVISEUR = "adviseur@demodam.nl"
ENERGIE = "Energietransitie Demodam-Noord"
EENZAAMHEID = "Samen tegen eenzaamheid"
STATIONSKWARTIER = "Leefbaarheid Stationskwartier"

INDIVIDUEEL = "Coaching Anouk: groeien in netwerkregie"
TEAM = "Teamcoaching kernteam Energietransitie Demodam-Noord"

DAGEN = 180  # six months of entries


@dataclass(frozen=True)
class Sjabloon:
    """A kind of learning entry; ``{wijk}``, ``{partner}`` and ``{n}`` are filled in."""

    bron: str
    titel: str
    reflectie: str
    competenties: tuple[str, ...]
    duur: int
    starr: tuple[str, str, str, str] | None = None


ERVARING = [
    Sjabloon(
        Bron.ERVARING,
        "Bewonersavond over de warmtevisie in {wijk}",
        "Ik wilde eerst de plannen uitleggen, maar de zaal wilde hun zorgen kwijt over de "
        "kosten. Toen ik de agenda losliet en vragen ging ophalen, kwam er ruimte. Volgende "
        "keer begin ik met luisteren.",
        ("samenwerken-met-inwoners", "verbinden"),
        150,
        (
            "Zestig bewoners, veel zorgen over de energierekening.",
            "Ik leidde het eerste deel van de avond.",
            "Ik heb de presentatie ingekort en vragen op flappen gezet.",
            "Bewoners bleven tot het einde en twintig willen meedenken.",
        ),
    ),
    Sjabloon(
        Bron.ERVARING,
        "Lastig overleg met {partner} over de planning",
        "Ze voelden zich overvallen door onze tijdlijn. Door hardop te benoemen dat we "
        "verschillende belangen hebben, werd het gesprek eerlijker. Ik had ze eerder moeten "
        "betrekken.",
        ("netwerkregie", "verbinden"),
        90,
        (
            "De planning was zonder de partner gemaakt.",
            "Ik moest de afspraken over de uitvoering rond krijgen.",
            "Ik heb het overleg stilgelegd en gevraagd wat zij nodig hebben.",
            "Een nieuwe planning, samen gemaakt, twee weken later.",
        ),
    ),
    Sjabloon(
        Bron.ERVARING,
        "Kernteamoverleg zonder voorzitter",
        "Niemand pakte de regie en we dwaalden af. Halverwege heb ik voorgesteld de drie "
        "besluitpunten op een rij te zetten; dat werkte. Ik mag die rol vaker nemen.",
        ("wendbaar-sturen",),
        60,
    ),
    Sjabloon(
        Bron.ERVARING,
        "Signaal uit {wijk} doorgezet naar beleid",
        "Een bewoner vertelde dat de regeling voor isolatie te ingewikkeld is. Ik heb dit met "
        "de beleidsadviseur besproken en de aanvraag wordt eenvoudiger. Klein, maar het laat "
        "zien dat de uitvoering beleid kan voeden.",
        ("beleid-en-uitvoering-verbinden", "omgevingsbewustzijn"),
        45,
    ),
    Sjabloon(
        Bron.ERVARING,
        "Overleg met de wethouder voorbereid",
        "Ik had een dik memo gemaakt, de wethouder wilde drie zinnen. Volgende keer schrijf ik "
        "eerst de kern en pas daarna de bijlage.",
        ("omgevingsbewustzijn",),
        120,
    ),
    Sjabloon(
        Bron.ERVARING,
        "Onverwachte kans: een leeg pand in {wijk}",
        "Tijdens een wijkwandeling hoorde ik van een leegstaand pand. Ik heb de eigenaar en "
        "de welzijnsorganisatie met elkaar in contact gebracht. Kansen liggen vaak net buiten "
        "de eigen opgave.",
        ("kansgericht-denken", "verbinden"),
        60,
    ),
    Sjabloon(
        Bron.ERVARING,
        "Gesprek met een boze bewoner",
        "Ik schoot in de verdediging. Achteraf had ik eerst moeten erkennen dat hij al jaren "
        "wacht. Erkenning kost niets en opent het gesprek.",
        ("samenwerken-met-inwoners", "reflecteren"),
        30,
        (
            "Een bewoner belde boos over de vertraging.",
            "Ik moest uitleggen waarom het langer duurt.",
            "Ik begon met de regels uit te leggen.",
            "Het gesprek liep vast; later heb ik teruggebeld.",
        ),
    ),
    Sjabloon(
        Bron.ERVARING,
        "Afspraken met {partner} op papier gezet",
        "We hadden mondeling al veel afgesproken, maar niemand wist meer precies wat. Door het "
        "samen op te schrijven, met namen en data, voelt iedereen zich eigenaar.",
        ("netwerkregie",),
        45,
    ),
    Sjabloon(
        Bron.ERVARING,
        "Aanpak bijgestuurd na tegenvallende cijfers",
        "De aanmeldingen bleven achter. In plaats van harder te trekken hebben we met het "
        "kernteam gekeken wat bewoners tegenhoudt. We passen de aanpak aan, niet het doel.",
        ("wendbaar-sturen", "kansgericht-denken"),
        90,
        (
            "Na drie maanden had een kwart van de verwachte huishoudens zich aangemeld.",
            "Samen met het kernteam de oorzaak vinden.",
            "Vijf bewoners gebeld die zich niet aanmeldden.",
            "Een eenvoudiger aanmeldformulier en hulp aan de keukentafel.",
        ),
    ),
    Sjabloon(
        Bron.ERVARING,
        "Presentatie voor de raadscommissie",
        "Ik was zenuwachtig, maar doordat ik de vragen van tevoren met de griffie had "
        "doorgenomen, kon ik rustig antwoorden. Voorbereiden op de politieke vragen loont.",
        ("omgevingsbewustzijn",),
        60,
    ),
    Sjabloon(
        Bron.ERVARING,
        "Samenwerking met het wijkteam in {wijk}",
        "Het wijkteam ziet dezelfde huishoudens als wij, maar we werkten langs elkaar heen. We "
        "spreken nu af om elke maand signalen te delen.",
        ("verbinden", "beleid-en-uitvoering-verbinden"),
        75,
    ),
    Sjabloon(
        Bron.ERVARING,
        "Een lastig besluit niet langer uitgesteld",
        "Ik schoof het besluit voor me uit, omdat ik bang was voor de reactie van een partner. "
        "Toen ik het toch voorlegde, viel het mee. Uitstel maakt het meestal groter.",
        ("reflecteren", "wendbaar-sturen"),
        30,
    ),
    Sjabloon(
        Bron.ERVARING,
        "Werkbezoek bij {partner}",
        "Ze weten veel meer van de wijk dan ik dacht. Ik wil ze eerder betrekken bij onze "
        "plannen, niet pas bij de uitvoering.",
        ("samenwerken-met-inwoners", "kansgericht-denken"),
        120,
    ),
    Sjabloon(
        Bron.ERVARING,
        "Krachtenveld opnieuw in kaart gebracht",
        "Toen ik de posities van de partners opnieuw scoorde, zag ik dat {partner} afhaakt. "
        "Ik plan een apart gesprek in voordat het een probleem wordt.",
        ("netwerkregie", "omgevingsbewustzijn"),
        60,
    ),
]

SOCIAAL = [
    Sjabloon(
        Bron.SOCIAAL,
        "Intervisie over een vastgelopen samenwerking",
        "Door de vragen van collega's zag ik dat ik het probleem alleen bij de partner legde. "
        "Mijn eigen rol mag ik ook onderzoeken.",
        ("reflecteren",),
        90,
    ),
    Sjabloon(
        Bron.SOCIAAL,
        "Feedback van mijn leidinggevende na het overleg",
        "Ze zag dat ik veel praat en weinig vraag. Ik ga oefenen met eerst drie vragen stellen "
        "voordat ik mijn eigen idee geef.",
        ("reflecteren", "verbinden"),
        30,
    ),
    Sjabloon(
        Bron.SOCIAAL,
        "Meegelopen met een collega-opgaveregisseur",
        "Mooi om te zien hoe zij partners laat beginnen bij hun eigen belang, en pas daarna bij "
        "het gezamenlijke doel. Dat neem ik over.",
        ("netwerkregie",),
        180,
    ),
    Sjabloon(
        Bron.SOCIAAL,
        "Coachgesprek over mijn rol in het kernteam",
        "We stonden stil bij wanneer ik stuur en wanneer ik loslaat. Ik wil daar bewuster in "
        "kiezen, en het team vertellen welke rol ik neem.",
        ("wendbaar-sturen", "reflecteren"),
        60,
    ),
    Sjabloon(
        Bron.SOCIAAL,
        "Advies gevraagd aan collega's van de GGD",
        "Zij weten hoe je ouderen bereikt die niet naar activiteiten komen. Hun tip: ga via de "
        "huisarts en de apotheek.",
        ("verbinden", "samenwerken-met-inwoners"),
        45,
    ),
    Sjabloon(
        Bron.SOCIAAL,
        "Lunch met een ervaren wijkmanager",
        "Ze vertelde hoe ze bij tegenwind de raad meeneemt in het dilemma. Eerlijk zijn over "
        "wat je niet weet, werkt beter dan een glad verhaal.",
        ("omgevingsbewustzijn",),
        60,
    ),
]

FORMEEL = [
    Sjabloon(
        Bron.FORMEEL,
        "Training opgavegericht werken, dag {n}",
        "Het samenwerkingsmodel van Kaats en Opheij gaf woorden aan wat ik al voelde: we zitten "
        "in de fase van overeenkomen en slaan die te snel over.",
        ("netwerkregie", "kansgericht-denken"),
        420,
    ),
    Sjabloon(
        Bron.FORMEEL,
        "Workshop Omgevingswet en participatie",
        "De motiveringsplicht betekent dat we bij elke inbreng laten zien wat we ermee doen. "
        "Ik neem een vaste terugkoppelronde op in ons plan.",
        ("beleid-en-uitvoering-verbinden", "samenwerken-met-inwoners"),
        240,
    ),
    Sjabloon(
        Bron.FORMEEL,
        "E-learning politiek-bestuurlijke sensitiviteit",
        "Een handig overzicht van de rollen van raad en college. Vooral het deel over de timing "
        "van informeren was nuttig.",
        ("omgevingsbewustzijn",),
        120,
    ),
]

# Per person: where they work and with whom, to fill in the entries.
CONTEXT = {
    AMBTENAAR: {
        "wijken": ["Noorderpolder", "Oosterhout", "Noorderpolder-Oost"],
        "partners": ["Woonstichting Demodam", "Stichting Welzijn Demodam", "Zorggroep De Linde"],
        "opgaven": [ENERGIE, EENZAAMHEID],
        "seed": 8,
    },
    REGISSEUR: {
        "wijken": ["Noorderpolder", "het Stationskwartier", "Centrum"],
        "partners": [
            "Woonstichting Demodam",
            "Energiecoöperatie Demodam Duurzaam",
            "Netbeheer Delta-Noord",
        ],
        "opgaven": [ENERGIE, STATIONSKWARTIER],
        "seed": 80,
    },
}

# 21 on the job, 6 from others, 3 in training: 70-20-10 over 30 entries.
MIX = [Bron.ERVARING] * 21 + [Bron.SOCIAAL] * 6 + [Bron.FORMEEL] * 3
# Private, shared with the coach or with the team: 40/40/20.
ZICHTBAARHEDEN = [
    Zichtbaarheid.PRIVE,
    Zichtbaarheid.COACH,
    Zichtbaarheid.TEAM,
    Zichtbaarheid.COACH,
    Zichtbaarheid.PRIVE,
    Zichtbaarheid.PRIVE,
    Zichtbaarheid.TEAM,
    Zichtbaarheid.COACH,
    Zichtbaarheid.PRIVE,
    Zichtbaarheid.COACH,
]

FEEDBACK = [
    "Mooi dat je dit opschrijft. Wat zou je de volgende keer als eerste anders doen?",
    "Een herkenbaar patroon, en je ziet het zelf al. Laten we dit in ons volgende gesprek "
    "verder uitdiepen.",
    "Sterk hoe je hier de regie pakte zonder de baas te spelen. Dat is precies netwerkregie.",
    "Wat had de partner volgens jou nodig om zich gehoord te voelen?",
    "Goede reflectie. Schrijf ook op wat het met je deed, niet alleen wat er gebeurde.",
]

# (e-mail, title, competences, [(goal, competence, progress, how it is going)])
PLANNEN = [
    (
        AMBTENAAR,
        "Mijn ontwikkeling als kernteamlid",
        ["netwerkregie", "samenwerken-met-inwoners", "omgevingsbewustzijn"],
        [
            (
                "Zelfstandig een netwerkoverleg met partners voorzitten",
                "netwerkregie",
                60,
                "Twee keer gedaan; de tweede keer ging het al een stuk beter.",
            ),
            (
                "Bewoners eerder en vaker betrekken bij de plannen",
                "samenwerken-met-inwoners",
                40,
                "De bewonersavonden gaan goed, de online inbreng nog niet.",
            ),
            (
                "De politieke context van mijn opgaven beter leren lezen",
                "omgevingsbewustzijn",
                20,
                "",
            ),
        ],
    ),
    (
        REGISSEUR,
        "Regie in een groeiend netwerk",
        ["wendbaar-sturen", "verbinden", "reflecteren"],
        [
            (
                "Vaker bijsturen op signalen uit de wijk in plaats van op de planning",
                "wendbaar-sturen",
                50,
                "Het kernteam bespreekt nu elke maand de signalen van bewoners.",
            ),
            (
                "Partners laten beginnen bij hun eigen belang",
                "verbinden",
                70,
                "Werkt goed in de overleggen met de woonstichting.",
            ),
        ],
    ),
]

# Self-assessments: (e-mail, competence, [(days ago, level)])
ZELFBEOORDELINGEN = [
    (AMBTENAAR, "netwerkregie", [(170, 2), (95, 2), (14, 3)]),
    (AMBTENAAR, "samenwerken-met-inwoners", [(170, 3), (95, 3), (14, 4)]),
    (AMBTENAAR, "omgevingsbewustzijn", [(170, 1), (95, 2), (14, 2)]),
    (REGISSEUR, "wendbaar-sturen", [(165, 2), (90, 3), (10, 3)]),
    (REGISSEUR, "verbinden", [(165, 3), (90, 3), (10, 4)]),
    (REGISSEUR, "reflecteren", [(165, 2), (90, 2), (10, 3)]),
]


def seed(users: dict[str, User]) -> None:
    """Create the demo learning and coaching. ``users`` maps e-mail to the demo accounts."""
    vandaag = timezone.localdate()
    # A flushed test database has lost what migration 0002 seeded: seed it again.
    zaaien(Competentie)
    competenties = {c.slug: c for c in Competentie.objects.all()}
    opgaven = {
        o.titel: o
        for o in Opgave.objects.filter(titel__in=[ENERGIE, EENZAAMHEID, STATIONSKWARTIER])
    }
    for email in (AMBTENAAR, REGISSEUR):
        _seed_ervaringen(users[email], CONTEXT[email], vandaag, competenties, opgaven)
    for email, titel, slugs, doelen in PLANNEN:
        _seed_plan(users[email], titel, slugs, doelen, vandaag, competenties)
    _seed_zelfbeoordelingen(users, vandaag, competenties)

    adviseur, ambtenaar, regisseur = users[ADVISEUR], users[AMBTENAAR], users[REGISSEUR]
    individueel = _seed_individueel(adviseur, ambtenaar, regisseur, vandaag)
    team = _seed_team(adviseur, opgaven.get(ENERGIE), vandaag)
    if individueel is not None:
        _seed_coachbeoordelingen(
            adviseur,
            ambtenaar,
            [("netwerkregie", [(120, 2), (30, 3)]), ("samenwerken-met-inwoners", [(30, 3)])],
            vandaag,
            competenties,
        )
        _seed_feedback(adviseur, ambtenaar, aantal=5)
    if team is not None and team.coachees.filter(pk=regisseur.pk).exists():
        _seed_coachbeoordelingen(
            adviseur, regisseur, [("wendbaar-sturen", [(100, 2), (40, 3)])], vandaag, competenties
        )
        _seed_feedback(adviseur, regisseur, aantal=3)


# --- Entries, plans, self-assessments -------------------------------------------------------


def _seed_ervaringen(
    auteur: User,
    context: dict,
    vandaag: date,
    competenties: dict[str, Competentie],
    opgaven: dict[str, Opgave],
) -> None:
    if Leerervaring.objects.filter(auteur=auteur).exists():
        return
    kans = random.Random(context["seed"])  # noqa: S311 - demo data, not security
    bronnen = MIX[:]
    kans.shuffle(bronnen)
    sjablonen = {
        Bron.ERVARING: ERVARING[:],
        Bron.SOCIAAL: SOCIAAL[:],
        Bron.FORMEEL: FORMEEL[:],
    }
    for lijst in sjablonen.values():
        kans.shuffle(lijst)
    gebruikt = dict.fromkeys(sjablonen, 0)
    trainingsdag = 0
    rijen: list[tuple[Leerervaring, tuple[str, ...]]] = []
    for nummer, bron in enumerate(bronnen):
        lijst = sjablonen[bron]
        sjabloon = lijst[gebruikt[bron] % len(lijst)]
        gebruikt[bron] += 1
        if "{n}" in sjabloon.titel:
            trainingsdag += 1
        vulling = {
            "wijk": kans.choice(context["wijken"]),
            "partner": kans.choice(context["partners"]),
            "n": trainingsdag,
        }
        # Spread over six months, the oldest first; a day or two of jitter.
        dagen_geleden = (
            DAGEN - round(nummer * (DAGEN - 2) / (len(bronnen) - 1)) + kans.randint(0, 2)
        )
        situatie, taak, actie, resultaat = sjabloon.starr or ("", "", "", "")
        opgave = opgaven.get(context["opgaven"][nummer % len(context["opgaven"])])
        ervaring = Leerervaring(
            auteur=auteur,
            datum=vandaag - timedelta(days=max(dagen_geleden, 1)),
            bron=bron,
            titel=sjabloon.titel.format(**vulling),
            reflectie=sjabloon.reflectie.format(**vulling),
            situatie=situatie,
            taak=taak,
            actie=actie,
            resultaat=resultaat,
            opgave=opgave if bron == Bron.ERVARING else None,
            duur_minuten=sjabloon.duur,
            zichtbaarheid=ZICHTBAARHEDEN[nummer % len(ZICHTBAARHEDEN)],
        )
        rijen.append((ervaring, sjabloon.competenties))
    Leerervaring.objects.bulk_create([ervaring for ervaring, _slugs in rijen])
    Koppeling = Leerervaring.competenties.through
    Koppeling.objects.bulk_create(
        Koppeling(leerervaring=ervaring, competentie=competenties[slug])
        for ervaring, slugs in rijen
        for slug in slugs
        if slug in competenties
    )
    # The entries were written on their day, not today (bulk_update skips auto_now).
    for ervaring, _slugs in rijen:
        ervaring.aangemaakt_op = ervaring.gewijzigd_op = _moment(ervaring.datum, 17)
    Leerervaring.objects.bulk_update(
        [ervaring for ervaring, _slugs in rijen], ["aangemaakt_op", "gewijzigd_op"]
    )


def _seed_plan(
    eigenaar: User,
    titel: str,
    slugs: list[str],
    doelen: list[tuple[str, str, int, str]],
    vandaag: date,
    competenties: dict[str, Competentie],
) -> None:
    if Ontwikkelplan.objects.filter(eigenaar=eigenaar, titel=titel).exists():
        return
    plan = ontwikkelplan_opslaan(
        eigenaar=eigenaar,
        titel=titel,
        van=vandaag - timedelta(days=150),
        tot=vandaag + timedelta(days=215),
        status=Ontwikkelplan.Status.ACTIEF,
        competenties=[competenties[s] for s in slugs if s in competenties],
    )
    for omschrijving, slug, voortgang, toelichting in doelen:
        doel = doel_toevoegen(
            plan=plan, omschrijving=omschrijving, competentie=competenties.get(slug)
        )
        if voortgang or toelichting:
            doel_voortgang(doel=doel, voortgang=voortgang, toelichting=toelichting)


def _seed_zelfbeoordelingen(
    users: dict[str, User], vandaag: date, competenties: dict[str, Competentie]
) -> None:
    al_gedaan = set(
        Voortgangsmeting.objects.filter(
            door=Voortgangsmeting.Door.ZELF, persoon__email__in=[AMBTENAAR, REGISSEUR]
        ).values_list("persoon__email", flat=True)
    )
    Voortgangsmeting.objects.bulk_create(
        Voortgangsmeting(
            persoon=users[email],
            competentie=competenties[slug],
            niveau=niveau,
            door=Voortgangsmeting.Door.ZELF,
            beoordelaar=users[email],
            datum=vandaag - timedelta(days=dagen),
        )
        for email, slug, metingen in ZELFBEOORDELINGEN
        if email not in al_gedaan and slug in competenties
        for dagen, niveau in metingen
    )


# --- Coaching -------------------------------------------------------------------------------


def _seed_individueel(
    coach: User, coachee: User, opdrachtgever: User, vandaag: date
) -> Coachtraject | None:
    traject = Coachtraject.objects.filter(titel=INDIVIDUEEL).first()
    if traject is None:
        traject = traject_aanmaken(
            coach=coach,
            coachees=[coachee],
            titel=INDIVIDUEEL,
            soort=Coachtraject.Soort.INDIVIDUEEL,
            opdrachtgever=opdrachtgever,
            doelen=(
                "Anouk groeit van kernteamlid naar iemand die zelf het netwerk in beweging "
                "brengt: overleggen voorzitten, belangen benoemen, bewoners eerder betrekken."
            ),
            afspraken=(
                "Anouk bepaalt zelf wat ze deelt. Rutger, als opdrachtgever, ziet alleen de "
                "voortgang op de competenties en de verdeling 70-20-10, nooit leerervaringen "
                "of gespreksnotities."
            ),
            deelt_voortgang=True,
            start=vandaag - timedelta(days=150),
        )
        traject = traject_status_wijzigen(traject=traject, naar=Coachtraject.Status.ACTIEF)
    if not traject.gesprekken.exists():
        _gesprekken(
            traject,
            vandaag,
            [
                (
                    140,
                    "Kennismaking en doelen scherp gesteld. Anouk wil groeien in netwerkregie en "
                    "in het betrekken van bewoners. Ze deelt leerervaringen met de coach.",
                    "Anouk is streng voor zichzelf; let op dat de lat niet te hoog komt te liggen.",
                    [
                        ("Elke week minstens één leerervaring vastleggen", coachee, 126, 120),
                        ("Een ontwikkelplan opstellen en meenemen", coachee, 110, 112),
                    ],
                ),
                (
                    84,
                    "Het lastige overleg met de woonstichting besproken. Anouk oefent met het "
                    "hardop benoemen van belangen, ook als die botsen.",
                    "Ze vermijdt het conflict. Volgende keer doorvragen op wat haar tegenhoudt.",
                    [
                        ("Het krachtenveld van de energietransitie bijwerken", coachee, 20, None),
                        ("Een gesprek met Zorggroep De Linde plannen", coachee, 63, 70),
                    ],
                ),
                (
                    28,
                    "Terugblik op de raadscommissie: goed voorbereid, rustig gebleven. Volgende "
                    "stap: zelf het netwerkoverleg voorzitten.",
                    "Duidelijke groei in zelfvertrouwen sinds de start.",
                    [("Het netwerkoverleg van volgende maand voorzitten", coachee, -21, None)],
                ),
            ],
        )
    return traject


def _seed_team(coach: User, opgave: Opgave | None, vandaag: date) -> Coachtraject | None:
    """The kernteam of the opgave (its regisseur and kernteam members) as a team."""
    traject = Coachtraject.objects.filter(titel=TEAM).first()
    if traject is None:
        if opgave is None:
            return None
        kernteam = {
            rol.user
            for rol in opgaverollen_actief(opgave=opgave)
            if rol.rol in {Opgaverol.Rol.OPGAVEREGISSEUR, Opgaverol.Rol.KERNTEAMLID}
            and rol.user_id != coach.pk
        }
        if len(kernteam) < 2:
            return None
        traject = traject_aanmaken(
            coach=coach,
            coachees=sorted(kernteam, key=lambda user: user.pk),
            titel=TEAM,
            soort=Coachtraject.Soort.TEAM,
            opgave=opgave,
            doelen=(
                "Het kernteam leert samen wendbaar sturen: signalen uit de wijk eerder "
                "oppakken en elkaars rol in het netwerk scherper krijgen."
            ),
            afspraken="Het team deelt leerervaringen met het hele team als iemand dat wil.",
            start=vandaag - timedelta(days=120),
        )
        traject = traject_status_wijzigen(traject=traject, naar=Coachtraject.Status.ACTIEF)
    if not traject.gesprekken.exists():
        leden = {user.email: user for user in traject.coachees.all()}
        regisseur = leden.get(REGISSEUR) or next(iter(leden.values()))
        ambtenaar = leden.get(AMBTENAAR) or regisseur
        _gesprekken(
            traject,
            vandaag,
            [
                (
                    110,
                    "Startsessie: wat verwachten we van elkaar als kernteam? Afgesproken dat we "
                    "leerervaringen over het team met elkaar delen.",
                    "Rutger neemt veel ruimte, Anouk wacht af. Dat patroon benoemen als het "
                    "terugkomt.",
                    [("De teamafspraken op één A4 zetten", regisseur, 96, 98)],
                ),
                (
                    45,
                    "Gereflecteerd op de bewonersavonden: wat werkte en wat niet. Het team wil "
                    "bewoners eerder betrekken bij de keuzes.",
                    "De spanning over de planning tussen Rutger en de woonstichting speelt mee.",
                    [
                        ("Een bewoner uitnodigen voor het kernteamoverleg", ambtenaar, -10, None),
                        (
                            "De bewoners van de laatste avond laten weten wat er met hun inbreng "
                            "gebeurt",
                            regisseur,
                            -5,
                            None,
                        ),
                    ],
                ),
            ],
        )
    return traject


def _gesprekken(traject: Coachtraject, vandaag: date, gesprekken: list) -> None:
    """Conversations with their action points: ``(days ago, shared notes, private notes,
    [(action point, owner, deadline in days ago, done days ago or None)])``."""
    for dagen, gedeeld, prive, punten in gesprekken:
        gesprek = gesprek_vastleggen(
            traject=traject,
            datum=vandaag - timedelta(days=dagen),
            gedeelde_notities=gedeeld,
            prive_notities=prive,
            actiepunten=[
                (omschrijving, eigenaar, vandaag - timedelta(days=deadline))
                for omschrijving, eigenaar, deadline, _klaar in punten
            ],
        )
        for punt, (_omschrijving, _eigenaar, _deadline, klaar) in zip(
            gesprek.actiepunten.order_by("pk"), punten, strict=True
        ):
            if klaar is not None:
                actiepunt_afronden(actiepunt=punt)
                Actiepunt.objects.filter(pk=punt.pk).update(
                    afgerond_op=_moment(vandaag - timedelta(days=klaar), 10)
                )


def _seed_coachbeoordelingen(
    coach: User,
    persoon: User,
    metingen: list[tuple[str, list[tuple[int, int]]]],
    vandaag: date,
    competenties: dict[str, Competentie],
) -> None:
    if Voortgangsmeting.objects.filter(persoon=persoon, beoordelaar=coach).exists():
        return
    for slug, reeks in metingen:
        for dagen, niveau in reeks:
            voortgang_meten(
                persoon=persoon,
                competentie=competenties[slug],
                niveau=niveau,
                beoordelaar=coach,
                datum=vandaag - timedelta(days=dagen),
                toelichting="Zichtbaar in de gesprekken en in de gedeelde leerervaringen.",
            )


def _seed_feedback(coach: User, auteur: User, *, aantal: int) -> None:
    """Feedback on some of the entries ``auteur`` shared; the rest still awaits it."""
    if Feedback.objects.filter(coach=coach, leerervaring__auteur=auteur).exists():
        return
    vandaag = timezone.localdate()
    gedeeld = Leerervaring.objects.filter(auteur=auteur).exclude(zichtbaarheid=Zichtbaarheid.PRIVE)
    for nummer, ervaring in enumerate(gedeeld.order_by("datum", "pk")[: aantal * 2 : 2]):
        feedback = feedback_geven(
            ervaring=ervaring, coach=coach, tekst=FEEDBACK[nummer % len(FEEDBACK)]
        )
        Feedback.objects.filter(pk=feedback.pk).update(
            aangemaakt_op=_moment(min(ervaring.datum + timedelta(days=2), vandaag), 9)
        )


def _moment(dag: date, uur: int) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time(uur)))
