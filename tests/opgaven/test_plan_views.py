"""The plan tab: what each persona sees and may do, bad input, IDOR and query counts (4.8, 4.11)."""

import itertools
import re
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from meldingen.models import Melding, Soort
from opgaven.models import Actie, Betrokkenheid, Doel, Instemming, PlanVanAanpak
from opgaven.permissions import can_answer_instemming, can_change_actie_status
from opgaven.services.plan import (
    actie_toevoegen,
    instemming_beantwoorden,
    plan_aanmaken,
    plan_nieuwe_versie,
    plan_ter_instemming_voorleggen,
)
from partners.models import Lidmaatschap, Organisatie
from partners.services import lidmaatschap_toevoegen, organisatie_create
from tests.factories import UserFactory
from tests.matrix.plan import zorggroep
from tests.test_csp import inline_code

pytestmark = pytest.mark.django_db


def url(name, opgave, **kwargs):
    return reverse(f"opgaven:{name}", kwargs={"slug": opgave.slug, **kwargs})


@pytest.fixture
def zorg(opgave):
    return zorggroep(opgave)


@pytest.fixture
def zorg_lid(zorg):
    """A plain member (not a contact person) of Zorggroep Demodam."""
    user = UserFactory(weergavenaam="Lotte Lid")
    lidmaatschap_toevoegen(organisatie=zorg, user=user, rol=Lidmaatschap.Rol.LID)
    return user


@pytest.fixture
def plan(opgave):
    return plan_aanmaken(opgave=opgave, samenvatting="Samen van het gas af.")


@pytest.fixture
def acties(plan, organisatie, zorg):
    doel = Doel.objects.create(opgave=plan.opgave, titel="Minder gasverbruik")
    eigen = actie_toevoegen(
        plan=plan,
        titel="Warmtescan voor elke woning",
        trekker=organisatie,
        uitvoerders=[zorg],
        doel=doel,
        start=date(2026, 3, 1),
        eind=date(2026, 9, 30),
    )
    andere = actie_toevoegen(plan=plan, titel="Huisbezoeken ouderen", trekker=zorg)
    return eigen, andere


@pytest.fixture
def voorgelegd(plan, acties, regisseur, zorg):
    plan_ter_instemming_voorleggen(plan=plan, door=regisseur)
    plan.refresh_from_db()
    return plan


def instemming(plan, organisatie):
    return Instemming.objects.get(plan=plan, organisatie=organisatie)


# --- Reading ---------------------------------------------------------------------------


def test_without_a_plan_the_regisseur_can_start_one_a_partner_cannot(
    client, opgave, regisseur, partner_lid
):
    client.force_login(regisseur)
    response = client.get(url("plan", opgave))
    assertContains(response, "Deze opgave heeft nog geen plan van aanpak.")
    assertContains(response, url("plan_aanmaken", opgave))

    client.force_login(partner_lid)
    response = client.get(url("plan", opgave))
    assertContains(response, "Het team van de opgave stelt het op")
    assertNotContains(response, url("plan_aanmaken", opgave))


def test_starting_the_plan_makes_version_1(client, opgave, regisseur):
    client.force_login(regisseur)
    response = client.post(url("plan_aanmaken", opgave), follow=True)

    assertContains(response, "Versie 1 van het plan van aanpak is opgesteld.")
    assertContains(response, "Plan van aanpak, versie 1")
    assert PlanVanAanpak.objects.get(opgave=opgave).status == PlanVanAanpak.Status.CONCEPT


def test_starting_a_second_first_plan_gives_400_in_dutch(client, opgave, plan, regisseur):
    client.force_login(regisseur)
    response = client.post(url("plan_aanmaken", opgave))

    assertContains(response, "Deze opgave heeft al een plan van aanpak.", status_code=400)
    assert PlanVanAanpak.objects.filter(opgave=opgave).count() == 1


