"""Persona fixtures (STYLE "Tests"): one user per kind of visitor, plus two opgaven.

The personas are fully set-up users, as in production: a verified e-mail
address, their platform role, and for staff roles (ambtenaar, adviseur,
beheerder) an authenticator app, so ``REQUIRE_MFA_FOR_STAFF`` (on in tests, as
in production) lets them through. A test about MFA set-up makes its own user
with ``UserFactory(totp=False)``.

``regisseur`` is the opgaveregisseur of both ``opgave`` (public) and
``interne_opgave`` (internal). ``partner_lid`` is the contact person of
``organisatie`` (Woonstichting Demodam), which is involved in both opgaven;
``partner_buitenstaander`` works for ``andere_organisatie``, involved nowhere.
``andere_opgave`` is a third, public opgave with a different regisseur: IDOR
tests ask for its objects through the URLs of ``opgave``.
"""

from datetime import date
from decimal import Decimal

from django.test import override_settings

import pytest

from accounts.roles import Rol
from opgaven.models import Betrokkenheid, Fase, Zichtbaarheid
from opgaven.services import opgave_create
from partners.models import Lidmaatschap, Organisatie
from partners.services import lidmaatschap_toevoegen, organisatie_create
from tests.factories import UserFactory


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """PBKDF2 is slow by design; the suite creates thousands of users."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture
def anoniem():
    return None


@pytest.fixture
def inwoner(db):
    return UserFactory(rollen=[Rol.INWONER], weergavenaam="Ilse Inwoner")


@pytest.fixture
def partner_lid(db):
    return UserFactory(rollen=[Rol.PARTNER], weergavenaam="Pieter Partner")


@pytest.fixture
def partner_buitenstaander(db):
    return UserFactory(rollen=[Rol.PARTNER], weergavenaam="Bart Buitenstaander")


@pytest.fixture
def ambtenaar(db):
    return UserFactory(rollen=[Rol.AMBTENAAR], totp=True, weergavenaam="Anouk Ambtenaar")


@pytest.fixture
def regisseur(db):
    return UserFactory(rollen=[Rol.AMBTENAAR], totp=True, weergavenaam="Rutger Regie")


@pytest.fixture
def adviseur(db):
    return UserFactory(rollen=[Rol.ADVISEUR], totp=True, weergavenaam="Ada Adviseur")


@pytest.fixture
def coachee(db):
    return UserFactory(rollen=[Rol.AMBTENAAR], totp=True, weergavenaam="Coen Coachee")


@pytest.fixture
def beheerder(db):
    return UserFactory(rollen=[Rol.BEHEERDER], totp=True, weergavenaam="Bea Beheer")


@pytest.fixture
def opgave(regisseur, organisatie):
    """A public opgave directed by ``regisseur``; ``organisatie`` (``partner_lid``) is involved."""
    opgave = opgave_create(
        door=regisseur,
        titel="Energietransitie Demodam-Noord",
        vraagstuk="Bewoners willen van het gas af, maar weten niet waar te beginnen.",
        zichtbaarheid=Zichtbaarheid.OPENBAAR,
        fase=Fase.UITVOEREN,
        opgaveregisseur=regisseur,
    )
    Betrokkenheid.objects.create(
        opgave=opgave, organisatie=organisatie, aard=Betrokkenheid.Aard.LEVERT_MIDDELEN
    )
    return opgave


@pytest.fixture
def organisatie(partner_lid) -> Organisatie:
    """Woonstichting Demodam, with ``partner_lid`` as its contact person."""
    organisatie = organisatie_create(
        naam="Woonstichting Demodam", soort=Organisatie.Soort.WONINGCORPORATIE
    )
    lidmaatschap_toevoegen(
        organisatie=organisatie, user=partner_lid, rol=Lidmaatschap.Rol.CONTACTPERSOON
    )
    return organisatie


@pytest.fixture
def andere_organisatie(partner_buitenstaander) -> Organisatie:
    """Sportclub Westerdijk, with ``partner_buitenstaander`` as its contact person."""
    andere = organisatie_create(
        naam="Sportclub Westerdijk", soort=Organisatie.Soort.MAATSCHAPPELIJK
    )
    lidmaatschap_toevoegen(
        organisatie=andere, user=partner_buitenstaander, rol=Lidmaatschap.Rol.CONTACTPERSOON
    )
    return andere


@pytest.fixture
def interne_opgave(regisseur, organisatie, andere_organisatie):
    """An internal opgave directed by ``regisseur``; ``organisatie`` is involved in it."""
    interne_opgave = opgave_create(
        door=regisseur,
        titel="Leefbaarheid Stationskwartier",
        vraagstuk="Rond het station voelen bewoners zich 's avonds minder veilig.",
        zichtbaarheid=Zichtbaarheid.INTERN,
        fase=Fase.VERKENNEN,
        opgaveregisseur=regisseur,
    )
    Betrokkenheid.objects.create(
        opgave=interne_opgave, organisatie=organisatie, aard=Betrokkenheid.Aard.VOERT_UIT
    )
    return interne_opgave


@pytest.fixture
def andere_opgave(ambtenaar):
    """A public opgave directed by ``ambtenaar``: nothing of it belongs to ``opgave``."""
    return opgave_create(
        door=ambtenaar,
        titel="Verslavingspreventie jongeren",
        vraagstuk="Jongeren experimenteren steeds jonger met drugs en gokken.",
        zichtbaarheid=Zichtbaarheid.OPENBAAR,
        fase=Fase.DELEN,
        opgaveregisseur=ambtenaar,
    )


# --- The joint budget (issue 5) ----------------------------------------------------------


@pytest.fixture
def gemeente(regisseur, opgave) -> Organisatie:
    """Gemeente Demodam, involved in ``opgave``, with ``regisseur`` as its contact person:
    the kassier of ``budgetpot``."""
    gemeente = organisatie_create(naam="Gemeente Demodam", soort=Organisatie.Soort.GEMEENTE)
    lidmaatschap_toevoegen(
        organisatie=gemeente, user=regisseur, rol=Lidmaatschap.Rol.CONTACTPERSOON
    )
    Betrokkenheid.objects.create(
        opgave=opgave, organisatie=gemeente, aard=Betrokkenheid.Aard.LEVERT_MIDDELEN
    )
    return gemeente


@pytest.fixture
def budgetpot(opgave, gemeente, organisatie, regisseur, partner_lid):
    """The pot of ``opgave``, held by ``gemeente`` (unanimous rule), funded with
    € 50.000,00 received from the gemeente and € 30.000,00 pledged by ``organisatie``."""
    from budget.services import bijdrage_toevoegen, pot_aanmaken

    pot = pot_aanmaken(
        opgave=opgave,
        naam="Samen van het gas af",
        kassier=gemeente,
        begin=date(2026, 1, 1),
        eind=date(2027, 12, 31),
    )
    bijdrage_toevoegen(
        pot=pot,
        organisatie=gemeente,
        soort="geld",
        waarde=Decimal("50000.00"),
        door=regisseur,
        ontvangen=True,
        omschrijving="Begroting 2026",
    )
    bijdrage_toevoegen(
        pot=pot,
        organisatie=organisatie,
        soort="geld",
        waarde=Decimal("30000.00"),
        door=partner_lid,
        omschrijving="Isolatiebudget",
    )
    pot.refresh_from_db()
    return pot


@pytest.fixture
def actie(opgave, organisatie):
    """An action of ``opgave``'s plan, led by ``organisatie``."""
    from opgaven.models import Actie, PlanVanAanpak

    plan = PlanVanAanpak.objects.create(opgave=opgave, versie=1, samenvatting="Eerst isoleren.")
    return Actie.objects.create(
        opgave=opgave, plan=plan, titel="Isolatie van 300 huurwoningen", trekker=organisatie
    )


