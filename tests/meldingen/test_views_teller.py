"""The bell in the header and its refresh (/meldingen/teller/)."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from meldingen.services import melding_markeer_gelezen
from tests.meldingen.factories import MeldingFactory

pytestmark = pytest.mark.django_db

TELLER = reverse("meldingen:teller")
HTMX = {"HX-Request": "true"}


def bel(html: str) -> str:
    """The bell's live region in a page."""
    found = re.search(r'<div class="meldingen-bel" aria-live="polite">.*?</div>', html, re.S)
    assert found, "no bell on the page"
    return found.group(0)


def accessible_text(html: str) -> str:
    """The bell link's text as a screen reader reads it: without aria-hidden parts."""
    html = re.sub(r'<(svg|span)[^>]*aria-hidden="true".*?</\1>', "", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_the_header_shows_the_unread_count(client, inwoner, partner_lid):
    MeldingFactory.create_batch(3, ontvanger=inwoner)
    MeldingFactory(ontvanger=inwoner, gelezen=True)
    MeldingFactory(ontvanger=partner_lid)
    client.force_login(inwoner)

    html = bel(client.get("/").content.decode())

    assert accessible_text(html) == "Meldingen, 3 ongelezen"
    assert (
        '<span class="utrecht-badge-counter meldingen-bel__badge" aria-hidden="true">3</span>'
        in html
    )
    assert 'href="/meldingen/"' in html
    assert 'aria-hidden="true" focusable="false"' in html  # the icon
    assert f'hx-get="{TELLER}?gezien=3"' in html
    assert 'hx-trigger="every 60s, meldingen-gewijzigd from:body"' in html


def test_no_unread_no_badge(client, inwoner):
    MeldingFactory(ontvanger=inwoner, gelezen=True)
    client.force_login(inwoner)

    html = bel(client.get("/").content.decode())

    assert accessible_text(html) == "Meldingen, geen ongelezen"
    assert "meldingen-bel__badge" not in html


def test_a_large_count_is_capped_in_the_badge_only(client, inwoner):
    MeldingFactory.create_batch(100, ontvanger=inwoner)
    client.force_login(inwoner)

    html = bel(client.get("/").content.decode())

    assert accessible_text(html) == "Meldingen, 100 ongelezen"
    assert 'aria-hidden="true">99+</span>' in html


def test_visitors_have_no_bell(client, db):
    assertNotContains(client.get("/"), "meldingen-bel")


def test_the_bell_costs_one_query(client, inwoner):
    MeldingFactory(ontvanger=inwoner)
    client.force_login(inwoner)
    client.get("/")

    with CaptureQueriesContext(connection) as queries:
        client.get("/")

    tellingen = [q["sql"] for q in queries if '"meldingen_melding"' in q["sql"]]
    assert len(tellingen) == 1
    assert "COUNT(*)" in tellingen[0]
    assert '"gelezen_op" IS NULL' in tellingen[0]


def test_the_inbox_counts_once_for_page_and_bell(client, inwoner):
    MeldingFactory(ontvanger=inwoner)
    client.force_login(inwoner)
    client.get(reverse("meldingen:inbox"))

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("meldingen:inbox"))

    tellingen = [q["sql"] for q in queries if '"gelezen_op" IS NULL' in q["sql"]]
    assert len(tellingen) == 1


def test_the_refresh_returns_only_the_counter(client, inwoner):
    MeldingFactory.create_batch(2, ontvanger=inwoner)
    client.force_login(inwoner)

    response = client.get(TELLER, headers=HTMX)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert "<link" not in content  # the live region and stylesheet stay on the page
    assert content.strip().startswith('<span class="meldingen-bel__teller"')
    assert accessible_text(content) == "Meldingen, 2 ongelezen"
    assert f'hx-get="{TELLER}?gezien=2"' in content


def test_an_unchanged_count_swaps_nothing(client, inwoner):
    """204: htmx leaves the bell alone, so a screen reader does not hear it again."""
    melding = MeldingFactory(ontvanger=inwoner)
    client.force_login(inwoner)

    response = client.get(TELLER, {"gezien": "1"}, headers=HTMX)
    assert response.status_code == 204
    assert response.content == b""

    melding_markeer_gelezen(melding=melding)
    response = client.get(TELLER, {"gezien": "1"}, headers=HTMX)
    assert response.status_code == 200
    assertContains(response, "Meldingen")
    assertContains(response, f"{TELLER}?gezien=0")


def test_a_visitor_is_sent_to_log_in(client, db):
    assertRedirects(
        client.get(TELLER),
        f"{reverse('account_login')}?next={TELLER}",
        fetch_redirect_response=False,
    )


def test_a_poll_after_the_session_ended_leaves_the_bell_alone(client, db):
    response = client.get(TELLER, {"gezien": "3"}, headers=HTMX)

    assert response.status_code == 204


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_are_not_allowed(client, inwoner, method):
    client.force_login(inwoner)

    assert getattr(client, method)(TELLER).status_code == 405
