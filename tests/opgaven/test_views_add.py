from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertRedirects

from opgaven.models import Opgave, Opgaverol, Zichtbaarheid
from opgaven.permissions import can_change_opgave

pytestmark = pytest.mark.django_db

URL = reverse("opgaven:add")
DATA = {
    "titel": "Groen schoolplein De Linde",
    "vraagstuk": "Kinderen spelen op een stenen plein zonder schaduw.",
    "zichtbaarheid": Zichtbaarheid.INTERN,
}


def test_an_official_sees_the_form(client, ambtenaar):
    client.force_login(ambtenaar)
    response = client.get(URL)
    assert response.status_code == 200
    assertContains(response, '<h1 class="utrecht-heading-1">Nieuwe opgave</h1>', html=True)
    assertContains(
        response, '<label class="utrecht-form-label" for="id_titel">Titel</label>', html=True
    )
    assertContains(
        response,
        '<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">'
        "Zichtbaarheid</legend>",
        html=True,
    )
    assertContains(response, "Je wordt de opgaveregisseur van de opgave die je aanmaakt.")
    assert "fase" not in response.context["form"].fields


def test_the_creator_becomes_opgaveregisseur(client, ambtenaar):
    client.force_login(ambtenaar)
    response = client.post(URL, DATA)
    opgave = Opgave.objects.get()
    assertRedirects(
        response,
        reverse("opgaven:detail", args=["groen-schoolplein-de-linde"]),
        fetch_redirect_response=False,
    )
    assert opgave.aangemaakt_door == ambtenaar
    assert opgave.rollen.get().rol == Opgaverol.Rol.OPGAVEREGISSEUR
    assert opgave.rollen.get().user == ambtenaar
    assert can_change_opgave(ambtenaar, opgave)
    detail = client.get(response.url)
    assertContains(
        detail,
        "De opgave “Groen schoolplein De Linde” is aangemaakt. Je bent de opgaveregisseur.",
    )
    assertContains(detail, "Opgave bewerken")


def test_the_title_nieuw_does_not_hide_the_create_page(client, ambtenaar):
    client.force_login(ambtenaar)
    response = client.post(URL, {**DATA, "titel": "Nieuw"})
    assertRedirects(response, reverse("opgaven:detail", args=["nieuw-2"]))
    assert client.get(URL).status_code == 200


def test_errors_are_dutch(client, ambtenaar):
    client.force_login(ambtenaar)
    response = client.post(URL, {"titel": "x" * 201, "zichtbaarheid": "geheim"})
    assert response.status_code == 200
    assertContains(
        response, "Zorg dat deze waarde niet meer dan 200 tekens bevat (het zijn er nu 201)."
    )
    assertContains(response, "Dit veld is verplicht.")
    assertContains(response, "Selecteer een geldige keuze. geheim is geen beschikbare keuze.")
    assertContains(response, 'href="#id_zichtbaarheid_0"')  # the summary leads to the first choice
    assert not Opgave.objects.exists()


@pytest.mark.parametrize("persona", ["inwoner", "partner_lid", "adviseur", "beheerder"])
def test_only_officials_may_create(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, DATA).status_code == 403
    assert not Opgave.objects.exists()


def test_a_visitor_is_sent_to_log_in(client, db):
    response = client.post(URL, DATA)
    assertRedirects(
        response, f"{reverse('account_login')}?next={URL}", fetch_redirect_response=False
    )


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_not_allowed(client, ambtenaar, method):
    client.force_login(ambtenaar)
    assert getattr(client, method)(URL).status_code == 405