@pytest.fixture
def andere_budgetpot(andere_opgave, andere_organisatie, ambtenaar, partner_buitenstaander):
    """The pot of ``andere_opgave``, held by ``andere_organisatie``: for IDOR tests."""
    from budget.services import bijdrage_toevoegen, pot_aanmaken

    Betrokkenheid.objects.create(
        opgave=andere_opgave,
        organisatie=andere_organisatie,
        aard=Betrokkenheid.Aard.LEVERT_MIDDELEN,
    )
    pot = pot_aanmaken(
        opgave=andere_opgave,
        naam="Preventiefonds",
        kassier=andere_organisatie,
        begin=date(2026, 1, 1),
        eind=date(2026, 12, 31),
    )
    bijdrage_toevoegen(
        pot=pot,
        organisatie=andere_organisatie,
        soort="geld",
        waarde=Decimal("10000.00"),
        door=partner_buitenstaander,
    )
    pot.refresh_from_db()
    return pot


# --- Participation (issue 6) --------------------------------------------------------------


def _ronde(opgave, door, **velden):
    from participatie.models import Trede
    from participatie.services import ronde_aanmaken

    waarden = {
        "titel": "Samen tegen eenzaamheid in Noorderpolder",
        "vraag": "Wat helpt jou of je buren om minder alleen te zijn?",
        "invloedsruimte": "Je bepaalt mee welke activiteiten er komen. Het budget ligt vast.",
        "trede": Trede.ADVISEREN,
        "start": date(2026, 11, 1),
        "eind": date(2027, 1, 31),
        "met_sessies": True,
        **velden,
    }
    return ronde_aanmaken(opgave=opgave, door=door, **waarden)


@pytest.fixture
def concept_ronde(opgave, regisseur):
    """A draft round on ``opgave``: only the regisseur (and other managers) see it."""
    return _ronde(opgave, regisseur, titel="Conceptronde buurtkamers")


@pytest.fixture
def ronde(opgave, regisseur, inwoner):
    """An open round on ``opgave``; ``inwoner`` has joined it."""
    from participatie.models import Ronde
    from participatie.services import deelnemen, ronde_status_wijzigen

    ronde = _ronde(opgave, regisseur)
    ronde = ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.OPEN, door=regisseur)
    deelnemen(ronde=ronde, user=inwoner)
    return ronde


