"""Sign-up for residents, with mandatory e-mail verification by code."""

from datetime import UTC, datetime, timedelta

from django.urls import reverse

import pytest
import time_machine
from allauth.account import app_settings as allauth_settings
from allauth.account.models import EmailAddress

from accounts.models import User
from accounts.roles import Rol
from accounts.selectors import user_roles
from tests.accounts.conftest import code_from, logged_in_user_id

NEW_PASSWORD = "Zonnebloem-aan-de-Vecht-42"

pytestmark = pytest.mark.django_db


def sign_up(client, email="nieuw@example.nl"):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )


def test_signup_creates_an_inwoner_with_an_unverified_address(client, mailoutbox):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="nieuw@example.nl")
    assert user_roles(user) == {Rol.INWONER}
    assert not user.is_staff
    assert EmailAddress.objects.get(user=user).verified is False
    assert logged_in_user_id(client) is None


def test_signup_sends_a_dutch_verification_mail_with_a_code(client, mailoutbox):
    sign_up(client)

    (message,) = mailoutbox
    assert message.to == ["nieuw@example.nl"]
    assert message.subject == "[Gemeente Demodam] Bevestig je e-mailadres"
    assert "Hallo van Gemeente Demodam!" in message.body
    assert "Hieronder staat je e-mailadres verificatiecode" in message.body
    assert code_from(message)


def test_the_verification_page_asks_for_the_code_in_dutch(client, mailoutbox):
    sign_up(client)

    response = client.get(reverse("account_email_verification_sent"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Bevestig je e-mailadres" in html
    assert "We hebben een code naar" in html
    assert 'for="id_code"' in html


def test_entering_the_code_verifies_the_address_and_logs_in(client, mailoutbox):
    sign_up(client)
    user = User.objects.get(email="nieuw@example.nl")

    response = client.post(
        reverse("account_email_verification_sent"), {"code": code_from(mailoutbox[0])}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert logged_in_user_id(client) == str(user.pk)
    assert EmailAddress.objects.get(user=user).verified is True


def test_a_wrong_code_shows_a_dutch_error_and_keeps_the_visitor_out(client, mailoutbox):
    sign_up(client)

    response = client.post(reverse("account_email_verification_sent"), {"code": "FOUT99"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze code klopt niet. Controleer de code in de e-mail" in html
    assert 'role="alert"' in html
    assert logged_in_user_id(client) is None


def test_an_expired_code_says_so_in_dutch(client, mailoutbox):
    sign_up(client)
    code = code_from(mailoutbox[0])

    later = timedelta(seconds=allauth_settings.EMAIL_VERIFICATION_BY_CODE_TIMEOUT + 1)
    with time_machine.travel(datetime.now(tz=UTC) + later, tick=False):
        response = client.post(
            reverse("account_email_verification_sent"), {"code": code}, follow=True
        )

    assert response.redirect_chain[0] == (reverse("account_login"), 302)
    assert "Je verificatiecode is verlopen. Log in om een nieuwe code te ontvangen." in (
        response.content.decode()
    )
    assert logged_in_user_id(client) is None


def test_signing_up_twice_with_one_address_creates_one_user(client, mailoutbox):
    sign_up(client)
    client.logout()

    sign_up(client)

    assert User.objects.filter(email="nieuw@example.nl").count() == 1


def test_the_confirmation_view_refuses_other_methods(client):
    response = client.put(reverse("account_email_verification_sent"))

    assert response.status_code == 405


def test_a_new_code_can_be_requested(client, mailoutbox):
    sign_up(client)
    page = client.get(reverse("account_email_verification_sent")).content.decode()
    assert "Nieuwe code aanvragen" in page

    client.post(reverse("account_email_verification_sent"), {"action": "resend"})

    assert len(mailoutbox) == 2
    response = client.post(
        reverse("account_email_verification_sent"), {"code": code_from(mailoutbox[1])}
    )
    assert response["Location"] == reverse("home")
