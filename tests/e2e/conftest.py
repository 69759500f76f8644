"""Real-browser tests: Playwright drives Debian's chromium (never ``playwright install``)."""

import io
import os
from pathlib import Path

from django.core.management import call_command

import pytest

from tests.local_services import skip_or_fail

# Playwright's sync API keeps an event loop running in the test thread, and Django
# refuses database access from such a thread unless told it is safe. It is: the
# test and its fixtures use the database from this one thread.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A Dutch browser: LocaleMiddleware follows Accept-Language.
    return {**browser_context_args, "locale": "nl-NL"}


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        skip_or_fail(f"{AXE} is missing: run make install (npm ci)")
    return AXE.read_text()


@pytest.fixture
def demo(transactional_db):
    """Gemeente Demodam, committed so that the live server sees it."""
    call_command("demo", stdout=io.StringIO())


@pytest.fixture
def browser_errors(page) -> list[str]:
    """Console errors and uncaught exceptions; a CSP violation shows up here."""
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def zonder_mfa(settings):
    """The demo officials have no authenticator app; these tests are not about MFA."""
    settings.REQUIRE_MFA_FOR_STAFF = False
