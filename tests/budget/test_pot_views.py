"""The budget tab of an opgave: the page, opening and configuring the pot, query counts
(issue 5 points 4 and 10)."""

from __future__ import annotations

import base64
from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from budget.models import Budgetpot
from budget.services import bijdrage_toevoegen, pot_aanmaken, toewijzing_voorstellen
from opgaven.models import Betrokkenheid
from partners.models import Organisatie
from partners.services import organisatie_create
from tests.test_csp import inline_code

pytestmark = pytest.mark.django_db

EURO = "€\u00a0"  # budget.bedragen.euro keeps the sign and the number together


def url(name, opgave, **kwargs):
    return reverse(f"budget:{name}", kwargs={"slug": opgave.slug, **kwargs})


def pot_data(kassier, **velden):
    return {
        "naam": "Samen van het gas af",
        "kassier": kassier.pk,
        "begin": "2026-01-01",
        "eind": "2027-12-31",
        "regel": Budgetpot.Regel.MEERDERHEID,
        **velden,
    }


# --- The page without a pot -------------------------------------------------------------


def test_without_a_pot_the_page_explains_it_and_offers_managers_to_open_one(
    client, opgave, regisseur, partner_lid
):
    client.force_login(regisseur)
    response = client.get(url("pot", opgave))

    assertContains(response, "Deze opgave heeft nog geen gezamenlijk budget.")
    assertContains(response, "de kassier")
    assertContains(response, url("pot_nieuw", opgave))

    client.force_login(partner_lid)
    response = client.get(url("pot", opgave))
    assertContains(response, "Deze opgave heeft nog geen gezamenlijk budget.")
    assertNotContains(response, url("pot_nieuw", opgave))


# --- The page with a pot ----------------------------------------------------------------


def test_the_page_shows_the_pot_its_totals_and_the_contributions_in_euros(
    client, budgetpot, partner_lid
):
    client.force_login(partner_lid)
    response = client.get(url("pot", budgetpot.opgave))

    assertContains(response, "Samen van het gas af")
    assertContains(response, "Gemeente Demodam")
    assertContains(response, "1 januari 2026 tot en met 31 december 2027")
    assertContains(response, "alleen goedgekeurd als ze het allemaal eens zijn")
    # Totals: contributed, of which received, allocated, spent, available.
    assertContains(response, f"{EURO}80.000,00")
    assertContains(response, f"waarvan {EURO}50.000,00 ontvangen")
    assertContains(response, f"{EURO}30.000,00")
    assertContains(response, f"{EURO}0,00")
    # The individual contributions, newest first.
    inhoud = response.content.decode()
    assert inhoud.index("Isolatiebudget") < inhoud.index("Begroting 2026")


def test_the_majority_rule_is_explained_in_plain_dutch(client, budgetpot, regisseur):
    Budgetpot.objects.filter(pk=budgetpot.pk).update(regel=Budgetpot.Regel.MEERDERHEID)
    client.force_login(regisseur)

    response = client.get(url("pot", budgetpot.opgave))

    assertContains(response, "Meerderheid, gewogen naar bijdrage.")
    assertContains(response, "samen meer dan de helft van de pot bijdroegen")


def test_the_kassier_and_manager_sees_every_button(client, budgetpot, regisseur):
    client.force_login(regisseur)
    response = client.get(url("pot", budgetpot.opgave))

    opgave = budgetpot.opgave
    pledged, received = (
        budgetpot.bijdragen.order_by("-waarde")[1],
        budgetpot.bijdragen.get(waarde=Decimal("50000.00")),
    )
    assertContains(response, url("pot_bewerken", opgave))
    assertContains(response, url("bijdrage_nieuw", opgave))
    assertContains(response, url("bijdrage_ontvangen", opgave, pk=pledged.pk))
    assertNotContains(response, url("bijdrage_ontvangen", opgave, pk=received.pk))
    assertContains(response, url("bijdrage_intrekken", opgave, pk=pledged.pk))
    assertContains(response, url("bijdrage_intrekken", opgave, pk=received.pk))