def test_the_tab_shows_the_actions_and_the_consent_per_organisation(
    client, voorgelegd, organisatie, zorg, partner_lid, ambtenaar
):
    instemming_beantwoorden(
        instemming=instemming(voorgelegd, organisatie),
        besluit="bezwaar",
        reden="Eerst met de huurders praten.",
        door=partner_lid,
    )
    client.force_login(ambtenaar)
    response = client.get(url("plan", voorgelegd.opgave))

    assertContains(response, "Plan van aanpak, versie 1")
    assertContains(response, "Ter instemming")
    assertContains(response, "Samen van het gas af.")
    # The actions, with trekker, uitvoerders, goal, dates and status.
    assertContains(response, "2 acties in deze versie")
    assertContains(response, "Warmtescan voor elke woning")
    assertContains(response, "Minder gasverbruik")
    assertContains(response, "1 maart 2026")
    assertContains(response, "30 september 2026")
    assertContains(response, "Gepland")
    # Consent: who objected (with the reason and who), who has not answered yet.
    assertContains(response, "2 organisaties zijn om instemming gevraagd.")
    assertContains(response, "Ingestemd: 0")
    assertContains(response, "Bezwaar gemaakt: 1")
    assertContains(response, "Wacht op antwoord: 1")
    assertContains(response, "Eerst met de huurders praten.")
    assertContains(response, "Pieter Partner")
    assertContains(response, "Wacht op antwoord")
    # An official without a role changes nothing here: no form posts to the plan.
    assertNotContains(response, f'action="{url("plan", voorgelegd.opgave)}')


def test_an_older_version_stays_readable_with_the_list_of_versions(
    client, voorgelegd, acties, regisseur, organisatie
):
    nieuw = plan_nieuwe_versie(plan=voorgelegd)
    Actie.objects.filter(plan=nieuw, titel="Huisbezoeken ouderen").delete()
    client.force_login(regisseur)

    huidig = client.get(url("plan", voorgelegd.opgave))
    assertContains(huidig, "Plan van aanpak, versie 2")
    assertNotContains(huidig, "Huisbezoeken ouderen")
    assertContains(huidig, url("plan_versie", voorgelegd.opgave, versie=1))

    oud = client.get(url("plan_versie", voorgelegd.opgave, versie=1))
    assertContains(oud, "Je leest versie 1, een eerdere versie die niet meer verandert.")
    assertContains(oud, "Huisbezoeken ouderen")
    assertContains(oud, "Warmtescan voor elke woning")
    # Read-only: no status forms, no new version from here, no editing.
    assertNotContains(oud, url("actie_status", voorgelegd.opgave, pk=acties[0].pk))
    assertNotContains(oud, url("plan_nieuwe_versie", voorgelegd.opgave, versie=1))


def test_an_unknown_version_gives_404(client, plan, regisseur):
    client.force_login(regisseur)
    assert client.get(url("plan_versie", plan.opgave, versie=2)).status_code == 404


# --- Role holders: writing and submitting ----------------------------------------------


def test_the_regisseur_adds_an_action(client, plan, regisseur, organisatie, zorg):
    client.force_login(regisseur)
    data = {
        "titel": "Buurtbijeenkomst",
        "omschrijving": "Uitleg over het warmtenet.",
        "trekker": organisatie.pk,
        "uitvoerders": [zorg.pk],
        "start": "2026-04-01",
        "eind": "2026-04-01",
        "status": "gepland",
    }
    response = client.post(url("actie_nieuw", plan.opgave, versie=1), data, follow=True)

    assertContains(response, "De actie “Buurtbijeenkomst” is toegevoegd.")
    actie = Actie.objects.get(plan=plan)
    assert (actie.trekker, list(actie.uitvoerders.all())) == (organisatie, [zorg])
    assert actie.start == date(2026, 4, 1)


