"""The partner portal "Mijn organisatie" and the opgaven sections it shows
(``opgaven.portaal``): the organisation's opgaven, the actions it leads, the plans
awaiting its consent; the partner's home page points there."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from accounts.roles import Rol
from opgaven.models import Actie, Betrokkenheid, PlanVanAanpak
from opgaven.portaal import (
    acties_van_organisatie,
    instemmingen_van_organisatie,
    opgaven_van_organisatie,
)
from opgaven.services.plan import plan_nieuwe_versie, plan_ter_instemming_voorleggen
from partners.models import Lidmaatschap
from partners.secties import DETAIL, PORTAAL, secties
from partners.services import lidmaatschap_beeindigen, lidmaatschap_toevoegen
from tests.factories import OpgaveFactory, UserFactory

pytestmark = pytest.mark.django_db

PORTAAL_URL = "/mijn/organisatie/"


@pytest.fixture
def ter_instemming(actie, regisseur):
    """``opgave``'s plan (with ``actie``), submitted for consent."""
    plan_ter_instemming_voorleggen(plan=actie.plan, door=regisseur)
    actie.plan.refresh_from_db()
    return actie.plan


@pytest.fixture
def gewoon_lid(organisatie):
    user = UserFactory(rollen=[Rol.PARTNER], weergavenaam="Lotte Lid")
    lidmaatschap_toevoegen(organisatie=organisatie, user=user, rol="lid")
    return user


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(PORTAAL_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["partner_lid", "inwoner", "ambtenaar"])
def test_who_works_for_no_organisation_is_told_so(client, request, persona):
    client.force_login(request.getfixturevalue(persona))  # no organisation fixture

    response = client.get(PORTAAL_URL)

    assert response.status_code == 200
    assertContains(response, '<h1 class="utrecht-heading-1">Mijn organisatie</h1>')
    assertContains(response, "Je werkt op dit platform niet voor een partnerorganisatie.")
    assertContains(response, "Vraag de contactpersoon van je organisatie om je uit te nodigen")


def test_the_portal_shows_the_organisation_with_its_sections_in_order(
    client, partner_lid, organisatie, opgave, interne_opgave, ter_instemming
):
    client.force_login(partner_lid)

    response = client.get(PORTAAL_URL)
    html = response.content.decode()

    assert response.status_code == 200
    assertContains(response, f'id="organisatie-{organisatie.pk}">Woonstichting Demodam</h2>')
    assertContains(response, "Je werkt hier als: Contactpersoon, Betaalde professional.")
    assertContains(response, "Leden: uitnodigen en beëindigen")
    assertContains(response, f'href="/partners/{organisatie.slug}/bewerken/"')
    # Consent first: that is what waits for an answer.
    posities = [
        html.index(f">{titel}</h3>")
        for titel in ("Instemming gevraagd", "Opgaven", "Acties die wij trekken")
    ]
    assert posities == sorted(posities)


def test_the_opgaven_section_lists_the_involved_opgaven_with_phase(
    client, partner_lid, organisatie, opgave, interne_opgave, andere_opgave
):
    client.force_login(partner_lid)

    response = client.get(PORTAAL_URL)

    assertContains(response, f'<a class="utrecht-link" href="/opgaven/{opgave.slug}/">')
    assertContains(response, "Fase: Uitvoeren")
    assertContains(response, "betrokkenheid: Levert middelen")
    assertContains(response, "Leefbaarheid Stationskwartier")
    assertContains(response, "Fase: Verkennen")
    assertNotContains(response, "Verslavingspreventie jongeren")  # not involved


def test_the_actions_section_lists_open_actions_of_the_current_plan(
    client, partner_lid, organisatie, opgave, actie, andere_organisatie
):
    Actie.objects.create(
        opgave=opgave, plan=actie.plan, titel="Al gedaan", trekker=organisatie, status="gereed"
    )
    Actie.objects.create(
        opgave=opgave,
        plan=actie.plan,
        titel="Laten vallen",
        trekker=organisatie,
        status="vervallen",
    )
    Actie.objects.create(
        opgave=opgave, plan=actie.plan, titel="Van een ander", trekker=andere_organisatie
    )
    client.force_login(partner_lid)

    response = client.get(PORTAAL_URL)

    assertContains(response, "1 openstaande actie getrokken door Woonstichting Demodam")
    assertContains(
        response,
        f'<a class="utrecht-link" href="/opgaven/{opgave.slug}/plan/#actie-{actie.pk}">'
        "Isolatie van 300 huurwoningen</a>",
    )
    assertContains(response, "Gepland")
    for titel in ("Al gedaan", "Laten vallen", "Van een ander"):
        assertNotContains(response, titel)


def test_a_new_plan_version_does_not_list_an_action_twice(
    client, partner_lid, organisatie, actie, regisseur
):
    PlanVanAanpak.objects.filter(pk=actie.plan.pk).update(status="vastgesteld")
    actie.plan.refresh_from_db()
    nieuw = plan_nieuwe_versie(plan=actie.plan)
    client.force_login(partner_lid)

    response = client.get(PORTAAL_URL)

    assertContains(response, "Isolatie van 300 huurwoningen", count=1)
    kopie = nieuw.acties.get()
    assertContains(response, f"#actie-{kopie.pk}")


