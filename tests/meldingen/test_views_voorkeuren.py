"""The preferences page: per kind, e-mail now, in the daily summary, or not at all."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from meldingen.models import Bezorging, Soort, Voorkeur
from meldingen.services import voorkeur_instellen
from meldingen.soorten import SOORTEN
from tests.meldingen.factories import MeldingFactory

pytestmark = pytest.mark.django_db

URL = reverse("meldingen:voorkeuren")
HTMX = {"HX-Request": "true"}
LEGEND = "utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend"


def gekozen(user, soort) -> str | None:
    return (
        Voorkeur.objects.filter(user=user, soort=soort).values_list("bezorging", flat=True).first()
    )


def test_every_kind_has_a_fieldset_with_three_choices(client, inwoner):
    client.force_login(inwoner)

    response = client.get(URL)

    assert response.status_code == 200
    assertContains(response, "<title>Meldingen instellen · ", count=1)
    for soort, definitie in SOORTEN.items():
        assertContains(response, f'<legend class="{LEGEND}">{soort.label}</legend>', html=True)
        assertContains(response, str(definitie.uitleg))
        assertContains(
            response, f'<form class="utrecht-form meldingen-voorkeur__form" id="voorkeur-{soort}"'
        )
        assertContains(response, f'<input type="hidden" name="soort" value="{soort}">', html=True)
        for bezorging in Bezorging:
            radio_id = f"voorkeur-{soort}-bezorging_{list(Bezorging).index(bezorging)}"
            assertContains(response, f'id="{radio_id}" aria-describedby="{radio_id}-uitleg"')
            assertContains(
                response,
                f'<label class="utrecht-form-label utrecht-form-label--radio" for="{radio_id}">',
            )
    assertContains(response, 'type="radio"', count=3 * len(SOORTEN))
    assertContains(response, 'hx-trigger="change, submit"', count=len(SOORTEN))
    assertContains(response, 'role="status"', count=len(SOORTEN) + 1)  # + the messages region
    assertContains(response, "Je krijgt meteen een e-mail.")
    assertContains(response, "Geen e-mail.")


def test_the_current_choice_or_the_default_is_checked(client, inwoner):
    voorkeur_instellen(user=inwoner, soort=Soort.TEST, bezorging=Bezorging.DAGELIJKS)
    client.force_login(inwoner)

    response = client.get(URL)

    forms = {form.soort: form for form in response.context["formulieren"]}
    assert forms[Soort.TEST]["bezorging"].value() == Bezorging.DAGELIJKS
    assert forms[Soort.WELKOM]["bezorging"].value() == SOORTEN[Soort.WELKOM].standaard
    assertContains(
        response,
        f'value="{Bezorging.DAGELIJKS}" id="voorkeur-test-bezorging_1"'
        ' aria-describedby="voorkeur-test-bezorging_1-uitleg" checked>',
    )


def test_saving_without_javascript_redirects_with_a_message(client, inwoner):
    client.force_login(inwoner)

    response = client.post(URL, {"soort": Soort.TEST, "bezorging": Bezorging.UIT})

    assertRedirects(response, URL, fetch_redirect_response=False)
    assert gekozen(inwoner, Soort.TEST) == Bezorging.UIT
    assertContains(client.get(URL), "is opgeslagen.")


def test_saving_with_htmx_answers_the_fieldset_and_a_status(client, inwoner):
    client.force_login(inwoner)

    response = client.post(
        URL, {"soort": Soort.TEST, "bezorging": Bezorging.DAGELIJKS}, headers=HTMX
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "<html" not in content
    assert content.strip().startswith(
        '<form class="utrecht-form meldingen-voorkeur__form" id="voorkeur-test"'
    )
    assert content.count("<fieldset") == 1
    assert '<p id="voorkeur-test-status" hx-swap-oob="innerHTML">Opgeslagen.</p>' in content
    assert (
        'id="voorkeur-test-bezorging_1" aria-describedby="voorkeur-test-bezorging_1-uitleg" checked'
        in content
    )
    assert gekozen(inwoner, Soort.TEST) == Bezorging.DAGELIJKS


def test_a_new_choice_applies_to_mail_not_yet_sent(client, inwoner):
    melding = MeldingFactory(ontvanger=inwoner, soort=Soort.TEST, direct=True)
    client.force_login(inwoner)

    client.post(URL, {"soort": Soort.TEST, "bezorging": Bezorging.UIT}, headers=HTMX)

    melding.refresh_from_db()
    assert melding.bezorging == Bezorging.UIT


def test_an_invalid_choice_is_refused_in_dutch(client, inwoner):
    voorkeur_instellen(user=inwoner, soort=Soort.TEST, bezorging=Bezorging.DIRECT)
    client.force_login(inwoner)

    response = client.post(URL, {"soort": Soort.TEST, "bezorging": "altijd"})

    assert response.status_code == 200
    assertContains(response, 'class="utrecht-alert utrecht-alert--error error-summary"')
    assertContains(response, 'href="#voorkeur-test-bezorging_0"')
    assertContains(response, "Selecteer een geldige keuze. altijd is geen beschikbare keuze.")
    assertContains(response, "utrecht-form-fieldset--invalid", count=1)
    assert gekozen(inwoner, Soort.TEST) == Bezorging.DIRECT


def test_an_invalid_choice_with_htmx_shows_the_error_in_the_fieldset(client, inwoner):
    client.force_login(inwoner)

    response = client.post(URL, {"soort": Soort.TEST, "bezorging": ""}, headers=HTMX)

    assertContains(response, "utrecht-form-fieldset--invalid")
    assertContains(response, "Dit veld is verplicht.")
    assertContains(response, "Niet opgeslagen: kies een van de mogelijkheden.")
    assertNotContains(response, "Opgeslagen.")
    assert gekozen(inwoner, Soort.TEST) is None


def test_an_unknown_kind_is_refused_in_dutch(client, inwoner):
    client.force_login(inwoner)

    response = client.post(URL, {"soort": "reclame", "bezorging": Bezorging.UIT})

    assert response.status_code == 400
    assertContains(
        response, "Die soort melding kennen we niet. Er is niets gewijzigd.", status_code=400
    )
    assert not Voorkeur.objects.filter(user=inwoner).exists()


def test_each_user_sets_only_their_own(client, inwoner, partner_lid):
    client.force_login(inwoner)

    client.post(URL, {"soort": Soort.TEST, "bezorging": Bezorging.UIT})

    assert gekozen(inwoner, Soort.TEST) == Bezorging.UIT
    assert gekozen(partner_lid, Soort.TEST) is None


def test_a_visitor_is_sent_to_log_in(client, db):
    assertRedirects(
        client.get(URL), f"{reverse('account_login')}?next={URL}", fetch_redirect_response=False
    )
    response = client.post(URL, {"soort": Soort.TEST, "bezorging": Bezorging.UIT})
    assert response.url.startswith(reverse("account_login"))
    assert not Voorkeur.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_not_allowed(client, inwoner, method):
    client.force_login(inwoner)

    assert getattr(client, method)(URL).status_code == 405


def test_queries_do_not_grow_with_the_number_of_choices(client, inwoner, django_assert_num_queries):
    client.force_login(inwoner)
    client.get(URL)
    with CaptureQueriesContext(connection) as zonder_keuzes:
        client.get(URL)

    for soort in Soort:
        voorkeur_instellen(user=inwoner, soort=soort, bezorging=Bezorging.DAGELIJKS)
    with django_assert_num_queries(len(zonder_keuzes)):
        client.get(URL)