@pytest.mark.parametrize(
    ("data", "fout"),
    [
        ({"titel": ""}, "Dit veld is verplicht."),
        ({"eind": "2026-01-01"}, "Een actie kan niet eindigen voordat ze begint."),
        ({"status": "half-af"}, "Selecteer een geldige keuze."),
    ],
)
def test_bad_action_input_gives_400_in_dutch_and_adds_nothing(
    client, plan, regisseur, organisatie, data, fout
):
    client.force_login(regisseur)
    geldig = {"titel": "Buurtbijeenkomst", "trekker": organisatie.pk, "start": "2026-04-01"}
    geldig["status"] = "gepland"
    response = client.post(url("actie_nieuw", plan.opgave, versie=1), {**geldig, **data})

    assertContains(response, fout, status_code=400)
    assertContains(response, "Verbeter het volgende", status_code=400)
    assert not Actie.objects.exists()


def test_an_organisation_not_involved_cannot_be_chosen_as_trekker(
    client, plan, regisseur, andere_organisatie
):
    client.force_login(regisseur)
    response = client.post(
        url("actie_nieuw", plan.opgave, versie=1),
        {"titel": "Sportdag", "trekker": andere_organisatie.pk, "status": "gepland"},
    )
    assert response.status_code == 400
    assertNotContains(response, "Sportclub Westerdijk</option>", status_code=400)
    assert not Actie.objects.exists()


def test_submitting_asks_the_organisations_and_locks_the_draft(
    client, plan, acties, regisseur, partner_lid
):
    client.force_login(regisseur)
    pagina = client.get(url("plan", plan.opgave))
    assertContains(pagina, "Zorggroep Demodam")
    assertContains(pagina, "Ter instemming voorleggen")

    response = client.post(url("plan_voorleggen", plan.opgave, versie=1), follow=True)

    assertContains(response, "De contactpersonen van 2 organisaties is gevraagd te antwoorden.")
    assert Instemming.objects.filter(plan=plan).count() == 2
    assert Melding.objects.filter(soort=Soort.INSTEMMING_GEVRAAGD, ontvanger=partner_lid).exists()
    # No more editing of this version.
    assertNotContains(response, url("actie_nieuw", plan.opgave, versie=1))
    edit = client.post(
        url("actie_bewerken", plan.opgave, pk=acties[0].pk),
        {"titel": "Anders", "trekker": acties[0].trekker_id, "status": "gepland"},
    )
    assertContains(edit, "kan niet meer worden gewijzigd", status_code=400)
    assert Actie.objects.get(pk=acties[0].pk).titel == "Warmtescan voor elke woning"


def test_submitting_without_involved_organisations_gives_400_and_changes_nothing(
    client, andere_opgave, ambtenaar
):
    plan = plan_aanmaken(opgave=andere_opgave)
    client.force_login(ambtenaar)

    response = client.post(url("plan_voorleggen", andere_opgave, versie=1))

    assertContains(
        response, "Er is nog geen organisatie bij deze opgave betrokken", status_code=400
    )
    assertContains(response, "Verbeter het volgende", status_code=400)
    plan.refresh_from_db()
    assert plan.status == PlanVanAanpak.Status.CONCEPT
    assert not Instemming.objects.exists()


def test_a_new_version_from_the_tab(client, voorgelegd, regisseur):
    client.force_login(regisseur)
    response = client.post(url("plan_nieuwe_versie", voorgelegd.opgave, versie=1), follow=True)

    assertContains(response, "Versie 2 is gemaakt als concept, met de acties van versie 1.")
    assert PlanVanAanpak.objects.get(opgave=voorgelegd.opgave, versie=2).acties.count() == 2
    voorgelegd.refresh_from_db()
    assert voorgelegd.status == PlanVanAanpak.Status.TER_INSTEMMING


# --- Partners: consent ------------------------------------------------------------------


def test_the_contact_person_sees_a_form_for_their_own_organisation_only(
    client, voorgelegd, organisatie, zorg, partner_lid
):
    client.force_login(partner_lid)
    response = client.get(url("plan", voorgelegd.opgave))

    assertContains(response, "Jouw antwoord namens Woonstichting Demodam")
    assertContains(
        response, url("instemming", voorgelegd.opgave, pk=instemming(voorgelegd, organisatie).pk)
    )
    assertNotContains(response, "Jouw antwoord namens Zorggroep Demodam")
    assertNotContains(
        response, url("instemming", voorgelegd.opgave, pk=instemming(voorgelegd, zorg).pk)
    )


