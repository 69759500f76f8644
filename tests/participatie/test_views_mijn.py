"""A resident's own page: "what was done with my input" and their sessions (issue 6.5)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from participatie.services import aanmelden, deelnemen, inbreng_indienen, terugkoppelen

pytestmark = pytest.mark.django_db

MIJN = reverse("mijn_inbreng")


def test_anonymous_visitors_log_in_first(client):
    response = client.get(MIJN)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_page_shows_own_input_with_its_feedback_and_not_that_of_others(
    client, inbreng, inwoner, regisseur, andere_ronde
):
    terugkoppelen(
        inbreng=inbreng, door=regisseur, status="deels_overgenomen", motivering="Alleen op dinsdag."
    )
    andere = andere_ronde.inbreng.get()
    client.force_login(inwoner)

    response = client.get(MIJN)

    assertContains(response, _("What was done with my input"))
    assertContains(response, inbreng.titel)
    assertContains(response, inbreng.ronde.titel)
    assertContains(response, "Alleen op dinsdag.")
    assertContains(
        response,
        reverse("participatie:inbreng", kwargs={"slug": inbreng.ronde.slug, "pk": inbreng.pk}),
    )
    assertNotContains(response, andere.titel)


def test_input_without_feedback_says_it_is_coming(client, inbreng, inwoner):
    client.force_login(inwoner)
    assertContains(
        client.get(MIJN),
        _(
            "No feedback yet. You get a notification as soon as the municipality says what it "
            "does with your input."
        ),
        status_code=200,
    )


def test_the_page_lists_the_sessions_one_registered_for(client, sessie, inwoner, partner_lid):
    aanmelden(sessie=sessie, user=inwoner)
    client.force_login(inwoner)

    response = client.get(MIJN)

    assertContains(response, sessie.titel)
    assertContains(response, sessie.get_absolute_url())
    client.force_login(partner_lid)
    assertNotContains(client.get(MIJN), sessie.titel)


def test_the_page_needs_the_same_queries_for_1_or_10_inputs(client, ronde, inwoner):
    deelnemen(ronde=ronde, user=inwoner)
    client.force_login(inwoner)

    def tel():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(MIJN).status_code == 200
        return len(queries)

    inbreng_indienen(ronde=ronde, auteur=inwoner, soort="idee", titel="Een", tekst="x")
    client.get(MIJN)
    een = tel()
    for nummer in range(9):
        inbreng_indienen(ronde=ronde, auteur=inwoner, soort="vraag", titel=f"N{nummer}", tekst="x")
    assert tel() == een


def test_the_page_shows_own_proposals_and_ballots(client, stemming, inwoner, partner_lid):
    from participatie.services_begroting import (
        keuze_toevoegen,
        stembiljet_bevestigen,
        stembiljet_openen,
    )

    project3 = stemming.voorstellen.get(titel="Project 3")
    biljet = stembiljet_openen(begroting=stemming, user=inwoner)
    stembiljet_bevestigen(stembiljet=keuze_toevoegen(stembiljet=biljet, voorstel=project3))
    client.force_login(inwoner)

    response = client.get(MIJN)

    assertContains(response, _("My proposals and votes in participatory budgets"))
    assertContains(response, project3.get_absolute_url())
    assertContains(response, "Haalbaar binnen de regels.")
    assertContains(
        response, reverse("participatie:stembiljet", kwargs={"slug": stemming.ronde.slug})
    )
    client.force_login(partner_lid)
    response = client.get(MIJN)
    assertNotContains(response, project3.get_absolute_url())
    assertNotContains(response, _("My proposals and votes in participatory budgets"))


def test_the_page_needs_the_same_queries_for_1_or_10_proposals(client, begroting, inwoner):
    from decimal import Decimal

    from participatie.services_begroting import voorstel_indienen

    client.force_login(inwoner)

    def indienen(titel):
        voorstel_indienen(
            begroting=begroting,
            indiener=inwoner,
            titel=titel,
            beschrijving="x",
            geraamde_kosten=Decimal(100),
        )

    def tel():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(MIJN).status_code == 200
        return len(queries)

    indienen("Een")
    client.get(MIJN)
    een = tel()
    for nummer in range(9):
        indienen(f"N{nummer}")
    assert tel() == een
