"""Persona fixtures (STYLE "Tests"): one user per kind of visitor."""

import pytest

from accounts.roles import Rol
from tests.factories import UserFactory


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
    return UserFactory(rollen=[Rol.AMBTENAAR], weergavenaam="Anouk Ambtenaar")


@pytest.fixture
def regisseur(db):
    return UserFactory(rollen=[Rol.AMBTENAAR], weergavenaam="Rutger Regie")


@pytest.fixture
def adviseur(db):
    return UserFactory(rollen=[Rol.ADVISEUR], weergavenaam="Ada Adviseur")


@pytest.fixture
def coachee(db):
    return UserFactory(rollen=[Rol.AMBTENAAR], weergavenaam="Coen Coachee")


@pytest.fixture
def beheerder(db):
    return UserFactory(rollen=[Rol.BEHEERDER], weergavenaam="Bea Beheer")