def test_consent_by_every_organisation_adopts_the_plan(
    client, voorgelegd, organisatie, zorg, partner_lid, regisseur
):
    instemming_beantwoorden(
        instemming=instemming(voorgelegd, zorg), besluit="ingestemd", door=regisseur
    )
    client.force_login(partner_lid)

    response = client.post(
        url("instemming", voorgelegd.opgave, pk=instemming(voorgelegd, organisatie).pk),
        {"besluit": "ingestemd", "reden": ""},
        follow=True,
    )

    assertContains(response, "Alle organisaties hebben nu ingestemd: het plan is vastgesteld.")
    voorgelegd.refresh_from_db()
    assert voorgelegd.status == PlanVanAanpak.Status.VASTGESTELD
    assert Melding.objects.filter(soort=Soort.PLAN_VASTGESTELD, ontvanger=regisseur).exists()
    assertNotContains(response, "Jouw antwoord namens")


def test_an_objection_without_reason_gives_400_in_dutch_and_changes_nothing(
    client, voorgelegd, organisatie, partner_lid
):
    gevraagd = instemming(voorgelegd, organisatie)
    client.force_login(partner_lid)

    response = client.post(
        url("instemming", voorgelegd.opgave, pk=gevraagd.pk), {"besluit": "bezwaar", "reden": " "}
    )

    assertContains(response, "Geef een reden voor het bezwaar.", status_code=400)
    assertContains(response, "Verbeter het volgende", status_code=400)
    assertContains(response, f'href="#instemming-{gevraagd.pk}-reden"', status_code=400)
    gevraagd.refresh_from_db()
    assert gevraagd.besluit == Instemming.Besluit.OPEN
    assert not Melding.objects.filter(soort=Soort.PLAN_BEZWAAR).exists()


def test_an_objection_with_reason_is_recorded_and_told_to_the_role_holders(
    client, voorgelegd, organisatie, partner_lid, regisseur
):
    client.force_login(partner_lid)
    response = client.post(
        url("instemming", voorgelegd.opgave, pk=instemming(voorgelegd, organisatie).pk),
        {"besluit": "bezwaar", "reden": "De planning is te krap."},
        follow=True,
    )

    assertContains(response, "Het bezwaar van Woonstichting Demodam is vastgelegd.")
    assert instemming(voorgelegd, organisatie).reden == "De planning is te krap."
    assert Melding.objects.get(soort=Soort.PLAN_BEZWAAR).ontvanger == regisseur


def test_a_contact_person_cannot_answer_for_another_organisation(
    client, voorgelegd, zorg, partner_lid
):
    client.force_login(partner_lid)
    response = client.post(
        url("instemming", voorgelegd.opgave, pk=instemming(voorgelegd, zorg).pk),
        {"besluit": "ingestemd"},
    )
    assert response.status_code == 403
    assert instemming(voorgelegd, zorg).besluit == Instemming.Besluit.OPEN


def test_a_plain_member_is_no_contact_person_and_cannot_answer(client, voorgelegd, zorg, zorg_lid):
    client.force_login(zorg_lid)
    response = client.post(
        url("instemming", voorgelegd.opgave, pk=instemming(voorgelegd, zorg).pk),
        {"besluit": "ingestemd"},
    )
    assert response.status_code == 403
    assert instemming(voorgelegd, zorg).besluit == Instemming.Besluit.OPEN


