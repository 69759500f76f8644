"""Every key page of issue 12 within its SQL budget, on generated data (``klein``).

The same list of pages as ``bench/load.py`` (``config.sleutelpaginas``), each
opened as its persona with production's MFA rule on. Timings are not asserted
here (too noisy in CI); query counts are. The first request of a persona
fills the caches (roles and permissions, reference data), so each page is
measured on its second request, as a user meets it after the first page.
"""

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from accounts.models import User
from config.sleutelpaginas import GEGENEREERD, SLEUTELPAGINAS


@pytest.fixture
def klein(db, settings):
    settings.REQUIRE_MFA_FOR_STAFF = True
    call_command("genereer_data", schaal="klein", seed=1, leegmaken=True, verbosity=0)


def _clients() -> dict[str | None, Client]:
    clients: dict[str | None, Client] = {None: Client()}
    for persona in ("regisseur", "inwoner", "partner", "adviseur", "beheerder"):
        client = Client()
        client.force_login(User.objects.get(email=getattr(GEGENEREERD, persona)))
        clients[persona] = client
    return clients


def test_every_key_page_stays_within_its_query_budget(klein):
    clients = _clients()
    te_veel: list[str] = []
    for pagina in SLEUTELPAGINAS:
        client = clients[pagina.persona]
        pad = pagina.pad(GEGENEREERD)
        assert client.get(pad).status_code == 200, f"{pagina.naam}: {pad}"
        with CaptureQueriesContext(connection) as queries:
            response = client.get(pad)
        assert response.status_code == 200, f"{pagina.naam}: {pad}"
        if pagina.persona:  # a logged-in page reads at least its session: the count works
            assert len(queries) > 0, pagina.naam
        if len(queries) > pagina.budget:
            sql = "\n    ".join(q["sql"][:200] for q in queries.captured_queries)
            te_veel.append(f"{pagina.naam} ({pad}): {len(queries)} > {pagina.budget}\n    {sql}")
    assert not te_veel, "Boven het querybudget:\n" + "\n".join(te_veel)


def test_the_budget_list_covers_the_pages_of_the_issue():
    namen = {p.naam for p in SLEUTELPAGINAS}
    # Issue 12, point 2: the key pages, each as the right persona.
    for verwacht in (
        "Home, inwoner",
        "Home, regisseur",
        "Home, partner",
        "Home, adviseur",
        "Opgaven, zoeken",
        "Drukke ronde, pagina 1",
        "Drukke ronde, pagina 200",
        "Drukke ronde, meeste steun",
        "Sessie",
        "Burgerbegroting",
        "Stembiljet",
        "Portfolio",
        "Meldingen, inwoner",
        "Leertijdlijn",
        "Coaching, adviseur",
    ):
        assert verwacht in namen
    assert all(p.budget <= 12 for p in SLEUTELPAGINAS)
