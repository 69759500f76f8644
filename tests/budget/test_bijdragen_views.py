"""Contributions on the budget page: record, mark as received, withdraw (issue 5 point 5).

Bad input and refusals come back as the form with status 400, in Dutch, and
change nothing; a contribution of another opgave's pot is a 404.
"""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from budget.bedragen import euro
from budget.models import Bijdrage, Boeking
from budget.selectors import pot_controleren
from budget.services import toewijzing_voorstellen

pytestmark = pytest.mark.django_db

EURO = "€\u00a0"


def url(name, opgave, **kwargs):
    return reverse(f"budget:{name}", kwargs={"slug": opgave.slug, **kwargs})


def stand(pot):
    """Everything a refused request must leave alone: totals, statuses, ledger length."""
    pot.refresh_from_db()
    return (
        pot.bijgedragen,
        pot.toegewezen,
        sorted(pot.bijdragen.values_list("pk", "status")),
        pot.boekingen.count(),
    )


def in_het_nederlands(msgid: str, **waarden) -> str:
    with translation.override("nl"):
        return gettext(msgid) % waarden if waarden else gettext(msgid)


# --- Recording --------------------------------------------------------------------------


def test_a_funder_records_for_its_own_organisation_only(client, budgetpot, partner_lid):
    client.force_login(partner_lid)
    response = client.get(url("bijdrage_nieuw", budgetpot.opgave))

    form = response.context["form"]
    assert [o.naam for o in form.fields["organisatie"].queryset] == ["Woonstichting Demodam"]
    assert "ontvangen" not in form.fields
    assertContains(response, "Bijdrage vastleggen voor “Samen van het gas af”")
    assertNotContains(response, "Al ontvangen door de kassier")


def test_the_kassier_records_for_every_involved_organisation(
    client, budgetpot, regisseur, andere_organisatie
):
    client.force_login(regisseur)
    response = client.get(url("bijdrage_nieuw", budgetpot.opgave))

    form = response.context["form"]
    assert [o.naam for o in form.fields["organisatie"].queryset] == [
        "Gemeente Demodam",
        "Woonstichting Demodam",
    ]
    assertContains(response, "Al ontvangen door de kassier")


def test_a_funder_pledges_money_in_dutch_notation(client, budgetpot, partner_lid, organisatie):
    client.force_login(partner_lid)
    response = client.post(
        url("bijdrage_nieuw", budgetpot.opgave),
        {
            "organisatie": organisatie.pk,
            "soort": "geld",
            "waarde": "1500,50",
            "omschrijving": "Extra voor de buurtkamer",
        },
        follow=True,
    )

    assertContains(
        response, f"De bijdrage van Woonstichting Demodam ({EURO}1.500,50) is vastgelegd."
    )
    bijdrage = Bijdrage.objects.get(omschrijving="Extra voor de buurtkamer")
    assert (bijdrage.waarde, bijdrage.status, bijdrage.vastgelegd_door) == (
        Decimal("1500.50"),
        Bijdrage.Status.TOEGEZEGD,
        partner_lid,
    )
    assertContains(response, f"{EURO}81.500,50")
    assert pot_controleren(budgetpot).klopt


def test_hours_are_worth_hours_times_the_rate(client, budgetpot, partner_lid, organisatie):
    client.force_login(partner_lid)
    client.post(
        url("bijdrage_nieuw", budgetpot.opgave),
        {
            "organisatie": organisatie.pk,
            "soort": "uren",
            "uren": "120",
            "uurtarief": "72,50",
            "waarde": "",
        },
    )

    bijdrage = Bijdrage.objects.get(soort="uren")
    assert (bijdrage.uren, bijdrage.uurtarief, bijdrage.waarde) == (
        Decimal("120.00"),
        Decimal("72.50"),
        Decimal("8700.00"),
    )
    response = client.get(url("pot", budgetpot.opgave))
    assertContains(response, f"120 uur à {EURO}72,50")


