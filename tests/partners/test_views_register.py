"""The register of partner organisations: list with search, filter and pages; add;
the detail page with its sections; edit by officials and by contact persons."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.roles import Rol
from opgaven.models import Actie, Betrokkenheid
from partners.models import Organisatie
from partners.services import lidmaatschap_toevoegen, organisatie_create
from tests.factories import OpgaveFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = "/partners/"
ADD = "/partners/nieuw/"


def maak(naam: str, soort=Organisatie.Soort.BEDRIJF, **velden) -> Organisatie:
    return organisatie_create(naam=naam, soort=soort, **velden)


def rijen(response) -> list[str]:
    """The organisation names in the register's table, in order."""
    html = response.content.decode()
    return re.findall(r'<th [^>]*scope="row"><a [^>]*>(.*?)</a></th>', html)


# --- The list ------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_resident_may_not_read_the_register(client, inwoner):
    client.force_login(inwoner)

    assert client.get(LIST).status_code == 403


def test_a_partner_reads_the_register_by_name(client, partner_lid, organisatie):
    maak("Zorggroep Demodam", Organisatie.Soort.ZORG_EN_WELZIJN, kvk_nummer="87654321")
    client.force_login(partner_lid)

    response = client.get(LIST)

    assert response.status_code == 200
    assertContains(response, '<h1 class="utrecht-heading-1">Partnerorganisaties</h1>')
    assertContains(response, '<caption class="utrecht-table__caption">2 organisaties</caption>')
    assert rijen(response) == ["Woonstichting Demodam", "Zorggroep Demodam"]
    assertContains(response, "Zorg en welzijn")
    assertContains(response, "87654321")
    assertContains(response, 'href="/partners/woonstichting-demodam/"')
    # Partners keep no register: no button to add.
    assertNotContains(response, "Nieuwe organisatie")


def test_search_on_name_and_description_and_filter_on_kind(client, ambtenaar):
    maak("Woonbedrijf Oost", Organisatie.Soort.WONINGCORPORATIE)
    maak("Bakkerij Oost", beschrijving="Levert brood aan het buurthuis.")
    maak("Sportclub West", Organisatie.Soort.MAATSCHAPPELIJK)
    client.force_login(ambtenaar)

    assert rijen(client.get(LIST, {"q": "oost"})) == ["Bakkerij Oost", "Woonbedrijf Oost"]
    assert rijen(client.get(LIST, {"q": "buurthuis"})) == ["Bakkerij Oost"]
    assert rijen(client.get(LIST, {"soort": "woningcorporatie"})) == ["Woonbedrijf Oost"]
    assert rijen(client.get(LIST, {"q": "oost", "soort": "maatschappelijk"})) == []
    # An unknown kind is ignored rather than an error.
    assert client.get(LIST, {"soort": "piraten"}).status_code == 200


def test_the_search_form_is_labelled_and_keeps_what_was_asked(client, ambtenaar):
    client.force_login(ambtenaar)

    response = client.get(LIST, {"q": "brood", "soort": "bedrijf"})

    assertContains(response, 'role="search"')
    assertContains(
        response,
        '<label class="utrecht-form-label" for="id_q">Zoek in naam en beschrijving</label>',
    )
    assertContains(response, 'value="brood"')
    assertContains(response, '<option value="bedrijf" selected>Bedrijf</option>')


def test_no_match_says_so_with_a_way_back(client, ambtenaar, organisatie):
    client.force_login(ambtenaar)

    response = client.get(LIST, {"q": "bestaat niet"})

    assertContains(response, "Geen organisaties gevonden")
    assertContains(response, "Geen organisatie past bij je zoekopdracht.")
    assertContains(response, f'<a class="utrecht-link" href="{LIST}">Toon alle organisaties</a>')


def test_an_empty_register_says_so(client, ambtenaar):
    client.force_login(ambtenaar)

    response = client.get(LIST)

    assertContains(response, "Nog geen organisaties")
    assertContains(response, "Het register is nog leeg.")


