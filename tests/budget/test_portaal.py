"""The budget's sections on the partner portal and an organisation's page (issue 5):
what awaits the organisation's approval, and its contributions, only in visible pots."""

from decimal import Decimal

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from budget.portaal import bijdragen_van_organisatie, wachtend_op_goedkeuring
from budget.services import bijdrage_toevoegen, toewijzing_beantwoorden, toewijzing_voorstellen
from opgaven.models import Betrokkenheid
from partners.models import Lidmaatschap
from partners.secties import DETAIL, PORTAAL, secties
from partners.services import lidmaatschap_toevoegen
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

D = Decimal


def voorstellen(pot, actie, door, bedrag="1000"):
    return toewijzing_voorstellen(pot=pot, actie=actie, bedrag=D(bedrag), door=door)


def html(template, organisatie, gegevens) -> str:
    return render_to_string(template, {"context": {"organisatie": organisatie, **gegevens}})


def test_the_sections_are_registered_where_they_belong():
    assert "toewijzingen_wachtend" in [s.naam for s in secties(PORTAAL)]
    assert "toewijzingen_wachtend" not in [s.naam for s in secties(DETAIL)]
    assert "bijdragen" in [s.naam for s in secties(PORTAAL)]
    assert "bijdragen" in [s.naam for s in secties(DETAIL)]


# --- Waiting for approval ---------------------------------------------------------------


def test_a_contact_person_sees_what_waits_and_a_link_to_answer(
    budgetpot, actie, regisseur, partner_lid, organisatie
):
    toewijzing = voorstellen(budgetpot, actie, regisseur, "2500")

    gegevens = wachtend_op_goedkeuring(organisatie, partner_lid)

    assert [rij["toewijzing"] for rij in gegevens["rijen"]] == [toewijzing]
    inhoud = html("budget/secties/wachtend.html", organisatie, gegevens)
    assert "Energietransitie Demodam-Noord" in inhoud
    assert "Isolatie van 300 huurwoningen" in inhoud
    assert "€\u00a02.500,00" in inhoud
    assert (
        reverse(
            "budget:toewijzing_beoordelen",
            kwargs={"slug": budgetpot.opgave.slug, "pk": toewijzing.pk},
        )
        in inhoud
    )


def test_a_member_reads_along_without_the_answer_link(budgetpot, actie, regisseur, organisatie):
    lid = UserFactory(weergavenaam="Lotte Lid")
    lidmaatschap_toevoegen(organisatie=organisatie, user=lid, rol=Lidmaatschap.Rol.LID)
    toewijzing = voorstellen(budgetpot, actie, regisseur)

    gegevens = wachtend_op_goedkeuring(organisatie, lid)

    assert [rij["kan_beantwoorden"] for rij in gegevens["rijen"]] == [False]
    inhoud = html("budget/secties/wachtend.html", organisatie, gegevens)
    assert "/beoordelen/" not in inhoud
    assert (
        reverse("budget:toewijzing", kwargs={"slug": budgetpot.opgave.slug, "pk": toewijzing.pk})
        in inhoud
    )


def test_answered_and_decided_allocations_no_longer_wait(
    budgetpot, actie, regisseur, partner_lid, organisatie, gemeente
):
    beantwoord = voorstellen(budgetpot, actie, regisseur, "100")
    toewijzing_beantwoorden(
        goedkeuring=beantwoord.goedkeuringen.get(organisatie=organisatie),
        akkoord=True,
        door=partner_lid,
    )
    afgewezen = voorstellen(budgetpot, actie, regisseur, "200")
    toewijzing_beantwoorden(
        goedkeuring=afgewezen.goedkeuringen.get(organisatie=gemeente),
        akkoord=False,
        reden="Nee",
        door=regisseur,
    )
    open_ = voorstellen(budgetpot, actie, regisseur, "300")

    rijen = wachtend_op_goedkeuring(organisatie, partner_lid)["rijen"]

    assert [rij["toewijzing"] for rij in rijen] == [open_]


def test_another_organisations_requests_are_not_shown(
    budgetpot, actie, regisseur, partner_buitenstaander, andere_organisatie
):
    voorstellen(budgetpot, actie, regisseur)
    gegevens = wachtend_op_goedkeuring(andere_organisatie, partner_buitenstaander)
    assert gegevens["rijen"] == []
    inhoud = html("budget/secties/wachtend.html", andere_organisatie, gegevens)
    assert "Isolatie" not in inhoud


