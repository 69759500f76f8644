"""RequireStaffMfaMiddleware: staff roles must set up an authenticator app first."""

from datetime import UTC, datetime, timedelta

from django.urls import reverse

import pytest
import time_machine
from allauth.account import app_settings as allauth_settings

from accounts.roles import Rol
from tests.accounts.conftest import totp_code
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ACTIVATE_TOTP = "/accounts/2fa/totp/activate/"
MESSAGE = "Daarom is twee-factor-authenticatie verplicht voor je account."


@pytest.fixture(autouse=True)
def _require_mfa_for_staff(settings):
    settings.REQUIRE_MFA_FOR_STAFF = True


@pytest.fixture
def ambtenaar_zonder_mfa():
    return UserFactory(rollen=[Rol.AMBTENAAR])


def test_a_staff_user_without_totp_is_sent_to_set_it_up(client, ambtenaar_zonder_mfa):
    client.force_login(ambtenaar_zonder_mfa)

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == ACTIVATE_TOTP


@pytest.mark.parametrize("rol", [Rol.AMBTENAAR, Rol.ADVISEUR, Rol.BEHEERDER])
def test_every_staff_role_is_held_to_it(client, rol):
    client.force_login(UserFactory(rollen=[rol]))

    response = client.get(reverse("home"))

    assert response["Location"] == ACTIVATE_TOTP


@pytest.mark.parametrize("rol", [Rol.INWONER, Rol.PARTNER])
def test_residents_and_partners_are_not(client, rol):
    client.force_login(UserFactory(rollen=[rol]))

    response = client.get(reverse("home"))

    assert response.status_code == 200


def test_staff_with_totp_pass(client, ambtenaar):
    client.force_login(ambtenaar)

    assert client.get(reverse("home")).status_code == 200


def test_nothing_is_enforced_when_the_setting_is_off(client, settings, ambtenaar_zonder_mfa):
    settings.REQUIRE_MFA_FOR_STAFF = False
    client.force_login(ambtenaar_zonder_mfa)

    assert client.get(reverse("home")).status_code == 200


def test_the_set_up_page_explains_why_in_dutch(client, log_in, ambtenaar_zonder_mfa):
    log_in(ambtenaar_zonder_mfa)

    response = client.get(reverse("home"), follow=True)

    # Just logged in, so allauth's password prompt before adding a factor is skipped.
    assert response.redirect_chain == [(ACTIVATE_TOTP, 302)]
    html = response.content.decode()
    assert MESSAGE in html
    assert "Activeer authenticator-app" in html
    assert '<img class="utrecht-img totp-qr-code" src="data:image/svg+xml;base64,' in html
    assert client.session["mfa.totp.secret"] in html


def test_later_in_the_session_the_password_is_asked_first(client, log_in, ambtenaar_zonder_mfa):
    log_in(ambtenaar_zonder_mfa)

    later = timedelta(seconds=allauth_settings.REAUTHENTICATION_TIMEOUT + 1)
    with time_machine.travel(datetime.now(tz=UTC) + later, tick=False):
        response = client.get(ACTIVATE_TOTP)
        assert response["Location"].startswith(reverse("account_reauthenticate"))

        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

        assert client.get(ACTIVATE_TOTP).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/2fa/",
        "/accounts/2fa/totp/activate/",
        "/accounts/logout/",
        "/accounts/reauthenticate/",
        "/health/",
    ],
)
def test_the_pages_needed_to_comply_stay_reachable(client, ambtenaar_zonder_mfa, url):
    client.force_login(ambtenaar_zonder_mfa)

    response = client.get(url)

    assert response.get("Location") != ACTIVATE_TOTP


def test_switching_language_stays_reachable(client, ambtenaar_zonder_mfa):
    client.force_login(ambtenaar_zonder_mfa)

    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/2fa/"})

    assert response["Location"] == "/accounts/2fa/"


def test_logging_out_works(client, ambtenaar_zonder_mfa):
    client.force_login(ambtenaar_zonder_mfa)

    client.post(reverse("account_logout"))

    assert "_auth_user_id" not in client.session


def test_htmx_requests_get_a_client_redirect(client, ambtenaar_zonder_mfa):
    client.force_login(ambtenaar_zonder_mfa)

    response = client.get(reverse("home"), headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response["HX-Redirect"] == ACTIVATE_TOTP
    assert response.content == b""


def test_after_activating_totp_the_ambtenaar_gets_in(
    client, log_in, ambtenaar_zonder_mfa, django_capture_on_commit_callbacks
):
    log_in(ambtenaar_zonder_mfa)
    client.get(ACTIVATE_TOTP)
    secret = client.session["mfa.totp.secret"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ACTIVATE_TOTP, {"code": totp_code(secret)})

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_authenticator_code_is_refused_in_dutch(client, log_in, ambtenaar_zonder_mfa):
    log_in(ambtenaar_zonder_mfa)
    client.get(ACTIVATE_TOTP)

    response = client.post(ACTIVATE_TOTP, {"code": "000000"})

    assert response.status_code == 200
    assert "Deze code klopt niet. Voer de code in die je authenticator-app nu laat zien." in (
        response.content.decode()
    )
    assert client.get(reverse("home"))["Location"] == ACTIVATE_TOTP
