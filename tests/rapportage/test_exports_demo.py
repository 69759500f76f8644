"""The demo municipality (issue 9 point 9): every demo round and opgave exports and gets
its participatieverslag, and every demo coaching trajectory gets its leerrapport. One
test, so the demo is loaded once. (Helper "exports".)"""

from __future__ import annotations

import csv
import io

from django.core.management import call_command

import pytest
from openpyxl import load_workbook

from config.spreadsheets import csv_stroom, xlsx_schrijven
from leren.models import Coachtraject
from opgaven.models import Opgave
from participatie.models import Deelname, Inbreng, Ronde
from rapportage.bouwers.leren import leerrapport
from rapportage.bouwers.participatie import bouw as participatieverslag
from rapportage.models import Formaat, Rapport, Soort
from rapportage.selectors_exports import (
    acties_export,
    deelnemers_export,
    huidig_plan,
    inbreng_export,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(mailoutbox):
    call_command("demo", verbosity=0)


def _csv(export) -> list[list[str]]:
    return list(
        csv.reader(io.StringIO("".join(csv_stroom(export.koppen, export.rijen))[1:]), delimiter=";")
    )


def _xlsx(export) -> int:
    uit = io.BytesIO()
    aantal = xlsx_schrijven(uit, export.blad, export.koppen, export.rijen)
    assert load_workbook(io.BytesIO(uit.getvalue())).active.max_row == aantal + 1
    return aantal


def _participatieverslag(**onderwerp) -> None:
    rapport = Rapport.objects.create(soort=Soort.PARTICIPATIE, formaat=Formaat.PDF, **onderwerp)
    uit = io.BytesIO()
    naam = participatieverslag(rapport, uit, lambda procent: None)
    assert uit.getvalue().startswith(b"%PDF"), onderwerp
    assert naam.startswith("participatieverslag-") and naam.endswith(".pdf"), naam


def test_every_demo_round_opgave_and_trajectory_gets_its_exports_and_reports(demo):
    rondes = list(Ronde.objects.all())
    assert rondes
    for ronde in rondes:
        inbreng = Inbreng.objects.filter(ronde=ronde).count()
        assert len(_csv(inbreng_export(ronde))) == inbreng + 1, ronde
        assert _xlsx(inbreng_export(ronde)) == inbreng
        deelnemers = Deelname.objects.filter(ronde=ronde).count()
        assert len(_csv(deelnemers_export(ronde))) == deelnemers + 1
        assert _xlsx(deelnemers_export(ronde)) == deelnemers
    for opgave in Opgave.objects.all():
        plan = huidig_plan(opgave)
        aantal = plan.acties.count() if plan else 0
        assert len(_csv(acties_export(opgave))) == aantal + 1, opgave
        assert _xlsx(acties_export(opgave)) == aantal

    # The participation report of every round and every opgave.
    for ronde in rondes:
        _participatieverslag(ronde=ronde)
    for opgave in Opgave.objects.all():
        _participatieverslag(opgave=opgave)

    trajecten = list(Coachtraject.objects.all())
    assert trajecten
    for traject in trajecten:
        rapport = Rapport.objects.create(
            soort=Soort.LEREN, formaat=Formaat.PDF, traject=traject, aangevraagd_door=traject.coach
        )
        uit = io.BytesIO()
        naam = leerrapport(rapport, uit, lambda procent: None)
        assert uit.getvalue().startswith(b"%PDF"), traject
        assert naam.startswith("leerrapport-") and naam.endswith(".pdf")
