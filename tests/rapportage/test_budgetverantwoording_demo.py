"""Every demo pot gets a budgetverantwoording, in both formats, through the engine.
(Helper "budgetverantwoording".)"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from django.core.management import call_command
from django.db.models import Sum

import pytest
from openpyxl import load_workbook

from accounts.models import User
from budget.models import Budgetpot, Toewijzing
from rapportage import services
from rapportage.models import Formaat, Rapport, Soort
from rapportage.permissions import can_request
from rapportage.selectors_budget import budgetverantwoording

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(mailoutbox):
    call_command("demo", verbosity=0)


def test_every_demo_pot_has_its_account_in_pdf_and_xlsx(demo):
    partner = User.objects.get(email="partner@demodam.nl")
    potten = list(Budgetpot.objects.select_related("opgave"))
    assert potten
    for pot in potten:
        assert can_request(partner, Soort.BUDGET, pot)
        cijfers = budgetverantwoording(pot)
        # Whole period: every expense is realised within it or counted as outside it.
        assert cijfers.gerealiseerd + cijfers.besteed_buiten_periode == pot.besteed
        goedgekeurd = pot.toewijzingen.filter(
            status__in=[Toewijzing.Status.GOEDGEKEURD, Toewijzing.Status.BESTEED]
        ).aggregate(som=Sum("bedrag"))["som"] or Decimal(0)
        assert cijfers.begroot == goedgekeurd
        assert cijfers.cofinanciering.totaal == pot.bijgedragen
        for van, tot in [(None, None), (date(2000, 1, 1), date(2000, 12, 31))]:
            for formaat in (Formaat.PDF, Formaat.XLSX):
                rapport = Rapport.objects.create(
                    soort=Soort.BUDGET,
                    formaat=formaat,
                    pot=pot,
                    periode_van=van,
                    periode_tot=tot,
                    aangevraagd_door=partner,
                )
                assert services.rapport_bouwen(rapport_id=rapport.pk)
                rapport.refresh_from_db()
                assert rapport.status == Rapport.Status.KLAAR, rapport.fout
                with rapport.bestand.open("rb") as bestand:
                    inhoud = bestand.read()
                if formaat == Formaat.PDF:
                    assert inhoud.startswith(b"%PDF")
                else:
                    boek = load_workbook(io.BytesIO(inhoud))
                    assert len(boek.worksheets) == 4
                    grootboek = boek.worksheets[3]
                    verwacht = pot.boekingen.count() if van is None else 0
                    assert grootboek.max_row - 1 == verwacht