def test_without_javascript_the_fields_of_the_other_kind_are_ignored(
    client, budgetpot, partner_lid, organisatie
):
    client.force_login(partner_lid)
    response = client.post(
        url("bijdrage_nieuw", budgetpot.opgave),
        {
            "organisatie": organisatie.pk,
            "soort": "natura",
            "waarde": "750",
            "uren": "veel",
            "uurtarief": "",
        },
    )

    assert response.status_code == 302
    bijdrage = Bijdrage.objects.get(soort="natura")
    assert (bijdrage.waarde, bijdrage.uren, bijdrage.uurtarief) == (Decimal("750.00"), None, None)


def test_the_kassier_records_money_already_received(client, budgetpot, regisseur, organisatie):
    client.force_login(regisseur)
    client.post(
        url("bijdrage_nieuw", budgetpot.opgave),
        {"organisatie": organisatie.pk, "soort": "geld", "waarde": "2000", "ontvangen": "on"},
    )

    bijdrage = Bijdrage.objects.get(waarde=Decimal("2000"))
    assert bijdrage.status == Bijdrage.Status.ONTVANGEN
    assert list(bijdrage.boekingen.values_list("soort", flat=True)) == [
        Boeking.Soort.BIJDRAGE_TOEGEZEGD,
        Boeking.Soort.BIJDRAGE_ONTVANGEN,
    ]


def test_a_funder_cannot_mark_its_own_pledge_as_received(
    client, budgetpot, partner_lid, organisatie
):
    client.force_login(partner_lid)
    client.post(
        url("bijdrage_nieuw", budgetpot.opgave),
        {"organisatie": organisatie.pk, "soort": "geld", "waarde": "2000", "ontvangen": "on"},
    )

    assert Bijdrage.objects.get(waarde=Decimal("2000")).status == Bijdrage.Status.TOEGEZEGD


@pytest.mark.parametrize(
    ("data", "melding"),
    [
        ({"soort": "geld", "waarde": ""}, "Vul de waarde in euro&#x27;s in."),
        ({"soort": "natura", "waarde": "0"}, "Vul een bedrag in van minstens € 0,01."),
        (
            {"soort": "geld", "waarde": "duizend"},
            "Vul een bedrag in euro&#x27;s in, bijvoorbeeld 1500,00.",
        ),
        ({"soort": "uren", "uren": "-3", "uurtarief": "50"}, "Vul minstens 0,01 uur in."),
        (
            {"soort": "uren", "uren": "veel", "uurtarief": "50"},
            "Vul een aantal uren in, bijvoorbeeld 12 of 7,5.",
        ),
        ({"soort": "uren", "uren": "10", "uurtarief": ""}, "Vul het uurtarief in."),
        ({"soort": "uren", "uren": "", "uurtarief": "50"}, "Vul het aantal uren in."),
        ({"soort": "loterij", "waarde": "10"}, "Selecteer een geldige keuze."),
        ({"soort": "geld", "waarde": "10", "omschrijving": "x" * 301}, "Zorg dat deze waarde"),
    ],
)
def test_bad_input_gives_400_in_dutch_and_records_nothing(
    client, budgetpot, partner_lid, organisatie, data, melding
):
    voor = stand(budgetpot)
    client.force_login(partner_lid)

    response = client.post(
        url("bijdrage_nieuw", budgetpot.opgave), {"organisatie": organisatie.pk, **data}
    )

    assertContains(response, melding, status_code=400)
    assertContains(response, "Verbeter het volgende", status_code=400)
    assert stand(budgetpot) == voor


def test_a_funder_cannot_record_for_another_organisation(client, budgetpot, partner_lid, gemeente):
    voor = stand(budgetpot)
    client.force_login(partner_lid)

    response = client.post(
        url("bijdrage_nieuw", budgetpot.opgave),
        {"organisatie": gemeente.pk, "soort": "geld", "waarde": "100"},
    )

    assertContains(response, "Selecteer een geldige keuze.", status_code=400)
    assert stand(budgetpot) == voor