def test_the_consent_section_links_the_contact_person_to_the_plan(
    client, partner_lid, organisatie, opgave, ter_instemming
):
    client.force_login(partner_lid)

    response = client.get(PORTAAL_URL)

    assertContains(
        response,
        "Het plan van aanpak (versie 1) van “Energietransitie Demodam-Noord” wacht op de "
        "instemming van je organisatie.",
    )
    assertContains(
        response,
        f'href="/opgaven/{opgave.slug}/plan/v1/#instemming">Lees het plan en geef antwoord',
    )


def test_a_member_is_told_a_contact_person_answers(client, gewoon_lid, ter_instemming):
    client.force_login(gewoon_lid)

    response = client.get(PORTAAL_URL)

    assertContains(response, ">Lees het plan<")
    assertContains(response, "Een contactpersoon van je organisatie geeft antwoord.")
    assertNotContains(response, "Lees het plan en geef antwoord")
    assertNotContains(response, "Leden: uitnodigen en beëindigen")


def test_an_answered_consent_is_no_longer_asked(client, partner_lid, organisatie, ter_instemming):
    from opgaven.services.plan import instemming_beantwoorden

    instemming = ter_instemming.instemmingen.get(organisatie=organisatie)
    instemming_beantwoorden(instemming=instemming, besluit="ingestemd", door=partner_lid)
    client.force_login(partner_lid)

    response = client.get(PORTAAL_URL)

    assertContains(response, "Er wacht geen plan op de instemming van je organisatie.")


def test_the_consent_section_is_not_on_the_register_page():
    assert "instemmingen" in {sectie.naam for sectie in secties(PORTAAL)}
    assert "instemmingen" not in {sectie.naam for sectie in secties(DETAIL)}
    assert {"opgaven", "acties"} <= {sectie.naam for sectie in secties(DETAIL)}


def test_an_ended_membership_empties_the_portal_at_once(client, partner_lid, organisatie, opgave):
    client.force_login(partner_lid)
    assertContains(client.get(PORTAAL_URL), "Energietransitie Demodam-Noord")

    lidmaatschap_beeindigen(lidmaatschap=Lidmaatschap.objects.get(user=partner_lid))

    response = client.get(PORTAAL_URL)
    assertContains(response, "Je werkt op dit platform niet voor een partnerorganisatie.")
    assertNotContains(response, "Energietransitie Demodam-Noord")


def test_someone_working_for_two_organisations_sees_both(
    client, partner_lid, organisatie, andere_organisatie
):
    lidmaatschap_toevoegen(organisatie=andere_organisatie, user=partner_lid, soort="vrijwilliger")
    client.force_login(partner_lid)

    response = client.get(PORTAAL_URL)

    assertContains(response, f'href="#organisatie-{andere_organisatie.pk}">Sportclub Westerdijk')
    assertContains(response, "Je werkt hier als: Lid, Vrijwilliger.")


# --- Query counts ----------------------------------------------------------------------


def _meer_rijen(organisatie, actie, regisseur, aantal: int) -> None:
    for nummer in range(aantal):
        opgave = OpgaveFactory(titel=f"Extra opgave {nummer}")
        Betrokkenheid.objects.create(opgave=opgave, organisatie=organisatie, aard="beslist")
        plan = PlanVanAanpak.objects.create(opgave=opgave, versie=1)
        Actie.objects.create(
            opgave=opgave, plan=plan, titel=f"Extra actie {nummer}", trekker=organisatie
        )
        plan_ter_instemming_voorleggen(plan=plan, door=regisseur)


def test_the_portal_runs_the_same_queries_for_few_and_many_rows(
    client, partner_lid, organisatie, opgave, actie, regisseur, ter_instemming
):
    client.force_login(partner_lid)
    client.get(PORTAAL_URL)
    with CaptureQueriesContext(connection) as weinig:
        client.get(PORTAAL_URL)
    _meer_rijen(organisatie, actie, regisseur, 6)
    with CaptureQueriesContext(connection) as veel:
        response = client.get(PORTAAL_URL)

    assertContains(response, "Extra actie 5")
    assertContains(response, "7 openstaande acties")
    assert len(weinig) == len(veel)


@pytest.mark.parametrize(
    "gegevens", [opgaven_van_organisatie, acties_van_organisatie, instemmingen_van_organisatie]
)
def test_each_section_reads_in_one_query(
    partner_lid,
    organisatie,
    opgave,
    actie,
    regisseur,
    ter_instemming,
    gegevens,
    django_assert_num_queries,
):
    partner_lid.has_perm("opgaven.view_interne_opgave")  # the permission cache, per request
    with django_assert_num_queries(1):
        een = gegevens(organisatie, partner_lid)
    _meer_rijen(organisatie, actie, regisseur, 4)
    with django_assert_num_queries(1):
        vijf = gegevens(organisatie, partner_lid)

    [rijen_een] = een.values()
    [rijen_vijf] = vijf.values()
    assert len(rijen_vijf) == len(rijen_een) + 4


# --- The home page ---------------------------------------------------------------------


def test_home_points_a_partner_to_their_organisation(client, partner_lid, organisatie):
    client.force_login(partner_lid)

    response = client.get("/")

    assertContains(response, 'id="kaart-mijn-organisatie">Mijn organisatie</h2>')
    assertContains(response, "Je werkt voor Woonstichting Demodam.")
    assertContains(response, 'href="/mijn/organisatie/">Ga naar Mijn organisatie</a>')


def test_home_has_no_organisation_card_without_a_membership(client, partner_lid):
    client.force_login(partner_lid)

    assertNotContains(client.get("/"), "Ga naar Mijn organisatie")
