"""The overview of an opgave: the whole opgave for its workspace, a public summary for others."""

import base64
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from pytest_django.asserts import (
    assertContains,
    assertNotContains,
    assertTemplateNotUsed,
    assertTemplateUsed,
)

from opgaven.models import Fase, Gebied, Opgaverol, Thema
from opgaven.services import (
    opgave_fase_wijzigen,
    opgave_update,
    opgaverol_beeindigen,
    opgaverol_toekennen,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PUBLIEK = "opgaven/opgave_publiek.html"
WERKRUIMTE = "opgaven/opgave_detail.html"


def url(opgave):
    return reverse("opgaven:detail", args=[opgave.slug])


@pytest.fixture
def ingevuld(opgave, regisseur):
    """``opgave`` with every field filled in, and a phase change with a reason."""
    opgave_update(
        opgave=opgave,
        door=regisseur,
        huidige_situatie="Oude huizen op aardgas.",
        gewenste_situatie="Een wijk zonder aardgas.",
        maatschappelijk_effect="Lagere woonlasten.",
        afbakening="Geen nieuwbouw.",
        themas=Thema.objects.filter(slug__in=["wonen", "energie-en-klimaat"]),
        gebieden=Gebied.objects.filter(code__in=["WK999902", "BU99990201"]),
        startdatum=date(2025, 9, 1),
        horizon=date(2030, 12, 31),
        score_impact=4,
        score_krachtenveld=5,
        score_verhoudingen=3,
        score_tijdshorizon=5,
    )
    opgave_fase_wijzigen(
        opgave=opgave, naar=Fase.EVALUEREN, door=regisseur, reden="Interne reden: geld op."
    )
    return opgave


# --- The workspace overview -----------------------------------------------------------------


def test_the_workspace_shows_every_field(client, regisseur, ingevuld):
    client.force_login(regisseur)
    response = client.get(url(ingevuld))
    assert response.status_code == 200
    assertTemplateUsed(response, WERKRUIMTE)
    for tekst in [
        ingevuld.vraagstuk,
        "Oude huizen op aardgas.",
        "Een wijk zonder aardgas.",
        "Lagere woonlasten.",
        "Geen nieuwbouw.",
        "Energie en klimaat, Wonen",
        "1 september 2025",
        "31 december 2030",
        "Opgaveregisseur: Rutger Regie",
        "Interne reden: geld op.",
    ]:
        assertContains(response, tekst)
    assertContains(response, 'Molenbuurt <span class="opgave-code">(BU99990201)</span>')
    assertContains(response, '<h2 class="utrecht-heading-2">Afbakening</h2>', html=True)
    assertContains(response, 'aria-current="page">Overzicht</a>')


def test_the_wickedness_profile_is_a_chart_with_a_table(client, regisseur, ingevuld):
    client.force_login(regisseur)
    response = client.get(url(ingevuld))
    profiel = response.context["profiel"]
    assert profiel.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(profiel.split(",", 1)[1]).decode()
    assert "Complexiteit van het krachtenveld" in svg
    assert svg.startswith("<svg")
    assertContains(response, 'alt="Staafdiagram van de vier scores;')
    assertContains(
        response,
        '<caption class="utrecht-table__caption">Scores van 1 (laag) tot 5 (hoog)</caption>',
        html=True,
    )
    assertContains(
        response,
        '<tr class="utrecht-table__row">'
        '<th class="utrecht-table__header-cell" scope="row">Verschuivende verhoudingen</th>'
        '<td class="utrecht-table__cell utrecht-table__cell--numeric-column">3</td></tr>',
        html=True,
    )


def test_a_partly_scored_profile_says_what_is_missing(client, regisseur, opgave):
    opgave_update(opgave=opgave, door=regisseur, score_impact=2)
    client.force_login(regisseur)
    response = client.get(url(opgave))
    svg = base64.b64decode(response.context["profiel"].split(",", 1)[1]).decode()
    assert "Tijdshorizon (niet gescoord)" in svg
    assertContains(
        response,
        '<td class="utrecht-table__cell utrecht-table__cell--numeric-column">'
        "Nog niet gescoord</td>",
        count=3,
        html=True,
    )


def test_without_scores_there_is_no_chart_but_an_invitation(client, regisseur, opgave):
    client.force_login(regisseur)
    response = client.get(url(opgave))
    assert response.context["profiel"] is None
    assertContains(response, "Het weerbarstigheidsprofiel is nog niet ingevuld.")
    assertContains(response, f'href="{reverse("opgaven:edit", args=[opgave.slug])}#id_score')
    assertContains(response, "Nog niet beschreven.", count=4)  # the four empty texts


def test_the_regisseur_gets_the_edit_link(client, regisseur, opgave):
    client.force_login(regisseur)
    response = client.get(url(opgave))
    assertContains(response, f'href="{reverse("opgaven:edit", args=[opgave.slug])}"')
    assertContains(response, "Opgave bewerken")


def test_the_roles_page_is_linked_for_who_may_edit(client, regisseur, ambtenaar, interne_opgave):
    rollen_url = reverse("opgaven:rollen", kwargs={"slug": interne_opgave.slug})
    client.force_login(regisseur)
    assertContains(client.get(url(interne_opgave)), f'href="{rollen_url}"')
    client.force_login(ambtenaar)  # sees the opgave, may not edit it
    assertNotContains(client.get(url(interne_opgave)), f'href="{rollen_url}"')


def test_an_official_without_a_role_reads_but_does_not_edit(client, ambtenaar, interne_opgave):
    client.force_login(ambtenaar)
    response = client.get(url(interne_opgave))
    assert response.status_code == 200
    assertTemplateUsed(response, WERKRUIMTE)
    assertNotContains(response, "Opgave bewerken")
    assertContains(response, "Opgaveregisseur: Rutger Regie")


def test_an_involved_partner_gets_the_workspace(client, partner_lid, interne_opgave):
    client.force_login(partner_lid)
    response = client.get(url(interne_opgave))
    assertTemplateUsed(response, WERKRUIMTE)
    assertContains(response, "Opgaveregisseur: Rutger Regie")
    assertNotContains(response, "Opgave bewerken")


def test_ended_roles_are_not_shown(client, ambtenaar, opgave):
    opgaverol_beeindigen(opgaverol=opgave.rollen.get())
    client.force_login(ambtenaar)
    response = client.get(url(opgave))
    assertNotContains(response, "Rutger Regie")
    assertContains(response, "Nog niemand heeft een rol bij deze opgave.")


# --- The public summary ----------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["anoniem", "inwoner", "partner_buitenstaander", "adviseur"])
def test_visitors_without_the_workspace_get_the_public_summary(
    client, request, persona, ingevuld, regisseur
):
    if user := request.getfixturevalue(persona):
        client.force_login(user)
    response = client.get(url(ingevuld))
    assert response.status_code == 200
    assertTemplateUsed(response, PUBLIEK)
    assertTemplateNotUsed(response, WERKRUIMTE)
    assertContains(
        response, '<h1 class="utrecht-heading-1">Energietransitie Demodam-Noord</h1>', html=True
    )
    for tekst in [
        "Fase: Evalueren",
        ingevuld.vraagstuk,
        "Een wijk zonder aardgas.",
        "Lagere woonlasten.",
        "Energie en klimaat, Wonen",
        "Molenbuurt, Noorderpolder",
        "1 september 2025",
        "31 december 2030",
    ]:
        assertContains(response, tekst)
    # Nothing internal: no names, no reasons, no scores, no internal texts, no tabs.
    for intern in [
        "Rutger Regie",
        regisseur.email,
        "Interne reden",
        "Fasegeschiedenis",
        "Weerbarstigheidsprofiel",
        "data:image/svg+xml",
        "Oude huizen op aardgas.",  # huidige situatie
        "Geen nieuwbouw.",  # afbakening
        "BU99990201",
        "opgave-tabs",
        "Opgave bewerken",
        "Fase wijzigen",
    ]:
        assertNotContains(response, intern)


def test_the_public_summary_leaves_out_what_is_not_filled_in(client, opgave):
    response = client.get(url(opgave))
    assertContains(response, opgave.vraagstuk)
    for leeg in ["Gewenste situatie", "Maatschappelijk effect", "Thema's", "Startdatum"]:
        assertNotContains(response, leeg)
    assertNotContains(response, "Niet ingevuld")


def test_an_anonymous_visitor_is_offered_to_log_in(client, opgave, inwoner):
    login = f'href="{reverse("account_login")}?next={url(opgave)}"'
    assertContains(client.get(url(opgave)), login)
    client.force_login(inwoner)
    assertNotContains(client.get(url(opgave)), login)


def test_an_outsider_gets_404_for_an_internal_opgave(client, inwoner, interne_opgave):
    assert client.get(url(interne_opgave)).status_code == 404
    client.force_login(inwoner)
    response = client.get(url(interne_opgave))
    assert response.status_code == 404
    assertNotContains(response, interne_opgave.titel, status_code=404)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_are_not_allowed(client, opgave, method):
    assert getattr(client, method)(url(opgave)).status_code == 405


# --- Query counts -----------------------------------------------------------------------------


def _themas_en_gebieden(opgave, aantal):
    opgave.themas.set(Thema.objects.all()[:aantal])
    opgave.gebieden.set(Gebied.objects.all()[:aantal])


def test_queries_do_not_grow_with_the_number_of_roles(
    client, regisseur, opgave, django_assert_num_queries
):
    client.force_login(regisseur)
    client.get(url(opgave))  # warm the process-wide caches
    with CaptureQueriesContext(connection) as one_role:
        client.get(url(opgave))

    for _ in range(24):
        opgaverol_toekennen(opgave=opgave, user=UserFactory(), rol=Opgaverol.Rol.KERNTEAMLID)
    with django_assert_num_queries(len(one_role)):
        response = client.get(url(opgave))
    assert len(response.context["rollen"]) == 25


@pytest.mark.parametrize("persona", ["regisseur", "partner_lid", "anoniem", "inwoner"])
def test_queries_do_not_grow_with_themes_and_areas_and_stay_at_12(
    client, request, persona, opgave, django_assert_num_queries
):
    if user := request.getfixturevalue(persona):
        client.force_login(user)
    opgave_update(opgave=opgave, door=opgave.aangemaakt_door, score_impact=3)
    _themas_en_gebieden(opgave, 1)
    client.get(url(opgave))  # warm the process-wide caches
    with CaptureQueriesContext(connection) as one:
        client.get(url(opgave))
    assert len(one) <= 12

    _themas_en_gebieden(opgave, 10)
    with django_assert_num_queries(len(one)):
        response = client.get(url(opgave))
    assert len(response.context["gebieden"]) == 10
