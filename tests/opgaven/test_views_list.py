from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from opgaven.models import Opgaverol
from opgaven.services import opgaverol_toekennen
from tests.factories import OpgaveFactory

pytestmark = pytest.mark.django_db

URL = reverse("opgaven:list")


def test_visitors_see_public_opgaven_only(client, opgave, interne_opgave):
    response = client.get(URL)
    assert response.status_code == 200
    assertContains(response, '<h1 class="utrecht-heading-1">Opgaven</h1>', html=True)
    assertContains(response, opgave.titel)
    assertNotContains(response, interne_opgave.titel)
    assertContains(response, "1 opgave")
    assertNotContains(response, "Nieuwe opgave")
    assertNotContains(response, "Bewerken")


def test_officials_see_all_and_may_create(client, ambtenaar, opgave, interne_opgave):
    client.force_login(ambtenaar)
    response = client.get(URL)
    assertContains(response, opgave.titel)
    assertContains(response, interne_opgave.titel)
    assertContains(response, "2 opgaven")
    assertContains(response, f'href="{reverse("opgaven:add")}"')
    assertNotContains(response, "Bewerken")  # no roles, so nothing to edit


def test_edit_links_only_where_allowed(client, regisseur, opgave):
    anders = OpgaveFactory(titel="Andere opgave")
    client.force_login(regisseur)
    response = client.get(URL)
    assertContains(response, f'href="{reverse("opgaven:edit", args=[opgave.slug])}"')
    assertNotContains(response, reverse("opgaven:edit", args=[anders.slug]))


def test_search_on_title(client, opgave):
    OpgaveFactory(titel="Samen tegen eenzaamheid")
    response = client.get(URL, {"q": "eenzaam"})
    assertContains(response, "Samen tegen eenzaamheid")
    assertNotContains(response, opgave.titel)
    assertContains(response, 'value="eenzaam"')


def test_empty_states_are_in_dutch(client, db):
    assertContains(client.get(URL), "Er zijn nog geen opgaven die je kunt zien.")
    assertContains(
        client.get(URL, {"q": "fietspad"}),
        "Geen opgave heeft “fietspad” in de titel. Probeer een andere zoekterm.",
    )


def test_search_form_works_with_and_without_htmx(client, db):
    response = client.get(URL)
    assertContains(response, f'action="{URL}"')
    assertContains(response, f'hx-get="{URL}"')
    assertContains(response, 'hx-target="#resultaten"')


def test_pages_of_twenty_with_links_for_both_htmx_and_plain_requests(client):
    OpgaveFactory.create_batch(25)
    response = client.get(URL, {"pagina": 2})
    assert len(response.context["pagina"].object_list) == 5
    assertContains(response, 'aria-current="page">2<')
    assertContains(response, 'href="?pagina=1"')
    assertContains(response, 'hx-get="?pagina=1"')


def test_htmx_gets_only_the_results(client, opgave):
    response = client.get(URL, {"q": "energie"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert "<form" not in content
    assert opgave.titel in content
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, opgave):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = client.get(URL, headers=headers)
    assert "<html" in response.content.decode()


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_are_not_allowed(client, method):
    assert getattr(client, method)(URL).status_code == 405


def test_queries_do_not_grow_with_the_number_of_opgaven(
    client, regisseur, django_assert_num_queries
):
    def add_opgave():
        opgave = OpgaveFactory(intern=True)
        opgaverol_toekennen(opgave=opgave, user=regisseur, rol=Opgaverol.Rol.OPGAVEREGISSEUR)

    client.force_login(regisseur)
    add_opgave()
    client.get(URL)  # warm the caches that live for the whole process (content types)
    with CaptureQueriesContext(connection) as one_row:
        client.get(URL)

    for _ in range(24):
        add_opgave()
    with django_assert_num_queries(len(one_row)):
        response = client.get(URL)
    assert len(response.context["pagina"].object_list) == 20
    assert all(opgave.kan_bewerken for opgave in response.context["pagina"].object_list)
