"""The widgets Django's admin builds in the browser: named, usable with the keyboard, and
free of axe-core violations in the states the every-page sweep does not reach (issue 11).

``static/js/admin-toegankelijk.js`` names select2's combobox (``autocomplete_fields``) and
its open dropdown by the field's label, and gives filter_horizontal's search icon a role;
``leren.admin.CompetentieRijForm`` names the editable cells of the competence list.
"""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest
from playwright.sync_api import expect

from leren.models import Competentie
from opgaven.models import Gebied
from tests.e2e._axe import axe_violations, findings
from tests.e2e._journey import tab_tot_zichtbaar
from tests.e2e.test_axe_alle_paginas import _context

pytestmark = pytest.mark.e2e


def _geen_overtredingen(page, axe_source: str, waar: str) -> None:
    found = findings(axe_violations(page, axe_source), waar, "beheerder")
    assert not found, f"{len(found)} axe-core violation(s):\n" + "\n".join(map(str, found))


def test_autocomplete_is_named_and_works_with_the_keyboard(
    transactional_db, live_server, browser, axe_source, settings, beheerder, organisatie, inwoner
):
    settings.REQUIRE_MFA_FOR_STAFF = True
    context = _context(browser, live_server, beheerder)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}{reverse('admin:partners_lidmaatschap_add')}")

    # Each combobox is named by its label, before anything is chosen.
    keuze_organisatie = page.get_by_role("combobox", name="Organisatie")
    keuze_gebruiker = page.get_by_role("combobox", name="Gebruiker")
    expect(keuze_organisatie).to_have_count(1)
    expect(keuze_gebruiker).to_have_count(1)
    _geen_overtredingen(page, axe_source, "lidmaatschap toevoegen")

    # Tab to the organisation, Enter opens the list, typing searches, Enter chooses.
    tab_tot_zichtbaar(
        page,
        "the organisation's combobox",
        "el.getAttribute('aria-labelledby')?.startsWith('id_organisatie-label')",
    )
    page.keyboard.press("Enter")
    expect(keuze_organisatie).to_have_attribute("aria-expanded", "true")
    zoekveld = page.get_by_role("searchbox", name="Organisatie")
    expect(zoekveld).to_be_focused()
    page.keyboard.type("Woonstichting")
    expect(zoekveld).to_have_value("Woonstichting")
    keuzelijst = page.get_by_role("listbox", name="Organisatie")
    expect(keuzelijst.get_by_role("option", name=organisatie.naam)).to_be_visible()
    _geen_overtredingen(page, axe_source, "lidmaatschap toevoegen, keuzelijst open")
    page.keyboard.press("Enter")
    expect(page.locator("#id_organisatie")).to_have_value(str(organisatie.pk))
    expect(keuze_organisatie).to_be_focused()
    expect(keuze_organisatie).to_have_accessible_name(f"Organisatie: {organisatie.naam}")

    # Tab on to the user; Space opens the list too.
    tab_tot_zichtbaar(
        page,
        "the user's combobox",
        "el.getAttribute('aria-labelledby')?.startsWith('id_user-label')",
    )
    page.keyboard.press("Space")
    expect(page.get_by_role("searchbox", name="Gebruiker")).to_be_focused()
    page.keyboard.type(inwoner.email)
    expect(page.get_by_role("searchbox", name="Gebruiker")).to_have_value(
        re.compile(re.escape(inwoner.email))
    )
    gebruikers = page.get_by_role("listbox", name="Gebruiker").get_by_role("option")
    expect(gebruikers).to_have_text([inwoner.weergavenaam])
    page.keyboard.press("Enter")
    expect(page.locator("#id_user")).to_have_value(str(inwoner.pk))
    expect(keuze_gebruiker).to_be_focused()
    _geen_overtredingen(page, axe_source, "lidmaatschap toevoegen, gekozen")
    assert errors == []
    context.close()


def test_an_optional_autocomplete_is_named_without_its_clear_button(
    transactional_db, live_server, browser, axe_source, settings, beheerder
):
    settings.REQUIRE_MFA_FOR_STAFF = True
    gemeente = Gebied.objects.create(code="GM0001", naam="Demodam", niveau=Gebied.Niveau.GEMEENTE)
    wijk = Gebied.objects.create(
        code="WK000101", naam="Noorderpolder", niveau=Gebied.Niveau.WIJK, ligt_in=gemeente
    )
    context = _context(browser, live_server, beheerder)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}{reverse('admin:opgaven_gebied_change', args=[wijk.pk])}")
    keuze = page.get_by_role("combobox", name="Ligt in")
    expect(keuze).to_have_accessible_name("Ligt in: Demodam")
    # Backspace clears the optional field (its clear button is for the mouse).
    keuze.focus()
    page.keyboard.press("Backspace")
    expect(page.locator("#id_ligt_in")).to_have_value("")
    expect(keuze).to_have_accessible_name("Ligt in:")
    _geen_overtredingen(page, axe_source, "gebied wijzigen, gewist")
    context.close()


def test_filter_horizontal_and_list_editable_are_named(
    transactional_db, live_server, browser, axe_source, settings, beheerder, inwoner
):
    settings.REQUIRE_MFA_FOR_STAFF = True
    competentie = Competentie.objects.order_by("volgorde").first() or Competentie.objects.create(
        naam="Verbinden", slug="verbinden", volgorde=1
    )
    context = _context(browser, live_server, beheerder)
    page = context.new_page()
    page.set_default_timeout(10_000)

    # filter_horizontal: the filter boxes are named by the icon's text, which axe accepts.
    page.goto(f"{live_server.url}{reverse('admin:accounts_user_change', args=[inwoner.pk])}")
    beschikbaar = page.get_by_role("textbox", name="lijst met beschikbare groepen te filteren")
    expect(beschikbaar).to_have_count(1)
    expect(page.get_by_role("textbox", name="lijst met geselecteerde groepen")).to_have_count(1)
    beschikbaar.press_sequentially("advis")
    expect(page.locator("#id_groups_from option")).to_have_text(["adviseur"])
    _geen_overtredingen(page, axe_source, "gebruiker wijzigen, gefilterd")

    # list_editable: every cell is named by its column and its row.
    page.goto(f"{live_server.url}{reverse('admin:leren_competentie_changelist')}")
    with translation.override("nl"):  # "Volgorde van Verbinden"
        volgorde, actief = (
            gettext("%(column)s of %(row)s") % {"column": kolom, "row": competentie.naam}
            for kolom in ("Volgorde", "Actief")
        )
    expect(page.get_by_role("spinbutton", name=volgorde, exact=True)).to_have_value(
        str(competentie.volgorde)
    )
    expect(page.get_by_role("checkbox", name=actief, exact=True)).to_be_checked()
    _geen_overtredingen(page, axe_source, "competenties")
    context.close()
