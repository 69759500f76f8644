"""axe-core (WCAG 2.2 AA) on every page of the URLconf, for every persona that may open it.

The page list is generated from the URL permission matrix (``tests/permission_matrix.py``
and ``tests/matrix/``, as ``tests/security/test_permission_matrix.py`` walks it): every GET case
whose expected result for a persona is 200 is requested as that persona, in one browser
context per persona, logged in by session cookie. The personas are those of the matrix:
staff personas have an authenticator app, so this runs with ``REQUIRE_MFA_FOR_STAFF``
on, as production does. The matrix world (personas, opgaven, rounds, ...) is built once.

Speed: every page x persona is requested through the browser context (its cookies, its
Accept-Language) and its status checked. It is opened in Chromium and checked by axe
unless both its ``<main>`` and the rest of the page (header, navigation, footer) were
part of a rendering axe already checked; CSRF tokens, CSP nonces and the logged-in
persona's own name and e-mail address do not count as a difference. An htmx fragment
(no ``<html>``) is not a page: it is checked where it is swapped in (see the states
test). A page with a closed ``<details>`` disclosure is checked again with every
disclosure opened.

All violations are collected and reported together: page, persona, rule, element.
"""

from __future__ import annotations

import time
from collections import defaultdict
from urllib.parse import urlencode

from django.conf import settings as django_settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

import pytest
from playwright.sync_api import expect

from tests.e2e._axe import Finding, axe_violations, findings, fingerprint
from tests.permission_matrix import PERSONAS
from tests.security.test_permission_matrix import CASES, Fixtures, afgeronde_opgave  # noqa: F401

pytestmark = pytest.mark.e2e

# Cases whose 200 depends on a state another case's objects change in the one shared
# world (the matrix builds a fresh world per cell): the budget round moves on to voting
# for the ballot pages, and the allocation is decided for the decided-allocation pages.
NIET_IN_GEDEELDE_WERELD = {
    "GET participatie:voorstel_nieuw[indienen]",
    "GET participatie:voorstel_bewerken[voorstel]",
    "GET budget:toewijzing_beoordelen",
    "GET budget:toewijzing_intrekken",
    # The pot of the opgave already exists, so the new-pot page redirects to it.
    "GET budget:pot_nieuw[openbaar]",
}

# Violations in Django's own admin that a template or style sheet of ours cannot fix:
# (path prefix, rule). Each is listed in the accessibility statement as a known limitation.
ADMIN_BEPERKINGEN = {
    # list_editable fields in a change list have no <label> (Django renders none).
    ("/beheer/leren/competentie/", "label"),
    # select2 (autocomplete_fields) gives its combobox no accessible name.
    ("/beheer/", "aria-input-field-name"),
    # filter_horizontal puts aria-label on a <span> without a role.
    ("/beheer/accounts/user/", "aria-prohibited-attr"),
}


def _sessie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def _context(browser, live_server, user):
    context = browser.new_context(locale="nl-NL")
    if user is not None:
        cookie = {
            "name": django_settings.SESSION_COOKIE_NAME,
            "value": _sessie(user),
            "url": live_server.url,
        }
        context.add_cookies([cookie])
    return context


def _pages_per_persona(f) -> tuple[dict[str, list[tuple[str, str]]], list[str]]:
    """(case id, path) of every GET case each persona is expected to open with 200,
    and the cases whose objects could not be made in the shared world."""
    pages: dict[str, list[tuple[str, str]]] = defaultdict(list)
    not_built: list[str] = []
    for case in CASES:
        personas = [p for p in PERSONAS if case.expected[p] == 200]
        if case.method != "get" or not personas or case.id in NIET_IN_GEDEELDE_WERELD:
            continue
        try:
            with transaction.atomic():
                path = reverse(case.url_name, kwargs=case.kwargs(f))
                query = case.data(f)
        except Exception as error:  # a unique constraint in the shared world
            not_built.append(f"{case.id}: {type(error).__name__}")
            continue
        if query:
            path = f"{path}?{urlencode(query)}"
        pages.update({p: [*pages[p], (case.id, path)] for p in personas})
    return pages, not_built


def _main_en_rest(html: str) -> tuple[str, str]:
    """The ``<main>`` element of a page, and the page around it."""
    begin, end = html.find("<main"), html.rfind("</main>")
    if begin < 0 or end < 0:
        return html, html
    return html[begin:end], html[:begin] + html[end:]


def _beperking(finding: Finding) -> bool:
    return any(
        finding.where.startswith(prefix) and finding.rule == rule
        for prefix, rule in ADMIN_BEPERKINGEN
    )


