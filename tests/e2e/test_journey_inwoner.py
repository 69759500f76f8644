"""The resident's journey in a real browser, on the demo data (issue 11).

A new resident signs up with the code from the e-mail, joins the open round, sends an
idea with the keyboard alone (first without a title: the error summary takes the
focus), supports someone else's idea, joins the waiting list of the full session,
votes in the budget round within its budget with the keyboard alone, reads the
feedback on their idea and downloads their data. Each step checks what the resident
sees; every keyboard stop shows a visible focus ring.
"""

import zipfile

from django.urls import reverse

import pytest
from playwright.sync_api import expect

from accounts.models import User
from participatie.models import Aanmelding, Inbreng, Ronde, Stembiljet
from participatie.services import terugkoppelen
from tests.accounts.conftest import code_from
from tests.e2e._journey import EENZAAMHEID, screenshot, tab_tot_zichtbaar
from tests.e2e.test_burgerbegroting import htmx_klaar

pytestmark = pytest.mark.e2e

EMAIL = "nieuw.inwoner@example.nl"
WACHTWOORD = "Zonnebloem-aan-de-Vecht-42"


def test_a_new_resident_takes_part_from_sign_up_to_data_download(
    page, live_server, demo, mailoutbox, axe_source, browser_errors
):
    url = live_server.url
    ronde = Ronde.objects.get(opgave__titel=EENZAAMHEID, status=Ronde.Status.OPEN)

    # Sign up, and confirm the address with the code from the e-mail.
    page.goto(f"{url}{reverse('account_signup')}")
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord", exact=True).fill(WACHTWOORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill(WACHTWOORD)
    page.get_by_role("button", name="Registreren").click()
    expect(page.locator("main")).to_contain_text("We hebben een code naar")
    (bericht,) = [m for m in mailoutbox if m.to == [EMAIL]]
    page.locator("input[name=code]").fill(code_from(bericht))
    page.locator("main").get_by_role("button").first.click()
    page.wait_for_url(f"{url}/")
    nieuw = User.objects.get(email=EMAIL)
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()

    # Join the round: consent is what it takes.
    page.goto(f"{url}{ronde.get_absolute_url()}")
    screenshot(page, "inwoner-ronde")
    page.goto(f"{url}{reverse('participatie:meedoen', kwargs={'slug': ronde.slug})}")
    page.get_by_label("Ik ga ermee akkoord", exact=False).check()
    page.get_by_role("button", name="Doe mee").click()
    page.wait_for_url("**/wat-helpt-tegen-eenzaamheid-in-oosterhout/**")
    assert ronde.deelnames.filter(user=nieuw).exists()

    # An idea, with the keyboard alone. Sending it without a title first: the
    # error summary takes the focus and nothing is stored.
    page.goto(f"{url}{reverse('participatie:inbreng_nieuw', kwargs={'slug': ronde.slug})}")
    tab_tot_zichtbaar(page, "the idea option", "el.type === 'radio' && el.value === 'idee'")
    page.keyboard.press("Space")
    tab_tot_zichtbaar(page, "the send button", "el.type === 'submit' && !!el.closest('main')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    samenvatting = page.locator("[data-error-summary]")
    expect(samenvatting).to_be_focused()
    expect(samenvatting).to_contain_text("Titel")
    assert not Inbreng.objects.filter(auteur=nieuw).exists()
    browser_errors.clear()  # the browser logs the intended 400 response
    tab_tot_zichtbaar(page, "the title", "el.name === 'titel'")
    page.keyboard.type("Een leestafel in de bibliotheek")
    tab_tot_zichtbaar(page, "the text", "el.name === 'tekst'")
    page.keyboard.type("Kranten lezen met koffie, en dan raak je vanzelf aan de praat.")
    tab_tot_zichtbaar(page, "the send button", "el.type === 'submit' && !!el.closest('main')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    idee = Inbreng.objects.get(auteur=nieuw)
    expect(page.locator("main")).to_contain_text("Een leestafel in de bibliotheek")

    ander = ronde.inbreng.filter(verborgen_op__isnull=True).exclude(auteur=nieuw).first()
    voor = ander.aantal_steun
    # Support someone else's idea with the keyboard: htmx swaps the button, and the
    # focus stays on it (same id), now pressed.
    page.goto(f"{url}{ander.get_absolute_url()}")
    tab_tot_zichtbaar(page, "the support button", f"el.id === 'steun-knop-{ander.pk}'")
    page.keyboard.press("Space")
    knop = page.locator(f"#steun-knop-{ander.pk}")
    expect(knop).to_have_attribute("aria-pressed", "true")
    htmx_klaar(page)
    expect(knop).to_be_focused()
    ander.refresh_from_db()
    assert ander.aantal_steun == voor + 1

    # The full session: the resident joins the waiting list and is told their place.
    vol = next(s for s in ronde.sessies.all() if not s.vrije_plaatsen)
    page.goto(f"{url}{vol.get_absolute_url()}")
    page.get_by_role("button", name="Op de wachtlijst").click()
    expect(page.locator("main")).to_contain_text("Je staat op de wachtlijst")
    assert Aanmelding.objects.get(sessie=vol, user=nieuw).status == "wachtlijst"
    screenshot(page, "inwoner-wachtlijst")

    # Vote within the budget, with the keyboard alone, joining the vote included.
    begroting = Ronde.objects.get(slug="wijkbudget-noorderpolder-2027").begroting
    page.goto(f"{url}{reverse('participatie:stembiljet', kwargs={'slug': begroting.ronde.slug})}")
    # The vote is for residents of Noorderpolder: the ballot page says how to join.
    tab_tot_zichtbaar(
        page, "the link to join", "el.textContent.includes('Geef aan in welke wijk je woont')"
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_tot_zichtbaar(page, "the consent", "el.type === 'checkbox' && !!el.closest('main')")
    page.keyboard.press("Space")
    expect(page.get_by_label("Ik ga ermee akkoord", exact=False)).to_be_checked()
    tab_tot_zichtbaar(page, "the district", "el.tagName === 'SELECT'")
    # A closed list box picks the choice whose name is typed, as a text field takes text.
    page.keyboard.type("Noorderpolder")
    expect(page.locator("main select:focus option:checked")).to_have_text("Noorderpolder")
    tab_tot_zichtbaar(page, "Doe mee", "el.type === 'submit' && !!el.closest('main')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url("**/stemmen/")
    status = page.locator("#stembiljet-status")
    expect(status).to_contain_text("Nog te besteden")
    knop_id = page.locator("main button[id^='keuze-knop-']").first.get_attribute("id")
    gekozen = begroting.voorstellen.get(pk=int(knop_id.rsplit("-", 1)[1]))
    tab_tot_zichtbaar(page, "the first project", f"el.id === '{knop_id}'")
    page.keyboard.press("Enter")
    htmx_klaar(page)
    expect(page.locator(f"#{knop_id}")).to_be_focused()
    expect(page.locator(f"#{knop_id}")).to_contain_text("Verwijder")
    screenshot(page, "inwoner-stembiljet")
    tab_tot_zichtbaar(page, "Confirm my vote", "el.id === 'bevestig-knop'")
    page.keyboard.press("Enter")
    bevestiging = page.locator(".stembiljet__geteld")
    expect(bevestiging).to_contain_text("Je stem telt")
    expect(bevestiging).to_contain_text(gekozen.titel)
    biljet = Stembiljet.objects.get(begroting=begroting, user=nieuw)
    assert biljet.is_bevestigd
    assert 0 < biljet.totaal <= begroting.totaal

    # The official feeds back (the regisseur journey does that in the browser);
    # the resident reads it under Mijn inbreng.
    terugkoppelen(
        inbreng=idee,
        door=User.objects.get(email="ambtenaar@demodam.nl"),
        status=Inbreng.Status.OVERGENOMEN,
        motivering="De bibliotheek zet vanaf maart een leestafel neer.",
    )
    page.goto(f"{url}{reverse('mijn_inbreng')}")
    main = page.locator("main")
    expect(main).to_contain_text("Een leestafel in de bibliotheek")
    expect(main).to_contain_text("De bibliotheek zet vanaf maart een leestafel neer.")
    screenshot(page, "inwoner-mijn-inbreng")

    # Download my data: request it, the task runs (eagerly here), the link works.
    page.goto(f"{url}{reverse('gegevens')}")
    page.get_by_role("button", name="Download mijn gegevens").click()
    link = page.locator("main a[href*='/mijn/gegevens/download/']").first
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    with zipfile.ZipFile(download.value.path()) as archief:
        inhoud = " ".join(archief.read(naam).decode(errors="ignore") for naam in archief.namelist())
    assert "Een leestafel in de bibliotheek" in inhoud
    assert EMAIL in inhoud
    assert browser_errors == []
