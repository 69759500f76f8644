"""Demo participation (issue 6 point 9). Idempotent: a round found by title is left alone.

- "Wat helpt tegen eenzaamheid in Oosterhout?" on Samen tegen eenzaamheid: open,
  40 inputs from 30 residents with supports and comments, three flags (one input
  hidden by the moderator), and two sessions, one of them full with a waiting
  list. ambtenaar@demodam.nl manages it (kernteamlid of the opgave).
- "Isoleren zonder gedoe" on Energietransitie Demodam-Noord: closed and fed
  back, every input with feedback, some linked to a decision or an action.
  regisseur@demodam.nl manages it.

inwoner@demodam.nl (Ilse Inwoner) took part in both: her input in the closed
round was adopted, so /mijn/inbreng/ shows what was done with it; she is on the
waiting list of the full session.

The other residents have no login and made-up addresses; they are never told
anything (meldingen.demo removes their notifications).
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts.models import User
from accounts.roles import Rol
from accounts.services import user_create
from opgaven.models import Actie, Besluit, Gebied, Opgave
from participatie.models import Inbreng, Ronde, Sessie, Trede
from participatie.services import (
    aanmelden,
    deelnemen,
    inbreng_indienen,
    markeren,
    reactie_plaatsen,
    ronde_aanmaken,
    ronde_status_wijzigen,
    steun_wisselen,
    terugkoppelen,
    verbergen,
)

EENZAAMHEID = "Samen tegen eenzaamheid"
ENERGIE = "Energietransitie Demodam-Noord"
INWONER = "inwoner@demodam.nl"
AMBTENAAR = "ambtenaar@demodam.nl"
REGISSEUR = "regisseur@demodam.nl"

# (weergavenaam or "" for "Inwoner uit <wijk>", wijk code, leeftijdsgroep)
BEWONERS = [
    ("Henk de Vries", "WK999903", "66+"),
    ("", "WK999903", "66+"),
    ("Fatma Yildiz", "WK999903", "41-65"),
    ("", "WK999903", "27-40"),
    ("Jan Bos", "WK999903", "66+"),
    ("Marloes", "WK999903", "27-40"),
    ("", "WK999904", "18-26"),
    ("Gerrit Smit", "WK999903", "66+"),
    ("", "WK999903", "41-65"),
    ("Noor", "WK999901", "18-26"),
    ("Kees van Dijk", "WK999903", "66+"),
    ("", "WK999903", "66+"),
    ("Aisha Bakr", "WK999903", "27-40"),
    ("", "WK999902", "41-65"),
    ("Wilma Jansen", "WK999903", "66+"),
    ("", "", ""),
    ("Tom Peters", "WK999903", "18-26"),
    ("", "WK999903", "41-65"),
    ("Riet Hoekstra", "WK999903", "66+"),
    ("Mehmet Kaya", "WK999903", "41-65"),
    ("", "WK999905", "27-40"),
    ("Sanne de Groot", "WK999903", "27-40"),
    ("", "WK999903", "66+"),
    ("Piet Mulder", "WK999903", "66+"),
    ("Lotte", "WK999904", "18-26"),
    ("", "WK999903", "41-65"),
    ("Bram Visser", "WK999903", "41-65"),
    ("", "WK999903", "66+"),
    ("Joke Meijer", "WK999903", "66+"),
    ("Yusuf El Idrissi", "WK999903", "27-40"),
]

# (soort, titel, tekst): 40 inputs for the open round.
INBRENG = [
    (
        "idee",
        "Koffieochtend in de bibliotheek",
        "Elke dinsdag koffie en een praatje in de bibliotheek, zonder aanmelden.",
    ),
    (
        "idee",
        "Maatjes voor wandelen",
        "Koppel mensen die graag wandelen maar niet alleen willen gaan.",
    ),
    (
        "zorg",
        "Ik durf niet alleen naar een activiteit",
        "De eerste keer ergens binnenstappen is het moeilijkst. Kan iemand me ophalen?",
    ),
    (
        "vraag",
        "Waar vind ik wat er te doen is?",
        "Ik zie geen overzicht van activiteiten in Oosterhout. Is dat er?",
    ),
    (
        "idee",
        "Samen eten in het buurthuis",
        "Een keer per week samen koken en eten, voor een kleine bijdrage.",
    ),
    (
        "idee",
        "Bankjes bij de supermarkt",
        "Meer bankjes op het plein, dan blijven mensen even zitten en praten.",
    ),
    (
        "zorg",
        "De bus rijdt 's avonds niet meer",
        "Zonder bus kom ik 's avonds nergens. Dan blijf ik thuis.",
    ),
    (
        "idee",
        "Moestuin voor de hele straat",
        "Het braakliggende veld aan de Lindelaan als gezamenlijke moestuin.",
    ),
    (
        "vraag",
        "Is er hulp bij de computer?",
        "Mijn kinderen wonen ver weg. Ik wil leren beeldbellen.",
    ),
    ("idee", "Spelletjesmiddag", "Sjoelen, klaverjassen en rummikub op zaterdagmiddag."),
    ("idee", "Buurtapp met echte mensen", "Een buurtapp waarin je hulp kunt vragen en aanbieden."),
    (
        "zorg",
        "Mantelzorgers zijn ook eenzaam",
        "Ik zorg voor mijn man en kom zelf nergens meer aan toe.",
    ),
    (
        "idee",
        "Jongeren helpen ouderen met boodschappen",
        "Scholieren die boodschappen doen en een kop koffie drinken.",
    ),
    ("idee", "Repair café", "Samen spullen repareren is gezellig en nuttig."),
    (
        "vraag",
        "Wie betaalt de activiteiten?",
        "Veel ouderen hebben weinig geld. Zijn de activiteiten gratis?",
    ),
    ("idee", "Zangkoor voor iedereen", "Een koor waar je niet goed hoeft te kunnen zingen."),
    (
        "zorg",
        "Na de dood van mijn vrouw ken ik niemand",
        "Zij regelde altijd de contacten. Nu zit ik veel alleen.",
    ),
    (
        "idee",
        "Welkomstpakket voor nieuwe bewoners",
        "Nieuwe bewoners een tas met informatie en een uitnodiging.",
    ),
    (
        "idee",
        "Huiskamer in de flat",
        "Een lege bergruimte in de flat ombouwen tot gezamenlijke huiskamer.",
    ),
    (
        "vraag",
        "Kan de huisarts doorverwijzen?",
        "Mijn huisarts merkt dat ik eenzaam ben, maar weet niet waarheen.",
    ),
    (
        "idee",
        "Fietsmaatjes op een duofiets",
        "Met een duofiets kunnen ook mensen die slecht zien mee.",
    ),
    ("idee", "Verhalen vertellen op school", "Ouderen vertellen in de klas over vroeger."),
    (
        "zorg",
        "Ik spreek de taal nog niet goed",
        "Daardoor durf ik niet mee te doen aan activiteiten.",
    ),
    ("idee", "Taalcafé", "Nederlands oefenen in een ontspannen sfeer, met koffie."),
    ("idee", "Bel-rondje", "Vrijwilligers die elke week iemand bellen om te vragen hoe het gaat."),
    (
        "vraag",
        "Mag ik mijn hond meenemen?",
        "Mijn hond is mijn maatje. Mag hij mee naar het buurthuis?",
    ),
    (
        "idee",
        "Hondenuitlaatgroep",
        "Samen de hond uitlaten, elke ochtend om negen uur bij het park.",
    ),
    ("idee", "Klusjesdienst", "Buren die elkaar helpen met kleine klussen in huis."),
    (
        "zorg",
        "Jongeren zijn ook eenzaam",
        "Het gaat altijd over ouderen, maar veel studenten zijn ook alleen.",
    ),
    (
        "idee",
        "Gamemiddag voor jong en oud",
        "Samen gamen in het buurthuis: jongeren leren het aan ouderen.",
    ),
    ("idee", "Buurtfeest in het park", "Eén keer per jaar een groot feest met de hele wijk."),
    (
        "vraag",
        "Hoe bereik je mensen die niet komen?",
        "De mensen die het meest alleen zijn, komen juist niet naar activiteiten.",
    ),
    ("idee", "Huisbezoeken door vrijwilligers", "Bij 75-plussers langsgaan voor een kennismaking."),
    ("idee", "Schilderclub", "Samen schilderen, materiaal is er, ervaring niet nodig."),
    ("zorg", "Het buurthuis is vaak dicht", "In de zomer en de vakanties is er niets te doen."),
    ("idee", "Wekelijkse markt met koffiehoek", "Op de markt een plek om even te gaan zitten."),
    ("idee", "Leesclub", "Een keer per maand een boek bespreken."),
    ("vraag", "Kunnen kerken en moskee meedoen?", "Zij kennen veel mensen die alleen zijn."),
    (
        "idee",
        "Spreekuur van de wijkverpleegkundige",
        "Een vaste plek en tijd waar je zonder afspraak terecht kunt.",
    ),
    (
        "idee",
        "Ontmoetingsbankje",
        "Een bankje met een bordje: wie hier zit, vindt een praatje fijn.",
    ),
]

REACTIES = [
    "Goed idee, ik doe mee!",
    "Dit zou mijn moeder ook helpen.",
    "Misschien kan het buurthuis hierbij helpen?",
    "Ik wil hier wel vrijwilliger voor zijn.",
    "Herkenbaar. Fijn dat dit genoemd wordt.",
    "Kan dit ook op zondag?",
]

# The closed round on the energy transition: (soort, titel, tekst, status, motivering, koppeling)
GESLOTEN = [
    (
        "idee",
        "Eén loket voor alle vragen",
        "Ik weet niet bij wie ik moet zijn voor isolatie, subsidie en een warmtepomp.",
        "overgenomen",
        "Sinds maart is er één energieloket in de Molenbuurt, met de energiecoöperatie.",
        "actie:Energiecoaches aan huis",
    ),
    (
        "zorg",
        "Gaat mijn huur omhoog na isolatie?",
        "Ik ben bang dat ik de hogere huur niet kan betalen.",
        "overgenomen",
        "Woonstichting Demodam heeft afgesproken dat isolatie niet leidt tot een hogere "
        "woonlast. Dat staat in het plan van aanpak.",
        "",
    ),
    (
        "idee",
        "Per straat plannen",
        "Laat bewoners per straat meebeslissen over wanneer er wordt gewerkt.",
        "deels_overgenomen",
        "De planning blijft per blok van vijftig woningen, maar elke straat krijgt een avond "
        "om mee te praten over de volgorde.",
        "actie:Straatgesprekken over de planning",
    ),
    (
        "vraag",
        "Komt er een warmtenet?",
        "Ik hoor verschillende verhalen over een warmtenet in Polderrand.",
        "in_behandeling",
        "We onderzoeken een warmtenet, omdat de netverzwaring langer duurt. Na de zomer "
        "weten we meer.",
        "",
    ),
    (
        "idee",
        "Zonnepanelen op de school",
        "Het dak van de basisschool is groot en leeg.",
        "niet_overgenomen",
        "Het dak van de school is te zwak voor zonnepanelen; dat bleek uit een onderzoek. "
        "We kijken naar het dak van de sporthal.",
        "",
    ),
    (
        "zorg",
        "Overlast tijdens de werkzaamheden",
        "Ik werk 's nachts en slaap overdag.",
        "overgenomen",
        "Wie overdag slaapt, kan dat melden bij de woonstichting; er wordt dan in overleg gepland.",
        "",
    ),
]

D = timedelta(days=1)


def _bewoners(vandaag) -> list[tuple[User, str, str]]:
    """The demo residents without a login (created once), with wijk code and age group."""
    bewoners = []
    for i, (naam, wijk, leeftijd) in enumerate(BEWONERS, start=1):
        email = f"bewoner{i:02d}@demo.demodam.nl"
        user = User.objects.filter(email=email).first() or user_create(
            email=email, password=None, rollen=(Rol.INWONER,), weergavenaam=naam
        )
        bewoners.append((user, wijk, leeftijd))
    return bewoners


def seed(users: dict[str, User]) -> None:
    """Create the demo rounds; ``users`` maps e-mail to the demo accounts."""
    vandaag = timezone.localdate()
    wijken = {g.code: g for g in Gebied.objects.filter(niveau=Gebied.Niveau.WIJK)}
    bewoners = _bewoners(vandaag)
    inwoner = users[INWONER]
    _open_ronde(users, bewoners, wijken, inwoner, vandaag)
    _gesloten_ronde(users, bewoners, wijken, inwoner, vandaag)
    # The participatory budgets (issue 7): after the rounds above, with the same residents.
    from participatie import demo_begroting

    demo_begroting.seed(users, [user for user, _wijk, _leeftijd in bewoners])


def _open_ronde(users, bewoners, wijken, inwoner, vandaag) -> None:
    titel = "Wat helpt tegen eenzaamheid in Oosterhout?"
    opgave = Opgave.objects.filter(titel=EENZAAMHEID).first()
    if opgave is None or Ronde.objects.filter(titel=titel).exists():
        return
    ambtenaar = users[AMBTENAAR]
    ronde = ronde_aanmaken(
        opgave=opgave,
        door=ambtenaar,
        titel=titel,
        vraag="Wat zou jou, je buren of je familie helpen om minder alleen te zijn?",
        toelichting=(
            "Eén op de drie inwoners van Oosterhout voelt zich soms eenzaam. Samen met "
            "welzijnsorganisaties zoeken we wat echt helpt. Deel je idee, je zorg of je vraag, "
            "en steun de ideeën van anderen."
        ),
        invloedsruimte=(
            "Je praat mee over welke activiteiten er komen, waar en wanneer. De gemeente heeft "
            "€ 60.000 per jaar; dat bedrag ligt vast. Het buurthuis De Molen blijft open; de "
            "openingstijden kunnen veranderen."
        ),
        trede=Trede.ADVISEREN,
        start=vandaag - 20 * D,
        eind=vandaag + 25 * D,
        met_sessies=True,
        gebieden=[wijken[code] for code in ("WK999903",) if code in wijken],
    )
    ronde = ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.OPEN, door=ambtenaar)
    for user, wijk, leeftijd in bewoners:
        deelnemen(ronde=ronde, user=user, wijk=wijken.get(wijk), leeftijdsgroep=leeftijd)
    deelnemen(ronde=ronde, user=inwoner, wijk=wijken.get("WK999903"), leeftijdsgroep="41-65")

    kans = random.Random(2026)  # noqa: S311 (demo data: the same every time, not secret)
    inbreng: list[Inbreng] = []
    for i, (soort, titel_, tekst) in enumerate(INBRENG):
        auteur = inwoner if i == 5 else bewoners[i % len(bewoners)][0]
        inbreng.append(
            inbreng_indienen(ronde=ronde, auteur=auteur, soort=soort, titel=titel_, tekst=tekst)
        )
    mensen = [user for user, _wijk, _leeftijd in bewoners] + [inwoner]
    for item in inbreng:
        # A few ideas are popular; most get a handful of supports.
        aantal = kans.choice([0, 1, 2, 3, 4, 6, 9, 14, 22])
        for user in kans.sample(mensen, min(aantal, len(mensen))):
            if user.pk != item.auteur_id:
                steun_wisselen(inbreng=item, user=user)
        for _n in range(kans.choice([0, 0, 1, 1, 2, 3])):
            reactie_plaatsen(inbreng=item, auteur=kans.choice(mensen), tekst=kans.choice(REACTIES))
    # Flags: one input hidden by the moderator, one flag dismissed, one still open.
    reclame = inbreng_indienen(
        ronde=ronde,
        auteur=bewoners[15][0],
        soort="idee",
        titel="Goedkope schoonmaakhulp!!!",
        tekst="Bel 06-12345678 voor de beste prijs.",
    )
    markeren(melder=bewoners[0][0], inbreng=reclame, reden="Dit is reclame.")
    markeren(melder=inwoner, inbreng=reclame, reden="Reclame voor een bedrijf.")
    verbergen(
        door=ambtenaar,
        inbreng=reclame,
        reden="Reclame voor een bedrijf hoort niet in een participatieronde.",
    )
    markeren(melder=bewoners[3][0], inbreng=inbreng[28], reden="Dit gaat niet over ouderen.")
    from participatie.services import markering_afwijzen

    markering_afwijzen(markering=inbreng[28].markeringen.get(), door=ambtenaar)
    reactie = inbreng[6].reacties.first() or reactie_plaatsen(
        inbreng=inbreng[6], auteur=bewoners[9][0], tekst="Zeur niet, neem een taxi."
    )
    markeren(melder=bewoners[1][0], reactie=reactie, reden="Dit vind ik onaardig.")

    _sessies(ronde, bewoners, inwoner, vandaag)


def _sessies(ronde, bewoners, inwoner, vandaag) -> None:
    def moment(dagen: int, uur: int) -> datetime:
        return timezone.make_aware(datetime.combine(vandaag + dagen * D, time(uur, 0)))

    vol = Sessie.objects.create(
        ronde=ronde,
        titel="Ontwerpavond: een huiskamer in de wijk",
        start=moment(9, 19),
        eind=moment(9, 21),
        locatie="Buurthuis De Molen, Molenstraat 1, Oosterhout",
        capaciteit=12,
        aanmelden_tot=moment(8, 12),
        agenda=(
            "19.00 Welkom en koffie\n19.15 Wat hebben we gehoord?\n19.45 In groepjes: hoe "
            "ziet de huiskamer eruit?\n20.45 Afspraken en hoe verder"
        ),
    )
    ruim = Sessie.objects.create(
        ronde=ronde,
        titel="Online: eenzaamheid onder jongeren",
        start=moment(16, 20),
        eind=moment(16, 21),
        online_link="https://meet.demodam.nl/eenzaamheid-jongeren",
        capaciteit=40,
        aanmelden_tot=moment(15, 20),
        agenda="Een gesprek met studenten en jongerenwerkers over wat jongeren helpt.",
    )
    for user, _wijk, _leeftijd in bewoners[:15]:
        aanmelden(sessie=vol, user=user)  # 12 places, then the waiting list
    aanmelden(sessie=vol, user=inwoner)  # Ilse is fourth on the waiting list
    for user, _wijk, leeftijd in bewoners:
        if leeftijd in ("18-26", "27-40"):
            aanmelden(sessie=ruim, user=user)


def _gesloten_ronde(users, bewoners, wijken, inwoner, vandaag) -> None:
    titel = "Isoleren zonder gedoe"
    opgave = Opgave.objects.filter(titel=ENERGIE).first()
    if opgave is None or Ronde.objects.filter(titel=titel).exists():
        return
    regisseur = users[REGISSEUR]
    ronde = ronde_aanmaken(
        opgave=opgave,
        door=regisseur,
        titel=titel,
        vraag="Wat heb je nodig om je huis te isoleren of je huurwoning te laten isoleren?",
        toelichting="We vroegen bewoners van Noorderpolder wat hen helpt en wat hen tegenhoudt.",
        invloedsruimte=(
            "Je kon meepraten over de aanpak, de planning en de hulp aan bewoners. Dat "
            "Noorderpolder in 2035 van het gas af is, lag vast."
        ),
        trede=Trede.RAADPLEGEN,
        start=vandaag - 200 * D,
        eind=vandaag - 140 * D,
        gebieden=[wijken[code] for code in ("WK999902",) if code in wijken],
    )
    ronde = ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.OPEN, door=regisseur)
    deelnemers = [inwoner] + [user for user, _wijk, _leeftijd in bewoners[10:20]]
    for user in deelnemers:
        deelnemen(ronde=ronde, user=user, wijk=wijken.get("WK999902"))
    acties = {a.titel: a for a in Actie.objects.filter(opgave=opgave)}
    besluit = Besluit.objects.filter(opgave=opgave).order_by("datum").first()
    kans = random.Random(2035)  # noqa: S311 (demo data)
    items = []
    for i, (soort, titel_, tekst, status, motivering, koppeling) in enumerate(GESLOTEN):
        auteur = deelnemers[i % len(deelnemers)]
        item = inbreng_indienen(ronde=ronde, auteur=auteur, soort=soort, titel=titel_, tekst=tekst)
        for user in kans.sample(deelnemers, kans.randint(1, 8)):
            if user.pk != auteur.pk:
                steun_wisselen(inbreng=item, user=user)
        items.append((item, status, motivering, koppeling))
    ronde = ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.GESLOTEN, door=regisseur)
    for item, status, motivering, koppeling in items:
        actie = acties.get(koppeling.removeprefix("actie:")) if koppeling else None
        terugkoppelen(
            inbreng=item,
            door=regisseur,
            status=status,
            motivering=motivering,
            actie=actie,
            besluit=besluit if status == "in_behandeling" else None,
        )
    ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.TERUGGEKOPPELD, door=regisseur)
