"""Security configuration in production (issue 10, ASVS V3/V14): cookies, sessions,
MFA, login throttling and Django's deploy check.

The production values are read from ``config.settings`` imported in a clean
process with a production environment: inside pytest the settings switch to
test mode (``TESTING``), so reading them here would prove nothing.
"""

import json

from django.core.management import call_command
from django.core.management.base import SystemCheckError

import pytest

from tests.test_settings import PRODUCTION, manage

LEES = """
import json
from django.conf import settings as s
from allauth import app_settings as allauth
from allauth.account import app_settings as account
print(json.dumps({
    "DEBUG": s.DEBUG,
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "SESSION_COOKIE_HTTPONLY": s.SESSION_COOKIE_HTTPONLY,
    "SESSION_COOKIE_SAMESITE": s.SESSION_COOKIE_SAMESITE,
    "CSRF_COOKIE_SECURE": s.CSRF_COOKIE_SECURE,
    "CSRF_COOKIE_SAMESITE": s.CSRF_COOKIE_SAMESITE,
    "LANGUAGE_COOKIE_SECURE": s.LANGUAGE_COOKIE_SECURE,
    "LANGUAGE_COOKIE_HTTPONLY": s.LANGUAGE_COOKIE_HTTPONLY,
    "SESSION_COOKIE_AGE": s.SESSION_COOKIE_AGE,
    "STAFF_IDLE_TIMEOUT": s.STAFF_IDLE_TIMEOUT,
    "REQUIRE_MFA_FOR_STAFF": s.REQUIRE_MFA_FOR_STAFF,
    "CACHE_BACKEND": s.CACHES["default"]["BACKEND"],
    "TRUSTED_PROXY_COUNT": s.TRUSTED_PROXY_COUNT,
    "ALLAUTH_TRUSTED_PROXY_COUNT": allauth.TRUSTED_PROXY_COUNT,
    "RATE_LIMITS": account.RATE_LIMITS,
    "HSTS": s.SECURE_HSTS_SECONDS,
    "SSL_REDIRECT": s.SECURE_SSL_REDIRECT,
}))
"""


def productie(**extra: str) -> dict:
    result = manage("shell", "--no-imports", "-c", LEES, env={**PRODUCTION, **extra})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def waarden() -> dict:
    return productie(CACHE_URL="redis://redis.example.nl:6379/1", TRUSTED_PROXY_COUNT="1")


def test_cookies_are_secure_httponly_and_samesite(waarden):
    assert waarden["DEBUG"] is False
    assert waarden["SESSION_COOKIE_SECURE"] is True
    assert waarden["SESSION_COOKIE_HTTPONLY"] is True
    assert waarden["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert waarden["CSRF_COOKIE_SECURE"] is True
    assert waarden["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert waarden["LANGUAGE_COOKIE_SECURE"] is True
    assert waarden["LANGUAGE_COOKIE_HTTPONLY"] is True
    assert waarden["SSL_REDIRECT"] is True
    assert waarden["HSTS"] >= 31536000


def test_sessions_last_eight_hours_and_staff_half_an_hour_idle(waarden):
    assert waarden["SESSION_COOKIE_AGE"] == 8 * 60 * 60
    assert waarden["STAFF_IDLE_TIMEOUT"] == 30 * 60


def test_mfa_for_staff_is_on_unless_debugging(waarden):
    assert waarden["REQUIRE_MFA_FOR_STAFF"] is True

    ontwikkeling = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.REQUIRE_MFA_FOR_STAFF)",
        env={"DJANGO_DEBUG": "1", "DATABASE_URL": PRODUCTION["DATABASE_URL"]},
    )
    assert ontwikkeling.stdout.split()[-1] == "False"


def test_login_throttling_is_on_in_redis_and_agrees_on_the_proxies(waarden):
    limieten = waarden["RATE_LIMITS"]
    assert limieten["login_failed"] == "10/m/ip,5/5m/key"
    for actie in ("login", "signup", "confirm_email", "reset_password", "request_login_code"):
        assert limieten[actie], actie
    assert waarden["CACHE_BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert waarden["ALLAUTH_TRUSTED_PROXY_COUNT"] == waarden["TRUSTED_PROXY_COUNT"] == 1


@pytest.fixture
def productie_instellingen(settings, monkeypatch):
    """The settings that test mode relaxes, at their production values (asserted above).

    The browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE for the whole process
    when pytest collects them (deselected or not); production never sets it."""
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    settings.DEBUG = False
    settings.SECRET_KEY = PRODUCTION["SECRET_KEY"]
    settings.ALLOWED_HOSTS = ["example.nl"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    return settings


def deploy_check():
    call_command("check", deploy=True, fail_level="WARNING")


def test_the_deploy_check_passes(productie_instellingen):
    deploy_check()


def test_the_deploy_check_would_catch_an_insecure_cookie(productie_instellingen):
    productie_instellingen.SESSION_COOKIE_SECURE = False

    with pytest.raises(SystemCheckError, match="SESSION_COOKIE_SECURE"):
        deploy_check()
