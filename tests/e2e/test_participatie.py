"""Participation in a real browser, on the demo data.

Every page passes axe-core without console errors, as a visitor, as the demo
resident and as the official who manages the round. The resident submits an
idea and supports another one with the keyboard alone.
"""

from django.urls import reverse

import pytest
from playwright.sync_api import expect

from participatie.models import Inbreng, Ronde
from tests.e2e.test_budget import tab_tot
from tests.e2e.test_opgaven import assert_toegankelijk, inloggen

pytestmark = pytest.mark.e2e


def open_ronde() -> Ronde:
    return Ronde.objects.select_related("opgave").get(
        opgave__titel="Samen tegen eenzaamheid", status=Ronde.Status.OPEN
    )


def test_public_pages_for_a_visitor(page, live_server, demo, axe_source, browser_errors):
    ronde = open_ronde()
    item = ronde.inbreng.filter(verborgen_op__isnull=True).first()
    sessie = ronde.sessies.first()
    for pad in [
        reverse("participatie:list"),
        ronde.get_absolute_url(),
        f"{ronde.get_absolute_url()}?sorteer=steun",
        item.get_absolute_url(),
        sessie.get_absolute_url(),
    ]:
        assert_toegankelijk(page, f"{live_server.url}{pad}", axe_source, browser_errors)


def test_resident_and_official_pages(
    page, live_server, demo, zonder_mfa, axe_source, browser_errors
):
    ronde = open_ronde()
    gesloten = Ronde.objects.get(status=Ronde.Status.TERUGGEKOPPELD)
    inloggen(page, live_server, "inwoner@demodam.nl")
    for pad in [
        reverse("participatie:meedoen", kwargs={"slug": ronde.slug}),
        reverse("participatie:inbreng_nieuw", kwargs={"slug": ronde.slug}),
        reverse("mijn_inbreng"),
        gesloten.get_absolute_url(),
    ]:
        assert_toegankelijk(page, f"{live_server.url}{pad}", axe_source, browser_errors)

    page.context.clear_cookies()
    inloggen(page, live_server, "ambtenaar@demodam.nl")
    for pad in [
        reverse("participatie:opgave_rondes", kwargs={"slug": ronde.opgave.slug}),
        reverse("participatie:ronde_bewerken", kwargs={"slug": ronde.slug}),
        reverse("participatie:ronde_status", kwargs={"slug": ronde.slug}),
        reverse("participatie:terugkoppeling", kwargs={"slug": ronde.slug}),
        reverse("participatie:moderatie", kwargs={"slug": ronde.slug}),
        reverse(
            "participatie:aanwezigheid", kwargs={"slug": ronde.slug, "pk": ronde.sessies.first().pk}
        ),
    ]:
        assert_toegankelijk(page, f"{live_server.url}{pad}", axe_source, browser_errors)


def test_the_resident_submits_an_idea_and_supports_one_with_the_keyboard(
    page, live_server, demo, axe_source, browser_errors
):
    ronde = open_ronde()
    inloggen(page, live_server, "inwoner@demodam.nl")
    page.goto(
        f"{live_server.url}{reverse('participatie:inbreng_nieuw', kwargs={'slug': ronde.slug})}"
    )

    tab_tot(page, "the idea option", "el.type === 'radio' && el.value === 'idee'")
    page.keyboard.press("Space")
    tab_tot(page, "the title", "el.name === 'titel'")
    page.keyboard.type("Een moestuin achter de flat")
    tab_tot(page, "the text", "el.name === 'tekst'")
    page.keyboard.type("Samen tuinieren brengt mensen bij elkaar.")
    tab_tot(page, "the send button", "el.type === 'submit' && el.closest('main') !== null")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    nieuw = Inbreng.objects.get(titel="Een moestuin achter de flat")
    assert nieuw.auteur.email == "inwoner@demodam.nl"
    expect(page.locator("main")).to_contain_text("Een moestuin achter de flat")

    # Support someone else's idea from its page: Tab to the button, Space.
    ander = (
        ronde.inbreng.filter(verborgen_op__isnull=True)
        .exclude(auteur__email="inwoner@demodam.nl")
        .exclude(steunbetuigingen__user__email="inwoner@demodam.nl")
        .first()
    )
    voor = ander.aantal_steun
    page.goto(f"{live_server.url}{ander.get_absolute_url()}")
    tab_tot(page, "the support button", "el.getAttribute('aria-pressed') === 'false'")
    page.keyboard.press("Space")
    expect(page.locator("main [aria-pressed='true']").first).to_be_visible()
    ander.refresh_from_db()
    assert ander.aantal_steun == voor + 1
    assert browser_errors == []
