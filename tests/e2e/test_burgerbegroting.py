"""Voting in a participatory budget in a real browser, with the keyboard alone.

The data is made with the services here (not the demo): a budget of € 10.000 with
projects of € 6.000, € 5.000 and € 3.000 on the ballot. A resident tabs to the
buttons and presses Enter or Space: the remaining budget in the live region follows
each choice, the focus stays on the button pressed, a project that does not fit is
explained, and confirming shows what counts. The ballot, the page for visitors without
a ballot and the code page pass axe-core, and the browser reports no errors (a CSP
violation would be one).
"""

from decimal import Decimal

from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

import pytest
from playwright.sync_api import expect

from config.bedragen import euro
from participatie.models import Stembiljet
from tests.e2e.test_budget import tab_tot
from tests.e2e.test_opgaven import assert_toegankelijk, inloggen

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def nl(msgid: str, **waarden) -> str:
    with translation.override("nl"):
        tekst = _(msgid)
    return tekst % waarden if waarden else tekst


def htmx_klaar(page) -> None:
    """Wait until htmx has swapped and settled. The live region is swapped out of band
    before the ballot itself: tabbing on at that moment could reach a button that is
    about to be replaced, and Enter on it would post without htmx."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )


def test_a_resident_votes_with_the_keyboard_alone(
    page, live_server, stemming, inwoner, zonder_mfa, axe_source, browser_errors
):
    projecten = {v.titel: v for v in stemming.voorstellen.all()}
    knop = {titel: f"keuze-knop-{voorstel.pk}" for titel, voorstel in projecten.items()}
    pad = reverse("participatie:stembiljet", kwargs={"slug": stemming.ronde.slug})
    adres = f"{live_server.url}{pad}"
    # Before logging in: the two ways to vote, and the code page.
    assert_toegankelijk(page, adres, axe_source, browser_errors)
    code_pad = reverse("participatie:stemcode", kwargs={"slug": stemming.ronde.slug})
    assert_toegankelijk(page, f"{live_server.url}{code_pad}", axe_source, browser_errors)

    inloggen(page, live_server, inwoner.email)
    assert_toegankelijk(page, adres, axe_source, browser_errors)
    status = page.locator("#stembiljet-status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_contain_text(nl("Left to spend: %(over)s", over=euro(Decimal(10000))))

    # Project 1 (€ 6.000) with Enter: € 4.000 left, and the focus stays on its button.
    tab_tot(page, "Choose Project 1", f"el.id === '{knop['Project 1']}'")
    page.keyboard.press("Enter")
    expect(status).to_contain_text(nl("Left to spend: %(over)s", over=euro(Decimal(4000))))
    htmx_klaar(page)
    expect(page.locator(f"#{knop['Project 1']}")).to_be_focused()
    with translation.override("nl"):
        verwijder = translation.pgettext("ballot", "Remove")
    expect(page.locator(f"#{knop['Project 1']}")).to_contain_text(verwijder)

    # Project 2 (€ 5.000) does not fit: the note says so before, the live region after.
    expect(page.locator(f"#voorstel-{projecten['Project 2'].pk}")).to_contain_text(
        nl("Does not fit any more: %(over)s left", over=euro(Decimal(4000)))
    )
    tab_tot(page, "Choose Project 2", f"el.id === '{knop['Project 2']}'")
    page.keyboard.press("Space")
    expect(status).to_contain_text(
        nl(
            "This project costs %(kosten)s and you have %(over)s left. Remove a project "
            "first, or choose a cheaper one.",
            kosten=euro(Decimal(5000)),
            over=euro(Decimal(4000)),
        )
    )
    expect(page.locator(f"#{knop['Project 2']}")).to_be_focused()
    htmx_klaar(page)

    # Project 3 (€ 3.000) fits: € 1.000 left.
    tab_tot(page, "Choose Project 3", f"el.id === '{knop['Project 3']}'")
    page.keyboard.press("Enter")
    expect(status).to_contain_text(nl("Left to spend: %(over)s", over=euro(Decimal(1000))))
    htmx_klaar(page)

    # Confirm: the confirmation says what counts.
    tab_tot(page, "Confirm my vote", "el.id === 'bevestig-knop'")
    page.keyboard.press("Enter")
    bevestiging = page.locator(".stembiljet__geteld")
    expect(bevestiging).to_contain_text(nl("Your vote counts"))
    expect(bevestiging).to_contain_text("Project 1")
    expect(bevestiging).to_contain_text("Project 3")
    with translation.override("nl"):
        tot = date_format(stemming.stemmen_tot, "j F Y")
    expect(status).to_contain_text(
        nl(
            "Your vote has been counted. You can change it until voting closes on %(datum)s: "
            "the last vote you confirm counts.",
            datum=tot,
        )
    )

    biljet = Stembiljet.objects.get(begroting=stemming, user=inwoner)
    assert biljet.is_bevestigd
    assert biljet.totaal == Decimal(9000)
    assert browser_errors == []