# --- Contributions ----------------------------------------------------------------------


@pytest.fixture
def ook_in_andere_pot(andere_budgetpot, organisatie, partner_lid):
    """The Woonstichting also funds the pot of andere_opgave (involved there too)."""
    Betrokkenheid.objects.create(
        opgave=andere_budgetpot.opgave,
        organisatie=organisatie,
        aard=Betrokkenheid.Aard.LEVERT_MIDDELEN,
    )
    return bijdrage_toevoegen(
        pot=andere_budgetpot,
        organisatie=organisatie,
        soort="uren",
        uren=D("10"),
        uurtarief=D("75"),
        door=partner_lid,
    )


def potten(gegevens) -> list[str]:
    return [b.pot.naam for b in gegevens["bijdragen"]]


def test_officials_see_every_contribution(budgetpot, ook_in_andere_pot, organisatie, ambtenaar):
    assert sorted(potten(bijdragen_van_organisatie(organisatie, ambtenaar))) == [
        "Preventiefonds",
        "Samen van het gas af",
    ]


def test_a_partner_sees_contributions_only_in_pots_they_may_see(
    budgetpot, ook_in_andere_pot, organisatie, partner_buitenstaander, partner_lid
):
    # The Sportclub is involved in andere_opgave only: its contact person sees that pot.
    assert potten(bijdragen_van_organisatie(organisatie, partner_buitenstaander)) == [
        "Preventiefonds"
    ]
    assert sorted(potten(bijdragen_van_organisatie(organisatie, partner_lid))) == [
        "Preventiefonds",
        "Samen van het gas af",
    ]


@pytest.mark.parametrize("persona", ["anoniem", "inwoner", "adviseur"])
def test_who_sees_no_workspace_sees_no_contribution(request, budgetpot, organisatie, persona):
    from django.contrib.auth.models import AnonymousUser

    user = request.getfixturevalue(persona) or AnonymousUser()
    assert bijdragen_van_organisatie(organisatie, user)["bijdragen"] == []


def test_the_contributions_section_shows_pot_kind_value_and_status(
    budgetpot, organisatie, partner_lid
):
    gegevens = bijdragen_van_organisatie(organisatie, partner_lid)
    inhoud = html("budget/secties/bijdragen.html", organisatie, gegevens)
    assert "Energietransitie Demodam-Noord" in inhoud
    assert "Samen van het gas af" in inhoud
    assert "Isolatiebudget" in inhoud
    assert "€\u00a030.000,00" in inhoud
    assert reverse("budget:pot", kwargs={"slug": budgetpot.opgave.slug}) in inhoud
    # Only the Woonstichting's own contribution, not the gemeente's.
    assert "€\u00a050.000,00" not in inhoud


# --- Query counts -----------------------------------------------------------------------


def _queries(functie, organisatie, user) -> tuple[int, dict]:
    functie(organisatie, user)  # warm the user's permission cache
    with CaptureQueriesContext(connection) as context:
        gegevens = functie(organisatie, user)
    return len(context), gegevens


@pytest.mark.parametrize("persona", ["partner_lid", "ambtenaar"])
def test_the_sections_cost_the_same_for_1_and_10_rows(
    request, budgetpot, actie, regisseur, partner_lid, organisatie, persona
):
    user = request.getfixturevalue(persona)
    voorstellen(budgetpot, actie, regisseur, "10")
    wachtend_een, gegevens = _queries(wachtend_op_goedkeuring, organisatie, user)
    assert len(gegevens["rijen"]) == 1
    bijdragen_een, gegevens = _queries(bijdragen_van_organisatie, organisatie, user)
    assert len(gegevens["bijdragen"]) == 1

    for _ in range(9):
        voorstellen(budgetpot, actie, regisseur, "10")
        bijdrage_toevoegen(
            pot=budgetpot, organisatie=organisatie, soort="geld", waarde=D(5), door=partner_lid
        )
    wachtend_tien, gegevens = _queries(wachtend_op_goedkeuring, organisatie, user)
    assert len(gegevens["rijen"]) == 10
    bijdragen_tien, gegevens = _queries(bijdragen_van_organisatie, organisatie, user)
    assert len(gegevens["bijdragen"]) == 10

    assert (wachtend_tien, bijdragen_tien) == (wachtend_een, bijdragen_een)
    assert wachtend_tien <= 3
    assert bijdragen_tien <= 2
