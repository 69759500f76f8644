"""Feedback on input through the pages (issue 6 point 5): the overview of a round's
input with its feedback, and the feedback form. Success, notification of the
author, refusals with status 400, IDOR, privacy and query counts."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from meldingen.models import Melding, Soort
from opgaven.models import Actie, Besluit, PlanVanAanpak
from participatie.models import Inbreng, Terugkoppeling
from participatie.services import deelnemen, inbreng_indienen, terugkoppelen, verbergen
from tests.factories import UserFactory
from tests.test_csp import inline_code

pytestmark = pytest.mark.django_db


def overzicht(ronde):
    return reverse("participatie:terugkoppeling", kwargs={"slug": ronde.slug})


def formulier(ronde, inbreng):
    return reverse("participatie:terugkoppelen", kwargs={"slug": ronde.slug, "pk": inbreng.pk})


def inbreng_van_nieuwe_inwoner(ronde, titel):
    auteur = UserFactory(weergavenaam="")
    deelnemen(ronde=ronde, user=auteur)
    return inbreng_indienen(ronde=ronde, auteur=auteur, soort="zorg", titel=titel, tekst="Tekst.")


def besluit_van(opgave, titel="Buurtkamer in de bibliotheek"):
    return Besluit.objects.create(
        opgave=opgave,
        datum=date(2026, 12, 1),
        orgaan=Besluit.Orgaan.COLLEGE,
        titel=titel,
        motivering="Er is ruimte.",
    )


# --- The overview -------------------------------------------------------------------------------


def test_the_overview_shows_every_input_with_its_feedback_and_public_names(
    client, regisseur, ronde, inbreng, inwoner
):
    tweede = inbreng_van_nieuwe_inwoner(ronde, "Te weinig bankjes")
    terugkoppelen(inbreng=tweede, door=regisseur, status="overgenomen", motivering="Komen er.")
    client.force_login(regisseur)

    response = client.get(overzicht(ronde))

    assertContains(response, inbreng.titel)
    assertContains(response, tweede.titel)
    assertContains(response, inwoner.weergavenaam)
    assertNotContains(response, inwoner.email)
    assertNotContains(response, tweede.auteur.email)
    assertContains(response, formulier(ronde, inbreng))
    assert response.context["aantallen"] == {"totaal": 2, "zonder": 1}
    assert inline_code(response.content.decode()) == []


def test_the_filter_shows_only_input_without_feedback(client, regisseur, ronde, inbreng):
    klaar = inbreng_van_nieuwe_inwoner(ronde, "Te weinig bankjes")
    terugkoppelen(inbreng=klaar, door=regisseur, status="overgenomen", motivering="Komen er.")
    verborgen = inbreng_van_nieuwe_inwoner(ronde, "Scheldpartij")
    verbergen(door=regisseur, reden="Grof", inbreng=verborgen)
    client.force_login(regisseur)

    response = client.get(overzicht(ronde), {"filter": "zonder"})

    assert [rij.pk for rij in response.context["inbreng"]] == [inbreng.pk]
    assertNotContains(response, klaar.titel)
    assertNotContains(response, verborgen.titel)
    # Without the filter the hidden input is listed, needing no feedback.
    alles = client.get(overzicht(ronde))
    assert {rij.pk for rij in alles.context["inbreng"]} == {inbreng.pk, klaar.pk, verborgen.pk}


def test_the_overview_costs_the_same_for_1_and_50_inputs(client, regisseur, ronde, inbreng):
    def telling():
        with CaptureQueriesContext(connection) as context:
            response = client.get(overzicht(ronde))
        assert response.status_code == 200
        return len(context)

    client.force_login(regisseur)
    een = telling()
    for nummer in range(49):
        nieuw = inbreng_van_nieuwe_inwoner(ronde, f"Inbreng {nummer}")
        if nummer % 2:
            terugkoppelen(inbreng=nieuw, door=regisseur, status="in_behandeling", motivering="Ja.")
    vijftig = telling()
    assert vijftig == een
    assert een <= 15


def test_the_overview_pages_after_50(client, regisseur, ronde, inbreng):
    for nummer in range(50):
        inbreng_indienen(
            ronde=ronde, auteur=inbreng.auteur, soort="idee", titel=f"Nr {nummer}", tekst="T."
        )
    client.force_login(regisseur)
    eerste = client.get(overzicht(ronde))
    tweede = client.get(overzicht(ronde), {"pagina": 2})
    assert len(eerste.context["inbreng"]) == 50
    assert [rij.titel for rij in tweede.context["inbreng"]] == ["Nr 49"]
    assert client.get(overzicht(ronde), {"pagina": "x"}).status_code == 200


def test_post_on_the_overview_gives_405(client, regisseur, ronde):
    client.force_login(regisseur)
    assert client.post(overzicht(ronde)).status_code == 405


# --- Giving feedback -------------------------------------------------------------------------


def test_the_regisseur_gives_feedback_and_the_author_is_told(
    client, regisseur, ronde, inbreng, actie
):
    besluit = besluit_van(ronde.opgave)
    client.force_login(regisseur)
    pagina = client.get(formulier(ronde, inbreng))
    assertContains(pagina, inbreng.tekst)
    assertContains(pagina, besluit.titel)
    assertContains(pagina, actie.titel)
    assert inline_code(pagina.content.decode()) == []

    response = client.post(
        formulier(ronde, inbreng),
        {
            "status": "overgenomen",
            "motivering": "De bibliotheek doet mee vanaf maart.",
            "besluit": besluit.pk,
            "actie": actie.pk,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == overzicht(ronde)
    terugkoppeling = Terugkoppeling.objects.get(inbreng=inbreng)
    assert (terugkoppeling.status, terugkoppeling.besluit, terugkoppeling.actie) == (
        "overgenomen",
        besluit,
        actie,
    )
    assert terugkoppeling.door == regisseur
    assert Inbreng.objects.get(pk=inbreng.pk).status == Inbreng.Status.OVERGENOMEN
    assert Melding.objects.filter(soort=Soort.TERUGKOPPELING, ontvanger=inbreng.auteur).exists()


def test_changing_feedback_prefills_the_form(client, regisseur, ronde, inbreng):
    besluit = besluit_van(ronde.opgave)
    terugkoppelen(
        inbreng=inbreng,
        door=regisseur,
        status="in_behandeling",
        motivering="We kijken ernaar.",
        besluit=besluit,
    )
    client.force_login(regisseur)

    pagina = client.get(formulier(ronde, inbreng))

    assert pagina.context["form"].initial == {
        "status": "in_behandeling",
        "motivering": "We kijken ernaar.",
        "besluit": besluit.pk,
        "actie": None,
    }
    assertContains(pagina, "We kijken ernaar.")
    client.post(formulier(ronde, inbreng), {"status": "niet_overgenomen", "motivering": "Te duur."})
    terugkoppeling = Terugkoppeling.objects.get(inbreng=inbreng)
    assert (terugkoppeling.status, terugkoppeling.besluit) == ("niet_overgenomen", None)


def test_feedback_without_motivation_gives_400_and_nothing(client, regisseur, ronde, inbreng):
    client.force_login(regisseur)
    response = client.post(formulier(ronde, inbreng), {"status": "overgenomen", "motivering": " "})
    assertContains(response, "error-summary", status_code=400)
    assert not Terugkoppeling.objects.exists()
    assert not Melding.objects.filter(soort=Soort.TERUGKOPPELING).exists()


def test_a_decision_or_action_of_another_opgave_cannot_be_linked(
    client, regisseur, ronde, inbreng, andere_opgave, andere_organisatie
):
    vreemd_besluit = besluit_van(andere_opgave, "Vreemd besluit")
    plan = PlanVanAanpak.objects.create(opgave=andere_opgave, versie=1)
    vreemde_actie = Actie.objects.create(
        opgave=andere_opgave, plan=plan, titel="Vreemde actie", trekker=andere_organisatie
    )
    client.force_login(regisseur)

    pagina = client.get(formulier(ronde, inbreng))
    assertNotContains(pagina, vreemd_besluit.titel)
    assertNotContains(pagina, vreemde_actie.titel)
    for veld, waarde in (("besluit", vreemd_besluit.pk), ("actie", vreemde_actie.pk)):
        response = client.post(
            formulier(ronde, inbreng),
            {"status": "overgenomen", "motivering": "Komt er.", veld: waarde},
        )
        assert response.status_code == 400
        assert response.context["form"].has_error(veld)
    assert not Terugkoppeling.objects.exists()


def test_input_of_another_round_is_a_404(client, regisseur, ronde, andere_ronde):
    vreemd = andere_ronde.inbreng.get()
    client.force_login(regisseur)
    assert client.get(formulier(ronde, vreemd)).status_code == 404
    data = {"status": "overgenomen", "motivering": "Komt er."}
    assert client.post(formulier(ronde, vreemd), data).status_code == 404
    assert not Terugkoppeling.objects.exists()


@pytest.mark.parametrize("persona", ["ambtenaar", "partner_lid", "inwoner"])
def test_only_managers_give_feedback(client, request, ronde, inbreng, persona):
    client.force_login(request.getfixturevalue(persona))
    data = {"status": "overgenomen", "motivering": "Komt er."}
    assert client.get(formulier(ronde, inbreng)).status_code == 403
    assert client.post(formulier(ronde, inbreng), data).status_code == 403
    assert not Terugkoppeling.objects.exists()


def test_the_manager_of_the_other_round_gives_feedback_there(client, ambtenaar, andere_ronde):
    vreemd = andere_ronde.inbreng.get()
    client.force_login(ambtenaar)
    response = client.post(
        formulier(andere_ronde, vreemd), {"status": "deels_overgenomen", "motivering": "Deels."}
    )
    assert response.status_code == 302
    assert Terugkoppeling.objects.get().inbreng == vreemd


def test_the_feedback_form_gives_405_on_delete(client, regisseur, ronde, inbreng):
    client.force_login(regisseur)
    assert client.delete(formulier(ronde, inbreng)).status_code == 405