def test_officials_without_a_membership_do_not_record(client, budgetpot, ambtenaar, organisatie):
    voor = stand(budgetpot)
    client.force_login(ambtenaar)

    assert client.get(url("bijdrage_nieuw", budgetpot.opgave)).status_code == 403
    response = client.post(
        url("bijdrage_nieuw", budgetpot.opgave),
        {"organisatie": organisatie.pk, "soort": "geld", "waarde": "100"},
    )

    assert response.status_code == 403
    assert stand(budgetpot) == voor


def test_recording_without_a_pot_gives_404(client, opgave, regisseur):
    client.force_login(regisseur)
    assert client.get(url("bijdrage_nieuw", opgave)).status_code == 404


# --- Marking as received ----------------------------------------------------------------


def test_the_kassier_marks_a_pledge_as_received(client, budgetpot, regisseur, organisatie):
    toegezegd = budgetpot.bijdragen.get(organisatie=organisatie)
    client.force_login(regisseur)

    response = client.post(
        url("bijdrage_ontvangen", budgetpot.opgave, pk=toegezegd.pk), follow=True
    )

    assertContains(
        response, f"De bijdrage van Woonstichting Demodam ({EURO}30.000,00) staat nu op ontvangen."
    )
    toegezegd.refresh_from_db()
    assert toegezegd.status == Bijdrage.Status.ONTVANGEN
    assertContains(response, f"waarvan {EURO}80.000,00 ontvangen")
    assert budgetpot.boekingen.last().soort == Boeking.Soort.BIJDRAGE_ONTVANGEN


def test_receiving_twice_is_refused_with_400(client, budgetpot, regisseur, gemeente):
    ontvangen = budgetpot.bijdragen.get(organisatie=gemeente)
    voor = stand(budgetpot)
    client.force_login(regisseur)

    response = client.post(url("bijdrage_ontvangen", budgetpot.opgave, pk=ontvangen.pk))

    melding = in_het_nederlands("Only a pledged contribution can be marked as received.")
    assertContains(response, melding, status_code=400)
    assertContains(response, "Verbeter het volgende", status_code=400)
    assert stand(budgetpot) == voor


def test_only_the_kassier_marks_as_received(client, budgetpot, partner_lid, ambtenaar, organisatie):
    toegezegd = budgetpot.bijdragen.get(organisatie=organisatie)
    voor = stand(budgetpot)
    for user in (partner_lid, ambtenaar):
        client.force_login(user)
        response = client.post(url("bijdrage_ontvangen", budgetpot.opgave, pk=toegezegd.pk))
        assert response.status_code == 403
    assert stand(budgetpot) == voor


def test_marking_as_received_is_post_only(client, budgetpot, regisseur):
    client.force_login(regisseur)
    bijdrage = budgetpot.bijdragen.first()
    assert (
        client.get(url("bijdrage_ontvangen", budgetpot.opgave, pk=bijdrage.pk)).status_code == 405
    )


# --- Withdrawing ------------------------------------------------------------------------


def test_a_funder_withdraws_its_pledge_with_a_reason(client, budgetpot, partner_lid, organisatie):
    toegezegd = budgetpot.bijdragen.get(organisatie=organisatie)
    client.force_login(partner_lid)

    bevestigen = client.get(url("bijdrage_intrekken", budgetpot.opgave, pk=toegezegd.pk))
    assertContains(bevestigen, "Bijdrage intrekken")
    assertContains(bevestigen, f"De pot bevat dan {EURO}30.000,00 minder")

    response = client.post(
        url("bijdrage_intrekken", budgetpot.opgave, pk=toegezegd.pk),
        {"reden": "Begroting niet rond"},
        follow=True,
    )

    assertContains(
        response, f"De bijdrage van Woonstichting Demodam ({EURO}30.000,00) is ingetrokken."
    )
    toegezegd.refresh_from_db()
    budgetpot.refresh_from_db()
    assert toegezegd.status == Bijdrage.Status.INGETROKKEN
    assert budgetpot.bijgedragen == Decimal("50000.00")
    assert "Begroting niet rond" in budgetpot.boekingen.last().omschrijving
    assert pot_controleren(budgetpot).klopt


