"""The status per goal in a real browser, on the demo data. (Helper "voortgang".)

Both pages pass axe-core without console errors (a CSP violation is one), also with
the error summary shown; the regisseur sets a status with the keyboard alone,
starting from the opgave's overview.
"""

from __future__ import annotations

import re

from django.urls import reverse

import pytest
from playwright.sync_api import expect

from opgaven.models import Opgave
from rapportage import demo as rapportage_demo
from rapportage.models import Doelstatus
from tests.e2e.conftest import (  # noqa: F401 - fixtures of the browser tests
    axe_source,
    browser_context_args,
    browser_errors,
    browser_type_launch_args,
    demo,
    zonder_mfa,
)
from tests.e2e.test_opgaven import assert_toegankelijk, inloggen

pytestmark = pytest.mark.e2e

ENERGIE = "Energietransitie Demodam-Noord"


@pytest.fixture
def statussen(demo):  # noqa: F811 - the fixture imported above
    rapportage_demo.seed()
    return Opgave.objects.get(titel=ENERGIE)


def test_both_pages_pass_axe(
    page,
    live_server,
    statussen,
    zonder_mfa,  # noqa: F811
    axe_source,  # noqa: F811
    browser_errors,  # noqa: F811
):
    inloggen(page, live_server, "regisseur@demodam.nl")
    opgave = statussen
    doel = opgave.doelen.order_by("volgorde", "pk").last()
    lijst = reverse("rapportage:doelstatus", kwargs={"slug": opgave.slug})
    zetten = reverse("rapportage:doelstatus_zetten", kwargs={"slug": opgave.slug, "pk": doel.pk})
    assert_toegankelijk(page, f"{live_server.url}{lijst}", axe_source, browser_errors)
    expect(page.get_by_text("Met de tweede aannemer gaat het tempo omhoog")).to_be_visible()
    assert_toegankelijk(page, f"{live_server.url}{zetten}", axe_source, browser_errors)
    # With the error summary: it takes the focus.
    page.get_by_label("Toelichting").fill("")
    page.get_by_role("button", name="Status opslaan").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    browser_errors.clear()  # the browser logs the intended 400 response
    expect(summary).to_contain_text("Licht de status in een paar zinnen toe.")
    from tests.e2e.test_opgaven import axe_violations, readable

    violations = axe_violations(page, axe_source)
    assert violations == [], readable(violations)
    assert browser_errors == []


def test_the_regisseur_sets_a_status_with_the_keyboard_alone(
    page,
    live_server,
    statussen,
    zonder_mfa,  # noqa: F811
    browser_errors,  # noqa: F811
):
    inloggen(page, live_server, "regisseur@demodam.nl")
    opgave = statussen
    page.goto(f"{live_server.url}{opgave.get_absolute_url()}")
    link = page.get_by_role("link", name="Status per doel (rood, oranje, groen)")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(
        f"{live_server.url}{reverse('rapportage:doelstatus', kwargs={'slug': opgave.slug})}"
    )
    doel = opgave.doelen.get(titel="Minder energiearmoede")
    # The goal's title is in a visually hidden part of the link's name.
    page.get_by_role("link", name=re.compile(rf"^Status bijwerken\s*:\s*{doel.titel}$")).focus()
    page.keyboard.press("Enter")
    # The current status is checked; arrow keys move within the radio group.
    groen = page.get_by_role("radio", name="Groen: op koers")
    expect(groen).to_be_checked()
    groen.focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Oranje: vraagt aandacht")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Toelichting")).to_be_focused()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("De daling vlakt af; het energieloket krijgt minder aanvragen.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Status opslaan")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_text("De status van “Minder energiearmoede” is opgeslagen.")).to_be_visible()
    nieuwste = Doelstatus.objects.filter(doel=doel).order_by("-gezet_op", "-pk").first()
    assert nieuwste.kleur == Doelstatus.Kleur.ORANJE
    assert nieuwste.toelichting.startswith("De daling vlakt af")
    assert browser_errors == []
