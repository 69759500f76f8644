"""The partner pages and the joint budget in a real browser, on the demo data.

Every page passes axe-core without console errors (a CSP violation is one), as
the regisseur (kassier of the demo pot) and as partner@demodam.nl. The partner
approves the allocation awaiting Woonstichting Demodam with the keyboard alone,
starting from Mijn organisatie.
"""

import pytest
from playwright.sync_api import expect

from budget.models import Budgetpot, Goedkeuring, Toewijzing
from tests.e2e.test_opgaven import assert_toegankelijk, inloggen

pytestmark = pytest.mark.e2e


def demo_pot() -> Budgetpot:
    return Budgetpot.objects.select_related("opgave").get(
        opgave__titel="Energietransitie Demodam-Noord"
    )


def test_every_budget_page_as_the_kassier(
    page, live_server, demo, zonder_mfa, axe_source, browser_errors
):
    inloggen(page, live_server, "regisseur@demodam.nl")
    pot = demo_pot()
    basis = f"{live_server.url}{pot.get_absolute_url()}"
    goedgekeurd = pot.toewijzingen.filter(status=Toewijzing.Status.GOEDGEKEURD).first()
    paginas = [
        "",
        "bewerken/",
        "bijdragen/nieuw/",
        "toewijzingen/nieuw/",
        f"toewijzingen/{goedgekeurd.pk}/",
        f"toewijzingen/{goedgekeurd.pk}/uitgaven/nieuw/",
        "grootboek/",
    ]
    for pad in paginas:
        assert_toegankelijk(page, basis + pad, axe_source, browser_errors)
    # The budget page shows Dutch amounts, a chart with its table, and the ledger link.
    page.goto(basis)
    main = page.locator("main")
    expect(main).to_contain_text("€\u00a0250.000,00")
    assert main.locator("img[src^='data:image/svg+xml']").count() >= 1
    assert main.locator("table").count() >= 2
    expect(main.get_by_role("link", name="Grootboek")).to_be_visible()


def test_the_partner_pages(page, live_server, demo, axe_source, browser_errors):
    inloggen(page, live_server, "partner@demodam.nl")
    pot = demo_pot()
    for pad in [
        "/mijn/organisatie/",
        "/partners/",
        "/partners/?q=woon",
        "/partners/woonstichting-demodam/",
        "/partners/woonstichting-demodam/leden/",
        "/partners/woonstichting-demodam/leden/uitnodigen/",
        pot.get_absolute_url(),
        f"{pot.get_absolute_url()}grootboek/",
    ]:
        assert_toegankelijk(page, f"{live_server.url}{pad}", axe_source, browser_errors)


def tab_tot(page, omschrijving: str, test: str, max_stappen: int = 120) -> None:
    """Press Tab until the focused element passes the JavaScript predicate ``test``."""
    for _ in range(max_stappen):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {test})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {omschrijving}")


def test_the_partner_approves_with_the_keyboard_alone(
    page, live_server, demo, axe_source, browser_errors
):
    inloggen(page, live_server, "partner@demodam.nl")
    wachtend = Goedkeuring.objects.get(
        toewijzing__pot=demo_pot(),
        toewijzing__status=Toewijzing.Status.VOORGESTELD,
        besluit=Goedkeuring.Besluit.OPEN,
        organisatie__naam="Woonstichting Demodam",
    )
    page.goto(f"{live_server.url}/mijn/organisatie/")

    tab_tot(page, "the approve link", "el.href && el.href.includes('/beoordelen/')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/beoordelen/")
    assert_toegankelijk(page, page.url, axe_source, browser_errors)

    # Sending without a choice: the error summary, in Dutch, and nothing changed.
    tab_tot(page, "the send button", "el.type === 'submit' && el.closest('main') !== null")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".utrecht-form-field-error-message").first).to_contain_text("verplicht")
    wachtend.refresh_from_db()
    assert wachtend.besluit == Goedkeuring.Besluit.OPEN
    browser_errors.clear()  # the browser logs the intended 400 response

    tab_tot(page, "the approve option", "el.type === 'radio' && el.value === 'akkoord'")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    tab_tot(page, "the send button", "el.type === 'submit' && el.closest('main') !== null")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Fonds voor kleine energiemaatregelen")

    wachtend.refresh_from_db()
    assert wachtend.besluit == Goedkeuring.Besluit.AKKOORD
    assert wachtend.door.email == "partner@demodam.nl"
    assert browser_errors == []
