"""Reports in a real browser, on the demo data: the regisseur requests a progress report
with the keyboard alone and downloads it; the progress page polls while the report is
waiting and stops when it is ready. Every state passes axe-core."""

from __future__ import annotations

import time

from django.urls import reverse

import pytest
from playwright.sync_api import expect

from accounts.models import User
from opgaven.models import Opgave
from rapportage import services
from rapportage.models import Formaat, Rapport, Soort
from tests.e2e.test_budget import tab_tot
from tests.e2e.test_opgaven import inloggen
from tests.e2e.test_smoke import axe_violations, readable

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ENERGIE = "Energietransitie Demodam-Noord"


def geen_overtredingen(page, axe_source, browser_errors) -> None:
    violations = axe_violations(page, axe_source)
    assert violations == [], f"axe-core on {page.url}:\n{readable(violations)}"
    assert browser_errors == [], page.url


def test_the_regisseur_requests_a_progress_report_downloads_it_and_sees_the_progress(
    page, live_server, demo, zonder_mfa, axe_source, browser_errors
):
    opgave = Opgave.objects.get(titel=ENERGIE)
    inloggen(page, live_server, "regisseur@demodam.nl")
    page.goto(f"{live_server.url}{reverse('opgaven:detail', kwargs={'slug': opgave.slug})}")

    tab_tot(page, "the request link", "el.textContent.includes('Voortgangsrapportage maken')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/rapportage/rapporten/aanvragen/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Voortgangsrapportage")
    geen_overtredingen(page, axe_source, browser_errors)

    tab_tot(page, "the submit button", "el.textContent.trim() === 'Rapport maken'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/rapportage/rapporten/*/")
    # Tasks run eagerly in the tests: the report was made when the request committed.
    rapport = Rapport.objects.get(opgave=opgave, aangevraagd_door__email="regisseur@demodam.nl")
    assert rapport.status == Rapport.Status.KLAAR
    balk = page.get_by_role("progressbar")
    expect(balk).to_have_attribute("aria-valuenow", "100")
    expect(page.locator("#rapport-status")).to_contain_text("Je rapport is klaar")
    geen_overtredingen(page, axe_source, browser_errors)

    tab_tot(page, "the download link", "el.textContent.includes('Download')")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    pad = download.value.path()
    with open(pad, "rb") as bestand:
        assert bestand.read(5) == b"%PDF-"
    assert download.value.suggested_filename == rapport.bestandsnaam

    # One demo load for both: the progress page of a report still waiting.
    polls_until_ready_then_stops(page, live_server, axe_source, browser_errors)


def polls_until_ready_then_stops(page, live_server, axe_source, browser_errors) -> None:
    """A waiting report: the page polls, shows the report ready once the worker made it,
    and then stops polling."""
    opgave = Opgave.objects.get(titel=ENERGIE)
    regisseur = User.objects.get(email="regisseur@demodam.nl")
    rapport = Rapport.objects.create(
        soort=Soort.VOORTGANG, formaat=Formaat.PDF, opgave=opgave, aangevraagd_door=regisseur
    )
    polls: list[str] = []
    page.on("request", lambda r: polls.append(r.url) if "/voortgang/" in r.url else None)

    page.goto(f"{live_server.url}{reverse('rapportage:rapport', kwargs={'pk': rapport.pk})}")
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "0")
    expect(page.locator("#rapport-status")).to_contain_text("Je rapport staat in de wachtrij.")
    geen_overtredingen(page, axe_source, browser_errors)

    # The worker builds it meanwhile (here: this thread).
    services.rapport_bouwen(rapport_id=rapport.pk)

    expect(page.locator("#rapport-status")).to_contain_text("Je rapport is klaar", timeout=10_000)
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    assert polls, "the page never polled"
    gezien = len(polls)
    time.sleep(4.5)  # two polling intervals
    assert len(polls) == gezien, "the page kept polling after the report was ready"
    geen_overtredingen(page, axe_source, browser_errors)


def test_every_reporting_page_passes_axe_and_works_by_keyboard(
    page, live_server, demo, zonder_mfa, axe_source, browser_errors
):
    """The portfolio (also filtered, and empty), the participation report of a round,
    the request form of a budget account (with its period, and with an error), and
    "Mijn rapporten"."""
    opgave = Opgave.objects.get(titel=ENERGIE)
    ronde = opgave.rondes.exclude(status="ontwerp").first()
    inloggen(page, live_server, "regisseur@demodam.nl")
    portfolio = f"{live_server.url}{reverse('rapportage:portfolio')}"
    verslag = reverse("rapportage:participatieverslag_ronde", kwargs={"slug": ronde.slug})
    aanvraag = f"{reverse('rapportage:aanvragen')}?soort=budgetverantwoording&pot={opgave.slug}"
    for adres in (
        portfolio,
        f"{portfolio}?fase=uitvoeren",
        f"{portfolio}?q=bestaat-niet",
        f"{live_server.url}{verslag}",
        f"{live_server.url}{aanvraag}",
        f"{live_server.url}{reverse('rapportage:rapporten')}",
    ):
        response = page.goto(adres)
        assert response.status == 200, adres
        geen_overtredingen(page, axe_source, browser_errors)

    # The portfolio filter by keyboard: type a search term, Enter, the results follow.
    page.goto(portfolio)
    tab_tot(page, "the search field", "el.name === 'q'")
    page.keyboard.type("Energie")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name=ENERGIE).first).to_be_visible()
    geen_overtredingen(page, axe_source, browser_errors)

    # A period that ends before it starts: the error summary, and nothing is made.
    page.goto(f"{live_server.url}{aanvraag}")
    page.get_by_label("Periode vanaf").fill("2026-06-01")
    page.get_by_label("Periode tot en met").fill("2026-05-01")
    page.get_by_role("button", name="Rapport maken").click()
    expect(page.locator("[data-error-summary]")).to_contain_text(
        "Het einde van de periode ligt voor het begin."
    )
    assert browser_errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    browser_errors.clear()  # the browser logs the intended 400 response
    geen_overtredingen(page, axe_source, browser_errors)
    assert not Rapport.objects.filter(soort=Soort.BUDGET).exists()
