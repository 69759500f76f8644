"""Smoke test in a real browser: home, the demo resident's login, and WCAG 2.1 AA per axe-core."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21aa"]


def axe_violations(page, axe_source: str) -> list[dict]:
    # Evaluated through the DevTools protocol: the page's strict CSP stays in force.
    page.evaluate(axe_source)
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(results => results.violations)",
        WCAG_21_AA,
    )


def readable(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            lines.append(f"    {node['failureSummary']}".replace("\n", "\n    "))
    return "\n".join(lines)


def test_home_renders(page, live_server, demo, browser_errors):
    page.goto(f"{live_server.url}/")

    expect(page).to_have_title(re.compile("Gemeente Demodam"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert browser_errors == []


def test_demo_resident_logs_in_with_the_keyboard(page, live_server, demo, browser_errors):
    page.goto(f"{live_server.url}/accounts/login/")

    page.locator("input[name=login]").fill("inwoner@demodam.nl")
    page.locator("input[name=password]").fill("demo-wachtwoord")
    page.keyboard.press("Enter")

    expect(page.locator("header")).to_contain_text("Ilse Inwoner")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert browser_errors == []


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/privacy/"])
def test_no_wcag_21_aa_violations(page, live_server, demo, axe_source, browser_errors, path):
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 200

    violations = axe_violations(page, axe_source)

    assert violations == [], f"axe-core on {path}:\n{readable(violations)}"
    assert browser_errors == []
