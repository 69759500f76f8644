import re
from datetime import date

from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertRedirects

from opgaven.models import Fase, Gebied, Opgave, Opgaverol, Thema, Zichtbaarheid
from opgaven.services import (
    opgave_fase_wijzigen,
    opgave_update,
    opgaverol_beeindigen,
    opgaverol_toekennen,
)

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
    assert response.status_code == 400
    assertContains(
        response, 'class="utrecht-alert utrecht-alert--error error-summary"', status_code=400
    )
    assertContains(response, 'href="#id_titel"', status_code=400)
    assertContains(response, "Dit veld is verplicht.", status_code=400)
    assertContains(response, 'aria-invalid="true"', status_code=400)
    interne_opgave.refresh_from_db()
    assert interne_opgave.titel == "Leefbaarheid Stationskwartier"


def test_the_form_shows_every_stored_value(client, regisseur, interne_opgave):
    wonen = Thema.objects.get(slug="wonen")
    centrum = Gebied.objects.get(code="WK999901")
    opgave_update(
        opgave=interne_opgave,
        door=regisseur,
        themas=[wonen],
        gebieden=[centrum],
        afbakening="Alleen het stationsgebied.",
        startdatum=date(2026, 2, 1),
        score_verhoudingen=4,
    )
    client.force_login(regisseur)
    response = client.get(url(interne_opgave))
    content = response.content.decode()
    assert f'name="themas" value="{wonen.pk}" id="id_themas_' in content
    assert re.search(rf'name="themas" value="{wonen.pk}" id="id_themas_\d+" checked', content)
    assert re.search(rf'name="gebieden" value="{centrum.pk}" id="id_gebieden_\d+" checked', content)
    assert len(re.findall(r'type="checkbox" name="(themas|gebieden)"[^>]* checked', content)) == 2
    assertContains(response, "Alleen het stationsgebied.")
    assertContains(response, 'name="startdatum" value="2026-02-01"')
    assertContains(response, 'value="4" id="id_score_verhoudingen_4" checked')
    assertContains(response, 'value="" id="id_score_impact_0" checked')
    assertContains(response, 'name="gearchiveerd"')


def test_saving_every_field(client, regisseur, interne_opgave):
    interne_opgave.themas.set([Thema.objects.get(slug="wonen")])
    veiligheid = Thema.objects.get(slug="veiligheid")
    buurten = list(Gebied.objects.filter(code__in=["BU99990101", "BU99990102"]))
    client.force_login(regisseur)
    data = form_data(
        huidige_situatie="Overlast in de avond.",
        gewenste_situatie="Een levendig en veilig plein.",
        maatschappelijk_effect="Bewoners voelen zich veiliger.",
        afbakening="Het stationsplein en de straten eromheen.",
        themas=[veiligheid.pk],
        gebieden=[g.pk for g in buurten],
        startdatum="2026-01-15",
        horizon="2028-01-15",
        score_impact="3",
        score_krachtenveld="4",
        score_verhoudingen="5",
        score_tijdshorizon="2",
    )
    response = client.post(url(interne_opgave), data)
    assert response.status_code == 302
    opgave = Opgave.objects.get(pk=interne_opgave.pk)
    assert opgave.slug == "leefbaarheid-stationskwartier"
    assert opgave.afbakening == "Het stationsplein en de straten eromheen."
    assert list(opgave.themas.all()) == [veiligheid]  # "wonen" was unticked
    assert set(opgave.gebieden.all()) == set(buurten)
    assert (opgave.startdatum, opgave.horizon) == (date(2026, 1, 15), date(2028, 1, 15))
    assert (opgave.score_impact, opgave.score_tijdshorizon) == (3, 2)
    assert opgave.gearchiveerd is False


def test_bad_dates_or_scores_give_400_and_change_nothing(client, regisseur, interne_opgave):
    client.force_login(regisseur)
    data = form_data(
        titel="Nieuwe titel",
        startdatum="2026-06-01",
        horizon="2026-01-01",
        score_krachtenveld="6",
        themas=[Thema.objects.get(slug="wonen").pk],
    )
    response = client.post(url(interne_opgave), data)
    assertContains(
        response, "Horizon: De horizon kan niet vóór de startdatum liggen.", status_code=400
    )
    assertContains(
        response,
        "Complexiteit van het krachtenveld: Selecteer een geldige keuze. "
        "6 is geen beschikbare keuze.",
        status_code=400,
    )
    opgave = Opgave.objects.get(pk=interne_opgave.pk)
    assert opgave.titel == "Leefbaarheid Stationskwartier"
    assert opgave.startdatum is None
    assert not opgave.themas.exists()


def test_archiving_closes_the_opgave_for_editing(client, regisseur, interne_opgave):
    client.force_login(regisseur)
    response = client.post(url(interne_opgave), form_data(gearchiveerd="on"))
    assert response.status_code == 302
    interne_opgave.refresh_from_db()
    assert interne_opgave.gearchiveerd is True
    assert client.get(url(interne_opgave)).status_code == 403
    assertContains(client.get(response.url), "Gearchiveerd")


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
