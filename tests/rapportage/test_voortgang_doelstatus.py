"""The red/amber/green status per goal (issue 9 point 2). (Helper "voortgang".)

The service and its Dutch refusals, the selectors (newest counts; the worst current
status per opgave in SQL), the list and the form pages, and the links on the opgave's
overview page.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from opgaven.models import Doel, Opgave
from opgaven.services.doelen import doel_create
from rapportage.models import Doelstatus
from rapportage.selectors_doelstatus import laatste_statussen, opgaven_met_rag, statussen_van
from rapportage.services_doelstatus import doelstatus_zetten

pytestmark = pytest.mark.django_db

GROEN, ORANJE, ROOD = Doelstatus.Kleur.GROEN, Doelstatus.Kleur.ORANJE, Doelstatus.Kleur.ROOD


def _boom(opgave: Opgave, aantal: int = 2) -> list[Doel]:
    effect = doel_create(opgave=opgave, titel="Van het gas af", soort=Doel.Soort.EFFECT)
    return [effect] + [
        doel_create(opgave=opgave, titel=f"Doel nummer {i}", bovenliggend=effect)
        for i in range(1, aantal + 1)
    ]


@pytest.fixture
def doelen(opgave) -> list[Doel]:
    return _boom(opgave)


def _zet(doel, kleur, tekst="Loopt volgens plan.", door=None, dagen_geleden=0):
    status = doelstatus_zetten(doel=doel, kleur=kleur, toelichting=tekst, door=door)
    if dagen_geleden:
        Doelstatus.objects.filter(pk=status.pk).update(
            gezet_op=timezone.now() - timedelta(days=dagen_geleden)
        )
    return status


def _lijst(opgave) -> str:
    return reverse("rapportage:doelstatus", kwargs={"slug": opgave.slug})


def _zetten(opgave, doel) -> str:
    return reverse("rapportage:doelstatus_zetten", kwargs={"slug": opgave.slug, "pk": doel.pk})


# --- The service ----------------------------------------------------------------------


def test_setting_a_status_records_colour_narrative_and_who(doelen, regisseur):
    status = doelstatus_zetten(
        doel=doelen[1], kleur=ORANJE, toelichting="  Te weinig aannemers.  ", door=regisseur
    )
    status.refresh_from_db()
    assert (status.doel, status.kleur, status.gezet_door) == (doelen[1], ORANJE, regisseur)
    assert status.toelichting == "Te weinig aannemers."  # trimmed


def test_setting_again_keeps_the_history_and_the_newest_counts(doelen, regisseur):
    _zet(doelen[1], ROOD, "Eerst rood.", regisseur, dagen_geleden=30)
    _zet(doelen[1], GROEN, "Nu groen.", regisseur)

    assert [s.kleur for s in statussen_van(doel=doelen[1])] == [GROEN, ROOD]
    assert laatste_statussen(opgave=doelen[1].opgave)[doelen[1].pk].toelichting == "Nu groen."


@pytest.mark.parametrize(
    ("kleur", "tekst", "veld", "melding"),
    [
        ("paars", "Tekst.", "kleur", "Kies groen, oranje of rood."),
        ("", "Tekst.", "kleur", "Kies groen, oranje of rood."),
        (GROEN, "", "toelichting", "Licht de status in een paar zinnen toe."),
        (GROEN, "   \n ", "toelichting", "Licht de status in een paar zinnen toe."),
        (
            GROEN,
            "x" * 1001,
            "toelichting",
            "Houd de toelichting op hoogstens 1000 tekens; nu zijn het er 1001.",
        ),
    ],
)
def test_bad_input_is_refused_in_dutch(doelen, regisseur, kleur, tekst, veld, melding):
    with pytest.raises(ValidationError) as fout:
        doelstatus_zetten(doel=doelen[1], kleur=kleur, toelichting=tekst, door=regisseur)
    assert fout.value.message_dict[veld] == [melding]
    assert not Doelstatus.objects.exists()


def test_a_narrative_of_exactly_1000_characters_is_allowed(doelen, regisseur):
    status = doelstatus_zetten(doel=doelen[1], kleur=GROEN, toelichting="x" * 1000, door=regisseur)
    assert len(status.toelichting) == 1000


# --- The selectors --------------------------------------------------------------------


def test_latest_statuses_are_one_query_for_any_number_of_goals(opgave, regisseur):
    doelen = _boom(opgave, aantal=6)
    for dagen, doel in enumerate(doelen):
        _zet(doel, ROOD, "oud", regisseur, dagen_geleden=10 + dagen)
        _zet(doel, GROEN, f"nieuw {doel.pk}", regisseur)
    with CaptureQueriesContext(connection) as queries:
        statussen = laatste_statussen(opgave=opgave)
        namen = [s.gezet_door.weergavenaam for s in statussen.values()]  # no query per row
    assert len(queries) == 1
    assert set(statussen) == {d.pk for d in doelen}
    assert all(
        s.kleur == GROEN and s.toelichting == f"nieuw {s.doel_id}" for s in statussen.values()
    )
    assert set(namen) == {"Rutger Regie"}


def test_latest_statuses_leave_out_other_opgaven(doelen, andere_opgave, regisseur):
    ander = _boom(andere_opgave, aantal=1)
    _zet(ander[1], ROOD)
    _zet(doelen[1], GROEN)
    assert list(laatste_statussen(opgave=doelen[0].opgave)) == [doelen[1].pk]


def test_rag_is_the_worst_current_status_of_the_goals(opgave, andere_opgave, interne_opgave):
    doelen = _boom(opgave, aantal=3)
    _zet(doelen[1], ROOD, dagen_geleden=20)  # replaced: no longer counts
    _zet(doelen[1], GROEN)
    _zet(doelen[2], ORANJE)
    _zet(doelen[3], GROEN)
    ander = _boom(andere_opgave, aantal=2)
    _zet(ander[1], GROEN, dagen_geleden=5)
    _zet(ander[2], ROOD)

    rag = dict(
        opgaven_met_rag(
            Opgave.objects.filter(pk__in=[opgave.pk, andere_opgave.pk, interne_opgave.pk])
        ).values_list("slug", "rag")
    )
    assert rag == {opgave.slug: ORANJE, andere_opgave.slug: ROOD, interne_opgave.slug: None}


def test_rag_for_a_list_is_one_query_however_many_opgaven(opgave, regisseur):
    from opgaven.services import opgave_create

    def tellen() -> int:
        with CaptureQueriesContext(connection) as queries:
            list(opgaven_met_rag(Opgave.objects.all()).values_list("pk", "rag"))
        return len(queries)

    _zet(_boom(opgave, aantal=1)[1], ROOD)
    een = tellen()
    for i in range(4):
        nieuw = opgave_create(
            door=regisseur, titel=f"Opgave {i}", vraagstuk="Iets.", zichtbaarheid="intern"
        )
        _zet(_boom(nieuw, aantal=2)[2], GROEN)
    assert tellen() == een == 1


# --- The list page --------------------------------------------------------------------


def test_the_list_shows_every_goal_with_its_current_status(client, regisseur, doelen):
    _zet(doelen[1], ORANJE, "De aannemer heeft te weinig mensen.", regisseur)
    client.force_login(regisseur)
    response = client.get(_lijst(doelen[0].opgave))
    assertContains(response, "Van het gas af")
    assertContains(response, "Doel nummer 2")
    assertContains(response, "De aannemer heeft te weinig mensen.")
    assertContains(response, "Oranje")  # the colour in words, never only a colour
    assertContains(response, "Rutger Regie")
    assertContains(response, "2 doelen hebben nog geen status.")
    # The regisseur gets a link per goal, and to the report.
    assertContains(response, _zetten(doelen[0].opgave, doelen[2]))
    assertContains(response, "soort=voortgangsrapportage&amp;opgave=energietransitie")


def test_an_official_without_a_role_reads_but_gets_no_links_to_change(client, ambtenaar, doelen):
    client.force_login(ambtenaar)
    response = client.get(_lijst(doelen[0].opgave))
    assert response.status_code == 200
    assertNotContains(response, _zetten(doelen[0].opgave, doelen[1]))
    assert client.get(_zetten(doelen[0].opgave, doelen[1])).status_code == 403


def test_partners_and_residents_do_not_read_the_statuses(client, partner_lid, inwoner, doelen):
    for persoon in (partner_lid, inwoner):
        client.force_login(persoon)
        assert client.get(_lijst(doelen[0].opgave)).status_code == 403


def test_the_list_costs_the_same_queries_for_one_goal_or_many(
    client, regisseur, opgave, andere_opgave
):
    client.force_login(regisseur)
    _zet(_boom(opgave, aantal=1)[1], GROEN, door=regisseur)
    client.get(_lijst(opgave))  # warm the session and the permission cache

    def tellen(slug_opgave) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_lijst(slug_opgave)).status_code == 200
        return len(queries)

    een = tellen(opgave)
    for doel in _boom(opgave, aantal=6):
        _zet(doel, ROOD, door=regisseur)
        _zet(doel, ORANJE, door=regisseur)
    assert tellen(opgave) == een


# --- The form -------------------------------------------------------------------------


def test_the_regisseur_sets_a_status_and_returns_to_the_goal(client, regisseur, doelen):
    client.force_login(regisseur)
    opgave = doelen[0].opgave
    assertContains(client.get(_zetten(opgave, doelen[1])), 'name="toelichting"')
    response = client.post(
        _zetten(opgave, doelen[1]), {"kleur": ROOD, "toelichting": "Ver achter op schema."}
    )
    assertRedirects(
        response, _lijst(opgave) + f"#doel-{doelen[1].pk}", fetch_redirect_response=False
    )
    status = Doelstatus.objects.get()
    assert (status.doel, status.kleur, status.gezet_door) == (doelen[1], ROOD, regisseur)
    # The form for the next update starts from the current status, with the history below.
    response = client.get(_zetten(opgave, doelen[1]))
    assertContains(response, "Ver achter op schema.", count=2)
    assertContains(response, 'value="rood" id="id_kleur_2" checked')


@pytest.mark.parametrize(
    ("data", "meldingen"),
    [
        ({}, ["Kies groen, oranje of rood.", "Licht de status in een paar zinnen toe."]),
        ({"kleur": "paars", "toelichting": "Tekst."}, ["Kies groen, oranje of rood."]),
        ({"kleur": GROEN, "toelichting": "x" * 1001}, ["Houd de toelichting op hoogstens 1000"]),
    ],
)
def test_bad_input_shows_an_error_summary_in_dutch(client, regisseur, doelen, data, meldingen):
    client.force_login(regisseur)
    response = client.post(_zetten(doelen[0].opgave, doelen[1]), data)
    assert response.status_code == 400
    assertContains(response, "data-error-summary", status_code=400)
    for melding in meldingen:
        assertContains(response, melding, status_code=400)
    assert not Doelstatus.objects.exists()


def test_a_goal_of_another_opgave_is_not_found(client, regisseur, opgave, andere_opgave):
    ander_doel = _boom(andere_opgave, aantal=1)[1]
    client.force_login(regisseur)
    url = reverse("rapportage:doelstatus_zetten", kwargs={"slug": opgave.slug, "pk": ander_doel.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {"kleur": ROOD, "toelichting": "Kwaad."}).status_code == 404
    assert not Doelstatus.objects.exists()


def test_a_finished_opgave_is_read_only_for_its_regisseur_too(client, regisseur, doelen):
    from opgaven.models import Fase

    opgave = doelen[0].opgave
    Opgave.objects.filter(pk=opgave.pk).update(fase=Fase.AFGEROND)
    client.force_login(regisseur)
    assert client.get(_lijst(opgave)).status_code == 200
    assert (
        client.post(_zetten(opgave, doelen[1]), {"kleur": ROOD, "toelichting": "x"}).status_code
        == 403
    )


def test_wrong_methods_are_refused(client, regisseur, doelen):
    client.force_login(regisseur)
    assert client.post(_lijst(doelen[0].opgave)).status_code == 405
    assert client.put(_zetten(doelen[0].opgave, doelen[1])).status_code == 405


# --- The links on the opgave's overview ----------------------------------------------


def test_the_overview_links_to_the_report_and_the_statuses_for_who_may(
    client, regisseur, ambtenaar, partner_lid, opgave
):
    rapport = (
        reverse("rapportage:aanvragen") + f"?soort=voortgangsrapportage&amp;opgave={opgave.slug}"
    )
    for persoon in (regisseur, ambtenaar):
        client.force_login(persoon)
        response = client.get(opgave.get_absolute_url())
        assertContains(response, "Voortgangsrapportage maken")
        assertContains(response, f'href="{rapport}"')
        assertContains(response, f'href="{_lijst(opgave)}"')
    # A partner sees the workspace, but not the municipality's reports about it.
    client.force_login(partner_lid)
    response = client.get(opgave.get_absolute_url())
    assert response.status_code == 200
    assertNotContains(response, "Voortgangsrapportage maken")
    assertNotContains(response, _lijst(opgave))
