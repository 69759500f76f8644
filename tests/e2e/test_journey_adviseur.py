"""The adviser's journey in a real browser, on the demo data (issue 11).

Ada Adviseur opens her coachee Anouk's shared learning entries, gives feedback on one
and records a coaching session; an entry Anouk kept to herself is not there.
"""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from leren.models import Coachgesprek, Feedback, Leerervaring
from tests.e2e._journey import screenshot
from tests.e2e.test_opgaven import inloggen

pytestmark = pytest.mark.e2e


def test_the_adviser_reads_gives_feedback_and_records_a_session(
    page, live_server, demo, zonder_mfa, browser_errors
):
    url = live_server.url
    anouk = User.objects.get(email="ambtenaar@demodam.nl")
    titels = list(Leerervaring.objects.filter(auteur=anouk).values_list("titel", flat=True))
    prive = next(
        e
        for e in Leerervaring.objects.filter(auteur=anouk, zichtbaarheid="prive")
        if titels.count(e.titel) == 1
    )
    assert prive is not None, "the demo has a private entry of the coachee"
    inloggen(page, live_server, "adviseur@demodam.nl")
    page.set_default_timeout(10_000)

    page.goto(f"{url}/leren/coaching/")
    page.get_by_role("link", name="Coaching Anouk", exact=False).click()
    traject_url = page.url
    page.goto(f"{url}/leren/coaching/")
    page.locator(f"main a[href^='{traject_url.removeprefix(url)}coachees/{anouk.pk}/']").click()
    main = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anouk Ambtenaar")
    screenshot(page, "adviseur-coachee")
    # Shared entries are listed; the private one is not, and cannot be opened either.
    eerste = main.locator("a[href^='/leren/']").filter(has_not_text="Terug").first
    ervaring = Leerervaring.objects.get(pk=int(eerste.get_attribute("href").split("/")[2]))
    assert ervaring.auteur == anouk
    assert ervaring.zichtbaarheid != "prive"
    assert main.locator(f"a[href='/leren/{prive.pk}/']").count() == 0
    expect(main).not_to_contain_text(prive.titel)
    response = page.goto(f"{url}/leren/{prive.pk}/")
    assert response.status in (403, 404)
    browser_errors.clear()  # the browser logs the refused request
    page.go_back()

    # Feedback on a shared entry.
    main.locator(f"a[href='/leren/{ervaring.pk}/']").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ervaring.titel)
    page.get_by_label("Jouw feedback").fill("Mooi dat je het zelf hebt opgepakt.")
    page.get_by_role("button", name="Feedback versturen").click()
    expect(main).to_contain_text("Mooi dat je het zelf hebt opgepakt.")
    assert Feedback.objects.filter(
        leerervaring=ervaring, coach__email="adviseur@demodam.nl"
    ).exists()

    # A coaching session.
    page.goto(traject_url)
    page.get_by_role("link", name="Coachgesprek vastleggen", exact=False).first.click()
    page.get_by_label("Datum van het gesprek").fill("2026-11-20")
    page.get_by_label("Notities die je deelt", exact=False).fill(
        "We bespraken je rol in het kernteam."
    )
    page.locator("input[name=actiepunt_1]").fill("Krachtenveld bijwerken")
    page.get_by_role("button", name="Gesprek opslaan").click()
    page.wait_for_load_state()
    gesprek = Coachgesprek.objects.get(gedeelde_notities="We bespraken je rol in het kernteam.")
    assert str(gesprek.datum) == "2026-11-20"
    expect(main).to_contain_text("We bespraken je rol in het kernteam.")
    assert browser_errors == []
