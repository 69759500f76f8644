"""The decision log: the services, the tab, bad input, IDOR and query counts (issue 4.9)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from opgaven.models import Besluit
from opgaven.services.besluiten import besluit_bijwerken, besluit_vastleggen
from tests.test_csp import inline_code

pytestmark = pytest.mark.django_db

DATA = {
    "datum": "2026-03-05",
    "orgaan": Besluit.Orgaan.COLLEGE,
    "titel": "Subsidie voor de warmtescan",
    "motivering": "Zonder scan weten bewoners niet wat hun huis nodig heeft.",
}


def url(name, opgave, **kwargs):
    return reverse(f"opgaven:{name}", kwargs={"slug": opgave.slug, **kwargs})


def vastleggen(opgave, door=None, **velden):
    return besluit_vastleggen(
        opgave=opgave,
        door=door,
        **{
            "datum": date(2026, 2, 12),
            "orgaan": Besluit.Orgaan.STUURGROEP,
            "titel": "Warmtenet eerst in Noord",
            "motivering": "De wijk heeft de meeste geschikte huizen.",
            **velden,
        },
    )


# --- Services ---------------------------------------------------------------------------


def test_a_decision_is_recorded_with_who_recorded_it(opgave, regisseur):
    besluit = vastleggen(opgave, regisseur, titel="  Warmtenet eerst in Noord ")

    assert besluit.opgave == opgave
    assert besluit.vastgelegd_door == regisseur
    assert besluit.titel == "Warmtenet eerst in Noord"


def test_a_decision_needs_a_title_and_a_motivation_in_dutch(opgave, regisseur):
    with pytest.raises(ValidationError) as fout:
        vastleggen(opgave, regisseur, titel=" ", motivering="")

    assert fout.value.message_dict == {
        "titel": ["Dit veld kan niet leeg zijn"],
        "motivering": ["Dit veld kan niet leeg zijn"],
    }
    assert not Besluit.objects.exists()


def test_a_correction_changes_the_fields_and_keeps_who_recorded_it(opgave, regisseur, ambtenaar):
    besluit = vastleggen(opgave, regisseur)

    besluit_bijwerken(
        besluit=besluit,
        datum=date(2026, 2, 13),
        orgaan=Besluit.Orgaan.COLLEGE,
        titel="Warmtenet eerst in Noord en Oost",
        motivering="Oost bleek ook geschikt.",
    )

    besluit.refresh_from_db()
    assert (besluit.datum, besluit.orgaan, besluit.titel) == (
        date(2026, 2, 13),
        Besluit.Orgaan.COLLEGE,
        "Warmtenet eerst in Noord en Oost",
    )
    assert besluit.vastgelegd_door == regisseur


def test_an_unknown_body_is_refused(opgave, regisseur):
    with pytest.raises(ValidationError):
        vastleggen(opgave, regisseur, orgaan="wethouder-alleen")
    assert not Besluit.objects.exists()


# --- The tab ----------------------------------------------------------------------------


def test_the_log_shows_decisions_newest_first_to_everyone_with_the_workspace(
    client, opgave, regisseur, partner_lid
):
    vastleggen(opgave, regisseur, titel="Ouder besluit", datum=date(2025, 6, 1))
    vastleggen(
        opgave, regisseur, titel="Nieuwer besluit", datum=date(2026, 1, 20), motivering="Omdat."
    )
    client.force_login(partner_lid)

    response = client.get(url("besluiten", opgave))

    inhoud = response.content.decode()
    assert inhoud.index("Nieuwer besluit") < inhoud.index("Ouder besluit")
    assertContains(response, "20 januari 2026")
    assertContains(response, "Stuurgroep")
    assertContains(response, "Omdat.")
    assertContains(response, "Rutger Regie")
    # Partners read; they do not record or correct.
    assertNotContains(response, url("besluit_nieuw", opgave))
    assertNotContains(response, "/bewerken/")


def test_an_empty_log_says_so(client, opgave, regisseur):
    client.force_login(regisseur)
    response = client.get(url("besluiten", opgave))
    assertContains(response, "Voor deze opgave zijn nog geen besluiten vastgelegd.")
    assertContains(response, url("besluit_nieuw", opgave))


def test_the_regisseur_records_a_decision(client, opgave, regisseur):
    client.force_login(regisseur)
    response = client.post(url("besluit_nieuw", opgave), DATA, follow=True)

    assertContains(response, "Het besluit “Subsidie voor de warmtescan” is vastgelegd.")
    besluit = Besluit.objects.get(opgave=opgave)
    assert (besluit.datum, besluit.orgaan, besluit.vastgelegd_door) == (
        date(2026, 3, 5),
        Besluit.Orgaan.COLLEGE,
        regisseur,
    )


@pytest.mark.parametrize(
    ("fouten", "melding"),
    [
        ({"motivering": " "}, "Dit veld is verplicht."),
        ({"datum": "gisteren"}, "Voer een geldige datum in."),
        ({"orgaan": "wethouder-alleen"}, "Selecteer een geldige keuze."),
    ],
)
def test_bad_input_gives_400_in_dutch_and_records_nothing(
    client, opgave, regisseur, fouten, melding
):
    client.force_login(regisseur)
    response = client.post(url("besluit_nieuw", opgave), {**DATA, **fouten})

    assertContains(response, melding, status_code=400)
    assertContains(response, "Verbeter het volgende", status_code=400)
    assert not Besluit.objects.exists()


def test_the_regisseur_corrects_a_decision_bad_input_changes_nothing(client, opgave, regisseur):
    besluit = vastleggen(opgave, regisseur)
    client.force_login(regisseur)

    form = client.get(url("besluit_bewerken", opgave, pk=besluit.pk))
    assertContains(form, 'value="2026-02-12"')
    assertContains(form, "Warmtenet eerst in Noord")

    response = client.post(url("besluit_bewerken", opgave, pk=besluit.pk), {**DATA, "titel": ""})
    assertContains(response, "Dit veld is verplicht.", status_code=400)
    besluit.refresh_from_db()
    assert besluit.titel == "Warmtenet eerst in Noord"

    response = client.post(url("besluit_bewerken", opgave, pk=besluit.pk), DATA, follow=True)
    assertContains(response, "Het besluit “Subsidie voor de warmtescan” is opgeslagen.")
    besluit.refresh_from_db()
    assert besluit.titel == "Subsidie voor de warmtescan"


def test_partners_and_officials_without_a_role_cannot_record(
    client, opgave, partner_lid, ambtenaar
):
    for user in (partner_lid, ambtenaar):
        client.force_login(user)
        assert client.post(url("besluit_nieuw", opgave), DATA).status_code == 403
    assert not Besluit.objects.exists()


# --- IDOR -------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_decision_of_another_opgave_gives_404_and_changes_nothing(
    client, opgave, andere_opgave, regisseur, ambtenaar, method
):
    vreemd = vastleggen(andere_opgave, ambtenaar, titel="Niet van ons")
    client.force_login(regisseur)

    response = getattr(client, method)(url("besluit_bewerken", opgave, pk=vreemd.pk), DATA)

    assert response.status_code == 404
    vreemd.refresh_from_db()
    assert (vreemd.titel, vreemd.opgave) == ("Niet van ons", andere_opgave)


# --- Query counts -------------------------------------------------------------------------


def _queries(client, path) -> int:
    client.get(path)  # warm the process-wide caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("persona", ["regisseur", "partner_lid"])
def test_the_log_costs_the_same_for_1_and_50_decisions(client, request, opgave, regisseur, persona):
    client.force_login(request.getfixturevalue(persona))
    path = url("besluiten", opgave)
    vastleggen(opgave, regisseur)
    een = _queries(client, path)

    for dag in range(49):
        vastleggen(
            opgave, regisseur, titel=f"Besluit {dag}", datum=date(2025, 1, 1) + timedelta(dag)
        )
    vijftig = _queries(client, path)

    assert len(client.get(path).context["besluiten"]) == 50
    assert vijftig == een
    assert vijftig <= 12, vijftig


def test_the_decision_pages_need_no_inline_code(client, opgave, regisseur):
    besluit = vastleggen(opgave, regisseur)
    client.force_login(regisseur)
    for path in (
        url("besluiten", opgave),
        url("besluit_nieuw", opgave),
        url("besluit_bewerken", opgave, pk=besluit.pk),
    ):
        assert inline_code(client.get(path).content.decode()) == [], path
