from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from opgaven.models import Opgaverol
from opgaven.services import opgaverol_beeindigen, opgaverol_toekennen
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(opgave):
    return reverse("opgaven:detail", args=[opgave.slug])


def test_a_visitor_reads_a_public_opgave_and_who_works_on_it(client, opgave):
    response = client.get(url(opgave))
    assert response.status_code == 200
    assertContains(
        response, '<h1 class="utrecht-heading-1">Energietransitie Demodam-Noord</h1>', html=True
    )
    assertContains(response, opgave.vraagstuk)
    assertContains(response, "Uitvoeren")
    assertContains(response, "Openbaar")
    assertContains(response, "Opgaveregisseur: Rutger Regie")
    assertNotContains(response, "Opgave bewerken")


def test_role_holders_never_show_their_e_mail_address(client, opgave, regisseur):
    assertNotContains(client.get(url(opgave)), regisseur.email)


def test_the_regisseur_gets_the_edit_link(client, regisseur, opgave):
    client.force_login(regisseur)
    response = client.get(url(opgave))
    assertContains(response, f'href="{reverse("opgaven:edit", args=[opgave.slug])}"')
    assertContains(response, "Opgave bewerken")


def test_an_official_without_a_role_does_not(client, ambtenaar, interne_opgave):
    client.force_login(ambtenaar)
    response = client.get(url(interne_opgave))
    assert response.status_code == 200
    assertNotContains(response, "Opgave bewerken")
    assertContains(response, "Opgaveregisseur: Rutger Regie")


def test_ended_roles_are_not_shown(client, opgave):
    opgaverol_beeindigen(opgaverol=opgave.rollen.get())
    response = client.get(url(opgave))
    assertNotContains(response, "Rutger Regie")
    assertContains(response, "Nog niemand heeft een rol bij deze opgave.")


def test_an_outsider_gets_404_for_an_internal_opgave(client, inwoner, interne_opgave):
    assert client.get(url(interne_opgave)).status_code == 404
    client.force_login(inwoner)
    response = client.get(url(interne_opgave))
    assert response.status_code == 404
    assertNotContains(response, interne_opgave.titel, status_code=404)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_are_not_allowed(client, opgave, method):
    assert getattr(client, method)(url(opgave)).status_code == 405


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
