"""The demo budget: every state on show, the ledger consistent, and idempotent."""

from decimal import Decimal

from django.core.management import call_command

import pytest

from budget.models import Bijdrage, Budgetpot, Goedkeuring, Toewijzing
from budget.selectors import pot_controleren
from partners.models import Organisatie

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_pot(mailoutbox):
    call_command("demo", verbosity=0)
    return Budgetpot.objects.get(opgave__titel="Energietransitie Demodam-Noord")


def test_de_energietransitie_heeft_een_pot_met_alles_erin(demo_pot):
    assert demo_pot.kassier.naam == "Gemeente Demodam"
    soorten = set(demo_pot.bijdragen.values_list("soort", flat=True))
    assert soorten == {"geld", "uren", "natura"}
    statussen = set(demo_pot.bijdragen.values_list("status", flat=True))
    assert statussen == set(Bijdrage.Status.values)
    assert set(demo_pot.toewijzingen.values_list("status", flat=True)) == set(
        Toewijzing.Status.values
    )
    assert demo_pot.toewijzingen.filter(uitgaven__isnull=False).exists()
    financiers = {o.soort for o in Organisatie.objects.filter(bijdragen__pot=demo_pot)}
    assert {"gemeente", "woningcorporatie"} <= financiers
    assert "Energiecoöperatie Demodam Duurzaam" in set(
        demo_pot.bijdragen.values_list("organisatie__naam", flat=True)
    )
    assert pot_controleren(demo_pot).klopt


def test_de_demo_partner_heeft_een_toewijzing_te_beoordelen(demo_pot):
    open_voor_partner = Goedkeuring.objects.filter(
        toewijzing__pot=demo_pot,
        toewijzing__status=Toewijzing.Status.VOORGESTELD,
        besluit=Goedkeuring.Besluit.OPEN,
        organisatie__lidmaatschappen__user__email="partner@demodam.nl",
    )
    assert open_voor_partner.count() == 1


def test_de_demo_is_idempotent(demo_pot):
    boekingen = demo_pot.boekingen.count()
    call_command("demo", verbosity=0)
    demo_pot.refresh_from_db()
    assert demo_pot.boekingen.count() == boekingen
    assert demo_pot.bijgedragen == Decimal("496900.00")
