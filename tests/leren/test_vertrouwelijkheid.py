"""The confidentiality rules of ``leren.selectors``, persona by visibility."""

from django.http import Http404

import pytest

from leren.models import Coachtraject
from leren.selectors import gesprekken_zichtbaar, leerervaring_get, leerervaringen_zichtbaar

pytestmark = pytest.mark.django_db


def zichtbaar(user, ervaringen):
    ids = set(leerervaringen_zichtbaar(user).values_list("pk", flat=True))
    return {naam for naam, ervaring in ervaringen.items() if ervaring.pk in ids}


def test_de_auteur_leest_alles(coachee, ervaringen):
    assert zichtbaar(coachee, ervaringen) == {"prive", "coach", "team"}


def test_zonder_traject_leest_niemand_iets(adviseur, regisseur, ambtenaar, beheerder, ervaringen):
    for user in (adviseur, regisseur, ambtenaar, beheerder):
        assert zichtbaar(user, ervaringen) == set()


def test_de_coach_van_een_actief_traject_leest_coach_en_team(adviseur, traject, ervaringen):
    assert zichtbaar(adviseur, ervaringen) == {"coach", "team"}


@pytest.mark.parametrize("status", ["intake", "gepauzeerd", "afgerond", "geannuleerd"])
def test_een_niet_actief_traject_opent_niets(adviseur, traject, ervaringen, status):
    Coachtraject.objects.filter(pk=traject.pk).update(status=status)
    assert zichtbaar(adviseur, ervaringen) == set()


def test_de_opdrachtgever_leest_geen_ervaringen(regisseur, traject, ervaringen):
    assert zichtbaar(regisseur, ervaringen) == set()


def test_teamleden_lezen_alleen_team(ambtenaar, adviseur, teamtraject, ervaringen):
    assert zichtbaar(ambtenaar, ervaringen) == {"team"}
    # A team trajectory is a trajectory of each of its coachees: its coach is their coach.
    assert zichtbaar(adviseur, ervaringen) == {"coach", "team"}


def test_prive_geeft_404_en_geen_403(adviseur, traject, ervaringen):
    with pytest.raises(Http404):
        leerervaring_get(user=adviseur, pk=ervaringen["prive"].pk)
    assert leerervaring_get(user=adviseur, pk=ervaringen["coach"].pk).titel == "Ervaring coach"


def test_anoniem_leest_niets(ervaringen):
    from django.contrib.auth.models import AnonymousUser

    assert zichtbaar(AnonymousUser(), ervaringen) == set()


def test_privenotities_alleen_voor_de_coach(adviseur, coachee, regisseur, traject):
    from datetime import date

    traject.gesprekken.create(
        datum=date(2026, 11, 2), gedeelde_notities="Gedeeld", prive_notities="Alleen coach"
    )
    (voor_coach,) = gesprekken_zichtbaar(adviseur, traject)
    assert voor_coach.prive_notities == "Alleen coach"
    (voor_coachee,) = gesprekken_zichtbaar(coachee, traject)
    assert voor_coachee.gedeelde_notities == "Gedeeld"
    assert voor_coachee.prive_notities == ""
    assert gesprekken_zichtbaar(regisseur, traject) == []
