"""Helpers for the account tests: read what a user sees and do what a user does."""

import re
import time

from django.core import mail
from django.urls import reverse

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.factories import PASSWORD

# allauth puts the code alone on a line, between blank lines.
_CODE_LINE = re.compile(r"\n\n([A-Z0-9-]{4,12})\n\n")


def code_from(message: mail.EmailMessage) -> str:
    match = _CODE_LINE.search(message.body)
    assert match, message.body
    return match.group(1)


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for ``secret``."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def logged_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


@pytest.fixture
def log_in(client):
    """Log in through the login form, as a person would (allauth records it,
    which its re-authentication check needs; ``force_login`` does not)."""

    def _log_in(user, password: str = PASSWORD):
        return client.post(reverse("account_login"), {"login": user.email, "password": password})

    return _log_in
