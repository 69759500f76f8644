from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertRedirects

from opgaven.models import Fase, Opgaverol, Zichtbaarheid
from opgaven.services import opgave_fase_wijzigen, opgaverol_beeindigen, opgaverol_toekennen

pytestmark = pytest.mark.django_db


def url(opgave):
    return reverse("opgaven:edit", args=[opgave.slug])


def form_data(**changes):
    data = {
        "titel": "Leefbaar en veilig Stationskwartier",
        "vraagstuk": "Bewoners en ondernemers willen een veilig en groen stationsgebied.",
        "zichtbaarheid": Zichtbaarheid.OPENBAAR,
    }
    return {**data, **changes}


def test_the_regisseur_sees_the_filled_in_form(client, regisseur, interne_opgave):
    client.force_login(regisseur)
    response = client.get(url(interne_opgave))
    assert response.status_code == 200
    assertContains(response, "Leefbaarheid Stationskwartier bewerken")
    assertContains(response, 'value="Leefbaarheid Stationskwartier"')
    legend = "utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend"
    assertContains(response, f'<legend class="{legend}">Zichtbaarheid</legend>', html=True)
    # The phase changes on the detail page, where who, when and why are recorded.
    assert "fase" not in response.context["form"].fields


def test_saving_changes_redirects_with_a_message(client, regisseur, interne_opgave):
    slug = interne_opgave.slug
    client.force_login(regisseur)
    response = client.post(url(interne_opgave), form_data())
    assertRedirects(response, reverse("opgaven:detail", args=[slug]), fetch_redirect_response=False)
    interne_opgave.refresh_from_db()
    assert interne_opgave.titel == "Leefbaar en veilig Stationskwartier"
    assert interne_opgave.fase == Fase.VERKENNEN
    assert interne_opgave.zichtbaarheid == Zichtbaarheid.OPENBAAR
    assert interne_opgave.slug == slug
    assert interne_opgave.gewijzigd_door == regisseur
    assertContains(client.get(response.url), "Je wijzigingen zijn opgeslagen.")


def test_a_kernteamlid_from_a_partner_may_edit_too(client, partner_lid, interne_opgave):
    opgaverol_toekennen(opgave=interne_opgave, user=partner_lid, rol=Opgaverol.Rol.KERNTEAMLID)
    client.force_login(partner_lid)
    response = client.post(url(interne_opgave), form_data())
    assert response.status_code == 302


def test_a_partner_without_a_role_may_not(client, partner_lid, interne_opgave):
    client.force_login(partner_lid)
    response = client.post(url(interne_opgave), form_data(titel="Anders"))
    assert response.status_code == 403
    interne_opgave.refresh_from_db()
    assert interne_opgave.titel == "Leefbaarheid Stationskwartier"


def test_errors_are_dutch_with_a_summary(client, regisseur, interne_opgave):
    client.force_login(regisseur)
    response = client.post(url(interne_opgave), form_data(titel=""))
    assert response.status_code == 200
    assertContains(response, 'class="utrecht-alert utrecht-alert--error error-summary"')
    assertContains(response, 'href="#id_titel"')
    assertContains(response, "Dit veld is verplicht.")
    assertContains(response, 'aria-invalid="true"')
    interne_opgave.refresh_from_db()
    assert interne_opgave.titel == "Leefbaarheid Stationskwartier"


def test_a_phase_posted_to_the_edit_form_is_ignored(client, regisseur, interne_opgave):
    """Only the phase form on the detail page changes the phase, and records why."""
    client.force_login(regisseur)
    response = client.post(url(interne_opgave), form_data(fase=Fase.DELEN))
    assert response.status_code == 302
    interne_opgave.refresh_from_db()
    assert interne_opgave.fase == Fase.VERKENNEN
    assert not interne_opgave.faseovergangen.exists()


def test_an_official_without_a_role_gets_403(client, ambtenaar, interne_opgave):
    client.force_login(ambtenaar)
    assert client.get(url(interne_opgave)).status_code == 403
    assert client.post(url(interne_opgave), form_data()).status_code == 403
    interne_opgave.refresh_from_db()
    assert interne_opgave.fase == Fase.VERKENNEN


def test_an_outsider_gets_404(client, inwoner, interne_opgave):
    client.force_login(inwoner)
    assert client.get(url(interne_opgave)).status_code == 404


def test_a_visitor_is_sent_to_log_in(client, interne_opgave):
    response = client.get(url(interne_opgave))
    assertRedirects(
        response,
        f"{reverse('account_login')}?next={url(interne_opgave)}",
        fetch_redirect_response=False,
    )


def test_ending_the_role_takes_the_form_away_at_once(client, regisseur, interne_opgave):
    client.force_login(regisseur)
    assert client.get(url(interne_opgave)).status_code == 200
    opgaverol_beeindigen(opgaverol=interne_opgave.rollen.get(user=regisseur))
    assert client.get(url(interne_opgave)).status_code == 403


def test_a_finished_opgave_cannot_be_edited(client, regisseur, interne_opgave):
    opgave_fase_wijzigen(
        opgave=interne_opgave, naar=Fase.GESTOPT, door=regisseur, reden="Opgegaan in een andere."
    )
    client.force_login(regisseur)
    assert client.get(url(interne_opgave)).status_code == 403


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_not_allowed(client, regisseur, interne_opgave, method):
    client.force_login(regisseur)
    assert getattr(client, method)(url(interne_opgave)).status_code == 405
