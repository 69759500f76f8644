"""Logging in: with a password, with an e-mail code, and what goes wrong."""

from datetime import UTC, datetime, timedelta

from django.urls import reverse

import pytest
import time_machine
from allauth.account import app_settings as allauth_settings
from allauth.account.models import EmailAddress

from tests.accounts.conftest import code_from, logged_in_user_id

pytestmark = pytest.mark.django_db


def test_the_right_password_logs_in(client, inwoner, log_in):
    response = log_in(inwoner)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert logged_in_user_id(client) == str(inwoner.pk)


def test_a_wrong_password_shows_a_dutch_error_and_stays_logged_out(client, inwoner, log_in):
    response = log_in(inwoner, password="niet-het-wachtwoord")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Het door jou opgegeven e-mailadres en/of wachtwoord is niet correct." in html
    assert "data-error-summary" in html
    assert logged_in_user_id(client) is None


def test_an_empty_form_lists_each_field_in_the_error_summary(client):
    response = client.post(reverse("account_login"), {"login": "", "password": ""})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert (
        '<a class="utrecht-link" href="#id_login">E-mailadres: Dit veld is verplicht.</a>' in html
    )
    assert 'href="#id_password">Wachtwoord: Dit veld is verplicht.</a>' in html
    # Each field points at its own error message.
    assert 'aria-invalid="true"' in html
    assert 'id="id_login_error"' in html
    assert 'aria-describedby="id_login_error"' in html


def test_an_unverified_address_gets_a_new_code_instead_of_a_login(
    client, inwoner, log_in, mailoutbox
):
    EmailAddress.objects.filter(user=inwoner).update(verified=False)

    response = log_in(inwoner)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert logged_in_user_id(client) is None
    (message,) = mailoutbox
    assert message.subject == "[Gemeente Demodam] Bevestig je e-mailadres"
    page = client.get(response["Location"]).content.decode()
    assert f"We hebben een e-mail met een bevestigingscode gestuurd naar {inwoner.email}." in page
    assert "Bevestig je e-mailadres" in page


def request_login_code(client, user):
    return client.post(reverse("account_request_login_code"), {"email": user.email})


def test_requesting_a_login_code_mails_it_in_dutch(client, inwoner, mailoutbox):
    response = request_login_code(client, inwoner)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    (message,) = mailoutbox
    assert message.to == [inwoner.email]
    assert message.subject == "[Gemeente Demodam] Inlogcode"
    assert "Hieronder staat je inlogcode." in message.body
    page = client.get(response["Location"]).content.decode()
    assert "Inlogcode invullen" in page
    assert f"We hebben een inlogcode gestuurd naar {inwoner.email}." in page


def test_entering_the_login_code_logs_in(client, inwoner, mailoutbox):
    request_login_code(client, inwoner)

    response = client.post(
        reverse("account_confirm_login_code"), {"code": code_from(mailoutbox[0])}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert logged_in_user_id(client) == str(inwoner.pk)


def test_a_wrong_login_code_shows_a_dutch_error(client, inwoner, mailoutbox):
    request_login_code(client, inwoner)

    response = client.post(reverse("account_confirm_login_code"), {"code": "FOUT99"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze code klopt niet. Controleer de code in de e-mail" in html
    assert 'href="#id_code"' in html
    assert logged_in_user_id(client) is None


def test_an_expired_login_code_says_so_in_dutch(client, inwoner, mailoutbox):
    request_login_code(client, inwoner)
    code = code_from(mailoutbox[0])

    later = timedelta(seconds=allauth_settings.LOGIN_BY_CODE_TIMEOUT + 1)
    with time_machine.travel(datetime.now(tz=UTC) + later, tick=False):
        response = client.post(reverse("account_confirm_login_code"), {"code": code}, follow=True)

    assert response.redirect_chain == [(reverse("account_request_login_code"), 302)]
    assert "Je inlogcode is verlopen. Vraag een nieuwe code aan." in response.content.decode()
    assert logged_in_user_id(client) is None


def test_too_many_wrong_codes_end_the_attempt(client, inwoner, mailoutbox):
    request_login_code(client, inwoner)

    for _attempt in range(allauth_settings.LOGIN_BY_CODE_MAX_ATTEMPTS):
        response = client.post(reverse("account_confirm_login_code"), {"code": "FOUT99"})

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Te veel inlogpogingen. Probeer het later nogmaals." in page
    assert logged_in_user_id(client) is None


def test_a_code_for_an_unknown_address_logs_nobody_in(client, mailoutbox):
    client.post(reverse("account_request_login_code"), {"email": "onbekend@example.nl"})

    response = client.post(reverse("account_confirm_login_code"), {"code": "ABC123"})

    assert logged_in_user_id(client) is None
    assert response.status_code == 200


def test_the_code_confirmation_view_refuses_other_methods(client):
    response = client.put(reverse("account_confirm_login_code"))

    assert response.status_code == 405


def test_logging_out_ends_the_session(client, inwoner, log_in):
    log_in(inwoner)

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert logged_in_user_id(client) is None
    assert "Je bent uitgelogd." in client.get(response["Location"]).content.decode()


def test_a_new_login_code_can_be_requested(client, inwoner, mailoutbox):
    request_login_code(client, inwoner)

    client.post(reverse("account_confirm_login_code"), {"action": "resend"})

    assert len(mailoutbox) == 2
    client.post(reverse("account_confirm_login_code"), {"code": code_from(mailoutbox[1])})
    assert logged_in_user_id(client) == str(inwoner.pk)
