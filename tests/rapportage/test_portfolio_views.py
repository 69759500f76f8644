"""The portfolio dashboard page (``rapportage:portfolio``): what an official sees for
known data, the filters (with and without htmx), the empty states, bad input, who may
open it, and a query count that does not grow with the number of opgaven.
(Helper "portfolio".)"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from budget.models import Budgetpot
from opgaven.models import Doel, Fase, Toezegging
from participatie.models import Inbreng, Ronde
from rapportage.models import Doelstatus
from tests.factories import OpgaveFactory

pytestmark = pytest.mark.django_db

URL = reverse("rapportage:portfolio")
NBSP = "\u00a0"


def engels(client, user, **params):
    """The page in English (the msgids), as ``user``."""
    client.force_login(user)
    return client.get(URL, params, HTTP_ACCEPT_LANGUAGE="en")


def rij_van(html: str, titel: str) -> str:
    """The table row of the opgave titled ``titel``."""
    for rij in re.findall(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", html, re.S):
        if f">{titel}</a>" in rij:
            return rij
    raise AssertionError(f"no row for {titel}")


def cellen(rij: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", cel).strip()
        for cel in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", rij, re.S)
    ]


@pytest.fixture
def gevuld(opgave, budgetpot, ronde, inbreng, regisseur, andere_opgave):
    """``opgave`` with a pot (80.000 / 20.000 / 12.000), a red goal, an open round
    with one recent input, and one overdue commitment; ``andere_opgave`` bare."""
    Budgetpot.objects.filter(pk=budgetpot.pk).update(
        toegewezen=Decimal("20000.00"), besteed=Decimal("12000.00")
    )
    Doelstatus.objects.create(
        doel=Doel.objects.create(opgave=opgave, titel="Minder gas"),
        kleur=Doelstatus.Kleur.ROOD,
        toelichting="Achter op schema.",
    )
    Toezegging.objects.create(
        opgave=opgave,
        omschrijving="Subsidieregeling uitzoeken",
        eigenaar=regisseur,
        deadline=timezone.localdate() - timedelta(days=2),
    )
    return opgave


def test_shows_the_figures_of_each_opgave(client, ambtenaar, gevuld, andere_opgave):
    response = engels(client, ambtenaar)
    assert response.status_code == 200
    html = response.content.decode()
    assert cellen(rij_van(html, gevuld.titel)) == [
        gevuld.titel,
        "Carrying out",
        "Red",
        f"€{NBSP}80.000,00",
        f"€{NBSP}20.000,00",
        f"€{NBSP}12.000,00",
        "15%",
        "1",  # inputs in the last 30 days
        "1",  # open rounds
        "1",  # overdue commitments
    ]
    assert cellen(rij_van(html, andere_opgave.titel)) == [
        andere_opgave.titel,
        "Sharing",
        "No status",
        "No budget pot",
        "0",
        "0",
        "0",
    ]
    assert f'href="{gevuld.get_absolute_url()}"' in html
    assert "2 opgaven" in html
    # The links to the report and to the user's reports.
    assert f'href="{reverse("rapportage:aanvragen")}?soort=portfolio"' in html
    assert f'href="{reverse("rapportage:rapporten")}"' in html


def test_charts_come_with_tables_of_the_same_numbers(client, ambtenaar, gevuld, andere_opgave):
    html = engels(client, ambtenaar).content.decode()
    assert html.count('src="data:image/svg+xml;base64,') == 2
    # Phase table: "Carrying out" has 1 red, "Sharing" 1 without status; 2 in all.
    assert cellen(rij_van_fase(html, "Carrying out")) == ["Carrying out", "1", "0", "0", "0", "1"]
    assert cellen(rij_van_fase(html, "Sharing")) == ["Sharing", "0", "0", "0", "1", "1"]
    assert '<td class="utrecht-table__cell utrecht-table__cell--numeric-data">2</td>' in html
    # Budget table: only the opgave with a pot.
    budget = html.split('id="budget-kop"')[1]
    assert gevuld.titel in budget
    assert andere_opgave.titel not in budget
    assert f"€{NBSP}80.000,00" in budget


def rij_van_fase(html: str, fase: str) -> str:
    tabel = html.split('id="fasen-kop"')[1]
    for rij in re.findall(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", tabel, re.S):
        if f'scope="row">{fase}</th>' in rij:
            return rij
    raise AssertionError(f"no row for {fase}")


def test_filters_narrow_the_list_and_the_charts(client, ambtenaar, gevuld, andere_opgave):
    html = engels(client, ambtenaar, rag="rood").content.decode()
    assert gevuld.titel in html
    assert andere_opgave.titel not in html
    assert "1 opgave<" in html or "1 opgave\n" in html
    html = engels(client, ambtenaar, fase=Fase.DELEN, q="verslaving").content.decode()
    assert andere_opgave.titel in html
    assert gevuld.titel not in html
    # The chosen filters stay selected in the form.
    assert '<option value="delen" selected>' in html


def test_htmx_gets_only_the_results(client, ambtenaar, gevuld, andere_opgave):
    client.force_login(ambtenaar)
    response = client.get(URL, {"rag": "geen"}, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<form" not in html
    assert "<h1" not in html
    assert andere_opgave.titel in html
    assert gevuld.titel not in html
    # Screen readers hear the count (out of band).
    assert 'hx-swap-oob="true"' in html
    assert "1 opgave found" in html
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_without_htmx_the_form_is_a_plain_get_form(client, ambtenaar, gevuld):
    html = engels(client, ambtenaar).content.decode()
    form = re.search(r"<form[^>]*portfolio-filters[^>]*>", html, re.S).group(0)
    assert 'method="get"' in form
    assert f'action="{URL}"' in form
    assert 'type="submit"' in html
    for naam in ("q", "fase", "thema", "gebied", "rag"):
        assert f'<label class="utrecht-form-label" for="id_{naam}">' in html


def test_empty_state_when_no_opgave_matches(client, ambtenaar, gevuld):
    html = engels(client, ambtenaar, q="bestaat niet").content.decode()
    assert "No opgaven found" in html
    assert "No opgave matches these filters." in html
    assert f'href="{URL}">Show all opgaven' in html
    assert "portfolio-tabel" not in html
    assert "data:image/svg+xml" not in html


def test_empty_state_without_any_opgave(client, ambtenaar):
    html = engels(client, ambtenaar).content.decode()
    assert "No opgaven yet" in html
    assert "portfolio-tabel" not in html


def test_bad_filter_values_show_a_dutch_message_not_a_500(client, ambtenaar, gevuld):
    client.force_login(ambtenaar)
    response = client.get(URL, {"fase": "paars", "rag": "<script>", "pagina": "999"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Selecteer een geldige keuze" in html
    assert "<script>" not in html
    # The bad filters are left out: the list still shows the opgave (the last page).
    assert gevuld.titel in html


def test_pagination_keeps_the_filters(client, ambtenaar):
    for i in range(27):
        OpgaveFactory(titel=f"Opgave {i:02d}", fase=Fase.DELEN)
    html = engels(client, ambtenaar, fase=Fase.DELEN).content.decode()
    assert "Opgaven 1 to 25 of 27" in html
    assert 'href="?fase=delen&amp;pagina=2"' in html
    html = engels(client, ambtenaar, fase=Fase.DELEN, pagina=2).content.decode()
    assert "Opgave 26" in html
    assert "Opgave 00" not in html


@pytest.mark.parametrize("persona", ["inwoner", "partner_lid", "adviseur", "beheerder"])
def test_others_get_403(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_post_is_not_allowed(client, ambtenaar):
    client.force_login(ambtenaar)
    assert client.post(URL).status_code == 405


def _vul(nummers: range, kassier, regisseur, inwoner) -> None:
    """An opgave per number, each with a pot, a goal with a status, an open round with an
    input, and an overdue commitment: everything the page counts."""
    vandaag = timezone.localdate()
    for i in nummers:
        opgave = OpgaveFactory(titel=f"Vol {i:02d}", fase=Fase.UITVOEREN)
        Budgetpot.objects.create(
            opgave=opgave,
            naam=f"Pot {i}",
            kassier=kassier,
            begin=vandaag,
            eind=vandaag,
            bijgedragen=Decimal(1000 + i),
        )
        Doelstatus.objects.create(
            doel=Doel.objects.create(opgave=opgave, titel="Doel"),
            kleur=Doelstatus.Kleur.ORANJE,
            toelichting="-",
        )
        ronde = Ronde.objects.create(
            opgave=opgave,
            titel=f"Ronde {i}",
            slug=f"ronde-vol-{i}",
            vraag="?",
            invloedsruimte="-",
            trede="raadplegen",
            start=vandaag,
            eind=vandaag,
            status=Ronde.Status.OPEN,
            aangemaakt_door=regisseur,
        )
        Inbreng.objects.create(ronde=ronde, auteur=inwoner, soort="idee", titel="Idee", tekst=".")
        Toezegging.objects.create(
            opgave=opgave,
            omschrijving="Te laat",
            eigenaar=regisseur,
            deadline=vandaag - timedelta(days=1),
        )


def _aantal_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_opgaven(
    client, ambtenaar, organisatie, regisseur, inwoner
):
    client.force_login(ambtenaar)
    _vul(range(2), organisatie, regisseur, inwoner)
    weinig = _aantal_queries(client)  # 2 opgaven
    _vul(range(2, 12), organisatie, regisseur, inwoner)
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Vol 11" in html
    assert "12 opgaven" in html
    veel = _aantal_queries(client)  # 12 opgaven
    assert weinig == veel
    assert veel <= 14
