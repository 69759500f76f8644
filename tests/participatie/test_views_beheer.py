"""Managing rounds through the pages (issue 6 point 1): the participation tab of an
opgave, a new round, editing it and moving its status. Success, refusals as form
errors with status 400, who may do what, no writes on GET, and query counts."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from opgaven.models import Gebied
from participatie.models import TREDE_UITLEG, Ronde, Trede
from participatie.services import (
    inbreng_indienen,
    markeren,
    ronde_aanmaken,
    ronde_status_wijzigen,
    terugkoppelen,
)
from tests.factories import UserFactory
from tests.test_csp import inline_code

pytestmark = pytest.mark.django_db


def tab(opgave):
    return reverse("participatie:opgave_rondes", kwargs={"slug": opgave.slug})


def url(name, ronde):
    return reverse(f"participatie:{name}", kwargs={"slug": ronde.slug})


def ronde_data(**extra):
    return {
        "titel": "Buurtkamers in Noorderpolder",
        "vraag": "Waar wil jij een buurtkamer?",
        "toelichting": "Er komen er twee.",
        "invloedsruimte": "Je kiest de plek. Het aantal buurtkamers ligt vast.",
        "trede": Trede.RAADPLEGEN,
        "start": "2026-11-01",
        "eind": "2027-01-31",
        "met_inbreng": "on",
        "met_sessies": "on",
        **extra,
    }


def nieuwe_ronde(opgave, door, titel):
    return ronde_aanmaken(
        opgave=opgave,
        door=door,
        titel=titel,
        vraag="Wat vind jij?",
        invloedsruimte="Alles ligt nog open.",
        trede=Trede.RAADPLEGEN,
        start=date(2026, 1, 1),
        eind=date(2026, 3, 1),
    )


def idee(ronde, auteur, titel="Een idee"):
    return inbreng_indienen(ronde=ronde, auteur=auteur, soort="idee", titel=titel, tekst="Tekst.")


# --- The participation tab -------------------------------------------------------------------


def test_the_tab_lists_drafts_and_the_work_to_do_for_the_regisseur(
    client, regisseur, ronde, concept_ronde, inbreng, inwoner
):
    tweede = idee(ronde, inwoner, "Een moestuin")
    terugkoppelen(inbreng=tweede, door=regisseur, status="overgenomen", motivering="Komt er.")
    markeren(melder=UserFactory(), reden="Reclame", inbreng=inbreng)
    client.force_login(regisseur)

    response = client.get(tab(ronde.opgave))

    assertContains(response, ronde.titel)
    assertContains(response, concept_ronde.titel)
    assertContains(
        response, reverse("participatie:ronde_nieuw", kwargs={"slug": ronde.opgave.slug})
    )
    rij = response.context["rondes"]
    open_rij = next(r for r in rij if r.pk == ronde.pk)
    assert (
        open_rij.aantal_inbreng,
        open_rij.aantal_zonder_terugkoppeling,
        open_rij.aantal_open_markeringen,
    ) == (2, 1, 1)
    assertContains(response, url("terugkoppeling", ronde) + "?filter=zonder")
    assertContains(response, url("moderatie", ronde))
    # The tab is current in the workspace's tab bar.
    assertContains(response, f'href="{tab(ronde.opgave)}" aria-current="page"')


def test_a_partner_reads_the_public_rounds_without_drafts_or_manage_links(
    client, partner_lid, ronde, concept_ronde
):
    client.force_login(partner_lid)

    response = client.get(tab(ronde.opgave))

    assertContains(response, ronde.titel)
    assertNotContains(response, concept_ronde.titel)
    assertNotContains(response, url("ronde_bewerken", ronde))
    assertNotContains(response, url("moderatie", ronde))
    assertNotContains(
        response, reverse("participatie:ronde_nieuw", kwargs={"slug": ronde.opgave.slug})
    )


def test_the_tab_is_in_the_workspace_after_the_budget(client, regisseur, opgave):
    client.force_login(regisseur)
    response = client.get(reverse("opgaven:besluiten", kwargs={"slug": opgave.slug}))
    urls = [item["url"] for item in response.context["tabs"]]
    budget = reverse("budget:pot", kwargs={"slug": opgave.slug})
    assert urls[urls.index(budget) + 1] == tab(opgave)


def test_the_tab_costs_the_same_for_1_and_8_rounds(client, regisseur, opgave, inwoner):
    def telling():
        with CaptureQueriesContext(connection) as context:
            response = client.get(tab(opgave))
        assert response.status_code == 200
        return len(context)

    client.force_login(regisseur)
    nieuwe_ronde(opgave, regisseur, "Ronde 0")
    een = telling()
    for nummer in range(1, 8):
        nieuw = nieuwe_ronde(opgave, regisseur, f"Ronde {nummer}")
        nieuw = ronde_status_wijzigen(ronde=nieuw, naar=Ronde.Status.OPEN, door=regisseur)
    assert telling() == een
    assert een <= 14


# --- A new round ------------------------------------------------------------------------------


def test_the_form_explains_every_rung_and_groups_the_areas(client, regisseur, opgave):
    client.force_login(regisseur)

    response = client.get(reverse("participatie:ronde_nieuw", kwargs={"slug": opgave.slug}))

    for trede in Trede:
        assertContains(response, str(TREDE_UITLEG[trede]))
    wijk = Gebied.objects.filter(niveau=Gebied.Niveau.WIJK).first()
    assertContains(response, f"{wijk.get_niveau_display()} {wijk.naam}</legend>")
    assert inline_code(response.content.decode()) == []


def test_the_regisseur_creates_a_draft_round(client, regisseur, opgave):
    wijk = Gebied.objects.filter(niveau=Gebied.Niveau.WIJK).first()
    client.force_login(regisseur)

    response = client.post(
        reverse("participatie:ronde_nieuw", kwargs={"slug": opgave.slug}),
        ronde_data(gebieden=[wijk.pk]),
    )

    ronde = Ronde.objects.get(titel="Buurtkamers in Noorderpolder")
    assert response.status_code == 302
    assert response["Location"] == ronde.get_absolute_url()
    assert (ronde.opgave, ronde.status, ronde.trede, ronde.aangemaakt_door) == (
        opgave,
        Ronde.Status.ONTWERP,
        Trede.RAADPLEGEN,
        regisseur,
    )
    assert (ronde.met_inbreng, ronde.met_steun, ronde.met_sessies) == (True, False, True)
    assert list(ronde.gebieden.all()) == [wijk]


def test_a_round_that_ends_before_it_starts_gives_400_and_nothing(client, regisseur, opgave):
    client.force_login(regisseur)

    response = client.post(
        reverse("participatie:ronde_nieuw", kwargs={"slug": opgave.slug}),
        ronde_data(eind="2026-10-01", invloedsruimte=""),
    )

    assertContains(response, "error-summary", status_code=400)
    assertContains(response, gettext("A round cannot end before it starts."), status_code=400)
    assert response.context["form"].has_error("invloedsruimte")
    assert not Ronde.objects.exists()


@pytest.mark.parametrize("persona", ["ambtenaar", "partner_lid"])
def test_only_officials_with_a_role_on_the_opgave_create_rounds(client, request, opgave, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        reverse("participatie:ronde_nieuw", kwargs={"slug": opgave.slug}), ronde_data()
    )
    assert response.status_code == 403
    assert not Ronde.objects.exists()


# --- Editing ------------------------------------------------------------------------------------


def test_editing_prefills_and_saves(client, regisseur, concept_ronde):
    client.force_login(regisseur)
    formulier = client.get(url("ronde_bewerken", concept_ronde))
    assert formulier.context["form"].initial["invloedsruimte"] == concept_ronde.invloedsruimte
    assertContains(formulier, concept_ronde.vraag)

    response = client.post(
        url("ronde_bewerken", concept_ronde), ronde_data(titel="Buurtkamers, tweede poging")
    )

    assert response.status_code == 302
    concept_ronde.refresh_from_db()
    assert concept_ronde.titel == "Buurtkamers, tweede poging"
    assert concept_ronde.slug == "conceptronde-buurtkamers"  # the slug stays
    assert concept_ronde.trede == Trede.RAADPLEGEN
    assert not concept_ronde.met_steun


def test_editing_refuses_a_period_backwards(client, regisseur, ronde):
    client.force_login(regisseur)
    response = client.post(url("ronde_bewerken", ronde), ronde_data(start="2027-02-01"))
    assert response.status_code == 400
    ronde.refresh_from_db()
    assert ronde.titel == "Samen tegen eenzaamheid in Noorderpolder"


@pytest.mark.parametrize(
    ("persona", "fixture", "status"),
    [
        ("ambtenaar", "concept_ronde", 404),  # a draft of someone else's opgave
        ("ambtenaar", "ronde", 403),  # the verb, but no role on the opgave
        ("partner_lid", "ronde", 403),
        ("inwoner", "ronde", 403),
        ("regisseur", "andere_ronde", 403),
    ],
)
def test_who_may_not_manage_a_round(client, request, persona, fixture, status):
    ronde = request.getfixturevalue(fixture)
    client.force_login(request.getfixturevalue(persona))
    for name in ("ronde_bewerken", "ronde_status", "terugkoppeling", "moderatie"):
        assert client.get(url(name, ronde)).status_code == status, name
    assert client.post(url("ronde_status", ronde), {"naar": "gesloten"}).status_code == status
    assert Ronde.objects.get(pk=ronde.pk).status == ronde.status


def test_anonymous_visitors_are_sent_to_log_in(client, ronde):
    response = client.get(url("ronde_bewerken", ronde))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- Status -----------------------------------------------------------------------------------


def test_the_status_page_offers_only_the_next_statuses(client, regisseur, ronde):
    client.force_login(regisseur)

    response = client.get(url("ronde_status", ronde))

    keuzes = [keuze["keuze"].data["value"] for keuze in response.context["keuzes"]]
    assert keuzes == [Ronde.Status.GESLOTEN]
    assert inline_code(response.content.decode()) == []


def test_get_changes_nothing(client, regisseur, concept_ronde):
    client.force_login(regisseur)
    assert client.get(url("ronde_status", concept_ronde), {"naar": "open"}).status_code == 200
    concept_ronde.refresh_from_db()
    assert concept_ronde.status == Ronde.Status.ONTWERP


def test_the_regisseur_opens_and_closes_a_round(client, regisseur, concept_ronde):
    client.force_login(regisseur)

    response = client.post(url("ronde_status", concept_ronde), {"naar": "open"})

    assert response.status_code == 302
    concept_ronde.refresh_from_db()
    assert concept_ronde.status == Ronde.Status.OPEN
    client.post(url("ronde_status", concept_ronde), {"naar": "gesloten"})
    concept_ronde.refresh_from_db()
    assert concept_ronde.status == Ronde.Status.GESLOTEN
    assert concept_ronde.gesloten_op is not None


def test_a_step_the_rules_do_not_allow_gives_400(client, regisseur, ronde):
    client.force_login(regisseur)
    response = client.post(url("ronde_status", ronde), {"naar": "teruggekoppeld"})
    assert response.status_code == 400
    assert response.context["form"].has_error("naar")
    ronde.refresh_from_db()
    assert ronde.status == Ronde.Status.OPEN


def test_feedback_is_refused_while_input_lacks_it_and_the_page_lists_it(
    client, regisseur, ronde, inbreng, inwoner
):
    met = idee(ronde, inwoner, "Al teruggekoppeld")
    terugkoppelen(inbreng=met, door=regisseur, status="overgenomen", motivering="Komt er.")
    ronde = ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.GESLOTEN, door=regisseur)
    client.force_login(regisseur)

    response = client.post(url("ronde_status", ronde), {"naar": "teruggekoppeld"})

    assert response.status_code == 400
    assertContains(response, inbreng.titel, status_code=400)
    assertContains(
        response,
        reverse("participatie:terugkoppelen", kwargs={"slug": ronde.slug, "pk": inbreng.pk}),
        status_code=400,
    )
    assert [i.pk for i in response.context["ontbreekt"]] == [inbreng.pk]
    assert response.context["form"].non_field_errors()
    ronde.refresh_from_db()
    assert (ronde.status, ronde.teruggekoppeld_op) == (Ronde.Status.GESLOTEN, None)


def test_with_feedback_on_every_input_the_round_is_fed_back(client, regisseur, ronde, inbreng):
    terugkoppelen(inbreng=inbreng, door=regisseur, status="deels_overgenomen", motivering="Deels.")
    ronde = ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.GESLOTEN, door=regisseur)
    client.force_login(regisseur)

    assert client.get(url("ronde_status", ronde)).context["ontbreekt"] == []
    response = client.post(url("ronde_status", ronde), {"naar": "teruggekoppeld"})

    assert response.status_code == 302
    ronde.refresh_from_db()
    assert ronde.status == Ronde.Status.TERUGGEKOPPELD
    assert client.get(url("ronde_status", ronde)).context["keuzes"] == []


@pytest.mark.parametrize("name", ["ronde_bewerken", "ronde_status"])
def test_wrong_methods_give_405(client, regisseur, ronde, name):
    client.force_login(regisseur)
    assert client.delete(url(name, ronde)).status_code == 405
    assert client.post(tab(ronde.opgave)).status_code == 405


def test_the_manage_partials_link_only_for_managers(rf, ronde, inbreng):
    from django.template.loader import render_to_string

    ronde.aantal_open_markeringen = 3
    knoppen = render_to_string(
        "participatie/beheer/_knoppen.html", {"ronde": ronde, "kan_beheren": True}
    )
    assert url("ronde_bewerken", ronde) in knoppen
    assert url("moderatie", ronde) in knoppen
    assert "3" in knoppen
    assert not render_to_string(
        "participatie/beheer/_knoppen.html", {"ronde": ronde, "kan_beheren": False}
    ).strip()
    link = reverse("participatie:terugkoppelen", kwargs={"slug": ronde.slug, "pk": inbreng.pk})
    context = {"ronde": ronde, "inbreng": inbreng}
    assert link in render_to_string(
        "participatie/beheer/_inbreng_knoppen.html", {**context, "kan_beheren": True}
    )
    assert link not in render_to_string(
        "participatie/beheer/_inbreng_knoppen.html", {**context, "kan_beheren": False}
    )
