from datetime import date

from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from opgaven.models import Gebied, Opgave, Opgaverol, Thema, Zichtbaarheid
from opgaven.permissions import can_change_opgave

pytestmark = pytest.mark.django_db

URL = reverse("opgaven:add")
DATA = {
    "titel": "Groen schoolplein De Linde",
    "vraagstuk": "Kinderen spelen op een stenen plein zonder schaduw.",
    "zichtbaarheid": Zichtbaarheid.INTERN,
}
LEGEND = "utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend"


def alle_velden():
    return {
        **DATA,
        "huidige_situatie": "Het plein is heet in de zomer.",
        "gewenste_situatie": "Een groen plein met bomen en water.",
        "maatschappelijk_effect": "Kinderen spelen meer buiten.",
        "afbakening": "Alleen het plein van De Linde.",
        "themas": [
            Thema.objects.get(slug="openbare-ruimte").pk,
            Thema.objects.get(slug="jeugd-en-onderwijs").pk,
        ],
        "gebieden": [Gebied.objects.get(code="BU99990301").pk],
        "startdatum": "2026-03-01",
        "horizon": "2027-09-01",
        "score_impact": "2",
        "score_krachtenveld": "3",
        "score_verhoudingen": "1",
        "score_tijdshorizon": "4",
    }


def test_an_official_sees_the_form(client, ambtenaar):
    client.force_login(ambtenaar)
    response = client.get(URL)
    assert response.status_code == 200
    assertContains(response, '<h1 class="utrecht-heading-1">Nieuwe opgave</h1>', html=True)
    assertContains(
        response, '<label class="utrecht-form-label" for="id_titel">Titel</label>', html=True
    )
    assertContains(response, f'<legend class="{LEGEND}">Zichtbaarheid</legend>', html=True)
    assertContains(response, "Je wordt de opgaveregisseur van de opgave die je aanmaakt.")
    assert "fase" not in response.context["form"].fields
    assert "gearchiveerd" not in response.context["form"].fields


def test_the_form_has_every_field_in_groups(client, ambtenaar):
    client.force_login(ambtenaar)
    response = client.get(URL)
    for veld in ["huidige_situatie", "gewenste_situatie", "maatschappelijk_effect", "afbakening"]:
        assertContains(response, f'<textarea name="{veld}"')
    assertContains(response, 'type="date" name="startdatum"')
    assertContains(response, 'type="date" name="horizon"')
    # Themes and areas are checkboxes in fieldsets; the areas grouped per wijk.
    assertContains(
        response, f'<legend class="{LEGEND}">Thema\'s (niet verplicht)</legend>', html=True
    )
    assertContains(response, f'<legend class="{LEGEND}">Wijk Centrum</legend>', html=True)
    assertContains(response, "De hele wijk Centrum")
    wonen = Thema.objects.get(slug="wonen")
    assertContains(response, f'type="checkbox" name="themas" value="{wonen.pk}"')
    # Each score is a group of radio buttons with the label of models.WICKEDNESS_SCORES.
    for label in [
        "Maatschappelijke impact",
        "Complexiteit van het krachtenveld",
        "Verschuivende verhoudingen",
        "Tijdshorizon",
    ]:
        assertContains(
            response, f'<legend class="{LEGEND}">{label} (niet verplicht)</legend>', html=True
        )
    assertContains(response, 'type="radio" name="score_impact" value="5"')
    assertContains(response, "5 (hoog)")


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


def test_create_with_every_field(client, ambtenaar):
    client.force_login(ambtenaar)
    data = alle_velden()
    response = client.post(URL, data)
    assert response.status_code == 302
    opgave = Opgave.objects.get()
    assert opgave.huidige_situatie == data["huidige_situatie"]
    assert opgave.gewenste_situatie == data["gewenste_situatie"]
    assert opgave.maatschappelijk_effect == data["maatschappelijk_effect"]
    assert opgave.afbakening == data["afbakening"]
    assert {t.slug for t in opgave.themas.all()} == {"openbare-ruimte", "jeugd-en-onderwijs"}
    assert [g.code for g in opgave.gebieden.all()] == ["BU99990301"]
    assert (opgave.startdatum, opgave.horizon) == (date(2026, 3, 1), date(2027, 9, 1))
    scores = (
        opgave.score_impact,
        opgave.score_krachtenveld,
        opgave.score_verhoudingen,
        opgave.score_tijdshorizon,
    )
    assert scores == (2, 3, 1, 4)