def test_the_register_has_pages_that_keep_the_filters(client, ambtenaar):
    for nummer in range(27):
        maak(f"Bedrijf {nummer:02d}")
    maak("Stichting Anders", Organisatie.Soort.MAATSCHAPPELIJK)
    client.force_login(ambtenaar)

    eerste = client.get(LIST, {"soort": "bedrijf"})
    tweede = client.get(LIST, {"soort": "bedrijf", "pagina": 2})

    assertContains(eerste, "27 organisaties")
    assert len(rijen(eerste)) == 25
    assertContains(eerste, 'href="?soort=bedrijf&amp;pagina=2"')
    assert rijen(tweede) == ["Bedrijf 25", "Bedrijf 26"]


def test_the_list_runs_the_same_queries_for_1_and_20_organisations(client, ambtenaar):
    client.force_login(ambtenaar)
    maak("De eerste")
    client.get(LIST)  # warm the session and permission caches alike
    with CaptureQueriesContext(connection) as een:
        client.get(LIST)
    for nummer in range(19):
        maak(f"Organisatie {nummer}", kvk_nummer=f"{nummer:08d}", website="https://example.nl")
    with CaptureQueriesContext(connection) as twintig:
        response = client.get(LIST)

    assert len(rijen(response)) == 20
    assert len(een) == len(twintig) <= 12


def test_the_list_refuses_post(client, ambtenaar):
    client.force_login(ambtenaar)

    assert client.post(LIST).status_code == 405


# --- Adding ------------------------------------------------------------------------------


def test_an_official_adds_an_organisation(client, ambtenaar):
    client.force_login(ambtenaar)
    assertContains(client.get(LIST), 'href="/partners/nieuw/">Nieuwe organisatie</a>')

    response = client.post(
        ADD,
        {
            "naam": "Buurtteam Noord",
            "soort": "zorg_en_welzijn",
            "kvk_nummer": "1234 5678",
            "website": "buurtteam.example.nl",
            "beschrijving": "Hulp in de wijk.",
        },
        follow=True,
    )

    organisatie = Organisatie.objects.get(naam="Buurtteam Noord")
    assert response.redirect_chain == [(f"/partners/{organisatie.slug}/", 302)]
    assertContains(response, "Buurtteam Noord is toegevoegd aan het register.")
    assert organisatie.kvk_nummer == "12345678"
    assert organisatie.website == "https://buurtteam.example.nl"


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234abcd"])
def test_a_kvk_number_has_exactly_eight_digits(client, ambtenaar, kvk):
    client.force_login(ambtenaar)

    response = client.post(ADD, {"naam": "Fout BV", "soort": "bedrijf", "kvk_nummer": kvk})

    assert response.status_code == 400
    assertContains(response, "Een KvK-nummer heeft precies 8 cijfers.", status_code=400)
    assertContains(response, 'href="#id_kvk_nummer"', status_code=400)
    assert not Organisatie.objects.filter(naam="Fout BV").exists()


def test_a_name_and_kind_are_required(client, ambtenaar):
    client.force_login(ambtenaar)

    response = client.post(ADD, {"naam": "", "soort": ""})

    assert response.status_code == 400
    assertContains(response, "Verbeter het volgende", status_code=400)
    assert Organisatie.objects.count() == 0


def test_a_partner_may_not_add_an_organisation(client, partner_lid):
    client.force_login(partner_lid)

    assert client.get(ADD).status_code == 403
    assert client.post(ADD, {"naam": "Eigen BV", "soort": "bedrijf"}).status_code == 403
    assert not Organisatie.objects.filter(naam="Eigen BV").exists()


def test_no_organisation_gets_the_slug_of_the_add_form(client, ambtenaar):
    organisatie = maak("Nieuw")

    assert organisatie.slug == "nieuw-2"
    client.force_login(ambtenaar)
    assertContains(client.get(ADD), '<h1 class="utrecht-heading-1">Nieuwe organisatie</h1>')
    assertContains(client.get("/partners/nieuw-2/"), '<h1 class="utrecht-heading-1">Nieuw</h1>')


