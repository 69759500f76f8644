"""The opgave workspace in a real browser, on the demo data: every tab as the
regisseur, the plan as a partner and the public summary as a visitor. Each page
must load without console errors (a CSP violation is one) and pass axe-core."""

from django.conf import settings
from django.test import Client

import pytest

from accounts.models import User
from opgaven.models import Opgave, Opgaverol, Zichtbaarheid
from tests.e2e.test_smoke import axe_violations, readable

pytestmark = pytest.mark.e2e

TABS = [
    "",
    "doelen/",
    "krachtenveld/",
    "plan/",
    "budget/",
    "besluiten/",
    "geschiedenis/",
    "rollen/",
]


def inloggen(page, live_server, email: str) -> None:
    """Log in by session cookie: the login form itself is covered by test_smoke."""
    client = Client()
    client.force_login(User.objects.get(email=email))
    sessie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": sessie, "url": live_server.url}]
    )


def opgave_van_regisseur() -> Opgave:
    """A demo opgave directed by regisseur@demodam.nl, with a plan van aanpak."""
    return (
        Opgave.objects.filter(
            rollen__user__email="regisseur@demodam.nl",
            rollen__rol=Opgaverol.Rol.OPGAVEREGISSEUR,
            plannen__isnull=False,
        )
        .distinct()
        .first()
    )


def assert_toegankelijk(page, url: str, axe_source: str, browser_errors: list[str]) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    violations = axe_violations(page, axe_source)
    assert violations == [], f"axe-core on {url}:\n{readable(violations)}"
    assert browser_errors == [], url


@pytest.mark.parametrize("tab", TABS)
def test_every_tab_of_the_workspace(
    page, live_server, demo, zonder_mfa, axe_source, browser_errors, tab
):
    inloggen(page, live_server, "regisseur@demodam.nl")
    opgave = opgave_van_regisseur()
    assert opgave is not None, "the demo has an opgave with a plan for the regisseur"
    assert_toegankelijk(
        page, f"{live_server.url}{opgave.get_absolute_url()}{tab}", axe_source, browser_errors
    )


def test_the_list_with_a_search(page, live_server, demo, zonder_mfa, axe_source, browser_errors):
    inloggen(page, live_server, "regisseur@demodam.nl")
    assert_toegankelijk(page, f"{live_server.url}/opgaven/?q=energie", axe_source, browser_errors)
    assert page.locator("main").get_by_text("nergie").count() > 0


def test_the_new_opgave_form(page, live_server, demo, zonder_mfa, axe_source, browser_errors):
    inloggen(page, live_server, "regisseur@demodam.nl")
    assert_toegankelijk(page, f"{live_server.url}/opgaven/nieuw/", axe_source, browser_errors)


def test_the_partner_sees_the_plan(page, live_server, demo, axe_source, browser_errors):
    inloggen(page, live_server, "partner@demodam.nl")
    opgave = Opgave.objects.filter(
        betrokkenheden__organisatie__lidmaatschappen__user__email="partner@demodam.nl",
        plannen__isnull=False,
    ).first()
    assert opgave is not None, "the demo partner's organisation is involved in a planned opgave"
    assert_toegankelijk(
        page, f"{live_server.url}{opgave.get_absolute_url()}plan/", axe_source, browser_errors
    )


def test_a_visitor_gets_the_public_summary(page, live_server, demo, axe_source, browser_errors):
    opgave = Opgave.objects.filter(zichtbaarheid=Zichtbaarheid.OPENBAAR).first()
    assert_toegankelijk(
        page, f"{live_server.url}{opgave.get_absolute_url()}", axe_source, browser_errors
    )
    assert page.get_by_role("navigation", name="Onderdelen van deze opgave").count() == 0
