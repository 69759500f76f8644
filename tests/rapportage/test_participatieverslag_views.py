"""The participatieverslag in the browser, and the link to it on the participation tab.
(Helper "participatieverslag".) Who gets what for every persona is in
``tests/matrix/rapportage_participatieverslag.py``; here: the content, paging,
the htmx partial, privacy and the query count.
"""

from __future__ import annotations

from django.urls import reverse

import pytest

from participatie.models import Inbreng
from participatie.services import deelnemen, inbreng_indienen, terugkoppelen, verbergen
from rapportage.views.verslag import PER_PAGINA
from tests.rapportage.test_participatieverslag import (
    GEHEIM_ADRES,
    _inputs_erbij,
    _inwoner,
    demodam_wijken,
)

pytestmark = pytest.mark.django_db


def _url(ronde) -> str:
    return reverse("rapportage:participatieverslag_ronde", kwargs={"slug": ronde.slug})


@pytest.fixture
def wijken(db):
    return demodam_wijken()


@pytest.fixture
def ingelogd(client, regisseur):
    client.force_login(regisseur)
    return client


def test_the_page_shows_input_with_feedback_and_a_link_to_the_pdf(
    ingelogd, ronde, inbreng, regisseur
):
    terugkoppelen(
        inbreng=inbreng,
        door=regisseur,
        status=Inbreng.Status.DEELS_OVERGENOMEN,
        motivering="We beginnen met één ochtend per maand.",
    )

    response = ingelogd.get(_url(ronde))

    assert response.status_code == 200
    html = response.content.decode()
    assert ronde.titel in html
    assert "Een koffieochtend in de bibliotheek" in html
    assert "We beginnen met één ochtend per maand." in html
    assert "Ilse Inwoner" in html  # the display name the resident chose
    aanvragen = (
        reverse("rapportage:aanvragen") + f"?soort=participatieverslag&amp;ronde={ronde.slug}"
    )
    assert aanvragen in html
    assert 'src="data:image/svg+xml;base64,' not in html  # nobody gave a district or age


def test_the_page_hides_moderated_input_and_never_shows_an_address(
    ingelogd, ronde, regisseur, wijken
):
    anoniem = _inwoner("", GEHEIM_ADRES)
    deelnemen(ronde=ronde, user=anoniem, wijk=wijken["Zuiderpark"], leeftijdsgroep="27-40")
    inbreng_indienen(
        ronde=ronde, auteur=anoniem, soort="zorg", titel="Te weinig bankjes", tekst="Ja."
    )
    verborgen = inbreng_indienen(
        ronde=ronde, auteur=anoniem, soort="idee", titel="Verborgen onzin", tekst="Nee."
    )
    verbergen(door=regisseur, reden="Reclame.", inbreng=verborgen)

    html = ingelogd.get(_url(ronde)).content.decode()

    assert "Te weinig bankjes" in html
    assert "Inwoner uit Zuiderpark" in html
    assert "Verborgen onzin" not in html
    assert GEHEIM_ADRES not in html
    # A participant gave a district and an age group: both charts, with their alt text.
    assert html.count('src="data:image/svg+xml;base64,') == 2
    assert "Zuiderpark" in html


def test_the_opgave_page_covers_its_rounds(ingelogd, ronde, inbreng):
    url = reverse("rapportage:participatieverslag_opgave", kwargs={"slug": ronde.opgave.slug})

    response = ingelogd.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert ronde.titel in html and inbreng.titel in html
    assert f"?soort=participatieverslag&amp;opgave={ronde.opgave.slug}" in html


def test_the_input_list_is_paginated_and_htmx_gets_only_the_list(ingelogd, ronde):
    _inputs_erbij(ronde, PER_PAGINA + 1)

    eerste = ingelogd.get(_url(ronde)).content.decode()
    tweede = ingelogd.get(_url(ronde), {"pagina": 2}, headers={"HX-Request": "true"})

    assert eerste.count('id="inbreng-') == PER_PAGINA
    assert "Idee 0<" in eerste and f"Idee {PER_PAGINA}<" not in eerste
    html = tweede.content.decode()
    assert tweede.status_code == 200
    assert html.lstrip().startswith('<div id="pv-inbreng">')
    assert html.count('id="inbreng-') == 1 and f"Idee {PER_PAGINA}<" in html
    assert "<h1" not in html
    assert tweede["Vary"] and "HX-Request" in tweede["Vary"]


@pytest.mark.parametrize("pagina", ["abc", "999", "-1"])
def test_a_bad_page_number_shows_a_page_not_an_error(ingelogd, ronde, inbreng, pagina):
    response = ingelogd.get(_url(ronde), {"pagina": pagina})

    assert response.status_code == 200
    assert inbreng.titel in response.content.decode()


def test_the_page_needs_the_same_queries_for_1_and_10_inputs(
    ingelogd, ronde, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _inputs_erbij(ronde, 1)
    ingelogd.get(_url(ronde))  # warm the session and permission caches
    with CaptureQueriesContext(connection) as een:
        ingelogd.get(_url(ronde))
    _inputs_erbij(ronde, 9)
    with django_assert_num_queries(len(een)):
        response = ingelogd.get(_url(ronde))
    assert response.content.decode().count('id="inbreng-') == 10


def test_the_participation_tab_links_to_the_reports_for_officials(
    client, ronde, regisseur, partner_lid
):
    tab = reverse("participatie:opgave_rondes", kwargs={"slug": ronde.opgave.slug})
    verslag_ronde = _url(ronde)
    verslag_opgave = reverse(
        "rapportage:participatieverslag_opgave", kwargs={"slug": ronde.opgave.slug}
    )

    client.force_login(regisseur)
    html = client.get(tab).content.decode()
    assert verslag_ronde in html and verslag_opgave in html

    # A partner reads the tab, but not the report: no link.
    client.force_login(partner_lid)
    response = client.get(tab)
    assert response.status_code == 200
    assert verslag_ronde not in response.content.decode()
    assert client.get(verslag_ronde).status_code == 404