# --- The detail page -------------------------------------------------------------------


def test_the_detail_page_shows_the_organisation_and_its_contact_persons_by_name(
    client, partner_buitenstaander, partner_lid
):
    organisatie = maak(
        "Woonstichting Demodam",
        Organisatie.Soort.WONINGCORPORATIE,
        kvk_nummer="12345678",
        website="https://woonstichting.example.nl",
        beschrijving="Wij verhuren 8.000 woningen.",
    )
    lidmaatschap_toevoegen(organisatie=organisatie, user=partner_lid, rol="contactpersoon")
    lidmaatschap_toevoegen(organisatie=organisatie, user=UserFactory(weergavenaam="Gewoon Lid"))
    client.force_login(partner_buitenstaander)

    response = client.get(f"/partners/{organisatie.slug}/")

    assert response.status_code == 200
    assertContains(response, '<h1 class="utrecht-heading-1">Woonstichting Demodam</h1>')
    assertContains(response, "Woningcorporatie")
    assertContains(response, "12345678")
    assertContains(response, 'href="https://woonstichting.example.nl"')
    assertContains(response, "Wij verhuren 8.000 woningen.")
    assertContains(response, "Pieter Partner")
    assertNotContains(response, partner_lid.email)
    assertNotContains(response, "Gewoon Lid")  # a member, not a contact person
    # An outsider neither edits it nor sees its members.
    assertNotContains(response, "Gegevens bewerken")
    assertNotContains(response, "/leden/")


def test_the_detail_page_shows_its_opgaven_and_open_actions(
    client, partner_lid, organisatie, opgave, interne_opgave, actie
):
    Actie.objects.create(
        opgave=opgave, plan=actie.plan, titel="Al klaar", trekker=organisatie, status="gereed"
    )
    client.force_login(partner_lid)

    response = client.get(f"/partners/{organisatie.slug}/")

    assertContains(response, 'id="sectie-opgaven">Opgaven</h2>')
    assertContains(response, f'href="/opgaven/{opgave.slug}/">Energietransitie Demodam-Noord</a>')
    assertContains(response, "Leefbaarheid Stationskwartier")
    assertContains(response, "Fase: Uitvoeren")
    assertContains(response, 'id="sectie-acties">Acties die wij trekken</h2>')
    assertContains(response, "Isolatie van 300 huurwoningen")
    assertNotContains(response, "Al klaar")
    # Consent is for the portal only.
    assertNotContains(response, "Instemming gevraagd")
    assertContains(response, "Gegevens bewerken")
    assertContains(response, f'href="/partners/{organisatie.slug}/leden/">Leden</a>')


def test_an_outsider_sees_only_the_opgaven_they_may_see(
    client, partner_buitenstaander, organisatie, opgave, interne_opgave, actie
):
    client.force_login(partner_buitenstaander)

    response = client.get(f"/partners/{organisatie.slug}/")

    assertContains(response, "Energietransitie Demodam-Noord")  # public
    assertNotContains(response, "Leefbaarheid Stationskwartier")  # internal
    # The actions are workspace content: not for who cannot open the workspace.
    assertNotContains(response, "Isolatie van 300 huurwoningen")


def test_the_detail_page_runs_the_same_queries_for_few_and_many_rows(
    client, partner_lid, organisatie, opgave, actie
):
    client.force_login(partner_lid)
    url = f"/partners/{organisatie.slug}/"
    client.get(url)
    with CaptureQueriesContext(connection) as weinig:
        client.get(url)
    for nummer in range(8):
        andere = OpgaveFactory(titel=f"Opgave {nummer}")
        Betrokkenheid.objects.create(opgave=andere, organisatie=organisatie, aard="voert_uit")
        Actie.objects.create(
            opgave=opgave, plan=actie.plan, titel=f"Actie {nummer}", trekker=organisatie
        )
        lidmaatschap_toevoegen(organisatie=organisatie, user=UserFactory(), rol="contactpersoon")
    with CaptureQueriesContext(connection) as veel:
        response = client.get(url)

    assertContains(response, "Opgave 7")
    assertContains(response, "Actie 7")
    assert len(weinig) == len(veel)


