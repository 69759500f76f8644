"""Allocations, the funders' answers and expenses through the pages (issue 5.6, 5.7):
success, refusals as form errors, who may do what, IDOR and query counts."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from budget.models import Boeking, Goedkeuring, Toewijzing, Uitgave
from budget.permissions import budget_rechten
from budget.services import (
    bijdrage_toevoegen,
    toewijzing_beantwoorden,
    toewijzing_voorstellen,
    uitgave_boeken,
)
from budget.views.toewijzingen import toewijzingen_lijst
from opgaven.models import Actie, Betrokkenheid
from partners.models import Lidmaatschap, Organisatie
from partners.services import lidmaatschap_toevoegen, organisatie_create
from tests.test_csp import inline_code

pytestmark = pytest.mark.django_db

D = Decimal


def url(name, opgave, **kwargs):
    return reverse(f"budget:{name}", kwargs={"slug": opgave.slug, **kwargs})


def voorstellen(pot, actie, door, bedrag="1000.00"):
    return toewijzing_voorstellen(pot=pot, actie=actie, bedrag=D(bedrag), door=door)


def goedkeuren(toewijzing, door):
    for goedkeuring in toewijzing.goedkeuringen.filter(besluit=Goedkeuring.Besluit.OPEN):
        toewijzing = toewijzing_beantwoorden(goedkeuring=goedkeuring, akkoord=True, door=door)
    return toewijzing


def stand(pot):
    pot.refresh_from_db()
    return (pot.bijgedragen, pot.toegewezen, pot.besteed, pot.boekingen.count())


# --- Propose ---------------------------------------------------------------------------


def test_the_regisseur_proposes_an_allocation(client, budgetpot, actie, regisseur):
    client.force_login(regisseur)
    formulier = client.get(url("toewijzing_nieuw", budgetpot.opgave))
    assertContains(formulier, "€\u00a080.000,00")  # still free
    assertContains(formulier, actie.titel)

    response = client.post(
        url("toewijzing_nieuw", budgetpot.opgave),
        {"actie": actie.pk, "bedrag": "2.500,50", "toelichting": "Eerste 50 woningen"},
    )

    toewijzing = Toewijzing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("toewijzing", budgetpot.opgave, pk=toewijzing.pk)
    assert (toewijzing.bedrag, toewijzing.status, toewijzing.voorgesteld_door) == (
        D("2500.50"),
        Toewijzing.Status.VOORGESTELD,
        regisseur,
    )
    assert toewijzing.goedkeuringen.count() == 2
    assert stand(budgetpot)[1] == D("2500.50")


def test_too_much_gives_400_with_the_shortfall_and_changes_nothing(
    client, budgetpot, actie, regisseur
):
    voor = stand(budgetpot)
    client.force_login(regisseur)

    response = client.post(
        url("toewijzing_nieuw", budgetpot.opgave), {"actie": actie.pk, "bedrag": "90000"}
    )

    assertContains(response, "€\u00a010.000,00", status_code=400)  # the shortfall
    assertContains(response, "error-summary", status_code=400)
    assert not Toewijzing.objects.exists()
    assert stand(budgetpot) == voor


def test_a_dropped_action_cannot_be_chosen(client, budgetpot, actie, regisseur):
    Actie.objects.filter(pk=actie.pk).update(status=Actie.Status.VERVALLEN)
    client.force_login(regisseur)

    response = client.post(
        url("toewijzing_nieuw", budgetpot.opgave), {"actie": actie.pk, "bedrag": "100"}
    )

    assert response.status_code == 400
    assert not Toewijzing.objects.exists()


@pytest.mark.parametrize("persona", ["partner_lid", "ambtenaar"])
def test_only_the_regisseur_and_the_kassier_propose(client, request, budgetpot, actie, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        url("toewijzing_nieuw", budgetpot.opgave), {"actie": actie.pk, "bedrag": "100"}
    )
    assert response.status_code == 403
    assert not Toewijzing.objects.exists()


# --- Detail ----------------------------------------------------------------------------


def test_the_detail_shows_amount_answers_and_the_buttons_one_may_use(
    client, budgetpot, actie, regisseur, partner_lid, organisatie
):
    toewijzing = voorstellen(budgetpot, actie, regisseur, "1500")
    toewijzing_beantwoorden(
        goedkeuring=toewijzing.goedkeuringen.get(organisatie=organisatie),
        akkoord=False,
        reden="Eerst de offerte zien",
        door=partner_lid,
    )
    client.force_login(regisseur)

    response = client.get(url("toewijzing", budgetpot.opgave, pk=toewijzing.pk))

    assertContains(response, "€\u00a01.500,00")
    assertContains(response, "Eerst de offerte zien")
    assertContains(response, "Woonstichting Demodam")
    assertContains(response, "€\u00a030.000,00")  # the weight of the Woonstichting
    assertContains(response, "Pieter Partner")
    # Rejected: nobody can answer, withdraw or spend any more.
    assertNotContains(response, url("toewijzing_beoordelen", budgetpot.opgave, pk=toewijzing.pk))
    assertNotContains(response, url("toewijzing_intrekken", budgetpot.opgave, pk=toewijzing.pk))


def test_a_partner_sees_the_answer_button_only_while_their_answer_is_open(
    client, budgetpot, actie, regisseur, partner_lid
):
    toewijzing = voorstellen(budgetpot, actie, regisseur)
    client.force_login(partner_lid)
    beoordelen = url("toewijzing_beoordelen", budgetpot.opgave, pk=toewijzing.pk)

    response = client.get(url("toewijzing", budgetpot.opgave, pk=toewijzing.pk))
    assertContains(response, beoordelen)
    assertNotContains(response, url("toewijzing_intrekken", budgetpot.opgave, pk=toewijzing.pk))

    client.post(beoordelen, {"besluit": "akkoord"})
    response = client.get(url("toewijzing", budgetpot.opgave, pk=toewijzing.pk))
    assertNotContains(response, beoordelen)


# --- Answers ---------------------------------------------------------------------------


def test_each_funder_approves_and_the_status_follows_the_rule(
    client, budgetpot, actie, regisseur, partner_lid, gemeente, organisatie
):
    toewijzing = voorstellen(budgetpot, actie, regisseur)
    pad = url("toewijzing_beoordelen", budgetpot.opgave, pk=toewijzing.pk)

    client.force_login(regisseur)
    assertContains(client.get(pad), "Gemeente Demodam")
    response = client.post(pad, {"besluit": "akkoord"})
    assert response.status_code == 302
    toewijzing.refresh_from_db()
    assert toewijzing.status == Toewijzing.Status.VOORGESTELD  # unanimous: one more to go
    assert toewijzing.goedkeuringen.get(organisatie=gemeente).door == regisseur

    client.force_login(partner_lid)
    response = client.post(pad, {"besluit": "akkoord"}, follow=True)
    toewijzing.refresh_from_db()
    assert toewijzing.status == Toewijzing.Status.GOEDGEKEURD
    assert toewijzing.goedkeuringen.get(organisatie=organisatie).besluit == "akkoord"
    assertContains(response, "Woonstichting Demodam")
    # Answered: the form is closed for them now.
    assert client.get(pad).status_code == 403


def test_a_rejection_needs_a_reason_in_dutch(client, budgetpot, actie, regisseur, partner_lid):
    toewijzing = voorstellen(budgetpot, actie, regisseur)
    voor = stand(budgetpot)
    client.force_login(partner_lid)
    pad = url("toewijzing_beoordelen", budgetpot.opgave, pk=toewijzing.pk)

    response = client.post(pad, {"besluit": "afwijzen", "reden": "  "})

    assertContains(response, "Geef een reden als je afwijst.", status_code=400)
    assertContains(response, "Verbeter het volgende", status_code=400)
    assert set(toewijzing.goedkeuringen.values_list("besluit", flat=True)) == {"open"}
    assert stand(budgetpot) == voor


def test_a_rejection_with_a_reason_gives_the_money_back(
    client, budgetpot, actie, regisseur, partner_lid
):
    toewijzing = voorstellen(budgetpot, actie, regisseur, "4000")
    client.force_login(partner_lid)

    client.post(
        url("toewijzing_beoordelen", budgetpot.opgave, pk=toewijzing.pk),
        {"besluit": "afwijzen", "reden": "Past niet in onze begroting"},
    )

    toewijzing.refresh_from_db()
    assert toewijzing.status == Toewijzing.Status.AFGEWEZEN
    assert stand(budgetpot)[1] == D(0)
    detail = client.get(url("toewijzing", budgetpot.opgave, pk=toewijzing.pk))
    assertContains(detail, "Past niet in onze begroting")


def test_a_contact_person_of_two_funders_chooses_the_organisation(
    client, budgetpot, actie, regisseur, partner_lid, gemeente, organisatie
):
    lidmaatschap_toevoegen(
        organisatie=gemeente, user=partner_lid, rol=Lidmaatschap.Rol.CONTACTPERSOON
    )
    toewijzing = voorstellen(budgetpot, actie, regisseur)
    client.force_login(partner_lid)
    pad = url("toewijzing_beoordelen", budgetpot.opgave, pk=toewijzing.pk)

    formulier = client.get(pad)
    assertContains(formulier, f'value="{gemeente.pk}"')
    assertContains(formulier, f'value="{organisatie.pk}"')
    assert client.post(pad, {"besluit": "akkoord"}).status_code == 400  # no organisation chosen

    client.post(pad, {"organisatie": gemeente.pk, "besluit": "akkoord"})

    besluiten = dict(toewijzing.goedkeuringen.values_list("organisatie_id", "besluit"))
    assert besluiten == {gemeente.pk: "akkoord", organisatie.pk: "open"}


def test_a_partner_of_another_organisation_cannot_answer_for_organisatie(
    client, budgetpot, actie, regisseur, partner_buitenstaander, andere_organisatie, organisatie
):
    # Sportclub Westerdijk is involved and funds too, so its contact person sees the
    # workspace and may answer for the Sportclub, but not for the Woonstichting.
    Betrokkenheid.objects.create(
        opgave=budgetpot.opgave,
        organisatie=andere_organisatie,
        aard=Betrokkenheid.Aard.LEVERT_MIDDELEN,
    )
    bijdrage_toevoegen(
        pot=budgetpot,
        organisatie=andere_organisatie,
        soort="geld",
        waarde=D("5000"),
        door=partner_buitenstaander,
    )
    toewijzing = voorstellen(budgetpot, actie, regisseur)
    client.force_login(partner_buitenstaander)
    pad = url("toewijzing_beoordelen", budgetpot.opgave, pk=toewijzing.pk)

    response = client.post(pad, {"organisatie": organisatie.pk, "besluit": "akkoord"})

    assert response.status_code == 403
    assert toewijzing.goedkeuringen.get(organisatie=organisatie).besluit == "open"
    assert toewijzing.goedkeuringen.get(organisatie=andere_organisatie).besluit == "open"


def test_an_involved_organisation_that_does_not_fund_cannot_answer(
    client, budgetpot, actie, regisseur, partner_buitenstaander, andere_organisatie
):
    Betrokkenheid.objects.create(
        opgave=budgetpot.opgave, organisatie=andere_organisatie, aard=Betrokkenheid.Aard.VOERT_UIT
    )
    toewijzing = voorstellen(budgetpot, actie, regisseur)
    client.force_login(partner_buitenstaander)
    pad = url("toewijzing_beoordelen", budgetpot.opgave, pk=toewijzing.pk)

    assert client.get(pad).status_code == 403
    assert client.post(pad, {"besluit": "akkoord"}).status_code == 403
    assert set(toewijzing.goedkeuringen.values_list("besluit", flat=True)) == {"open"}


# --- Expenses --------------------------------------------------------------------------


def test_expenses_within_and_over_the_allocation(client, budgetpot, actie, regisseur):
    toewijzing = goedkeuren(voorstellen(budgetpot, actie, regisseur, "1000"), regisseur)
    client.force_login(regisseur)
    pad = url("uitgave_nieuw", budgetpot.opgave, pk=toewijzing.pk)
    assertContains(client.get(pad), timezone.localdate().isoformat())  # today by default

    response = client.post(
        pad, {"bedrag": "400", "datum": "2026-03-01", "omschrijving": "Factuur 2026-014"}
    )
    assert response.status_code == 302
    uitgave = Uitgave.objects.get()
    assert (uitgave.bedrag, uitgave.datum, uitgave.vastgelegd_door) == (
        D("400"),
        date(2026, 3, 1),
        regisseur,
    )

    voor = stand(budgetpot)
    response = client.post(
        pad, {"bedrag": "2000", "datum": "2026-03-02", "omschrijving": "Te veel"}
    )
    assertContains(response, "€\u00a01.400,00", status_code=400)  # the shortfall
    assert Uitgave.objects.count() == 1
    assert stand(budgetpot) == voor


def test_an_expense_in_the_future_is_refused(client, budgetpot, actie, regisseur):
    toewijzing = goedkeuren(voorstellen(budgetpot, actie, regisseur), regisseur)
    client.force_login(regisseur)
    morgen = timezone.localdate() + timedelta(days=1)

    response = client.post(
        url("uitgave_nieuw", budgetpot.opgave, pk=toewijzing.pk),
        {"bedrag": "10", "datum": morgen.isoformat(), "omschrijving": "Vooruit"},
    )

    assert response.status_code == 400
    assert not Uitgave.objects.exists()


def test_spending_the_whole_amount_closes_the_allocation(client, budgetpot, actie, regisseur):
    toewijzing = goedkeuren(voorstellen(budgetpot, actie, regisseur, "300"), regisseur)
    client.force_login(regisseur)

    client.post(
        url("uitgave_nieuw", budgetpot.opgave, pk=toewijzing.pk),
        {"bedrag": "300,00", "datum": "2026-03-01", "omschrijving": "Alles"},
    )

    toewijzing.refresh_from_db()
    assert toewijzing.status == Toewijzing.Status.BESTEED


def test_no_expense_against_a_proposal_or_by_a_partner(
    client, budgetpot, actie, regisseur, partner_lid
):
    voorgesteld = voorstellen(budgetpot, actie, regisseur)
    client.force_login(regisseur)
    assert client.get(url("uitgave_nieuw", budgetpot.opgave, pk=voorgesteld.pk)).status_code == 403

    goedgekeurd = goedkeuren(voorgesteld, regisseur)
    client.force_login(partner_lid)
    response = client.post(
        url("uitgave_nieuw", budgetpot.opgave, pk=goedgekeurd.pk),
        {"bedrag": "10", "datum": "2026-03-01", "omschrijving": "Niet van mij"},
    )
    assert response.status_code == 403
    assert not Uitgave.objects.exists()


# --- Withdraw and close ----------------------------------------------------------------


def test_the_regisseur_withdraws_a_proposal(client, budgetpot, actie, regisseur, partner_lid):
    toewijzing = voorstellen(budgetpot, actie, regisseur, "2000")
    pad = url("toewijzing_intrekken", budgetpot.opgave, pk=toewijzing.pk)

    client.force_login(partner_lid)  # a funder, not the proposer
    assert client.get(pad).status_code == 403
    assert client.post(pad).status_code == 403

    client.force_login(regisseur)
    assertContains(client.get(pad), "€\u00a02.000,00")
    response = client.post(pad)

    assert response.status_code == 302
    toewijzing.refresh_from_db()
    assert toewijzing.status == Toewijzing.Status.VERVALLEN
    assert stand(budgetpot)[1] == D(0)
    # Withdrawn: the page is closed now.
    assert client.get(pad).status_code == 403


def test_closing_gives_the_rest_back(client, budgetpot, actie, regisseur):
    toewijzing = goedkeuren(voorstellen(budgetpot, actie, regisseur, "1000"), regisseur)
    pad = url("toewijzing_afsluiten", budgetpot.opgave, pk=toewijzing.pk)
    client.force_login(regisseur)
    assert client.get(pad).status_code == 403  # nothing spent yet: withdraw instead

    uitgave_boeken(
        toewijzing=toewijzing,
        bedrag=D("250"),
        datum=date(2026, 3, 1),
        omschrijving="Factuur",
        door=regisseur,
    )
    assertContains(client.get(pad), "€\u00a0750,00")
    response = client.post(pad)

    assert response.status_code == 302
    toewijzing.refresh_from_db()
    assert toewijzing.status == Toewijzing.Status.BESTEED
    assert stand(budgetpot)[1:3] == (D("250"), D("250"))
    assert budgetpot.boekingen.last().soort == Boeking.Soort.TOEWIJZING_AFGESLOTEN


# --- IDOR ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("naam", "method"),
    [
        ("toewijzing", "get"),
        *[
            (naam, method)
            for naam in (
                "toewijzing_beoordelen",
                "toewijzing_intrekken",
                "toewijzing_afsluiten",
                "uitgave_nieuw",
            )
            for method in ("get", "post")
        ],
    ],
)
def test_an_allocation_of_another_pot_gives_404_and_changes_nothing(
    client, budgetpot, andere_budgetpot, regisseur, partner_buitenstaander, naam, method
):
    from opgaven.models import PlanVanAanpak

    andere_opgave = andere_budgetpot.opgave
    plan = PlanVanAanpak.objects.create(opgave=andere_opgave, versie=1)
    vreemde_actie = Actie.objects.create(
        opgave=andere_opgave, plan=plan, titel="Voorlichting", trekker=andere_budgetpot.kassier
    )
    vreemd = voorstellen(andere_budgetpot, vreemde_actie, partner_buitenstaander, "500")
    voor = stand(andere_budgetpot)
    client.force_login(regisseur)

    response = getattr(client, method)(
        url(naam, budgetpot.opgave, pk=vreemd.pk),
        {"besluit": "afwijzen", "reden": "x", "bedrag": "1", "datum": "2026-03-01"},
    )

    assert response.status_code == 404
    vreemd.refresh_from_db()
    assert vreemd.status == Toewijzing.Status.VOORGESTELD
    assert stand(andere_budgetpot) == voor


def test_an_opgave_without_a_pot_gives_404(client, interne_opgave, regisseur):
    client.force_login(regisseur)
    assert client.get(url("toewijzing_nieuw", interne_opgave)).status_code == 404
    assert client.get(url("toewijzing", interne_opgave, pk=1)).status_code == 404


# --- The list partial ------------------------------------------------------------------


def test_the_list_gives_each_row_what_the_user_may_do(
    budgetpot, actie, regisseur, partner_lid, django_assert_max_num_queries
):
    voorstellen(budgetpot, actie, regisseur, "100")
    goedkeuren(voorstellen(budgetpot, actie, regisseur, "200"), regisseur)
    rechten = budget_rechten(partner_lid, budgetpot.opgave, budgetpot)

    with django_assert_max_num_queries(2):
        rijen = toewijzingen_lijst(budgetpot, rechten)
        namen = [[g.organisatie.naam for g in rij.goedkeuringen.all()] for rij in rijen]

    assert namen == [["Gemeente Demodam", "Woonstichting Demodam"]] * 2
    assert [(r.kan_beoordelen, r.kan_intrekken, r.kan_besteden) for r in rijen] == [
        (True, False, False),
        (False, False, False),
    ]
    regie = toewijzingen_lijst(budgetpot, budget_rechten(regisseur, budgetpot.opgave, budgetpot))
    assert [(r.kan_beoordelen, r.kan_intrekken, r.kan_besteden) for r in regie] == [
        (True, True, False),
        (False, True, True),
    ]


# --- Query counts ----------------------------------------------------------------------


def _queries(client, path) -> int:
    client.get(path)  # warm the process-wide caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("persona", ["regisseur", "partner_lid"])
def test_the_detail_costs_the_same_for_1_and_10_funders(
    client, request, budgetpot, actie, regisseur, persona
):
    opgave = budgetpot.opgave
    # A pot of its own with one funder, for the first allocation.
    een_financier = voorstellen(budgetpot, actie, regisseur, "100")
    Goedkeuring.objects.filter(toewijzing=een_financier).exclude(
        organisatie=budgetpot.kassier
    ).delete()
    goedkeuren(een_financier, regisseur)
    for nummer in range(8):
        extra = organisatie_create(naam=f"Fonds {nummer}", soort=Organisatie.Soort.FONDS)
        Betrokkenheid.objects.create(
            opgave=opgave, organisatie=extra, aard=Betrokkenheid.Aard.LEVERT_MIDDELEN
        )
        bijdrage_toevoegen(
            pot=budgetpot, organisatie=extra, soort="geld", waarde=D("1000"), door=regisseur
        )
    tien = voorstellen(budgetpot, actie, regisseur, "100")
    toewijzing_beantwoorden(
        goedkeuring=tien.goedkeuringen.get(organisatie=budgetpot.kassier),
        akkoord=True,
        door=regisseur,
    )
    assert tien.goedkeuringen.count() == 10
    uitgave_boeken(
        toewijzing=een_financier,
        bedrag=D("10"),
        datum=date(2026, 3, 1),
        omschrijving="Factuur",
        door=regisseur,
    )
    client.force_login(request.getfixturevalue(persona))

    een = _queries(client, url("toewijzing", opgave, pk=een_financier.pk))
    meer = _queries(client, url("toewijzing", opgave, pk=tien.pk))

    assert meer == een
    assert meer <= 14, meer


def test_the_allocation_pages_need_no_inline_code(client, budgetpot, actie, regisseur):
    toewijzing = goedkeuren(voorstellen(budgetpot, actie, regisseur), regisseur)
    uitgave_boeken(
        toewijzing=toewijzing,
        bedrag=D("10"),
        datum=date(2026, 3, 1),
        omschrijving="Factuur",
        door=regisseur,
    )
    voorgesteld = voorstellen(budgetpot, actie, regisseur)
    client.force_login(regisseur)
    for path in (
        url("toewijzing_nieuw", budgetpot.opgave),
        url("toewijzing", budgetpot.opgave, pk=toewijzing.pk),
        url("toewijzing_beoordelen", budgetpot.opgave, pk=voorgesteld.pk),
        url("toewijzing_intrekken", budgetpot.opgave, pk=voorgesteld.pk),
        url("toewijzing_afsluiten", budgetpot.opgave, pk=toewijzing.pk),
        url("uitgave_nieuw", budgetpot.opgave, pk=toewijzing.pk),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert inline_code(response.content.decode()) == [], path
