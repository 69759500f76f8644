"""Demo participatory budgets (issue 7 point 8). Idempotent: a round found by title is
left alone.

Both are on Energietransitie Demodam-Noord (public, in Noorderpolder; managed by
regisseur@ and ambtenaar@demodam.nl, and the opgave with the joint budget):

- **Wijkbudget Noorderpolder 2027**: € 50.000, choose projects within the budget,
  in the voting phase. Twelve proposals, three of them assessed as not feasible
  (with the reason); nine on the ballot. 200 confirmed ballots: the 30 demo
  residents (``bewonerNN@demo.demodam.nl``) and 170 households with a voting
  code. Another 100 codes are unused; they come from a fixed seed, so the docs
  can name three that work (``demo_stemcodes()``). inwoner@demodam.nl joined the
  round (district Noorderpolder) and has not voted yet, so the demo can.
- **Buurtbudget Molenbuurt 2026**: € 25.000, voted last year, the result computed by
  ``uitslag_berekenen`` and in the realisation phase: one winner carried out as an
  action of the opgave (``voorstel_uitvoeren`` when the opgave has a draft plan,
  else linked to the existing action that does the work), one realised (the
  proposal of inwoner@demodam.nl), one not started yet.

The rounds, proposals and assessments go through the services. The ballots are
written in bulk, as they would be after a few weeks of voting: 200 ballots through
the services would take seconds, and the rules hold all the same (each ballot fits
its budget; the database checks it, the deferred trigger too).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from opgaven.models import Actie, Gebied, Opgave
from participatie.models import (
    Begroting,
    Ronde,
    Stembiljet,
    Stemcode,
    Stemkeuze,
    Trede,
    Voorstel,
)
from participatie.services import deelnemen, ronde_aanmaken, ronde_status_wijzigen
from participatie.services_begroting import (
    CODE_ALFABET,
    CODE_LENGTE,
    begroting_instellen,
    code_hash,
    code_opmaken,
    fase_wijzigen,
    uitslag_berekenen,
    voorstel_beoordelen,
    voorstel_gerealiseerd,
    voorstel_indienen,
    voorstel_uitvoeren,
)
from participatie.services_sessies import concept_plan

ENERGIE = "Energietransitie Demodam-Noord"
STEMMING = "Wijkbudget Noorderpolder 2027"
AFGEROND = "Buurtbudget Molenbuurt 2026"
INWONER = "inwoner@demodam.nl"
AMBTENAAR = "ambtenaar@demodam.nl"
REGISSEUR = "regisseur@demodam.nl"
NOORDERPOLDER = "WK999902"
MOLENBUURT = "BU99990201"
POLDERRAND = "BU99990202"

DEMO_CODES_SEED = 20270101  # the 100 unused codes; the docs name the first three
GEBRUIKTE_CODES_SEED = 20270102
STEMMEN_SEED = 20270103
AANTAL_ONGEBRUIKT = 100
AANTAL_CODE_STEMMEN = 170
D = timedelta(days=1)

# (titel, beschrijving, geraamde kosten, kosten van de gemeente or None when not
#  feasible, motivering, buurt code or "", popularity)
STEMMING_VOORSTELLEN = [
    (
        "Zonnepanelen op buurthuis De Molen",
        "Veertig zonnepanelen op het platte dak van het buurthuis. De opbrengst verlaagt de "
        "energierekening, zodat er meer geld overblijft voor activiteiten.",
        "17500",
        "18500",
        "Haalbaar. Het dak is sterk genoeg; de gemeente raamt de kosten iets hoger door de "
        "aansluiting op de meterkast.",
        MOLENBUURT,
        9,
    ),
    (
        "Energiecafé in de Molenbuurt",
        "Elke maand een avond met koffie, vrijwillige energiecoaches en uitleg over isoleren, "
        "subsidies en de energierekening. Voor huurders en eigenaren.",
        "6000",
        "6000",
        "Haalbaar. De energiecoöperatie levert de coaches; het budget is voor twee jaar "
        "zaalhuur, koffie en drukwerk.",
        MOLENBUURT,
        8,
    ),
    (
        "Warmtecamera's om te lenen",
        "Vier warmtecamera's en meetkits die bewoners kunnen lenen bij de bibliotheek, om zelf "
        "te zien waar hun huis warmte lekt.",
        "2800",
        "3200",
        "Haalbaar. Inclusief uitleenkoffers en een instructieavond bij de bibliotheek.",
        "",
        6,
    ),
    (
        "Geveltuinen langs de Polderweg",
        "Stoeptegels eruit, planten erin: geveltuinen voor wie wil, met hulp bij het aanleggen. "
        "Koeler in de zomer en mooier het hele jaar.",
        "7500",
        "7500",
        "Haalbaar. De stoep is breed genoeg; de gemeente haalt de tegels weg en levert grond.",
        POLDERRAND,
        7,
    ),
    (
        "Groene daken op vijf bushokjes",
        "Sedumdaken op de vijf bushokjes in de wijk: ze houden regenwater vast en zijn goed "
        "voor bijen.",
        "10000",
        "12000",
        "Haalbaar. De vervoerder stemt in; de kosten zijn hoger door de versterking van de daken.",
        "",
        4,
    ),
    (
        "Tochtstrips en radiatorfolie voor 300 huishoudens",
        "Een pakket met tochtstrips, radiatorfolie en een waterbesparende douchekop, met "
        "vrijwilligers die helpen met aanbrengen.",
        "9000",
        "9000",
        "Haalbaar. Past bij het fonds voor kleine energiemaatregelen; de vrijwilligers komen "
        "via de bewonersraad.",
        "",
        8,
    ),
    (
        "Speeltuin Polderrand opknappen",
        "Nieuwe speeltoestellen en een bankje in de schaduw in de speeltuin aan de Dijkstraat. "
        "De oude toestellen zijn twintig jaar oud.",
        "20000",
        "22000",
        "Haalbaar. De toestellen moeten aan de veiligheidsnorm voldoen; daardoor is het iets "
        "duurder dan geraamd.",
        POLDERRAND,
        7,
    ),
    (
        "Elektrische deelbakfiets",
        "Twee elektrische bakfietsen die buren via een app kunnen reserveren, voor boodschappen "
        "en de kinderen.",
        "8500",
        "8500",
        "Haalbaar. Een bewonersvereniging beheert de fietsen; verzekering en onderhoud voor "
        "twee jaar zitten in het bedrag.",
        "",
        3,
    ),
    (
        "Buurtmoestuin achter de school",
        "Een moestuin met tien bakken achter basisschool De Polder, voor kinderen en buren.",
        "5000",
        "5400",
        "Haalbaar. De school doet mee; het bedrag is inclusief een regenton en een hek.",
        MOLENBUURT,
        5,
    ),
    (
        "Ledverlichting langs het singelpad",
        "Het pad langs de singel is 's avonds donker. Zet er ledlampen neer.",
        "15000",
        None,
        "Niet haalbaar uit het wijkbudget: de gemeente vervangt de verlichting langs de singel "
        "in 2027 al door ledlampen, en dat is al betaald uit de gewone begroting.",
        POLDERRAND,
        0,
    ),
    (
        "Zonnepanelen op elke huurwoning",
        "Geef alle huurwoningen in Noorderpolder gratis zonnepanelen.",
        "48000",
        None,
        "Niet haalbaar: de woningen zijn van Woonstichting Demodam, die zelf over de daken "
        "beslist. Het bedrag is genoeg voor ongeveer twintig woningen, niet voor allemaal.",
        "",
        0,
    ),
    (
        "Windmolen in de polder",
        "Een windmolen van de buurt, zodat we samen stroom opwekken.",
        "45000",
        None,
        "Niet haalbaar: een windmolen vraagt een vergunning, een wijziging van het "
        "omgevingsplan en veel meer geld. We geven het idee door aan de energiecoöperatie.",
        "",
        0,
    ),
]

AFGEROND_VOORSTELLEN = [
    (
        "Energiecoach-spreekuur in buurthuis De Molen",
        "Elke week een spreekuur waar je zonder afspraak terecht kunt met vragen over je "
        "energierekening en isoleren.",
        "4500",
        "4800",
        "Haalbaar, samen met de energiecoaches van de coöperatie.",
        MOLENBUURT,
        9,
    ),
    (
        "Bankjes en plantenbakken op het Molenplein",
        "Vier bankjes en grote plantenbakken, zodat het plein een plek wordt om even te zitten.",
        "6000",
        "6500",
        "Haalbaar. De bankjes zijn van gerecycled kunststof.",
        MOLENBUURT,
        8,
    ),
    (
        "Buurtfeest 'Warm de winter door'",
        "Een winterfeest op het plein met soep, muziek en een kraam over energie besparen.",
        "3000",
        "3000",
        "Haalbaar, met een vergunning voor het plein.",
        MOLENBUURT,
        6,
    ),
    (
        "Isolatieworkshop voor doe-het-zelvers",
        "Drie zaterdagen leren hoe je zelf je vloer, spouw of zolder isoleert.",
        "2400",
        "2400",
        "Haalbaar. De bouwmarkt levert het materiaal voor de oefeningen.",
        MOLENBUURT,
        5,
    ),
    (
        "Regenton en pomp voor de moestuin",
        "Een grote regenton en een handpomp voor de gezamenlijke moestuin.",
        "1900",
        "1900",
        "Haalbaar.",
        MOLENBUURT,
        3,
    ),
    (
        "Nieuwe speeltoestellen Molenhof",
        "Een klimrek en een schommel voor de speelplek in de Molenhof.",
        "14000",
        "14000",
        "Haalbaar, inclusief een valondergrond.",
        MOLENBUURT,
        7,
    ),
    (
        "Parkeergarage onder het plein",
        "Een parkeergarage onder het Molenplein, dan is er boven meer ruimte.",
        "25000",
        None,
        "Niet haalbaar: een parkeergarage kost miljoenen en past niet in een buurtbudget.",
        MOLENBUURT,
        0,
    ),
]


# --- Voting codes -----------------------------------------------------------------------------


def _codes(seed: int, aantal: int) -> list[str]:
    kans = random.Random(seed)  # noqa: S311 (demo codes: known on purpose, never for real use)
    return ["".join(kans.choice(CODE_ALFABET) for _i in range(CODE_LENGTE)) for _n in range(aantal)]


def demo_stemcodes() -> list[str]:
    """The 100 unused voting codes of the demo vote, as printed (``ABCD-EFGH-JKLM``)."""
    return [code_opmaken(code) for code in _codes(DEMO_CODES_SEED, AANTAL_ONGEBRUIKT)]


# --- Helpers ----------------------------------------------------------------------------------


def _moment(dag: date, uur: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time(uur, 0)))


def _keuze(kans: random.Random, voorstellen: list[Voorstel], gewicht: dict[int, int], limiet):
    """A plausible ballot: projects in an order weighted by popularity, each taken while
    it still fits, one to five of them."""
    volgorde = sorted(voorstellen, key=lambda v: kans.random() ** (1 / gewicht[v.pk]), reverse=True)
    doel = kans.choice([1, 2, 2, 3, 3, 4, 5])
    gekozen, totaal = [], Decimal(0)
    for voorstel in volgorde:
        if totaal + voorstel.kosten <= limiet:
            gekozen.append(voorstel)
            totaal += voorstel.kosten
            if len(gekozen) == doel:
                break
    return gekozen, totaal


def _stemmen(
    begroting: Begroting,
    kiezers: list[User],
    codes: list[str],
    gewicht_per_titel: dict[str, int],
    seed: int,
) -> None:
    """Confirmed ballots of ``kiezers`` and of the households with ``codes``, in bulk."""
    kans = random.Random(seed)  # noqa: S311 (demo data)
    voorstellen = list(begroting.voorstellen.filter(status=Voorstel.Status.OP_STEMBILJET))
    gewicht = {v.pk: gewicht_per_titel[v.titel] for v in voorstellen}
    begin = _moment(begroting.stemmen_van, 9)
    einde = min(timezone.now(), _moment(begroting.stemmen_tot, 21))
    seconden = max(int((einde - begin).total_seconds()), 1)
    momenten = sorted(
        begin + timedelta(seconds=kans.randrange(seconden))
        for _n in range(len(kiezers) + len(codes))
    )
    kans.shuffle(momenten)
    gebruikt = Stemcode.objects.bulk_create(
        Stemcode(
            begroting=begroting, code_hash=code_hash(code), gebruikt_op=momenten[len(kiezers) + i]
        )
        for i, code in enumerate(codes)
    )
    biljetten, keuzes = [], []
    for i, (user, stemcode) in enumerate(
        [(u, None) for u in kiezers] + [(None, c) for c in gebruikt]
    ):
        gekozen, totaal = _keuze(kans, voorstellen, gewicht, begroting.totaal)
        biljetten.append(
            Stembiljet(
                begroting=begroting,
                user=user,
                stemcode=stemcode,
                limiet=begroting.totaal,
                max_keuzes=begroting.max_keuzes,
                concept_totaal=totaal,
                concept_aantal=len(gekozen),
                totaal=totaal,
                aantal=len(gekozen),
                bevestigd_op=momenten[i],
            )
        )
        keuzes.append(gekozen)
    biljetten = Stembiljet.objects.bulk_create(biljetten)
    Stemkeuze.objects.bulk_create(
        Stemkeuze(stembiljet=biljet, voorstel=voorstel, kosten=voorstel.kosten, bevestigd=bevestigd)
        for biljet, gekozen in zip(biljetten, keuzes, strict=True)
        for voorstel in gekozen
        for bevestigd in (False, True)
    )


def _voorstellen(begroting, rijen, indieners, door, gebieden) -> dict[str, int]:
    """Submit and assess ``rijen``; returns the popularity per title."""
    gewicht = {}
    for i, (titel, tekst, raming, kosten, motivering, buurt, populair) in enumerate(rijen):
        voorstel = voorstel_indienen(
            begroting=begroting,
            indiener=indieners[i % len(indieners)],
            titel=titel,
            beschrijving=tekst,
            geraamde_kosten=Decimal(raming),
            gebied=gebieden.get(buurt),
        )
        voorstel_beoordelen(
            voorstel=voorstel,
            door=door,
            haalbaar=kosten is not None,
            kosten=Decimal(kosten) if kosten else None,
            motivering=motivering,
        )
        gewicht[titel] = populair
    return gewicht


def _terugdateren(begroting: Begroting) -> None:
    """Proposals were submitted and assessed before the vote, not today."""
    for i, voorstel in enumerate(begroting.voorstellen.order_by("pk")):
        Voorstel.objects.filter(pk=voorstel.pk).update(
            ingediend_op=_moment(begroting.indienen_tot - (20 - i) * D, 10 + i % 8),
            beoordeeld_op=_moment(begroting.indienen_tot + 4 * D, 15),
        )


def _ronde(opgave, door, titel, vraag, invloedsruimte, start, eind, gebieden) -> Ronde:
    ronde = ronde_aanmaken(
        opgave=opgave,
        door=door,
        titel=titel,
        vraag=vraag,
        invloedsruimte=invloedsruimte,
        trede=Trede.MEEBESLISSEN,
        start=start,
        eind=eind,
        met_inbreng=False,
        met_sessies=False,
        gebieden=gebieden,
    )
    return ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.OPEN, door=door)


# --- The two rounds ---------------------------------------------------------------------------


def seed(users: dict[str, User], bewoners: list[User]) -> list[str]:
    """Create the demo budgets; returns the three voting codes the docs name."""
    opgave = Opgave.objects.filter(titel=ENERGIE).order_by("pk").first()
    if opgave is not None:
        vandaag = timezone.localdate()
        gebieden = {
            g.code: g
            for g in Gebied.objects.filter(code__in=[NOORDERPOLDER, MOLENBUURT, POLDERRAND])
        }
        if not Ronde.objects.filter(titel=STEMMING).exists():
            _stemming(opgave, users, bewoners, gebieden, vandaag)
        if not Ronde.objects.filter(titel=AFGEROND).exists():
            _afgerond(opgave, users, bewoners, gebieden, vandaag)
    return demo_stemcodes()[:3]


def _stemming(opgave, users, bewoners, gebieden, vandaag) -> None:
    ambtenaar = users[AMBTENAAR]
    wijk = gebieden.get(NOORDERPOLDER)
    ronde = _ronde(
        opgave,
        ambtenaar,
        STEMMING,
        "Hoe besteden we € 50.000 om Noorderpolder duurzamer en prettiger te maken?",
        "Je beslist mee: de projecten met de meeste stemmen worden uitgevoerd, zolang ze "
        "binnen € 50.000 passen. De gemeente controleert vooraf of een voorstel kan. Het "
        "bedrag ligt vast, net als de isolatie van de huurwoningen (die gebeurt hoe dan ook).",
        vandaag - 45 * D,
        vandaag + 20 * D,
        [wijk] if wijk else [],
    )
    begroting = begroting_instellen(
        ronde=ronde,
        totaal=Decimal("50000.00"),
        stemregel=Begroting.Stemregel.KNAPSACK,
        indienen_tot=vandaag - 30 * D,
        stemmen_van=vandaag - 14 * D,
        stemmen_tot=vandaag + 14 * D,
    )
    for user in [*bewoners, users[INWONER]]:
        deelnemen(ronde=ronde, user=user, wijk=wijk)
    gewicht = _voorstellen(begroting, STEMMING_VOORSTELLEN, bewoners, ambtenaar, gebieden)
    begroting = fase_wijzigen(begroting=begroting, naar=Begroting.Fase.HAALBAARHEID, door=ambtenaar)
    begroting = fase_wijzigen(begroting=begroting, naar=Begroting.Fase.STEMMEN, door=ambtenaar)
    _terugdateren(begroting)
    Stemcode.objects.bulk_create(
        Stemcode(begroting=begroting, code_hash=code_hash(code))
        for code in _codes(DEMO_CODES_SEED, AANTAL_ONGEBRUIKT)
    )
    _stemmen(
        begroting,
        bewoners,
        _codes(GEBRUIKTE_CODES_SEED, AANTAL_CODE_STEMMEN),
        gewicht,
        STEMMEN_SEED,
    )


def _afgerond(opgave, users, bewoners, gebieden, vandaag) -> None:
    regisseur = users[REGISSEUR]
    wijk = gebieden.get(NOORDERPOLDER)
    molenbuurt = gebieden.get(MOLENBUURT)
    ronde = _ronde(
        opgave,
        regisseur,
        AFGEROND,
        "Wat maakt de Molenbuurt warmer en gezelliger? Jij kiest, voor € 25.000.",
        "Bewoners van de Molenbuurt beslisten over € 25.000 uit de gezamenlijke pot. De "
        "projecten met de meeste stemmen die binnen het bedrag pasten, worden uitgevoerd.",
        vandaag - 300 * D,
        vandaag - 200 * D,
        [molenbuurt] if molenbuurt else [],
    )
    begroting = begroting_instellen(
        ronde=ronde,
        totaal=Decimal("25000.00"),
        stemregel=Begroting.Stemregel.KNAPSACK,
        indienen_tot=vandaag - 270 * D,
        stemmen_van=vandaag - 240 * D,
        stemmen_tot=vandaag - 215 * D,
    )
    kiezers = bewoners[:20]
    for user in [*kiezers, users[INWONER]]:
        deelnemen(ronde=ronde, user=user, wijk=wijk)
    # inwoner@ proposed the benches on the square (the second proposal).
    indieners = [bewoners[3], users[INWONER], *bewoners[4:9]]
    gewicht = _voorstellen(begroting, AFGEROND_VOORSTELLEN, indieners, regisseur, gebieden)
    begroting = fase_wijzigen(begroting=begroting, naar=Begroting.Fase.HAALBAARHEID, door=regisseur)
    begroting = fase_wijzigen(begroting=begroting, naar=Begroting.Fase.STEMMEN, door=regisseur)
    _terugdateren(begroting)
    _stemmen(begroting, kiezers, _codes(GEBRUIKTE_CODES_SEED + 10, 40), gewicht, STEMMEN_SEED + 10)
    begroting = uitslag_berekenen(begroting=begroting)
    gepubliceerd = _moment(begroting.stemmen_tot + D, 10)
    Begroting.objects.filter(pk=begroting.pk).update(uitslag_op=gepubliceerd)
    Ronde.objects.filter(pk=ronde.pk).update(gesloten_op=gepubliceerd)

    winnaars = list(
        begroting.voorstellen.filter(status=Voorstel.Status.GEKOZEN).order_by(
            "-aantal_stemmen", "kosten", "pk"
        )
    )
    coach = next((v for v in winnaars if v.titel.startswith("Energiecoach")), None)
    if coach is not None:
        _uitvoeren(coach, opgave, regisseur)
    bankjes = next((v for v in winnaars if v.titel.startswith("Bankjes")), None)
    if bankjes is not None:
        voorstel_gerealiseerd(voorstel=bankjes)
    begroting.refresh_from_db()
    if begroting.fase == Begroting.Fase.UITSLAG:
        fase_wijzigen(begroting=begroting, naar=Begroting.Fase.UITVOERING, door=regisseur)


def _uitvoeren(voorstel: Voorstel, opgave: Opgave, door: User) -> None:
    """As an action with money from the pot when the opgave has a draft plan; else
    carried out by the opgave's existing action that does this work."""
    from partners.models import Organisatie

    trekker = Organisatie.objects.filter(naam="Gemeente Demodam").first()
    if trekker is not None and concept_plan(opgave) is not None:
        try:
            with transaction.atomic():
                voorstel_uitvoeren(voorstel=voorstel, door=door, trekker=trekker)
            return
        except ValidationError:
            pass  # no pot, or the money does not fit: link the existing action below
    actie = (
        Actie.objects.filter(opgave=opgave, titel="Energiecoaches aan huis")
        .order_by("-plan__versie")
        .first()
    )
    if actie is not None:
        Voorstel.objects.filter(pk=voorstel.pk).update(actie=actie)
