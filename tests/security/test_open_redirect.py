"""Open redirect on every ``next`` parameter (issue 10 point 7, ASVS 5.1.5).

The places that send a visitor on to an address they were given: Django's
``set_language`` (``next``, or the Referer without one), allauth's login (also its
second, MFA step), logout, sign-up and re-authentication (``next``), and the
participation pages that bring you back where you were (``participatie:meedoen``,
``participatie:steun``). The apps and templates were searched for ``next``,
``redirect_to``, ``return``/``terug`` and ``HTTP_REFERER``; the other redirects go to
addresses the server made itself (a notification's stored path,
``redirect_to_login(request.get_full_path())``, the MFA set-up page's ``next``).

Each is sent every payload below, by GET and by POST where the view reads both, and
must answer with a redirect to this site (or a page without a redirect at all).
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

import pytest

from tests.factories import PASSWORD

PAYLOADS = (
    "//evil.example",
    "https://evil.example",
    "http://evil.example/",
    "/\\evil.example",
    "\\/\\/evil.example",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
    "///evil.example",
    "https:evil.example",
    " //evil.example",
)
OP_DEZE_SITE = "testserver"


def assert_op_de_site(response) -> None:
    """A redirect stays on this site; any other answer redirects nowhere."""
    if response.status_code not in (301, 302, 303, 307, 308):
        assert response.status_code < 500
        assert "evil.example" not in response.get("HX-Redirect", "")
        return
    location = response["Location"]
    assert url_has_allowed_host_and_scheme(location, allowed_hosts={OP_DEZE_SITE}), location
    assert "evil.example" not in urlsplit(location).netloc
    assert not location.lower().startswith("javascript:")


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_set_language(client, payload):
    for method in ("get", "post"):
        response = getattr(client, method)(
            reverse("set_language"), {"language": "nl", "next": payload}
        )
        assert_op_de_site(response)
    response = client.post(
        reverse("set_language"), {"language": "nl"}, headers={"referer": payload}
    )
    assert_op_de_site(response)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_allauth_for_visitors(client, inwoner, payload):
    """Logging in with the right password, and the visitors' pages for a logged-in user."""
    login = reverse("account_login")
    response = client.post(login, {"login": inwoner.email, "password": PASSWORD, "next": payload})
    assert response.status_code == 302  # logged in, really redirected
    assert_op_de_site(response)
    assert_op_de_site(client.get(login, {"next": payload}))
    assert_op_de_site(client.get(reverse("account_signup"), {"next": payload}))
    assert_op_de_site(
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD, "next": payload})
    )
    response = client.post(reverse("account_logout"), {"next": payload})
    assert response.status_code == 302
    assert_op_de_site(response)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_allauth_login_with_mfa(client, ambtenaar, payload):
    """Staff log in in two steps; the ``next`` of the first is used after the second."""
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    response = client.post(
        reverse("account_login"),
        {"login": ambtenaar.email, "password": PASSWORD, "next": payload},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    totp = Authenticator.objects.get(user=ambtenaar, type=Authenticator.Type.TOTP)
    secret = get_adapter().decrypt(totp.data["secret"])
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.session["_auth_user_id"] == str(ambtenaar.pk)
    assert response.status_code == 302
    assert_op_de_site(response)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_participatie(client, inwoner, ronde, inbreng, partner_lid, payload):
    meedoen = reverse("participatie:meedoen", kwargs={"slug": ronde.slug})
    client.force_login(inwoner)
    assert_op_de_site(client.get(meedoen, {"next": payload}))
    response = client.post(meedoen, {"toestemming": "on", "next": payload})
    assert response.status_code == 302  # the details were saved and the view redirected
    assert_op_de_site(response)
    response = client.post(f"{meedoen}?next={payload}", {"toestemming": "on"})
    assert_op_de_site(response)

    client.force_login(partner_lid)  # supports inwoner's idea
    steun = reverse("participatie:steun", kwargs={"slug": ronde.slug, "pk": inbreng.pk})
    response = client.post(steun, {"next": payload})
    assert response.status_code == 302
    assert_op_de_site(response)
