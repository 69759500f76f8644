"""Every auth page renders in the site layout, in Dutch, within the CSP."""

import re

from django.urls import reverse

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from accounts.roles import Rol
from tests.accounts.conftest import totp_code
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

# A <script> tag without a src that is not a JSON data block would need 'unsafe-inline'.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/json\")[^>]*>")


def assert_in_layout(response, heading: str) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert 'class="utrecht-skip-link' in html
    assert 'href="#inhoud"' in html
    assert '<main id="inhoud"' in html
    assert heading in html
    assert "style=" not in html
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
    assert '<script src="/static/js/error-summary.js" defer></script>' in html
    return html


def assert_account_page(response, heading: str) -> str:
    html = assert_in_layout(response, heading)
    assert '<nav class="account-nav" aria-label="Mijn account">' in html
    assert f'href="{reverse("mfa_index")}"' in html
    return html


@pytest.fixture
def inwoner_met_totp(inwoner):
    inwoner.totp_secret = generate_totp_secret()
    TOTP.activate(inwoner, inwoner.totp_secret)
    RecoveryCodes.activate(inwoner)
    return inwoner


def reauthenticate(client):
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("account_login", "Inloggen"),
        ("account_signup", "Registreren"),
        ("account_request_login_code", "Stuur me een inlogcode"),
        ("account_reset_password", "Nieuw wachtwoord"),
        ("account_reset_password_done", "Geen e-mail ontvangen? Kijk dan in je spammap."),
        ("account_reset_password_from_key_done", "Je wachtwoord is gewijzigd."),
    ],
)
def test_entrance_pages(client, url_name, heading):
    assert_in_layout(client.get(reverse(url_name)), heading)


def test_login_code_page(client, inwoner, mailoutbox):
    client.post(reverse("account_request_login_code"), {"email": inwoner.email})

    assert_in_layout(client.get(reverse("account_confirm_login_code")), "Inlogcode invullen")


def test_email_verification_page(client, mailoutbox):
    client.post(
        reverse("account_signup"),
        {
            "email": "nieuw@example.nl",
            "password1": "Lang-wachtwoord-9",
            "password2": "Lang-wachtwoord-9",
        },
    )

    response = client.get(reverse("account_email_verification_sent"))

    assert_in_layout(response, "Bevestig je e-mailadres")


def test_password_reset_from_key_page(client, inwoner, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": inwoner.email})
    link = re.search(r"http://testserver(\S+)", mailoutbox[0].body).group(1)

    response = client.get(client.get(link)["Location"])

    assert_in_layout(response, "Wachtwoord wijzigen")


def test_mfa_authenticate_page(client, inwoner_met_totp):
    response = client.post(
        reverse("account_login"), {"login": inwoner_met_totp.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")

    page = client.get(reverse("mfa_authenticate"))

    assert_in_layout(page, "Twee-factor-authenticatie")
    response = client.post(
        reverse("mfa_authenticate"), {"code": totp_code(inwoner_met_totp.totp_secret)}
    )
    assert client.session["_auth_user_id"] == str(inwoner_met_totp.pk), response


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("account_email", "E-mailadressen"),
        ("account_change_password", "Wachtwoord wijzigen"),
        ("account_logout", "Weet je zeker dat je wilt uitloggen?"),
        ("mfa_index", "Twee-factor-authenticatie"),
    ],
)
def test_account_pages(client, inwoner, log_in, url_name, heading):
    log_in(inwoner)

    assert_account_page(client.get(reverse(url_name)), heading)


def test_set_password_page(client):
    user = UserFactory(rollen=[Rol.INWONER])
    user.set_unusable_password()
    user.save(update_fields=["password"])
    client.force_login(user)

    assert_account_page(client.get(reverse("account_set_password")), "Zet wachtwoord")


def test_reauthenticate_page(client, inwoner, log_in):
    log_in(inwoner)

    assert_in_layout(client.get(reverse("account_reauthenticate")), "Toegang bevestigen")


def test_totp_activate_page(client, inwoner, log_in):
    log_in(inwoner)
    reauthenticate(client)

    html = assert_account_page(
        client.get(reverse("mfa_activate_totp")), "Activeer authenticator-app"
    )

    assert 'src="data:image/svg+xml;base64,' in html
    assert 'alt="QR-code om te scannen met je authenticator-app"' in html


@pytest.fixture
def logged_in_with_totp(client, inwoner_met_totp):
    client.force_login(inwoner_met_totp)
    reauthenticate(client)
    return inwoner_met_totp


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("mfa_index", "Authenticatie middels een authenticator-app is actief."),
        ("mfa_deactivate_totp", "Deactiveer authenticator-app"),
        ("mfa_view_recovery_codes", "Ongebruikte codes"),
        ("mfa_generate_recovery_codes", "Herstelcodes"),
    ],
)
def test_mfa_pages(client, logged_in_with_totp, url_name, heading):
    assert_account_page(client.get(reverse(url_name)), heading)


def test_mfa_reauthenticate_page(client, inwoner_met_totp):
    client.force_login(inwoner_met_totp)

    assert_in_layout(client.get(reverse("mfa_reauthenticate")), "Voer een authenticator code in:")


def test_a_form_with_errors_puts_the_error_summary_first(client):
    response = client.post(reverse("account_signup"), {"email": "geen-adres"})

    html = assert_in_layout(response, "Registreren")
    assert html.index("data-error-summary") < html.index('<form class="utrecht-form"')
    assert 'href="#id_email"' in html
    assert 'href="#id_password1"' in html


def test_the_email_page_shows_one_error_summary(client, inwoner):
    client.force_login(inwoner)

    response = client.post(reverse("account_email"), {"action_add": "", "email": "geen-adres"})

    html = assert_account_page(response, "E-mailadressen")
    assert html.count("data-error-summary") == 1
    assert "<legend" in html
