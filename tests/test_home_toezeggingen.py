"""The officials' home page lists "Jouw verlopen toezeggingen": the open commitments
they own whose deadline has passed, with a link to their opgave. Only their own,
only overdue and open."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from accounts.roles import Rol
from opgaven.models import Toezegging
from opgaven.selectors.krachtenveld import toezeggingen_verlopen
from opgaven.services.krachtenveld import toezegging_status_wijzigen, toezegging_toevoegen
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate


def toezegging(opgave, eigenaar, dagen: int, omschrijving: str, **anders) -> Toezegging:
    """A commitment whose deadline is ``dagen`` from today (negative: in the past)."""
    return toezegging_toevoegen(
        opgave=opgave,
        omschrijving=omschrijving,
        eigenaar=eigenaar,
        deadline=VANDAAG() + timedelta(days=dagen),
        **anders,
    )


@pytest.fixture
def toezeggingen(opgave, andere_opgave, regisseur, ambtenaar):
    """Commitments of every kind; only the first two are regisseur's overdue ones."""
    nagekomen = toezegging(opgave, regisseur, -5, "Al nagekomen")
    toezegging_status_wijzigen(toezegging=nagekomen, status=Toezegging.Status.NAGEKOMEN)
    vervallen = toezegging(opgave, regisseur, -5, "Vervallen belofte")
    toezegging_status_wijzigen(toezegging=vervallen, status=Toezegging.Status.VERVALLEN)
    return {
        "oudste": toezegging(
            opgave,
            regisseur,
            -9,
            "Brief aan de bewoners",
            betrokkenheid=opgave.betrokkenheden.get(),
        ),
        "gisteren": toezegging(opgave, regisseur, -1, "Subsidie aanvragen"),
        "vandaag": toezegging(opgave, regisseur, 0, "Vandaag af"),
        "later": toezegging(opgave, regisseur, 10, "Later af"),
        "nagekomen": nagekomen,
        "vervallen": vervallen,
        "van_een_ander": toezegging(andere_opgave, ambtenaar, -3, "Van Anouk"),
    }


def test_the_selector_gives_only_the_users_own_open_overdue_commitments_oldest_first(
    regisseur, toezeggingen
):
    assert list(toezeggingen_verlopen(user=regisseur)) == [
        toezeggingen["oudste"],
        toezeggingen["gisteren"],
    ]


def test_the_selector_gives_nothing_to_a_visitor(toezeggingen):
    assert list(toezeggingen_verlopen(user=AnonymousUser())) == []


def test_an_official_sees_their_overdue_commitments_with_a_link(client, regisseur, toezeggingen):
    client.force_login(regisseur)

    response = client.get(reverse("home"))

    assertContains(response, "Jouw verlopen toezeggingen")
    assertContains(response, "Brief aan de bewoners (Woonstichting Demodam)")
    assertContains(response, "Subsidie aanvragen")
    for ander in ("Vandaag af", "Later af", "Al nagekomen", "Vervallen belofte", "Van Anouk"):
        assertNotContains(response, ander)
    opgave = toezeggingen["oudste"].opgave
    assertContains(response, reverse("opgaven:toezeggingen", kwargs={"slug": opgave.slug}))
    assertContains(response, opgave.titel)
    assert response.content.decode().count("<strong>Verlopen:</strong>") == 2


def test_another_official_sees_only_their_own(client, ambtenaar, toezeggingen):
    client.force_login(ambtenaar)

    response = client.get(reverse("home"))

    assertContains(response, "Van Anouk")
    assertNotContains(response, "Brief aan de bewoners")
    assertNotContains(response, "Subsidie aanvragen")


def test_an_official_without_overdue_commitments_is_told_so(client, coachee, toezeggingen):
    client.force_login(coachee)

    response = client.get(reverse("home"))

    assertContains(response, "Jouw verlopen toezeggingen")
    assertContains(response, "Je hebt geen verlopen toezeggingen.")


def test_a_kept_commitment_leaves_the_list(client, regisseur, toezeggingen):
    toezegging_status_wijzigen(toezegging=toezeggingen["gisteren"], status="nagekomen")
    client.force_login(regisseur)

    response = client.get(reverse("home"))

    assertNotContains(response, "Subsidie aanvragen")
    assertContains(response, "Brief aan de bewoners")


@pytest.mark.parametrize("persona", ["anoniem", "inwoner", "partner_lid", "adviseur"])
def test_people_without_the_ambtenaar_role_get_no_list(client, request, persona, toezeggingen):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assertNotContains(response, "Jouw verlopen toezeggingen")
    assert response.context["verlopen_toezeggingen"] == []


def test_an_owner_who_lost_the_ambtenaar_role_gets_no_list(client, opgave):
    oud_collega = UserFactory(rollen=[Rol.INWONER])
    toezegging(opgave, oud_collega, -2, "Vergeten belofte")
    client.force_login(oud_collega)

    response = client.get(reverse("home"))

    assertNotContains(response, "Vergeten belofte")


def test_the_home_page_needs_the_same_queries_for_1_and_10_overdue(client, regisseur, opgave):
    toezegging(opgave, regisseur, -1, "Eerste")
    client.force_login(regisseur)
    client.get(reverse("home"))  # warm the process-wide caches
    with CaptureQueriesContext(connection) as een:
        client.get(reverse("home"))

    for dag in range(2, 11):
        toezegging(
            opgave, regisseur, -dag, f"Belofte {dag}", betrokkenheid=opgave.betrokkenheden.get()
        )
    with CaptureQueriesContext(connection) as tien:
        response = client.get(reverse("home"))

    assert len(response.context["verlopen_toezeggingen"]) == 10
    assert len(tien) == len(een)
