"""The budget's invariants under concurrent requests, on PostgreSQL (issue 5 quality bar).

Every service locks the pot's row first, so concurrent changes take turns and
each sees the totals the one before left. Without that lock, 20 proposals that
each fit alone would all read the same free amount and all be accepted.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from budget.models import Budgetpot, Toewijzing
from budget.selectors import pot_controleren
from budget.services import bijdrage_intrekken, toewijzing_voorstellen, uitgave_boeken
from tests.concurrency import run_together

pytestmark = pytest.mark.django_db(transaction=True)

D = Decimal


def test_twintig_voorstellen_die_elk_passen_maar_samen_niet(budgetpot, actie, regisseur):
    # € 80.000 contributed; 20 x € 7.000 = € 140.000 asked: 11 fit, 9 must be refused.
    uitkomsten = run_together(
        lambda: toewijzing_voorstellen(
            pot=budgetpot, actie=actie, bedrag=D("7000.00"), door=regisseur
        ),
        deelnemers=20,
    )

    gelukt = [u for u in uitkomsten if isinstance(u, Toewijzing)]
    geweigerd = [u for u in uitkomsten if isinstance(u, ValidationError)]
    assert len(uitkomsten) == 20
    assert (len(gelukt), len(geweigerd)) == (11, 9), uitkomsten
    assert all(fout.code == "past_niet" for fout in geweigerd)
    # The refusal tells the loser how much is free and how much they are short.
    assert "€\u00a03.000,00" in geweigerd[-1].messages[0]
    assert "€\u00a04.000,00" in geweigerd[-1].messages[0]

    pot = Budgetpot.objects.get(pk=budgetpot.pk)
    assert pot.toegewezen == D("77000.00") <= pot.bijgedragen
    assert pot.toewijzingen.count() == 11
    assert pot_controleren(pot).klopt


def test_intrekken_en_voorstellen_tegelijk(budgetpot, actie, regisseur, partner_lid, organisatie):
    """A withdrawal and a proposal that each fit alone but not together: one wins."""
    bijdrage = budgetpot.bijdragen.get(organisatie=organisatie)  # € 30.000 of € 80.000
    stappen = iter(
        [
            lambda: toewijzing_voorstellen(
                pot=budgetpot, actie=actie, bedrag=D("60000.00"), door=regisseur
            ),
            lambda: bijdrage_intrekken(bijdrage=bijdrage, door=partner_lid),
        ]
    )
    uitkomsten = run_together(lambda: next(stappen)(), deelnemers=2)

    fouten = [u for u in uitkomsten if isinstance(u, ValidationError)]
    assert len(fouten) == 1, uitkomsten
    pot = Budgetpot.objects.get(pk=budgetpot.pk)
    assert pot.toegewezen <= pot.bijgedragen
    assert pot_controleren(pot).klopt


def test_gelijktijdige_uitgaven_blijven_binnen_de_toewijzing(
    budgetpot, actie, regisseur, partner_lid, gemeente, organisatie
):
    from budget.services import toewijzing_beantwoorden

    toewijzing = toewijzing_voorstellen(
        pot=budgetpot, actie=actie, bedrag=D("1000.00"), door=regisseur
    )
    for goedkeuring in toewijzing.goedkeuringen.all():
        toewijzing_beantwoorden(
            goedkeuring=goedkeuring,
            akkoord=True,
            door=regisseur if goedkeuring.organisatie == gemeente else partner_lid,
        )
    # 10 x € 150 asked against € 1.000: 6 fit.
    uitkomsten = run_together(
        lambda: uitgave_boeken(
            toewijzing=toewijzing,
            bedrag=D("150.00"),
            datum=toewijzing.voorgesteld_op.date(),
            omschrijving="Factuur",
            door=regisseur,
        ),
        deelnemers=10,
    )
    assert sum(not isinstance(u, Exception) for u in uitkomsten) == 6, uitkomsten
    toewijzing.refresh_from_db()
    assert toewijzing.besteed == D("900.00") <= toewijzing.bedrag
    assert pot_controleren(budgetpot).klopt
