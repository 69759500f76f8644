"""The regisseur's journey in a real browser, on the demo data (issue 11).

Rutger Regie creates an opgave and moves it to the next phase, records a position in
the krachtenveld, gives feedback on the residents' input (the first one with the
keyboard alone, after an invalid try that moves the focus to the error summary),
closes the round and marks it fed back, and requests a progress report that he
downloads once the progress bar is full.
"""

from django.urls import reverse

import pytest
from playwright.sync_api import expect

from opgaven.models import Betrokkenheid, Opgave
from participatie.models import Inbreng, Ronde
from rapportage.models import Rapport
from tests.e2e._journey import ENERGIE, open_ronde_met_inbreng, screenshot, tab_tot_zichtbaar
from tests.e2e.test_opgaven import inloggen

pytestmark = pytest.mark.e2e


def test_the_regisseur_from_new_opgave_to_progress_report(
    page, live_server, demo, zonder_mfa, browser_errors
):
    url = live_server.url
    ronde = open_ronde_met_inbreng(["Laadpaal bij de school", "Laadpaal op het plein"])
    inloggen(page, live_server, "regisseur@demodam.nl")
    page.set_default_timeout(10_000)

    # A new opgave.
    page.goto(f"{url}{reverse('opgaven:add')}")
    page.get_by_label("Titel").fill("Groen schoolplein Westerdijk")
    page.get_by_label("Het vraagstuk").fill(
        "Het schoolplein is versteend en wordt heet in de zomer."
    )
    page.get_by_role("radio", name="Intern", exact=True).check()
    page.get_by_role("button", name="Opgave aanmaken").click()
    opgave = Opgave.objects.get(titel="Groen schoolplein Westerdijk")
    page.wait_for_url(f"**{opgave.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Groen schoolplein Westerdijk")
    assert opgave.fase == "verkennen"

    # Its phase moves on, with a reason.
    page.get_by_role("radio", name="Delen", exact=True).check()
    page.get_by_label("Reden").fill("De verkenning is klaar; we delen het vraagstuk met de buurt.")
    page.get_by_role("button", name="Fase wijzigen").click()
    expect(page.locator("main")).to_contain_text("Delen")
    opgave.refresh_from_db()
    assert opgave.fase == "delen"
    screenshot(page, "regisseur-opgave")

    # A position in the krachtenveld of the energy opgave.
    energie = Opgave.objects.get(titel=ENERGIE)
    woonstichting = Betrokkenheid.objects.get(
        opgave=energie, organisatie__naam="Woonstichting Demodam"
    )
    voor = woonstichting.posities.count()
    page.goto(f"{url}{reverse('opgaven:krachtenveld', kwargs={'slug': energie.slug})}")
    page.locator(f"main a[href$='/betrokkenheden/{woonstichting.pk}/posities/nieuw/']").click()
    page.get_by_label("Datum").fill("2026-11-01")
    page.locator("input[name=invloed][value='4']").check()
    page.locator("input[name=belang][value='5']").check()
    page.get_by_role("radio", name="+1 Voor", exact=True).check()
    page.get_by_label("Toelichting", exact=False).fill("Wil meedoen als de huren niet stijgen.")
    page.get_by_role("button", name="Positie vastleggen").click()
    page.wait_for_url(f"**{reverse('opgaven:krachtenveld', kwargs={'slug': energie.slug})}*")
    assert woonstichting.posities.count() == voor + 1
    expect(page.locator("main")).to_contain_text("Woonstichting Demodam")
    screenshot(page, "regisseur-krachtenveld")

    # Feedback on the first input with the keyboard alone; an empty form first.
    terugkoppeling = f"{url}{reverse('participatie:terugkoppeling', kwargs={'slug': ronde.slug})}"
    page.goto(terugkoppeling)
    tab_tot_zichtbaar(
        page, "the first feedback link", "el.textContent.includes('Laadpaal bij de school')"
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_tot_zichtbaar(page, "the save button", "el.type === 'submit' && !!el.closest('main')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    samenvatting = page.locator("[data-error-summary]")
    expect(samenvatting).to_be_focused()
    expect(samenvatting).to_contain_text("Motivering")
    browser_errors.clear()  # the browser logs the intended 400 response
    # Tab enters the radio group on its first option; the arrow key moves within the
    # group, as in every browser (a radio group is one tab stop).
    tab_tot_zichtbaar(page, "the status options", "el.type === 'radio' && el.name === 'status'")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "overgenomen"
    assert page.evaluate("document.activeElement.checked")
    tab_tot_zichtbaar(page, "the motivation", "el.name === 'motivering'")
    page.keyboard.type("Bij de school komt in het voorjaar een laadplein.")
    tab_tot_zichtbaar(page, "the save button", "el.type === 'submit' && !!el.closest('main')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    eerste = ronde.inbreng.get(titel="Laadpaal bij de school")
    eerste.refresh_from_db()
    assert eerste.status == Inbreng.Status.OVERGENOMEN

    # The second one with the mouse.
    page.goto(terugkoppeling)
    tweede = ronde.inbreng.get(titel="Laadpaal op het plein")
    page.locator(f"main a[href$='/inbreng/{tweede.pk}/terugkoppelen/']").click()
    page.get_by_role("radio", name="Niet overgenomen", exact=True).check()
    page.get_by_label("Motivering").fill("Op het plein is geen stroomaansluiting mogelijk.")
    page.get_by_role("button", name="Terugkoppeling bewaren").click()
    page.wait_for_url(f"{terugkoppeling}*")
    assert not ronde.inbreng.filter(terugkoppeling__isnull=True).exists()

    # Close the round, then mark it fed back.
    status = f"{url}{reverse('participatie:ronde_status', kwargs={'slug': ronde.slug})}"
    page.goto(status)
    page.get_by_role("radio", name="Gesloten", exact=True).check()
    page.get_by_role("button", name="Status wijzigen").click()
    page.wait_for_load_state()
    page.goto(status)
    page.get_by_role("radio", name="Teruggekoppeld", exact=True).check()
    page.get_by_role("button", name="Status wijzigen").click()
    page.wait_for_load_state()
    ronde.refresh_from_db()
    assert ronde.status == Ronde.Status.TERUGGEKOPPELD
    page.goto(f"{url}{ronde.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text(
        "Bij de school komt in het voorjaar een laadplein."
    )

    # A progress report: requested, the bar fills, the PDF downloads.
    page.goto(f"{url}{energie.get_absolute_url()}")
    page.get_by_role("link", name="Voortgangsrapportage maken").click()
    # The report is built in the request here (eager tasks): slow on a loaded machine.
    page.set_default_timeout(60_000)
    page.get_by_role("button", name="Rapport maken").click()
    page.wait_for_url("**/rapportage/rapporten/*/")
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    expect(page.locator("#rapport-status")).to_contain_text("Je rapport is klaar")
    screenshot(page, "regisseur-rapport")
    with page.expect_download() as download:
        page.locator("main").get_by_role("link", name="Download").first.click()
    with open(download.value.path(), "rb") as bestand:
        assert bestand.read(5) == b"%PDF-"
    rapport = Rapport.objects.get(opgave=energie, aangevraagd_door__email="regisseur@demodam.nl")
    assert download.value.suggested_filename == rapport.bestandsnaam
    assert browser_errors == []
