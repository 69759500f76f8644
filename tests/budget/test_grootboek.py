"""The ledger page and its exports through the pages (issue 5.9, 5.10): content, order,
pagination, who may read it, IDOR and query counts."""

import csv
import io
from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from budget.services import bijdrage_toevoegen, pot_aanmaken
from tests.test_csp import inline_code

pytestmark = pytest.mark.django_db

D = Decimal


def url(name, opgave, **kwargs):
    return reverse(f"budget:{name}", kwargs={"slug": opgave.slug, **kwargs})


def csv_rijen(response) -> list[list[str]]:
    inhoud = b"".join(response.streaming_content).decode("utf-8")
    assert inhoud.startswith("\ufeff")
    return list(csv.reader(io.StringIO(inhoud[1:])))


def test_the_ledger_shows_every_event_newest_first(client, budgetpot, partner_lid):
    client.force_login(partner_lid)

    response = client.get(url("grootboek", budgetpot.opgave))

    inhoud = response.content.decode()
    # Three rows: pledged and received by the gemeente, pledged by the Woonstichting.
    assert inhoud.index('id="boeking-3"') < inhoud.index('id="boeking-2"')
    assert inhoud.index('id="boeking-2"') < inhoud.index('id="boeking-1"')
    assertContains(response, "Rutger Regie")
    assertContains(response, "Pieter Partner")
    assertContains(response, "Isolatiebudget")
    assertContains(response, "€\u00a080.000,00")  # contributed after the last row
    assertContains(response, url("grootboek_export", budgetpot.opgave, formaat="csv"))
    assertContains(response, url("grootboek_export", budgetpot.opgave, formaat="xlsx"))
    # Read-only: no form, no way to change a row.
    assertNotContains(response, 'method="post" action="/opgaven')


def test_the_ledger_pages_by_50(client, budgetpot, regisseur, gemeente):
    for nummer in range(52):  # 3 + 52 = 55 rows
        bijdrage_toevoegen(
            pot=budgetpot,
            organisatie=gemeente,
            soort="geld",
            waarde=D(nummer + 1),
            door=regisseur,
        )
    client.force_login(regisseur)

    eerste = client.get(url("grootboek", budgetpot.opgave))
    tweede = client.get(url("grootboek", budgetpot.opgave), {"pagina": 2})

    assert [b.volgnummer for b in eerste.context["pagina"].object_list][:2] == [55, 54]
    assert len(eerste.context["pagina"].object_list) == 50
    assert [b.volgnummer for b in tweede.context["pagina"].object_list] == [5, 4, 3, 2, 1]
    assertContains(eerste, "?pagina=2")


def test_an_opgave_without_a_pot_has_no_ledger(client, interne_opgave, regisseur):
    client.force_login(regisseur)
    assert client.get(url("grootboek", interne_opgave)).status_code == 404
    assert client.get(url("grootboek_export", interne_opgave, formaat="csv")).status_code == 404


@pytest.mark.parametrize("formaat", ["pdf", "CSV", "xls", "csv.exe"])
def test_an_unknown_format_is_404(client, budgetpot, regisseur, formaat):
    client.force_login(regisseur)
    assert client.get(url("grootboek_export", budgetpot.opgave, formaat=formaat)).status_code == 404


def test_there_is_no_way_to_change_the_ledger(client, budgetpot, regisseur):
    client.force_login(regisseur)
    voor = list(budgetpot.boekingen.values_list("pk", "bedrag", "omschrijving"))
    for pad in (
        url("grootboek", budgetpot.opgave),
        url("grootboek_export", budgetpot.opgave, formaat="csv"),
    ):
        assert client.post(pad, {"bedrag": "1"}).status_code == 405
        assert client.delete(pad).status_code == 405
    assert list(budgetpot.boekingen.values_list("pk", "bedrag", "omschrijving")) == voor


# --- Who may read ----------------------------------------------------------------------


@pytest.mark.parametrize("naam", ["grootboek", "export_csv", "export_xlsx"])
def test_an_outsider_partner_gets_403(client, budgetpot, partner_buitenstaander, naam):
    client.force_login(partner_buitenstaander)
    if naam == "grootboek":
        pad = url("grootboek", budgetpot.opgave)
    else:
        pad = url("grootboek_export", budgetpot.opgave, formaat=naam.split("_")[1])
    assert client.get(pad).status_code == 403


def test_another_pots_ledger_is_not_reachable_for_a_partner(
    client, budgetpot, andere_budgetpot, partner_lid
):
    client.force_login(partner_lid)
    for formaat in ("csv", "xlsx"):
        pad = url("grootboek_export", andere_budgetpot.opgave, formaat=formaat)
        assert client.get(pad).status_code == 403
    assert client.get(url("grootboek", andere_budgetpot.opgave)).status_code == 403


def test_an_export_holds_only_its_own_pot(client, budgetpot, andere_budgetpot, regisseur):
    client.force_login(regisseur)

    rijen = csv_rijen(client.get(url("grootboek_export", budgetpot.opgave, formaat="csv")))

    assert [rij[0] for rij in rijen[1:]] == ["1", "2", "3"]
    assert "Sportclub Westerdijk" not in str(rijen)


def test_the_csv_download_is_named_after_the_pot_and_the_date(client, budgetpot, regisseur):
    client.force_login(regisseur)

    response = client.get(url("grootboek_export", budgetpot.opgave, formaat="csv"))

    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    naam = f"grootboek-samen-van-het-gas-af-{timezone.localdate():%Y-%m-%d}.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{naam}"'
    rijen = csv_rijen(response)
    assert rijen[1][6] == "50000.00"


def test_a_partner_of_an_involved_organisation_downloads_the_xlsx(client, budgetpot, partner_lid):
    client.force_login(partner_lid)
    response = client.get(url("grootboek_export", budgetpot.opgave, formaat="xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(response.streaming_content)[:2] == b"PK"


# --- Query counts ----------------------------------------------------------------------


def _queries(client, path) -> int:
    client.get(path)  # warm the process-wide caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("persona", ["regisseur", "partner_lid"])
def test_the_ledger_costs_the_same_for_1_and_50_rows(
    client, request, interne_opgave, organisatie, regisseur, partner_lid, persona
):
    pot = pot_aanmaken(
        opgave=interne_opgave,
        naam="Veilig station",
        kassier=organisatie,
        begin=date(2026, 1, 1),
        eind=date(2026, 12, 31),
    )
    bijdrage_toevoegen(
        pot=pot, organisatie=organisatie, soort="geld", waarde=D(1), door=partner_lid
    )
    client.force_login(request.getfixturevalue(persona))
    path = url("grootboek", interne_opgave)
    een = _queries(client, path)

    for nummer in range(49):
        bijdrage_toevoegen(
            pot=pot, organisatie=organisatie, soort="geld", waarde=D(nummer + 2), door=regisseur
        )
    vijftig = _queries(client, path)

    assert len(client.get(path).context["pagina"].object_list) == 50
    assert vijftig == een
    assert vijftig <= 12, vijftig


def test_the_ledger_page_needs_no_inline_code(client, budgetpot, regisseur):
    client.force_login(regisseur)
    response = client.get(url("grootboek", budgetpot.opgave))
    assert inline_code(response.content.decode()) == []