def test_a_funder_records_and_withdraws_only_for_its_own_organisation(
    client, budgetpot, partner_lid, organisatie
):
    client.force_login(partner_lid)
    response = client.get(url("pot", budgetpot.opgave))

    opgave = budgetpot.opgave
    eigen = budgetpot.bijdragen.get(organisatie=organisatie)
    andere = budgetpot.bijdragen.exclude(organisatie=organisatie).get()
    assertContains(response, url("bijdrage_nieuw", opgave))
    assertContains(response, url("bijdrage_intrekken", opgave, pk=eigen.pk))
    assertNotContains(response, url("bijdrage_intrekken", opgave, pk=andere.pk))
    assertNotContains(response, "/ontvangen/")
    assertNotContains(response, url("pot_bewerken", opgave))


def test_an_official_without_a_role_only_reads(client, budgetpot, ambtenaar):
    client.force_login(ambtenaar)
    response = client.get(url("pot", budgetpot.opgave))

    assertContains(response, f"{EURO}80.000,00")
    for fragment in ("/bewerken/", "/bijdragen/nieuw/", "/ontvangen/", "/intrekken/"):
        assertNotContains(response, fragment)


def test_a_closed_opgave_shows_no_buttons_to_its_kassier(client, budgetpot, regisseur):
    from opgaven.models import Opgave

    Opgave.objects.filter(pk=budgetpot.opgave_id).update(fase="afgerond")
    client.force_login(regisseur)

    response = client.get(url("pot", budgetpot.opgave))

    assertContains(response, f"{EURO}80.000,00")
    for fragment in ("/bewerken/", "/bijdragen/nieuw/", "/ontvangen/", "/intrekken/"):
        assertNotContains(response, fragment)


def test_the_chart_comes_with_a_table_of_the_same_amounts(client, budgetpot, partner_lid):
    client.force_login(partner_lid)
    response = client.get(url("pot", budgetpot.opgave))

    grafiek = response.context["grafiek_partners"]
    assert grafiek.startswith("data:image/svg+xml;base64,")
    assertContains(response, f'src="{grafiek}"')
    assertContains(response, "Staafdiagram van wat elke partner bijdraagt")
    svg = base64.b64decode(grafiek.split(",", 1)[1]).decode()
    assert "Gemeente Demodam" in svg
    assert "Woonstichting Demodam" in svg
    # The table gives the same numbers per partner and kind.
    assertContains(response, "Bijgedragen per partner en soort")
    rijen = {rij.naam: rij for rij in response.context["overzicht"].partners}
    assert rijen["Gemeente Demodam"].geld == Decimal("50000.00")
    assert rijen["Gemeente Demodam"].ontvangen == Decimal("50000.00")
    assert rijen["Woonstichting Demodam"].geld == Decimal("30000.00")
    assert rijen["Woonstichting Demodam"].ontvangen == Decimal(0)
    # No allocations yet: no chart or table per action.
    assert response.context["grafiek_acties"] is None
    assertNotContains(response, "Toegewezen en besteed per actie")


def test_allocated_and_spent_per_action(client, budgetpot, actie, regisseur):
    toewijzing_voorstellen(pot=budgetpot, actie=actie, bedrag=Decimal("12345.67"), door=regisseur)
    client.force_login(regisseur)

    response = client.get(url("pot", budgetpot.opgave))

    (rij,) = response.context["overzicht"].acties
    assert (rij.titel, rij.toegewezen, rij.voorgesteld, rij.besteed) == (
        "Isolatie van 300 huurwoningen",
        Decimal("12345.67"),
        Decimal("12345.67"),
        Decimal(0),
    )
    assertContains(response, f"{EURO}12.345,67")
    assertContains(response, f"{EURO}67.654,33")  # available
    assert response.context["grafiek_acties"].startswith("data:image/svg+xml;base64,")
    assertContains(response, "Toegewezen en besteed per actie")
    # The allocations' own list (another page's partial) gets what it needs.
    assert [t.bedrag for t in response.context["toewijzingen"]] == [Decimal("12345.67")]
    assert response.context["rechten"].is_kassier