def test_the_contact_person_of_an_uninvolved_organisation_gets_403_or_404(
    client, voorgelegd, organisatie, partner_buitenstaander, interne_opgave, regisseur
):
    client.force_login(partner_buitenstaander)
    # The public opgave: they see its summary, not the workspace.
    response = client.post(
        url("instemming", voorgelegd.opgave, pk=instemming(voorgelegd, organisatie).pk),
        {"besluit": "ingestemd"},
    )
    assert response.status_code == 403
    assert client.get(url("plan", voorgelegd.opgave)).status_code == 403

    # The internal opgave: they do not see it at all.
    intern = plan_aanmaken(opgave=interne_opgave)
    plan_ter_instemming_voorleggen(plan=intern, door=regisseur)
    response = client.post(
        url("instemming", interne_opgave, pk=instemming(intern, organisatie).pk),
        {"besluit": "ingestemd"},
    )
    assert response.status_code == 404
    assert instemming(voorgelegd, organisatie).besluit == Instemming.Besluit.OPEN
    assert instemming(intern, organisatie).besluit == Instemming.Besluit.OPEN


def test_after_adoption_no_answer_form_and_a_late_post_is_refused(
    client, voorgelegd, organisatie, zorg, partner_lid, regisseur
):
    for org in (organisatie, zorg):
        instemming_beantwoorden(
            instemming=instemming(voorgelegd, org), besluit="ingestemd", door=regisseur
        )
    client.force_login(partner_lid)

    assertNotContains(client.get(url("plan", voorgelegd.opgave)), "Jouw antwoord namens")
    response = client.post(
        url("instemming", voorgelegd.opgave, pk=instemming(voorgelegd, organisatie).pk),
        {"besluit": "bezwaar", "reden": "Toch niet."},
    )
    assert response.status_code == 403
    assert instemming(voorgelegd, organisatie).besluit == Instemming.Besluit.INGESTEMD


# --- Partners: status of actions --------------------------------------------------------


def test_a_member_of_the_trekker_changes_the_status_of_its_action_only(
    client, voorgelegd, acties, zorg_lid
):
    eigen_van_woonstichting, van_zorg = acties
    client.force_login(zorg_lid)

    pagina = client.get(url("plan", voorgelegd.opgave))
    assertContains(pagina, url("actie_status", voorgelegd.opgave, pk=van_zorg.pk))
    assertNotContains(pagina, url("actie_status", voorgelegd.opgave, pk=eigen_van_woonstichting.pk))

    response = client.post(
        url("actie_status", voorgelegd.opgave, pk=van_zorg.pk), {"status": "bezig"}, follow=True
    )
    assertContains(response, "De status van “Huisbezoeken ouderen” is nu: Bezig.")
    van_zorg.refresh_from_db()
    assert van_zorg.status == Actie.Status.BEZIG

    response = client.post(
        url("actie_status", voorgelegd.opgave, pk=eigen_van_woonstichting.pk),
        {"status": "gereed"},
    )
    assert response.status_code == 403
    eigen_van_woonstichting.refresh_from_db()
    assert eigen_van_woonstichting.status == Actie.Status.GEPLAND


def test_a_member_of_the_trekker_cannot_edit_the_action_itself(client, plan, acties, zorg_lid):
    client.force_login(zorg_lid)
    van_zorg = acties[1]

    assert client.get(url("actie_bewerken", plan.opgave, pk=van_zorg.pk)).status_code == 403
    response = client.post(
        url("actie_bewerken", plan.opgave, pk=van_zorg.pk),
        {"titel": "Anders", "trekker": van_zorg.trekker_id, "status": "gereed"},
    )
    assert response.status_code == 403
    assert client.post(url("actie_verwijderen", plan.opgave, pk=van_zorg.pk)).status_code == 403
    van_zorg.refresh_from_db()
    assert (van_zorg.titel, van_zorg.status) == ("Huisbezoeken ouderen", Actie.Status.GEPLAND)


def test_an_unknown_status_gives_400_in_dutch_and_changes_nothing(
    client, voorgelegd, acties, regisseur
):
    actie = acties[0]
    client.force_login(regisseur)

    response = client.post(
        url("actie_status", voorgelegd.opgave, pk=actie.pk), {"status": "half-af"}
    )

    assertContains(response, "Selecteer een geldige keuze.", status_code=400)
    assertContains(response, f'href="#actie-{actie.pk}-status"', status_code=400)
    actie.refresh_from_db()
    assert actie.status == Actie.Status.GEPLAND


