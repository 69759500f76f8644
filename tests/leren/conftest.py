"""Fixtures of learning and coaching: an adviser coaching ``coachee`` individually
(commissioned by ``regisseur``), and a team trajectory of ``coachee`` and ``ambtenaar``."""

from datetime import date

import pytest

from leren.models import Bron, Coachtraject, Leerervaring, Zichtbaarheid


@pytest.fixture
def traject(adviseur, coachee, regisseur):
    traject = Coachtraject.objects.create(
        titel="Coaching Coen",
        soort=Coachtraject.Soort.INDIVIDUEEL,
        coach=adviseur,
        opdrachtgever=regisseur,
        doelen="Sterker in netwerkregie.",
        afspraken="De opdrachtgever ziet alleen de voortgang.",
        deelt_voortgang=True,
        status=Coachtraject.Status.ACTIEF,
        start=date(2026, 9, 1),
    )
    traject.coachees.set([coachee])
    return traject


@pytest.fixture
def teamtraject(adviseur, coachee, ambtenaar, opgave):
    traject = Coachtraject.objects.create(
        titel="Kernteam energietransitie",
        soort=Coachtraject.Soort.TEAM,
        coach=adviseur,
        opgave=opgave,
        doelen="Samen wendbaar sturen.",
        status=Coachtraject.Status.ACTIEF,
        start=date(2026, 9, 1),
    )
    traject.coachees.set([coachee, ambtenaar])
    return traject


@pytest.fixture
def ervaringen(coachee):
    """One entry of ``coachee`` per visibility, titled after it."""
    return {
        zichtbaarheid: Leerervaring.objects.create(
            auteur=coachee,
            datum=date(2026, 11, 1),
            bron=Bron.ERVARING,
            titel=f"Ervaring {zichtbaarheid}",
            reflectie=f"Geheime reflectie {zichtbaarheid}",
            zichtbaarheid=zichtbaarheid,
        )
        for zichtbaarheid in Zichtbaarheid.values
    }


# --- Coaching (helper "coaching") -------------------------------------------------------


@pytest.fixture
def coaching_collega(db):
    """Another adviser: their trajectories are none of ``adviseur``'s business (IDOR)."""
    from accounts.roles import Rol
    from tests.factories import UserFactory

    return UserFactory(rollen=[Rol.ADVISEUR], totp=True, weergavenaam="Cor Collega")


@pytest.fixture
def coaching_ander_traject(coaching_collega, ambtenaar):
    """An active trajectory of ``coaching_collega`` coaching ``ambtenaar``."""
    traject = Coachtraject.objects.create(
        titel="Coaching Anouk",
        soort=Coachtraject.Soort.INDIVIDUEEL,
        coach=coaching_collega,
        doelen="Kansgericht denken.",
        status=Coachtraject.Status.ACTIEF,
        start=date(2026, 9, 1),
    )
    traject.coachees.set([ambtenaar])
    return traject
