"""Production settings: safe defaults, a clear stop on a missing variable, a clean deploy check.

Each test starts ``manage.py`` in a clean environment: outside pytest the settings
do not switch to test mode.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "SECRET_KEY": "test-settings-not-a-real-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "example.nl",
    # check --deploy reads settings only: this server is never contacted.
    "DATABASE_URL": "postgres://opgave@db.example.nl:5432/opgave",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", str(REPO)), **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def without(name: str) -> dict[str, str]:
    return {key: value for key, value in PRODUCTION.items() if key != name}


@pytest.mark.parametrize("name", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_missing_required_variable_stops_the_start_naming_it(name):
    result = manage("check", env=without(name))

    assert result.returncode != 0
    assert f"De omgevingsvariabele {name} ontbreekt" in result.stderr
    assert "Traceback" not in result.stderr  # one clear message, not a stack trace


def test_deploy_check_passes_with_production_env():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_debug_is_off_and_the_site_secure_by_default():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS > 0, s.REQUIRE_MFA_FOR_STAFF, s.CELERY_TASK_ALWAYS_EAGER)"
    )

    result = manage("shell", "--no-imports", "-c", code, env=PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "True", "True"]


def test_debug_needs_no_secrets():
    result = manage("check", env={"DJANGO_DEBUG": "1", "DATABASE_URL": PRODUCTION["DATABASE_URL"]})

    assert result.returncode == 0, result.stderr


def test_env_example_lists_every_variable_the_settings_read():
    settings_source = (REPO / "config" / "settings.py").read_text()
    read = set(
        re.findall(r"\b(?:env|env_bool|env_list|required)\(\s*\"([A-Z_]+)\"", settings_source)
    )
    documented = set(
        re.findall(r"^#?\s*([A-Z_]+)=", (REPO / ".env.example").read_text(), re.MULTILINE)
    )

    assert read, "no env() calls found: did the settings change shape?"
    assert read - documented == set()