def test_scores_may_stay_empty(client, ambtenaar):
    client.force_login(ambtenaar)
    client.post(URL, {**DATA, "score_impact": ""})
    assert Opgave.objects.get().score_impact is None


def test_the_title_nieuw_does_not_hide_the_create_page(client, ambtenaar):
    client.force_login(ambtenaar)
    response = client.post(URL, {**DATA, "titel": "Nieuw"})
    assertRedirects(response, reverse("opgaven:detail", args=["nieuw-2"]))
    assert client.get(URL).status_code == 200


def test_errors_are_dutch(client, ambtenaar):
    client.force_login(ambtenaar)
    response = client.post(URL, {"titel": "x" * 201, "zichtbaarheid": "geheim"})
    assert response.status_code == 400
    assertContains(
        response,
        "Zorg dat deze waarde niet meer dan 200 tekens bevat (het zijn er nu 201).",
        status_code=400,
    )
    assertContains(response, "Dit veld is verplicht.", status_code=400)
    assertContains(
        response, "Selecteer een geldige keuze. geheim is geen beschikbare keuze.", status_code=400
    )
    # The summary leads to the first choice.
    assertContains(response, 'href="#id_zichtbaarheid_0"', status_code=400)
    assert not Opgave.objects.exists()


@pytest.mark.parametrize(
    ("wijziging", "fout", "anker"),
    [
        (
            {"score_impact": "6"},
            "Maatschappelijke impact: Selecteer een geldige keuze. 6 is geen beschikbare keuze.",
            "#id_score_impact_0",
        ),
        (
            {"startdatum": "2026-03-01", "horizon": "2026-02-28"},
            "Horizon: De horizon kan niet vóór de startdatum liggen.",
            "#id_horizon",
        ),
        ({"themas": ["999999"]}, "Thema&#x27;s: Selecteer een geldige keuze.", "#id_themas_0"),
        ({"startdatum": "31-02-2026"}, "Startdatum: Voer een geldige datum in.", "#id_startdatum"),
    ],
)
def test_bad_input_gives_400_with_a_dutch_message_and_creates_nothing(
    client, ambtenaar, wijziging, fout, anker
):
    client.force_login(ambtenaar)
    response = client.post(URL, {**alle_velden(), **wijziging})
    assert response.status_code == 400
    assertContains(response, "Verbeter het volgende", status_code=400)
    assertContains(response, fout, status_code=400)
    assertContains(response, f'href="{anker}"', status_code=400)
    assert not Opgave.objects.exists()
    # What was typed and ticked is kept.
    assertContains(response, "Het plein is heet in de zomer.", status_code=400)
    buurt = Gebied.objects.get(code="BU99990301")
    assertContains(response, f'value="{buurt.pk}" id="id_gebieden_', status_code=400)
    assertNotContains(response, "De opgave “", status_code=400)


def test_a_service_error_is_shown_on_the_form(client, ambtenaar, monkeypatch):
    """A check only the service makes (here: forced) still gives 400, never a 500."""
    from django.core.exceptions import ValidationError

    from opgaven.views import opgaven as views

    def weigeren(**kwargs):
        raise ValidationError({"horizon": "De horizon kan niet vóór de startdatum liggen."})

    monkeypatch.setattr(views, "opgave_create", weigeren)
    client.force_login(ambtenaar)
    response = client.post(URL, DATA)
    assertContains(
        response, "Horizon: De horizon kan niet vóór de startdatum liggen.", status_code=400
    )


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


def test_the_form_page_has_a_fixed_number_of_queries(
    client, ambtenaar, django_assert_max_num_queries
):
    client.force_login(ambtenaar)
    client.get(URL)  # warm the process-wide caches
    with django_assert_max_num_queries(12):
        client.get(URL)
