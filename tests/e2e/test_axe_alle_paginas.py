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

A few cases cannot be requested in the one shared world (another case changed the state
they need, or their objects clash with objects already there): each of those is checked in
a fresh world of its own, as the matrix builds one per cell. The Django admin is checked
like every other page, with no allow-list: ``static/js/admin-toegankelijk.js`` and
``static/css/admin-toegankelijk.css`` fix what Django renders (``tests/e2e/test_axe_beheer.py``
checks those widgets in the states this sweep does not reach).

All violations are collected and reported together: page, persona, rule, element.
Set ``AXE_PAD=/beheer/`` to check only the pages under a path while working on them.
"""

from __future__ import annotations

import os
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

# While working on some pages: AXE_PAD=/beheer/ checks only the pages under that path.
ALLEEN_PAD = os.environ.get("AXE_PAD", "")

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

# Cases whose objects cannot be made in the shared world (a unique constraint, or a
# check on objects other cases made): the sweep tries, and they are left to the test
# below it if they fail.
NIET_TE_MAKEN_IN_GEDEELDE_WERELD = {
    "GET opgaven:betrokkenheid_verwijderen[openbaar]",
    "GET opgaven:betrokkenheid_verwijderen[intern]",
    "GET admin:opgaven_meting_history[rule]",
    "GET admin:opgaven_positie_history[rule]",
    "GET admin:opgaven_instemming_history[rule]",
}

# Both are checked by ``test_pages_in_a_world_of_their_own``: a fresh world per case, as
# the permission matrix makes one per cell.
EIGEN_WERELD = sorted(NIET_IN_GEDEELDE_WERELD | NIET_TE_MAKEN_IN_GEDEELDE_WERELD)


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
            not_built.append(case.id)
            print(f"not built in the shared world: {case.id}: {type(error).__name__}: {error}")
            continue
        if query:
            path = f"{path}?{urlencode(query)}"
        if not path.startswith(ALLEEN_PAD):
            continue
        pages.update({p: [*pages[p], (case.id, path)] for p in personas})
    return pages, not_built


def _main_en_rest(html: str) -> tuple[str, str]:
    """The ``<main>`` element of a page, and the page around it."""
    begin, end = html.find("<main"), html.rfind("</main>")
    if begin < 0 or end < 0:
        return html, html
    return html[begin:end], html[:begin] + html[end:]


def _axe_page(page, url: str, path: str, persona: str, axe_source: str):
    """axe on a page, and again with its closed disclosures opened: the findings, and
    whether there were disclosures to open."""
    page.goto(url)
    found = findings(axe_violations(page, axe_source), path, persona)
    summaries = page.locator("main details:not([open]) > summary")
    if not summaries.count():
        return found, False
    for _ in range(summaries.count()):
        summaries.first.click()
    return found + findings(axe_violations(page, axe_source), f"{path} (open)", persona), True


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
            page_found, opened = _axe_page(page, url, path, persona, axe_source)
            found += page_found
            disclosures += opened
            problems += [f"{path} [{persona}] script error: {e}" for e in errors]
            errors.clear()
        context.close()

    print(
        f"\naxe on every page: {requested} page x persona combinations requested "
        f"({not_html} not HTML, {fragments} htmx fragments), {checked} "
        f"opened and checked, {disclosures} with their disclosures opened, "
        f"{time.monotonic() - start:.0f} s; {len(not_built)} case(s) not built here and "
        f"{len(NIET_IN_GEDEELDE_WERELD)} left out, checked in a world of their own"
    )
    assert requested == sum(len(paths) for paths in pages.values())
    new = sorted(set(not_built) - NIET_TE_MAKEN_IN_GEDEELDE_WERELD)
    assert not new, (
        f"Not built in the shared world, and so not checked: {new}. Add them to "
        "NIET_TE_MAKEN_IN_GEDEELDE_WERELD, and test_pages_in_a_world_of_their_own checks them."
    )
    assert ALLEEN_PAD or requested > 900, "the matrix lost most of its pages"
    assert not problems and not found, "\n".join(
        [*problems, f"{len(found)} axe-core violation(s):", *map(str, found)]
    )


@pytest.mark.parametrize("case_id", EIGEN_WERELD)
def test_pages_in_a_world_of_their_own(
    case_id, request, transactional_db, live_server, browser, axe_source, settings
):
    """The cases the sweep cannot build or request in its shared world, each in a fresh
    world (as the matrix has), for every persona that may open them: status 200, and
    zero violations, disclosures opened too."""
    settings.REQUIRE_MFA_FOR_STAFF = True
    (case,) = [case for case in CASES if case.id == case_id and case.method == "get"]
    f = Fixtures(request)
    path = reverse(case.url_name, kwargs=case.kwargs(f))
    if query := case.data(f):
        path = f"{path}?{urlencode(query)}"
    personas = [p for p in PERSONAS if case.expected[p] == 200]
    assert personas, f"{case_id}: nobody may open it, so it needs no check here"
    problems: list[str] = []
    found: list[Finding] = []
    for persona in personas:
        context = _context(browser, live_server, getattr(f, persona))
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        response = context.request.get(f"{live_server.url}{path}", max_redirects=0)
        if response.status != 200:
            problems.append(f"{path} [{persona}] ({case_id}) gave {response.status}")
        else:
            found += _axe_page(page, f"{live_server.url}{path}", path, persona, axe_source)[0]
        problems += [f"{path} [{persona}] script error: {e}" for e in errors]
        context.close()
    print(f"\naxe in a world of its own: {case_id}, {len(personas)} persona(s): {personas}")
    assert not problems and not found, "\n".join(
        [*problems, f"{len(found)} axe-core violation(s):", *map(str, found)]
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