def test_the_status_of_an_older_version_gives_400(client, voorgelegd, acties, regisseur):
    plan_nieuwe_versie(plan=voorgelegd)
    client.force_login(regisseur)

    response = client.post(
        url("actie_status", voorgelegd.opgave, pk=acties[0].pk), {"status": "bezig"}
    )

    assertContains(response, "hoort bij een oudere versie van het plan", status_code=400)
    assert Actie.objects.get(pk=acties[0].pk).status == Actie.Status.GEPLAND


def test_the_page_rights_agree_with_the_permission_functions(
    client, voorgelegd, acties, organisatie, zorg, partner_lid, zorg_lid, regisseur, ambtenaar
):
    for user in (partner_lid, zorg_lid, regisseur, ambtenaar):
        client.force_login(user)
        response = client.get(url("plan", voorgelegd.opgave))
        for actie in response.context["acties"]:
            actie.opgave = voorgelegd.opgave
            assert actie.kan_status == can_change_actie_status(user, actie), (user, actie)
        beantwoordbaar = {i.pk for i in response.context["mijn_instemmingen"]}
        for gevraagd in Instemming.objects.filter(plan=voorgelegd):
            assert (gevraagd.pk in beantwoordbaar) == can_answer_instemming(user, gevraagd)


# --- IDOR: another opgave's objects in this opgave's URLs ----------------------------------


@pytest.fixture
def vreemd(andere_opgave, ambtenaar):
    """A plan with an action and a consent in ``andere_opgave``."""
    organisatie = organisatie_create(naam="Jongerenwerk", soort=Organisatie.Soort.MAATSCHAPPELIJK)
    zorggroep(andere_opgave)
    Betrokkenheid.objects.create(
        opgave=andere_opgave, organisatie=organisatie, aard=Betrokkenheid.Aard.VOERT_UIT
    )
    plan = plan_aanmaken(opgave=andere_opgave)
    actie = actie_toevoegen(plan=plan, titel="Voorlichting op school", trekker=organisatie)
    plan_ter_instemming_voorleggen(plan=plan, door=ambtenaar)
    return actie, Instemming.objects.filter(plan=plan).first()


@pytest.mark.parametrize(
    ("name", "method", "data"),
    [
        ("actie_bewerken", "get", {}),
        ("actie_bewerken", "post", {"titel": "Gekaapt", "status": "gereed"}),
        ("actie_verwijderen", "post", {}),
        ("actie_status", "post", {"status": "gereed"}),
    ],
)
def test_an_action_of_another_opgave_gives_404_and_changes_nothing(
    client, opgave, plan, regisseur, vreemd, name, method, data
):
    actie, _ = vreemd
    client.force_login(regisseur)

    response = getattr(client, method)(url(name, opgave, pk=actie.pk), data)

    assert response.status_code == 404
    actie.refresh_from_db()
    assert (actie.titel, actie.status) == ("Voorlichting op school", Actie.Status.GEPLAND)


def test_a_consent_of_another_opgave_gives_404_and_changes_nothing(
    client, voorgelegd, partner_lid, vreemd
):
    _, gevraagd = vreemd
    client.force_login(partner_lid)

    response = client.post(
        url("instemming", voorgelegd.opgave, pk=gevraagd.pk), {"besluit": "ingestemd"}
    )

    assert response.status_code == 404
    gevraagd.refresh_from_db()
    assert gevraagd.besluit == Instemming.Besluit.OPEN


def test_a_version_of_another_opgave_is_not_reachable(client, opgave, regisseur, vreemd):
    """``andere_opgave`` has version 1; ``opgave`` has none, so its v1 URL gives 404."""
    client.force_login(regisseur)
    for name in ("plan_versie", "plan_bewerken", "actie_nieuw"):
        assert client.get(url(name, opgave, versie=1)).status_code == 404
    for name in ("plan_voorleggen", "plan_nieuwe_versie"):
        assert client.post(url(name, opgave, versie=1)).status_code == 404
    assert not PlanVanAanpak.objects.filter(opgave=opgave).exists()


