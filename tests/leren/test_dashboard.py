"""The learner's dashboard (issue 8 point 7): the 70-20-10 mix of the last 3, 6 or 12
months by count and by time against the target, open action points with their
"Afgerond" button, and the query counts of the timeline and the dashboard."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from leren.models import Bron, Competentie, Feedback, Leerervaring
from leren.selectors_leerder import maanden_terug, mix_van
from leren.services import gesprek_vastleggen

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("leren:dashboard")


def nl(msgid: str) -> str:
    with translation.override("nl"):
        return gettext(msgid)


def ervaringen(auteur, aantal: int, *, dagen_geleden: int = 10, **velden) -> list[Leerervaring]:
    """``aantal`` entries in bulk, spread over the sources 7:2:1."""
    vandaag = timezone.localdate()
    bronnen = [Bron.ERVARING] * 7 + [Bron.SOCIAAL] * 2 + [Bron.FORMEEL]
    return Leerervaring.objects.bulk_create(
        Leerervaring(
            auteur=auteur,
            datum=vandaag - timedelta(days=dagen_geleden),
            bron=velden.get("bron", bronnen[nummer % 10]),
            titel=f"Ervaring {nummer}",
            reflectie="Geleerd",
            duur_minuten=velden.get("duur_minuten", 30),
            zichtbaarheid=velden.get("zichtbaarheid", "coach"),
        )
        for nummer in range(aantal)
    )


def test_maanden_terug_stays_within_the_month():
    assert maanden_terug(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert maanden_terug(date(2026, 1, 15), 12) == date(2025, 1, 15)
    assert maanden_terug(date(2026, 3, 31), -12) == date(2027, 3, 31)


def test_the_mix_counts_entries_and_time_per_source(coachee):
    vandaag = timezone.localdate()
    ervaringen(coachee, 7, bron=Bron.ERVARING, duur_minuten=60)
    ervaringen(coachee, 2, bron=Bron.SOCIAAL, duur_minuten=60)
    ervaringen(coachee, 1, bron=Bron.FORMEEL, duur_minuten=480)
    ervaringen(coachee, 5, bron=Bron.FORMEEL, dagen_geleden=200)  # outside 6 months

    mix = mix_van(user=coachee, maanden=6, vandaag=vandaag)

    assert mix.aantal == 10
    assert [(r.bron, r.aantal, r.pct_aantal, r.doel_pct) for r in mix.regels] == [
        ("ervaring", 7, 70, 70),
        ("sociaal", 2, 20, 20),
        ("formeel", 1, 10, 10),
    ]
    assert [r.pct_tijd for r in mix.regels] == [41, 12, 47]  # 420, 120 and 480 of 1020 minutes
    assert mix_van(user=coachee, maanden=12, vandaag=vandaag).aantal == 15


def test_the_dashboard_shows_chart_and_table_of_the_chosen_period(client, coachee, ambtenaar):
    ervaringen(coachee, 3, bron=Bron.SOCIAAL, duur_minuten=45)
    ervaringen(coachee, 4, bron=Bron.FORMEEL, dagen_geleden=120)
    ervaringen(ambtenaar, 50)  # someone else's entries never count
    client.force_login(coachee)

    drie = client.get(DASHBOARD, {"periode": 3})
    assert drie.context["mix"].maanden == 3
    assert drie.context["mix"].aantal == 3
    assertContains(drie, "data:image/svg+xml;base64,")
    assertContains(drie, "<caption", count=1)

    standaard = client.get(DASHBOARD)
    assert standaard.context["mix"].maanden == 6
    assert standaard.context["mix"].aantal == 7
    assert [r.aantal for r in standaard.context["mix"].regels] == [0, 3, 4]


@pytest.mark.parametrize("periode", ["24", "drie", "-3", ""])
def test_an_unknown_period_falls_back_to_six_months(client, coachee, periode):
    client.force_login(coachee)
    response = client.get(DASHBOARD, {"periode": periode})
    assert response.status_code == 200
    assert response.context["mix"].maanden == 6


def test_an_empty_dashboard_says_so(client, coachee):
    client.force_login(coachee)
    response = client.get(DASHBOARD)
    assert response.context["grafiek"] is None
    assertContains(
        response, nl("You have no learning entries in this period yet, so there is no mix to show.")
    )
    assertContains(
        response,
        nl(
            "You have no open action points. When your coach agrees action points with you, "
            "they appear here."
        ),
    )
    assertNotContains(response, "<table")


def test_open_action_points_show_with_overdue_ones_marked_and_a_done_button(
    client, coachee, traject
):
    vandaag = timezone.localdate()
    gesprek_vastleggen(
        traject=traject,
        datum=vandaag - timedelta(days=20),
        actiepunten=[
            ("Woonstichting bellen", coachee, vandaag - timedelta(days=1)),
            ("Agenda opstellen", coachee, vandaag + timedelta(days=7)),
            ("Niet van Coen", None, None),
        ],
    )
    client.force_login(coachee)

    response = client.get(DASHBOARD)

    punten = {p.omschrijving: p for p in response.context["actiepunten"]}
    assert set(punten) == {"Woonstichting bellen", "Agenda opstellen"}
    assert punten["Woonstichting bellen"].is_verlopen
    assert not punten["Agenda opstellen"].is_verlopen
    assertContains(response, nl("Overdue"), count=1)
    for punt in punten.values():
        assertContains(response, reverse("leren:actiepunt_afronden", kwargs={"pk": punt.pk}))

    client.post(reverse("leren:actiepunt_afronden", kwargs={"pk": punten["Agenda opstellen"].pk}))
    daarna = client.get(DASHBOARD)
    assert [p.omschrijving for p in daarna.context["actiepunten"]] == ["Woonstichting bellen"]


def test_the_latest_feedback_links_to_the_entry(client, coachee, adviseur, traject):
    (ervaring,) = ervaringen(coachee, 1)
    Feedback.objects.create(leerervaring=ervaring, coach=adviseur, tekst="Sterk gedaan")
    client.force_login(coachee)
    response = client.get(DASHBOARD)
    assertContains(response, reverse("leren:ervaring", kwargs={"pk": ervaring.pk}))
    assertContains(response, adviseur.weergavenaam)


# --- Query counts: the same for 1 and for 100 rows ------------------------------------------


def _aantal_queries(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def _vullen(coachee, adviseur, traject, aantal: int) -> None:
    """``aantal`` entries with competences and feedback, and ``aantal`` action points."""
    rijen = ervaringen(coachee, aantal)
    competenties = list(Competentie.objects.all()[:3])
    Koppeling = Leerervaring.competenties.through
    Koppeling.objects.bulk_create(
        Koppeling(leerervaring=rij, competentie=competentie)
        for rij in rijen
        for competentie in competenties
    )
    Feedback.objects.bulk_create(
        Feedback(leerervaring=rij, coach=adviseur, tekst="Goed") for rij in rijen
    )
    vandaag = timezone.localdate()
    gesprek_vastleggen(
        traject=traject,
        datum=vandaag,
        actiepunten=[(f"Punt {n}", coachee, vandaag + timedelta(days=n)) for n in range(aantal)],
    )


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (reverse("leren:tijdlijn"), {}),
        (reverse("leren:tijdlijn"), {"bron": "ervaring", "competentie": "verbinden"}),
        (DASHBOARD, {}),
        (DASHBOARD, {"periode": 12}),
    ],
)
def test_query_count_does_not_grow_with_the_rows(
    client, coachee, adviseur, traject, ambtenaar, url, params
):
    client.force_login(coachee)
    _vullen(coachee, adviseur, traject, 1)
    een = _aantal_queries(client, url, params)

    _vullen(coachee, adviseur, traject, 99)
    honderd = _aantal_queries(client, url, params)

    assert een == honderd


def test_query_count_of_an_entry_does_not_grow_with_its_feedback(
    client, coachee, adviseur, traject
):
    (ervaring,) = ervaringen(coachee, 1)
    url = reverse("leren:ervaring", kwargs={"pk": ervaring.pk})
    Feedback.objects.create(leerervaring=ervaring, coach=adviseur, tekst="Een")
    client.force_login(adviseur)
    een = _aantal_queries(client, url)
    Feedback.objects.bulk_create(
        Feedback(leerervaring=ervaring, coach=adviseur, tekst=f"Nog {n}") for n in range(20)
    )
    assert _aantal_queries(client, url) == een


def test_query_count_of_plans_goals_and_progress_does_not_grow(client, coachee):
    from leren.models import Voortgangsmeting
    from leren.services import doel_toevoegen, ontwikkelplan_opslaan

    competenties = list(Competentie.objects.all()[:4])

    def plan_met_doelen(aantal: int):
        plan = ontwikkelplan_opslaan(
            eigenaar=coachee,
            titel="Plan",
            van=date(2026, 1, 1),
            tot=date(2026, 12, 31),
            competenties=competenties,
        )
        for n in range(aantal):
            doel_toevoegen(plan=plan, omschrijving=f"Doel {n}", competentie=competenties[n % 4])
        return plan

    def metingen(aantal: int) -> None:
        Voortgangsmeting.objects.bulk_create(
            Voortgangsmeting(
                persoon=coachee,
                competentie=competenties[n % 4],
                niveau=n % 5 + 1,
                door="zelf",
                beoordelaar=coachee,
                datum=date(2026, 1, 1) + timedelta(days=n),
            )
            for n in range(aantal)
        )

    client.force_login(coachee)
    eerste = plan_met_doelen(1)
    metingen(4)  # one per competence: the page draws a chart per competence
    plan_url = reverse("leren:plan", kwargs={"pk": eerste.pk})
    counts = [
        _aantal_queries(client, reverse("leren:plannen")),
        _aantal_queries(client, plan_url),
        _aantal_queries(client, reverse("leren:voortgang")),
    ]
    for _ in range(19):
        plan_met_doelen(1)
    tweede = plan_met_doelen(20)
    metingen(40)
    assert [
        _aantal_queries(client, reverse("leren:plannen")),
        _aantal_queries(client, reverse("leren:plan", kwargs={"pk": tweede.pk})),
        _aantal_queries(client, reverse("leren:voortgang")),
    ] == counts