def test_the_budget_pages_need_no_inline_code(client, budgetpot, regisseur):
    client.force_login(regisseur)
    bijdrage = budgetpot.bijdragen.first()
    for path in (
        url("pot", budgetpot.opgave),
        url("pot_bewerken", budgetpot.opgave),
        url("bijdrage_nieuw", budgetpot.opgave),
        url("bijdrage_intrekken", budgetpot.opgave, pk=bijdrage.pk),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert inline_code(response.content.decode()) == [], path


# --- Opening the pot --------------------------------------------------------------------


def test_the_form_proposes_today_to_the_end_of_next_year_and_the_involved_organisations(
    client, opgave, regisseur, organisatie, gemeente, andere_organisatie
):
    client.force_login(regisseur)
    response = client.get(url("pot_nieuw", opgave))

    vandaag = timezone.localdate()
    form = response.context["form"]
    assert form.initial["begin"] == vandaag
    assert form.initial["eind"] == date(vandaag.year + 1, 12, 31)
    assert list(form.fields["kassier"].queryset) == [gemeente, organisatie]
    assertContains(response, f'value="{vandaag:%Y-%m-%d}"')
    assertNotContains(response, "Sportclub Westerdijk")


def test_the_regisseur_opens_the_pot(client, opgave, regisseur, gemeente):
    client.force_login(regisseur)
    response = client.post(url("pot_nieuw", opgave), pot_data(gemeente), follow=True)

    assertContains(response, "Het budget “Samen van het gas af” is geopend.")
    pot = Budgetpot.objects.get(opgave=opgave)
    assert (pot.kassier, pot.begin, pot.eind, pot.regel) == (
        gemeente,
        date(2026, 1, 1),
        date(2027, 12, 31),
        Budgetpot.Regel.MEERDERHEID,
    )
    assertContains(response, "Meerderheid, gewogen naar bijdrage.")


@pytest.mark.parametrize(
    ("fouten", "melding"),
    [
        ({"eind": "2025-12-31"}, "De periode kan niet eindigen voordat ze begint."),
        ({"naam": " "}, "Dit veld is verplicht."),
        ({"begin": "morgen"}, "Voer een geldige datum in."),
        ({"regel": "dictatuur"}, "Selecteer een geldige keuze."),
    ],
)
def test_bad_input_gives_400_in_dutch_and_opens_nothing(
    client, opgave, regisseur, organisatie, fouten, melding
):
    client.force_login(regisseur)
    response = client.post(url("pot_nieuw", opgave), pot_data(organisatie, **fouten))

    assertContains(response, melding, status_code=400)
    assertContains(response, "Verbeter het volgende", status_code=400)
    assert not Budgetpot.objects.exists()


def test_an_organisation_not_involved_cannot_be_the_kassier(
    client, opgave, regisseur, andere_organisatie
):
    client.force_login(regisseur)
    response = client.post(url("pot_nieuw", opgave), pot_data(andere_organisatie))

    assertContains(response, "Selecteer een geldige keuze.", status_code=400)
    assert not Budgetpot.objects.exists()


def test_only_managers_open_the_pot(client, opgave, organisatie, partner_lid, ambtenaar):
    for user in (partner_lid, ambtenaar):
        client.force_login(user)
        assert client.get(url("pot_nieuw", opgave)).status_code == 403
        assert client.post(url("pot_nieuw", opgave), pot_data(organisatie)).status_code == 403
    assert not Budgetpot.objects.exists()


def test_a_second_pot_is_not_opened_the_page_says_so(client, budgetpot, regisseur, organisatie):
    client.force_login(regisseur)
    response = client.post(
        url("pot_nieuw", budgetpot.opgave), pot_data(organisatie, naam="Tweede pot"), follow=True
    )

    assert response.redirect_chain[-1][0] == url("pot", budgetpot.opgave)
    assertContains(response, "Deze opgave heeft al een budget: “Samen van het gas af”.")
    assert Budgetpot.objects.get().naam == "Samen van het gas af"


# --- Configuring the pot ----------------------------------------------------------------


def test_the_regisseur_changes_the_settings(client, budgetpot, regisseur, organisatie):
    client.force_login(regisseur)
    form = client.get(url("pot_bewerken", budgetpot.opgave))
    assertContains(form, 'value="2027-12-31"')
    assertContains(form, "Samen van het gas af")

    response = client.post(
        url("pot_bewerken", budgetpot.opgave),
        pot_data(organisatie, naam="Warmtefonds", eind="2028-06-30"),
        follow=True,
    )

    assertContains(response, "De instellingen van het budget zijn opgeslagen.")
    budgetpot.refresh_from_db()
    assert (budgetpot.naam, budgetpot.kassier, budgetpot.eind, budgetpot.regel) == (
        "Warmtefonds",
        organisatie,
        date(2028, 6, 30),
        Budgetpot.Regel.MEERDERHEID,
    )


def test_the_rule_cannot_change_while_funders_are_asked(
    client, budgetpot, actie, regisseur, gemeente
):
    toewijzing_voorstellen(pot=budgetpot, actie=actie, bedrag=Decimal("1000.00"), door=regisseur)
    client.force_login(regisseur)

    response = client.post(url("pot_bewerken", budgetpot.opgave), pot_data(gemeente))

    with translation.override("nl"):
        melding = gettext(
            "The consent rule cannot change while allocations await the funders' "
            "answer. Decide or withdraw those first."
        )
    assert response.status_code == 400
    assert melding in response.content.decode().replace("&#x27;", "'")
    budgetpot.refresh_from_db()
    assert (budgetpot.regel, budgetpot.begin) == (Budgetpot.Regel.UNANIEM, date(2026, 1, 1))


def test_partners_do_not_configure_the_pot(client, budgetpot, partner_lid, organisatie):
    client.force_login(partner_lid)
    response = client.post(url("pot_bewerken", budgetpot.opgave), pot_data(organisatie))

    assert response.status_code == 403
    budgetpot.refresh_from_db()
    assert budgetpot.regel == Budgetpot.Regel.UNANIEM


def test_configuring_without_a_pot_gives_404(client, opgave, regisseur):
    client.force_login(regisseur)
    assert client.get(url("pot_bewerken", opgave)).status_code == 404


# --- Query counts -----------------------------------------------------------------------


def _queries(client, path) -> int:
    client.get(path)  # warm the process-wide caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("persona", ["regisseur", "partner_lid"])
def test_the_page_costs_the_same_for_1_and_50_contributions_and_allocations(
    client, request, opgave, gemeente, organisatie, actie, regisseur, persona
):
    pot = pot_aanmaken(
        opgave=opgave,
        naam="Pot",
        kassier=gemeente,
        begin=date(2026, 1, 1),
        eind=date(2026, 12, 31),
    )
    bijdrage_toevoegen(
        pot=pot, organisatie=gemeente, soort="geld", waarde=Decimal("100000"), door=regisseur
    )
    toewijzing_voorstellen(pot=pot, actie=actie, bedrag=Decimal("100"), door=regisseur)
    client.force_login(request.getfixturevalue(persona))
    path = url("pot", opgave)
    een = _queries(client, path)

    partners: list[Organisatie] = [organisatie]
    for nummer in range(5):
        partner = organisatie_create(
            naam=f"Partner {nummer}", soort=Organisatie.Soort.MAATSCHAPPELIJK
        )
        Betrokkenheid.objects.create(
            opgave=opgave, organisatie=partner, aard=Betrokkenheid.Aard.LEVERT_MIDDELEN
        )
        partners.append(partner)
    for nummer in range(49):
        soort = ("geld", "uren", "natura")[nummer % 3]
        bijdrage_toevoegen(
            pot=pot,
            organisatie=partners[nummer % len(partners)],
            soort=soort,
            waarde=Decimal("250.00") if soort != "uren" else None,
            uren=Decimal("4") if soort == "uren" else None,
            uurtarief=Decimal("62.50") if soort == "uren" else None,
            ontvangen=nummer % 2 == 0,
            door=regisseur,
        )
        toewijzing_voorstellen(pot=pot, actie=actie, bedrag=Decimal("10"), door=regisseur)
    vijftig = _queries(client, path)

    response = client.get(path)
    assert len(response.context["bijdragen"]) == 50
    assert len(response.context["toewijzingen"]) == 50
    assert len(response.context["overzicht"].partners) == 7
    assert vijftig == een
    assert vijftig <= 15, vijftig
