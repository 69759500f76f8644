"""The partner's journey in a real browser, on the demo data (issue 11).

Pieter Partner of Woonstichting Demodam starts at Mijn organisatie: he consents to
the plan van aanpak on behalf of his organisation, approves the allocation that
awaits it (test_budget.py does that step with the keyboard alone) and updates the
status of the action his organisation carries out.
"""

import pytest
from playwright.sync_api import expect

from budget.models import Goedkeuring, Toewijzing
from opgaven.models import Actie, Instemming
from tests.e2e._journey import screenshot
from tests.e2e.test_opgaven import inloggen

pytestmark = pytest.mark.e2e


def test_the_partner_consents_approves_and_updates_an_action(
    page, live_server, demo, browser_errors
):
    url = live_server.url
    inloggen(page, live_server, "partner@demodam.nl")
    page.set_default_timeout(10_000)
    page.goto(f"{url}/mijn/organisatie/")
    screenshot(page, "partner-mijn-organisatie")

    # Consent to the plan van aanpak.
    instemming = Instemming.objects.get(
        organisatie__naam="Woonstichting Demodam", besluit=Instemming.Besluit.OPEN
    )
    page.get_by_role("link", name="Lees het plan en geef antwoord", exact=False).click()
    formulier = page.locator(f"form[action$='/plan/instemmingen/{instemming.pk}/']")
    formulier.get_by_label("Wij stemmen in met dit plan").check()
    formulier.get_by_label("Reden", exact=False).fill("Past bij ons onderhoudsprogramma.")
    formulier.get_by_role("button").click()
    page.wait_for_load_state()
    instemming.refresh_from_db()
    assert instemming.besluit == Instemming.Besluit.INGESTEMD
    assert instemming.door.email == "partner@demodam.nl"
    expect(page.locator("main")).to_contain_text("Woonstichting Demodam")

    # Approve the allocation that waits for the organisation.
    goedkeuring = Goedkeuring.objects.get(
        organisatie__naam="Woonstichting Demodam",
        besluit=Goedkeuring.Besluit.OPEN,
        toewijzing__status=Toewijzing.Status.VOORGESTELD,
    )
    page.goto(f"{url}/mijn/organisatie/")
    page.locator("main a[href*='/beoordelen/']").first.click()
    page.get_by_role("radio", name="Akkoord", exact=False).first.check()
    page.locator("main button[type=submit]").first.click()
    page.wait_for_load_state()
    goedkeuring.refresh_from_db()
    assert goedkeuring.besluit == Goedkeuring.Besluit.AKKOORD
    expect(page.locator("main")).to_contain_text("Fonds voor kleine energiemaatregelen")

    # Update the status of the action the organisation carries out.
    page.goto(f"{url}/mijn/organisatie/")
    page.locator("main a[href*='/plan/#actie-']").first.click()
    actie_pk = int(page.url.rsplit("-", 1)[1])
    actie = Actie.objects.get(pk=actie_pk)
    nieuw = next(s for s in ("bezig", "gereed", "gepland") if s != actie.status)
    formulier = page.locator(f"form[action$='/plan/acties/{actie_pk}/status/']")
    formulier.get_by_role("combobox").select_option(nieuw)
    formulier.get_by_role("button").click()
    page.wait_for_load_state()
    actie.refresh_from_db()
    assert actie.status == nieuw
    expect(page.locator(f"form[action$='/plan/acties/{actie_pk}/status/'] select")).to_have_value(
        nieuw
    )
    assert browser_errors == []
