"""The adviser dashboard and the reads behind it (``leren.selectors_coaching``): the
70-20-10 mix of shared entries, entries awaiting feedback, overdue action points and
the latest competence levels, per coachee and per team; constant queries."""

from __future__ import annotations

import base64
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

import pytest

from accounts.roles import Rol
from leren.grafieken_coaching import mix_grafiek, niveaus_grafiek
from leren.models import (
    Actiepunt,
    Bron,
    Coachgesprek,
    Coachtraject,
    Competentie,
    Feedback,
    Leerervaring,
    Voortgangsmeting,
    Zichtbaarheid,
)
from leren.policies import mix
from leren.selectors_coaching import (
    ambtenaren_kiesbaar,
    maanden_terug,
    trajecten_overzicht,
    voortgang_samenvatting,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("leren:trajecten")


def vandaag() -> date:
    return timezone.localdate()


def ervaring(auteur, *, bron=Bron.ERVARING, zichtbaarheid=Zichtbaarheid.COACH, dagen=0, **velden):
    return Leerervaring.objects.create(
        auteur=auteur,
        datum=vandaag() - timedelta(days=dagen),
        bron=bron,
        titel=velden.pop("titel", f"Ervaring {bron} {zichtbaarheid}"),
        reflectie=velden.pop("reflectie", "Wat ik leerde."),
        zichtbaarheid=zichtbaarheid,
        **velden,
    )


def meting(persoon, beoordelaar, competentie, niveau, *, dagen=0):
    return Voortgangsmeting.objects.create(
        persoon=persoon,
        competentie=competentie,
        niveau=niveau,
        door="zelf" if persoon == beoordelaar else "coach",
        beoordelaar=beoordelaar,
        datum=vandaag() - timedelta(days=dagen),
    )


def actiepunt(traject, eigenaar, *, deadline, afgerond=False):
    gesprek = traject.gesprekken.first() or Coachgesprek.objects.create(
        traject=traject, datum=vandaag(), gedeelde_notities="Gedeeld", prive_notities="Privé"
    )
    return Actiepunt.objects.create(
        gesprek=gesprek,
        omschrijving="Een netwerkkaart maken",
        eigenaar=eigenaar,
        deadline=deadline,
        afgerond_op=timezone.now() if afgerond else None,
    )


@pytest.mark.parametrize(
    ("dag", "maanden", "verwacht"),
    [
        (date(2026, 5, 31), 3, date(2026, 2, 28)),
        (date(2024, 5, 31), 3, date(2024, 2, 29)),
        (date(2026, 1, 15), 3, date(2025, 10, 15)),
        (date(2026, 11, 28), 12, date(2025, 11, 28)),
    ],
)
def test_maanden_terug(dag, maanden, verwacht):
    assert maanden_terug(dag, maanden) == verwacht


def test_per_coachee_mix_feedback_actiepunten_en_niveaus(adviseur, coachee, traject):
    ervaring(coachee)
    met_feedback = ervaring(coachee)
    ervaring(coachee, bron=Bron.SOCIAAL, zichtbaarheid=Zichtbaarheid.TEAM, duur_minuten=60)
    ervaring(coachee, bron=Bron.FORMEEL, zichtbaarheid=Zichtbaarheid.PRIVE)  # never counted
    ervaring(coachee, dagen=120)  # outside the three months, still awaiting feedback
    Feedback.objects.create(leerervaring=met_feedback, coach=adviseur, tekst="Goed gedaan.")
    actiepunt(traject, coachee, deadline=vandaag() - timedelta(days=1))
    actiepunt(traject, coachee, deadline=vandaag() - timedelta(days=1), afgerond=True)
    actiepunt(traject, coachee, deadline=vandaag() + timedelta(days=1))
    verbinden, netwerkregie = Competentie.objects.order_by("volgorde")[:2]
    meting(coachee, coachee, verbinden, 2, dagen=10)
    meting(coachee, coachee, verbinden, 3)
    meting(coachee, adviseur, verbinden, 4)
    meting(coachee, coachee, netwerkregie, 1)

    (overzicht,) = trajecten_overzicht(coach=adviseur, trajecten=[traject])

    assert overzicht.deelt
    (regel,) = overzicht.coachees
    assert regel.persoon == coachee
    assert [(r.bron, r.aantal, r.pct_aantal) for r in regel.mix] == [
        ("ervaring", 2, 67),
        ("sociaal", 1, 33),
        ("formeel", 0, 0),
    ]
    assert regel.gedeeld == 3
    assert regel.wacht_op_feedback == 3
    assert regel.achterstallig == 1
    assert [(n.competentie, n.zelf.niveau, n.coach and n.coach.niveau) for n in regel.niveaus] == [
        (verbinden, 3, 4),
        (netwerkregie, 1, None),
    ]
    assert overzicht.team_mix is None


def test_een_team_krijgt_een_teammix_en_teamactiepunten(adviseur, coachee, ambtenaar, teamtraject):
    ervaring(coachee, zichtbaarheid=Zichtbaarheid.TEAM)
    ervaring(ambtenaar, bron=Bron.SOCIAAL, zichtbaarheid=Zichtbaarheid.TEAM)
    actiepunt(teamtraject, None, deadline=vandaag() - timedelta(days=3))

    (overzicht,) = trajecten_overzicht(coach=adviseur, trajecten=[teamtraject])

    assert [(r.bron, r.aantal) for r in overzicht.team_mix] == [
        ("ervaring", 1),
        ("sociaal", 1),
        ("formeel", 0),
    ]
    assert {r.persoon: r.gedeeld for r in overzicht.coachees} == {coachee: 1, ambtenaar: 1}
    assert overzicht.achterstallig_team == 1
    assert overzicht.achterstallig == 1


@pytest.mark.parametrize("status", ["intake", "gepauzeerd", "afgerond", "geannuleerd"])
def test_een_niet_actief_traject_telt_geen_gedeelde_ervaringen(adviseur, coachee, traject, status):
    ervaring(coachee)
    meting(coachee, coachee, Competentie.objects.first(), 3)
    Coachtraject.objects.filter(pk=traject.pk).update(status=status)
    traject.refresh_from_db()

    (overzicht,) = trajecten_overzicht(coach=adviseur, trajecten=[traject])

    assert not overzicht.deelt
    (regel,) = overzicht.coachees
    assert (regel.gedeeld, regel.wacht_op_feedback, regel.niveaus) == (0, 0, [])


def test_samenvatting_voor_de_opdrachtgever_telt_alleen_gedeeld(adviseur, coachee, traject):
    ervaring(coachee)
    ervaring(coachee, zichtbaarheid=Zichtbaarheid.PRIVE)
    meting(coachee, adviseur, Competentie.objects.first(), 4)

    samenvatting = voortgang_samenvatting(traject=traject)

    (regel,) = samenvatting.coachees
    assert regel.gedeeld == 1
    assert regel.niveaus[0].coach.niveau == 4
    Coachtraject.objects.filter(pk=traject.pk).update(status="gepauzeerd")
    traject.refresh_from_db()
    (regel,) = voortgang_samenvatting(traject=traject).coachees
    assert (regel.gedeeld, regel.niveaus) == (0, [])


def test_kiesbaar_zijn_wie_leren_vastlegt(
    adviseur, coachee, ambtenaar, regisseur, inwoner, partner_lid, beheerder
):
    andere_adviseur = UserFactory(rollen=[Rol.ADVISEUR])
    inactief = UserFactory(rollen=[Rol.AMBTENAAR], is_active=False)

    kiesbaar = set(ambtenaren_kiesbaar(behalve=adviseur))

    assert {coachee, ambtenaar, regisseur, andere_adviseur} <= kiesbaar
    assert not kiesbaar & {adviseur, inwoner, partner_lid, beheerder, inactief}


# --- The page ---------------------------------------------------------------------------


def test_dashboard_toont_grafiek_en_tabel_zonder_inhoud(client, adviseur, coachee, traject):
    ervaring(coachee, titel="Gedeelde titel", reflectie="Gedeelde reflectie")
    ervaring(coachee, zichtbaarheid=Zichtbaarheid.PRIVE, titel="Geheime titel")
    actiepunt(traject, coachee, deadline=vandaag() - timedelta(days=1))
    client.force_login(adviseur)

    response = client.get(DASHBOARD)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    assert "<table" in html
    assert traject.titel in html
    assert reverse("leren:coachee", kwargs={"pk": traject.pk, "user_pk": coachee.pk}) in html
    # Counts only: never what the coachee wrote, shared or not.
    for tekst in ("Gedeelde titel", "Gedeelde reflectie", "Geheime titel"):
        assert tekst not in html
    (overzicht,) = response.context["overzichten"]
    assert (overzicht.wacht_op_feedback, overzicht.achterstallig) == (1, 1)


def test_afgelopen_trajecten_staan_apart(client, adviseur, traject):
    Coachtraject.objects.filter(pk=traject.pk).update(status="afgerond")
    client.force_login(adviseur)
    response = client.get(DASHBOARD)
    assert response.context["overzichten"] == []
    assert response.context["afgelopen"] == [traject]


def test_coachee_en_opdrachtgever_zien_hun_trajecten(client, coachee, regisseur, traject):
    for user in (coachee, regisseur):
        client.force_login(user)
        response = client.get(DASHBOARD)
        assert response.status_code == 200
        assert not response.context["is_adviseur"]
        assert response.context["anders"] == [traject]
        assert reverse("leren:traject", kwargs={"pk": traject.pk}) in response.content.decode()


@pytest.mark.parametrize("persona", ["inwoner", "ambtenaar", "partner_lid", "beheerder"])
def test_zonder_trajecten_een_lege_staat(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    with translation.override("nl"):
        leeg = gettext(
            "You have no coaching trajectory. When an adviser starts one with you, or for "
            "you as the client, you find it here."
        )
    assert leeg in response.content.decode()


def test_een_adviseur_zonder_trajecten_kan_er_een_starten(client, adviseur):
    client.force_login(adviseur)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert reverse("leren:traject_nieuw") in response.content.decode()
    assert response.context["overzichten"] == []


def test_anoniem_moet_inloggen(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


# --- Constant queries -------------------------------------------------------------------


def _coachee_met_alles(adviseur, nummer, competenties):
    persoon = UserFactory(rollen=[Rol.AMBTENAAR], weergavenaam=f"Coachee {nummer:02d}")
    traject = Coachtraject.objects.create(
        titel=f"Coaching {nummer}",
        soort=Coachtraject.Soort.INDIVIDUEEL,
        coach=adviseur,
        doelen="Groeien.",
        status=Coachtraject.Status.ACTIEF,
        start=date(2026, 1, 1),
    )
    traject.coachees.set([persoon])
    for bron in Bron.values:
        ervaring(persoon, bron=bron)
    for competentie in competenties:
        meting(persoon, persoon, competentie, 3)
        meting(persoon, adviseur, competentie, 4)
    actiepunt(traject, persoon, deadline=vandaag() - timedelta(days=2))
    return persoon


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    return len(queries)


def test_dashboard_queries_gelijk_voor_1_of_20_coachees(client, adviseur):
    competenties = list(Competentie.objects.all()[:3])
    _coachee_met_alles(adviseur, 0, competenties)
    client.force_login(adviseur)
    client.get(DASHBOARD)  # warm the caches (content types, permissions)
    een = _queries(client)
    for nummer in range(1, 20):
        _coachee_met_alles(adviseur, nummer, competenties)
    twintig = _queries(client)
    assert twintig == een
    # One team of twenty costs the same as well.
    iedereen = list(Coachtraject.objects.filter(coach=adviseur).values_list("coachees", flat=True))
    team = Coachtraject.objects.create(
        titel="Het hele team",
        soort=Coachtraject.Soort.TEAM,
        coach=adviseur,
        doelen="Samen.",
        status=Coachtraject.Status.ACTIEF,
        start=date(2026, 1, 1),
    )
    team.coachees.set(iedereen)
    assert _queries(client) == een


# --- Charts -----------------------------------------------------------------------------


def _svg(data_uri: str) -> str:
    assert data_uri.startswith("data:image/svg+xml;base64,")
    return base64.b64decode(data_uri.split(",", 1)[1]).decode()


def test_grafieken_zijn_svg_afbeeldingen():
    """An SVG in an ``<img>`` (a data URI): the strict CSP allows it, and it runs no script."""
    regels = mix([("ervaring", 3, 0), ("sociaal", 1, 0)])
    svg = _svg(mix_grafiek([("Coen Coachee", regels), ("Anouk Ambtenaar", mix([]))]))
    assert "<svg" in svg
    assert "Coen Coachee" in svg
    assert "Anouk Ambtenaar" in svg
    svg = _svg(niveaus_grafiek([("Verbinden", 3, 4), ("Netwerkregie", None, 2)]))
    assert "Verbinden" in svg