def test_a_withdrawal_that_leaves_too_little_shows_the_shortfall_and_changes_nothing(
    client, budgetpot, actie, regisseur, gemeente
):
    toewijzing_voorstellen(pot=budgetpot, actie=actie, bedrag=Decimal("60000.00"), door=regisseur)
    gemeente_bijdrage = budgetpot.bijdragen.get(organisatie=gemeente)
    voor = stand(budgetpot)
    client.force_login(regisseur)

    response = client.post(
        url("bijdrage_intrekken", budgetpot.opgave, pk=gemeente_bijdrage.pk),
        {"reden": "Bezuiniging"},
    )

    # 60.000 allocated, 80.000 - 50.000 = 30.000 would remain: 30.000 short.
    melding = in_het_nederlands(
        "This contribution cannot be withdrawn: the pot would then hold %(tekort)s less "
        "than has been allocated (%(toegewezen)s allocated, %(over)s would remain). "
        "Withdraw or close allocations first, or add another contribution.",
        tekort=euro(Decimal("30000")),
        toegewezen=euro(Decimal("60000")),
        over=euro(Decimal("30000")),
    )
    assert response.status_code == 400
    inhoud = response.content.decode()
    assert melding in inhoud
    assert f"{EURO}30.000,00" in melding
    assertContains(response, "Verbeter het volgende", status_code=400)
    assert stand(budgetpot) == voor


def test_a_withdrawn_contribution_cannot_be_withdrawn_again(
    client, budgetpot, partner_lid, organisatie
):
    toegezegd = budgetpot.bijdragen.get(organisatie=organisatie)
    client.force_login(partner_lid)
    client.post(url("bijdrage_intrekken", budgetpot.opgave, pk=toegezegd.pk), {})
    voor = stand(budgetpot)

    pagina = client.get(url("bijdrage_intrekken", budgetpot.opgave, pk=toegezegd.pk))
    assertContains(pagina, "Deze bijdrage is al ingetrokken.")
    assertNotContains(pagina, 'name="reden"')
    response = client.post(url("bijdrage_intrekken", budgetpot.opgave, pk=toegezegd.pk), {})

    assertContains(
        response,
        in_het_nederlands("This contribution has already been withdrawn."),
        status_code=400,
    )
    assert stand(budgetpot) == voor


def test_a_funder_cannot_withdraw_another_organisations_contribution(
    client, budgetpot, partner_lid, ambtenaar, gemeente
):
    van_de_gemeente = budgetpot.bijdragen.get(organisatie=gemeente)
    voor = stand(budgetpot)
    for user in (partner_lid, ambtenaar):
        client.force_login(user)
        path = url("bijdrage_intrekken", budgetpot.opgave, pk=van_de_gemeente.pk)
        assert client.get(path).status_code == 403
        assert client.post(path, {"reden": "Weg ermee"}).status_code == 403
    assert stand(budgetpot) == voor


# --- IDOR -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("bijdrage_ontvangen", "post"),
        ("bijdrage_intrekken", "get"),
        ("bijdrage_intrekken", "post"),
    ],
)
def test_a_contribution_of_another_pot_gives_404_and_changes_nothing(
    client, budgetpot, andere_budgetpot, regisseur, name, method
):
    vreemd = andere_budgetpot.bijdragen.get()
    voor = stand(andere_budgetpot)
    client.force_login(regisseur)  # the kassier of ``budgetpot``

    response = getattr(client, method)(url(name, budgetpot.opgave, pk=vreemd.pk), {})

    assert response.status_code == 404
    assert stand(andere_budgetpot) == voor
