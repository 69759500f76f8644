"""The admin shows the budget but cannot change it; nobody can change the ledger."""

from decimal import Decimal

from django.urls import reverse

import pytest

from budget.models import Bijdrage, Boeking, Budgetpot
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True, totp=True)


@pytest.mark.parametrize("persona", ["beheerder", "superuser"])
def test_het_grootboek_is_in_de_admin_alleen_te_lezen(client, request, persona, budgetpot):
    client.force_login(request.getfixturevalue(persona))
    boeking = budgetpot.boekingen.first()

    lijst = client.get(reverse("admin:budget_boeking_changelist"))
    assert lijst.status_code == 200
    assert boeking.omschrijving in lijst.content.decode()

    wijzigen = reverse("admin:budget_boeking_change", args=[boeking.pk])
    pagina = client.get(wijzigen)
    assert pagina.status_code == 200
    assert 'name="_save"' not in pagina.content.decode()
    assert client.post(wijzigen, {"bedrag": "1.00"}).status_code == 403

    verwijderen = reverse("admin:budget_boeking_delete", args=[boeking.pk])
    assert client.get(verwijderen).status_code == 403
    assert client.post(verwijderen, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:budget_boeking_add")).status_code == 403

    # The bulk action "delete selected" is not offered either.
    actie = client.post(
        reverse("admin:budget_boeking_changelist"),
        {"action": "delete_selected", "_selected_action": [boeking.pk], "post": "yes"},
    )
    assert actie.status_code in (200, 302)
    assert Boeking.objects.filter(pk=boeking.pk, bedrag=boeking.bedrag).exists()


def test_geld_verandert_niet_via_de_admin(client, superuser, budgetpot):
    client.force_login(superuser)
    bijdrage = budgetpot.bijdragen.first()
    url = reverse("admin:budget_bijdrage_change", args=[bijdrage.pk])
    assert client.post(url, {"waarde": "1.00", "status": "ingetrokken"}).status_code == 403
    assert client.get(reverse("admin:budget_budgetpot_add")).status_code == 403
    bijdrage.refresh_from_db()
    assert bijdrage.waarde == Decimal("50000.00")
    assert Budgetpot.objects.get(pk=budgetpot.pk).bijgedragen == Decimal("80000.00")
    assert Bijdrage.objects.count() == 2