def test_every_page_for_every_persona(
    request, transactional_db, live_server, browser, axe_source, settings
):
    settings.REQUIRE_MFA_FOR_STAFF = True
    start = time.monotonic()
    f = Fixtures(request)
    users = {persona: getattr(f, persona) for persona in PERSONAS}
    pages, not_built = _pages_per_persona(f)

    problems: list[str] = []
    found: list[Finding] = []
    axed: set[str] = set()
    requested = not_html = fragments = disclosures = checked = 0
    for persona in PERSONAS:
        user = users[persona]
        own = [user.weergavenaam, user.email] if user else []
        context = _context(browser, live_server, user)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        for case_id, path in pages[persona]:
            url = f"{live_server.url}{path}"
            response = context.request.get(url, max_redirects=0)
            requested += 1
            if response.status != 200:
                problems.append(f"{path} [{persona}] ({case_id}) gave {response.status}")
                continue
            if "text/html" not in response.headers.get("content-type", ""):
                not_html += 1
                continue
            html = response.text()
            if "<html" not in html:
                fragments += 1
                continue
            main, chrome = _main_en_rest(html)
            parts = {fingerprint(main, own), fingerprint(chrome, own)}
            if parts <= axed:
                continue
            axed |= parts
            checked += 1
            page.goto(url)
            found += findings(axe_violations(page, axe_source), path, persona)
            summaries = page.locator("main details:not([open]) > summary")
            if summaries.count():
                for _ in range(summaries.count()):
                    summaries.first.click()
                disclosures += 1
                found += findings(axe_violations(page, axe_source), f"{path} (open)", persona)
            problems += [f"{path} [{persona}] script error: {e}" for e in errors]
            errors.clear()
        context.close()

    real = [finding for finding in found if not _beperking(finding)]
    print(
        f"\naxe on every page: {requested} page x persona combinations requested "
        f"({not_html} not HTML, {fragments} htmx fragments), {checked} "
        f"opened and checked, {disclosures} with their disclosures opened, "
        f"{len(found) - len(real)} known admin limitations, {time.monotonic() - start:.0f} s"
        + "".join(f"\n  not built in the shared world: {case}" for case in not_built)
    )
    assert requested == sum(len(paths) for paths in pages.values())
    assert requested > 900, "the matrix lost most of its pages"
    assert not problems and not real, "\n".join(
        [*problems, f"{len(real)} axe-core violation(s):", *map(str, real)]
    )


# --- States: a form with errors, an empty list, an htmx swap ------------------------------


def _submit_empty(page, form: str) -> None:
    """Clear the form's fields and send it, past the browser's own validation."""
    page.evaluate(
        """selector => {
            const form = document.querySelector(selector);
            form.noValidate = true;
            form.querySelectorAll('input[type=text], input[type=email], input[type=number],'
                + ' input[type=date], textarea').forEach(field => { field.value = ''; });
        }""",
        form,
    )
    with page.expect_navigation():
        page.locator(f"{form} [type=submit]").last.click()


def test_states_of_forms_lists_and_htmx_regions(
    request, transactional_db, live_server, browser, axe_source, settings
):
    settings.REQUIRE_MFA_FOR_STAFF = True
    f = Fixtures(request)
    found: list[Finding] = []
    checked: list[str] = []

    def check(page, persona: str, state: str) -> None:
        checked.append(state)
        found.extend(findings(axe_violations(page, axe_source), f"{state}: {page.url}", persona))

    # The regisseur: the new opgave form sent empty, an empty search result reached by
    # typing (an htmx swap of the results), and a report request form sent empty.
    context = _context(browser, live_server, f.regisseur)
    page = context.new_page()
    page.goto(f"{live_server.url}{reverse('opgaven:add')}")
    _submit_empty(page, "main form[method=post]")
    expect(page.locator("main")).to_contain_text("verplicht")
    check(page, "regisseur", "form with errors")

    f.opgave  # noqa: B018  (an opgave to find)
    page.goto(f"{live_server.url}{reverse('opgaven:list')}")
    page.locator("#id_q").fill("geen-enkele-opgave-heet-zo")
    expect(page.locator("#zoekstatus")).not_to_be_empty()
    expect(page.locator("#resultaten")).not_to_contain_text(f.opgave.titel)
    check(page, "regisseur", "empty list after an htmx swap")

    page.locator("#id_q").fill("Energietransitie")
    expect(page.locator("#resultaten")).to_contain_text(f.opgave.titel)
    check(page, "regisseur", "list after an htmx swap")
    context.close()

    # The resident: input sent empty, and supporting an idea (an htmx swap of the button).
    context = _context(browser, live_server, f.inwoner)
    page = context.new_page()
    nieuw = reverse("participatie:inbreng_nieuw", kwargs={"slug": f.ronde.slug})
    page.goto(f"{live_server.url}{nieuw}")
    _submit_empty(page, "main form[method=post]")
    expect(page.locator("main")).to_contain_text("verplicht")
    check(page, "inwoner", "form with errors")
    context.close()

    assert len(checked) == 4
    assert not found, f"{len(found)} axe-core violation(s):\n" + "\n".join(map(str, found))
