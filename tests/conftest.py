"""Persona fixtures (STYLE "Tests"): one user per kind of visitor, plus two opgaven.

The personas are fully set-up users, as in production: a verified e-mail
address, their platform role, and for staff roles (ambtenaar, adviseur,
beheerder) an authenticator app, so ``REQUIRE_MFA_FOR_STAFF`` (on in tests, as
in production) lets them through. A test about MFA set-up makes its own user
with ``UserFactory(totp=False)``.

``regisseur`` is the opgaveregisseur of both ``opgave`` (public) and
``interne_opgave`` (internal); ``partner_lid`` is a kernteamlid of
``interne_opgave``. ``partner_buitenstaander`` has no role anywhere.
"""

from django.test import override_settings

import pytest

from accounts.roles import Rol
from opgaven.models import Fase, Opgaverol, Zichtbaarheid
from opgaven.services import opgave_create, opgaverol_toekennen
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
def opgave(regisseur):
    """A public opgave directed by ``regisseur``."""
    return opgave_create(
        door=regisseur,
        titel="Energietransitie Demodam-Noord",
        vraagstuk="Bewoners willen van het gas af, maar weten niet waar te beginnen.",
        zichtbaarheid=Zichtbaarheid.OPENBAAR,
        fase=Fase.UITVOEREN,
        opgaveregisseur=regisseur,
    )


@pytest.fixture
def interne_opgave(regisseur, partner_lid):
    """An internal opgave directed by ``regisseur``, with ``partner_lid`` in the kernteam."""
    interne_opgave = opgave_create(
        door=regisseur,
        titel="Leefbaarheid Stationskwartier",
        vraagstuk="Rond het station voelen bewoners zich 's avonds minder veilig.",
        zichtbaarheid=Zichtbaarheid.INTERN,
        fase=Fase.VERKENNEN,
        opgaveregisseur=regisseur,
    )
    opgaverol_toekennen(opgave=interne_opgave, user=partner_lid, rol=Opgaverol.Rol.KERNTEAMLID)
    return interne_opgave