@pytest.fixture
def inbreng(ronde, inwoner):
    """An idea of ``inwoner`` in ``ronde``."""
    from participatie.services import inbreng_indienen

    return inbreng_indienen(
        ronde=ronde,
        auteur=inwoner,
        soort="idee",
        titel="Een koffieochtend in de bibliotheek",
        tekst="Elke dinsdag koffie en een praatje, voor wie wil.",
    )


@pytest.fixture
def sessie(ronde):
    """A session of ``ronde`` next week with room for two."""
    from datetime import timedelta

    from django.utils import timezone

    from participatie.models import Sessie

    start = timezone.now() + timedelta(days=7)
    return Sessie.objects.create(
        ronde=ronde,
        titel="Wijkavond in buurthuis De Molen",
        start=start,
        eind=start + timedelta(hours=2),
        locatie="Buurthuis De Molen, Molenstraat 1",
        capaciteit=2,
        aanmelden_tot=start - timedelta(days=1),
        agenda="Kennismaken, ideeën kiezen, afspraken maken.",
    )


@pytest.fixture
def andere_ronde(andere_opgave, ambtenaar, partner_buitenstaander):
    """An open round on ``andere_opgave`` with an input: for IDOR tests."""
    from participatie.models import Ronde
    from participatie.services import deelnemen, inbreng_indienen, ronde_status_wijzigen

    ronde = _ronde(andere_opgave, ambtenaar, titel="Preventie op school")
    ronde = ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.OPEN, door=ambtenaar)
    deelnemen(ronde=ronde, user=partner_buitenstaander)
    inbreng_indienen(
        ronde=ronde,
        auteur=partner_buitenstaander,
        soort="vraag",
        titel="Wie geeft de voorlichting?",
        tekst="Komt er iemand van de GGD?",
    )
    return ronde


# --- Participatory budget (issue 7) --------------------------------------------------------


def _begroting(opgave, door, deelnemers=(), titel="Wijkbudget Noorderpolder", **velden):
    from participatie.models import Ronde
    from participatie.services import deelnemen, ronde_status_wijzigen
    from participatie.services_begroting import begroting_instellen

    ronde = _ronde(opgave, door, titel=titel, met_inbreng=False, met_sessies=False)
    ronde = ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.OPEN, door=door)
    for user in deelnemers:
        deelnemen(ronde=ronde, user=user)
    waarden = {
        "totaal": Decimal("10000.00"),
        "indienen_tot": date(2026, 12, 1),
        "stemmen_van": date(2026, 12, 10),
        "stemmen_tot": date(2027, 1, 31),
        **velden,
    }
    return begroting_instellen(ronde=ronde, **waarden)


def _op_stembiljet(begroting, door, indiener, kosten):
    """Proposals costing ``kosten``, assessed feasible, and voting opened."""
    from participatie.services_begroting import (
        fase_wijzigen,
        voorstel_beoordelen,
        voorstel_indienen,
    )

    for nummer, bedrag in enumerate(kosten, start=1):
        voorstel = voorstel_indienen(
            begroting=begroting,
            indiener=indiener,
            titel=f"Project {nummer}",
            beschrijving="Een project voor de buurt.",
            geraamde_kosten=Decimal(bedrag),
        )
        voorstel_beoordelen(
            voorstel=voorstel,
            door=door,
            haalbaar=True,
            kosten=Decimal(bedrag),
            motivering="Haalbaar binnen de regels.",
        )
    begroting = fase_wijzigen(begroting=begroting, naar="haalbaarheid", door=door)
    return fase_wijzigen(begroting=begroting, naar="stemmen", door=door)


@pytest.fixture
def begroting(opgave, regisseur, inwoner):
    """An open round with a participatory budget of € 10.000 (knapsack) taking
    proposals; ``inwoner`` has joined it."""
    return _begroting(opgave, regisseur, deelnemers=[inwoner])


@pytest.fixture
def voorstel(begroting, inwoner):
    """A proposal of ``inwoner``, not yet assessed."""
    from participatie.services_begroting import voorstel_indienen

    return voorstel_indienen(
        begroting=begroting,
        indiener=inwoner,
        titel="Bankjes langs de singel",
        beschrijving="Vijf bankjes, zodat ouderen onderweg kunnen uitrusten.",
        geraamde_kosten=Decimal("4000.00"),
    )


@pytest.fixture
def stemming(begroting, regisseur, inwoner):
    """``begroting`` in its voting phase, with projects of € 6.000, € 5.000 and € 3.000
    on the ballot (``Project 1`` to ``Project 3``)."""
    return _op_stembiljet(begroting, regisseur, inwoner, ["6000", "5000", "3000"])


@pytest.fixture
def andere_stemming(andere_opgave, ambtenaar, partner_buitenstaander):
    """A vote on ``andere_opgave``: for IDOR tests."""
    begroting = _begroting(
        andere_opgave, ambtenaar, deelnemers=[partner_buitenstaander], titel="Schoolpleinbudget"
    )
    return _op_stembiljet(begroting, ambtenaar, partner_buitenstaander, ["2000"])