# --- Query counts -------------------------------------------------------------------------


LAATSTE: list = []


def _queries(client, path) -> int:
    client.get(path)  # warm the process-wide caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    LAATSTE[:] = context.captured_queries
    return len(context)


def _meer_acties(plan, trekker, uitvoerders, doel, aantal):
    for nummer in range(aantal):
        actie_toevoegen(
            plan=plan,
            titel=f"Actie {nummer}",
            trekker=trekker,
            uitvoerders=uitvoerders,
            doel=doel,
            start=date(2026, 1, 1),
        )


@pytest.mark.parametrize("persona", ["regisseur", "partner_lid", "zorg_lid"])
def test_the_plan_tab_costs_the_same_for_1_and_50_actions(
    client, request, opgave, organisatie, zorg, persona
):
    user = request.getfixturevalue(persona)
    doel = Doel.objects.create(opgave=opgave, titel="Minder gasverbruik")
    plan = plan_aanmaken(opgave=opgave)
    _meer_acties(plan, zorg, [organisatie, zorg], doel, 1)
    plan_ter_instemming_voorleggen(plan=plan, door=request.getfixturevalue("regisseur"))
    client.force_login(user)
    path = url("plan", opgave)
    een = _queries(client, path)

    # 50 actions and 50 more organisations asked, in a new version.
    nieuw = plan_nieuwe_versie(plan=plan)
    _meer_acties(nieuw, zorg, [organisatie, zorg], doel, 49)
    for nummer in range(48):
        extra = organisatie_create(naam=f"Partner {nummer}", soort=Organisatie.Soort.BEDRIJF)
        Betrokkenheid.objects.create(opgave=opgave, organisatie=extra, aard="beslist")
    plan_ter_instemming_voorleggen(plan=nieuw, door=request.getfixturevalue("regisseur"))
    vijftig = _queries(client, path)

    response = client.get(path)
    assert len(response.context["acties"]) == 50
    assert len(response.context["instemmingen"]) == 50
    assert vijftig == een
    assert vijftig <= 12, "\n".join(q["sql"][:150] for q in LAATSTE)


# --- Strict CSP and structure ------------------------------------------------------------


@pytest.mark.parametrize("persona", ["regisseur", "partner_lid", "zorg_lid"])
def test_the_plan_pages_need_no_inline_code_and_keep_their_headings_in_order(
    client, request, plan, acties, persona
):
    client.force_login(request.getfixturevalue(persona))
    paths = [url("plan", plan.opgave), url("plan_versie", plan.opgave, versie=1)]
    if persona == "regisseur":
        paths += [
            url("plan_bewerken", plan.opgave, versie=1),
            url("actie_nieuw", plan.opgave, versie=1),
            url("actie_bewerken", plan.opgave, pk=acties[0].pk),
        ]
    plan_ter_instemming_voorleggen(plan=plan, door=request.getfixturevalue("regisseur"))
    for path in paths:
        html = client.get(path).content.decode()
        assert inline_code(html) == [], path
        niveaus = [int(n) for n in re.findall(r'<h([1-6]) class="utrecht-heading', html)]
        assert all(b <= a + 1 for a, b in itertools.pairwise(niveaus)), (path, niveaus)


def test_a_draft_costs_the_regisseur_the_same_for_1_and_50_actions(
    client, opgave, organisatie, zorg, regisseur
):
    plan = plan_aanmaken(opgave=opgave)
    _meer_acties(plan, zorg, [organisatie], None, 1)
    client.force_login(regisseur)
    path = url("plan", opgave)
    een = _queries(client, path)

    _meer_acties(plan, zorg, [organisatie, zorg], None, 49)
    vijftig = _queries(client, path)

    response = client.get(path)
    assert len(response.context["acties"]) == 50
    assertContains(response, url("actie_nieuw", opgave, versie=1))
    assert vijftig == een
    assert vijftig <= 12, "\n".join(q["sql"][:150] for q in LAATSTE)