def test_an_unknown_organisation_is_not_found(client, ambtenaar):
    client.force_login(ambtenaar)

    assert client.get("/partners/bestaat-niet/").status_code == 404


def test_a_resident_may_not_read_an_organisation(client, inwoner, organisatie):
    client.force_login(inwoner)

    assert client.get(f"/partners/{organisatie.slug}/").status_code == 403


# --- Editing -------------------------------------------------------------------------------


def test_an_official_edits_every_field(client, ambtenaar, organisatie):
    client.force_login(ambtenaar)
    url = f"/partners/{organisatie.slug}/bewerken/"
    assertContains(client.get(url), 'name="kvk_nummer"')

    response = client.post(
        url,
        {
            "naam": "Woonstichting Demodam-Oost",
            "soort": "woningcorporatie",
            "kvk_nummer": "11223344",
            "website": "",
            "beschrijving": "Nieuw.",
        },
    )

    assertRedirects(response, f"/partners/{organisatie.slug}/")
    organisatie.refresh_from_db()
    assert (organisatie.naam, organisatie.kvk_nummer, organisatie.beschrijving) == (
        "Woonstichting Demodam-Oost",
        "11223344",
        "Nieuw.",
    )
    assert organisatie.slug == "woonstichting-demodam"  # links keep working


def test_an_invalid_kvk_number_is_refused_on_edit(client, ambtenaar, organisatie):
    client.force_login(ambtenaar)

    response = client.post(
        f"/partners/{organisatie.slug}/bewerken/",
        {"naam": organisatie.naam, "soort": organisatie.soort, "kvk_nummer": "12"},
    )

    assertContains(response, "Een KvK-nummer heeft precies 8 cijfers.", status_code=400)
    organisatie.refresh_from_db()
    assert organisatie.kvk_nummer == ""


def test_a_contact_person_edits_only_the_website_and_description(client, partner_lid, organisatie):
    client.force_login(partner_lid)
    url = f"/partners/{organisatie.slug}/bewerken/"
    formulier = client.get(url)
    assertContains(formulier, "De gemeente beheert de naam, de soort en het KvK-nummer")
    assertNotContains(formulier, 'name="naam"')
    assertNotContains(formulier, 'name="kvk_nummer"')

    response = client.post(
        url,
        {
            "naam": "Gekaapt",
            "kvk_nummer": "99999999",
            "website": "https://woon.example.nl",
            "beschrijving": "Wij bouwen ook.",
        },
    )

    assertRedirects(response, f"/partners/{organisatie.slug}/")
    organisatie.refresh_from_db()
    assert organisatie.naam == "Woonstichting Demodam"
    assert organisatie.kvk_nummer == ""
    assert organisatie.website == "https://woon.example.nl"
    assert organisatie.beschrijving == "Wij bouwen ook."


def test_a_member_who_is_no_contact_person_may_not_edit(client, organisatie):
    lid = UserFactory(rollen=[Rol.PARTNER])
    lidmaatschap_toevoegen(organisatie=organisatie, user=lid, rol="lid")
    client.force_login(lid)

    assert client.get(f"/partners/{organisatie.slug}/bewerken/").status_code == 403


def test_a_contact_person_of_another_organisation_may_not_edit(
    client, partner_buitenstaander, andere_organisatie, organisatie
):
    client.force_login(partner_buitenstaander)

    response = client.post(
        f"/partners/{organisatie.slug}/bewerken/", {"beschrijving": "Overgenomen."}
    )

    assert response.status_code == 403
    organisatie.refresh_from_db()
    assert organisatie.beschrijving == ""
