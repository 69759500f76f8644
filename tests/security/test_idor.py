"""IDOR: every URL with an object in it is tried with someone else's object (issue 10
point 7, ASVS 4.2.1).

The requests themselves are rows of the permission matrix (``tests/matrix/*.py``, the
missing ones in ``tests/matrix/idor.py``), run by ``tests/security/test_permission_matrix.py``
for every persona. What counts as an IDOR row is defined in ``tests/security/_urls.py``
(another opgave's/organisation's/user's object refused to a logged-in persona). Here:

- every object URL of the URLconf (a slug, pk, token, ... in it; outside the admin,
  where only the beheerder comes and sees everything) has at least one IDOR row, so a
  new object URL fails until someone decides who may not reach it;
- the views that answer htmx with a fragment refuse the same objects when asked as
  htmx (``HX-Request``), with the same status.
"""

from __future__ import annotations

import inspect

from django.urls import reverse

import pytest

from tests import permission_matrix as matrix
from tests.security._urls import (
    IDOR_PER_EIGENAAR,
    ZONDER_EIGENAAR,
    geweigerd_ingelogd,
    idor_cases,
    methoden,
    object_urls,
    urls,
)
from tests.security.test_permission_matrix import (  # noqa: F401 (fixtures the rows use)
    CASES,
    Fixtures,
    _mfa_enforced,
    afgeronde_opgave,
    outcome,
)

IDOR = idor_cases()


def test_every_object_url_has_an_idor_row():
    """For GET and for POST, where the view accepts them."""
    zonder = [
        f"{method.upper()} {u.name}   ({u.route})"
        for u in object_urls()
        if u.name not in ZONDER_EIGENAAR
        for method in ("get", "post")
        if method in (methoden(u) or {"get", "post"})
        and not any(case.method == method for case in IDOR.get(u.name, ()))
    ]
    assert not zonder, (
        "These URLs name an object but no row of the permission matrix tries them with "
        "an object of another opgave, organisation or user:\n  "
        + "\n  ".join(zonder)
        + "\nAdd a Case in tests/matrix/ that asks for such an object (use the andere_* "
        "fixtures) and expects 403/404 for the personas it does not belong to; see "
        "tests/security/_urls.py for what counts."
    )


def test_the_idor_lists_are_current():
    namen = {u.name for u in urls()}
    ids = {case.id for case in CASES}
    assert not ZONDER_EIGENAAR.keys() - namen, "ZONDER_EIGENAAR names URLs that are gone"
    verdwenen = [i for rows in IDOR_PER_EIGENAAR.values() for i in rows if i not in ids]
    assert not verdwenen, f"IDOR_PER_EIGENAAR names rows that are gone: {verdwenen}"
    # A row named by hand must really refuse somebody logged in.
    for case in CASES:
        if case.id in IDOR_PER_EIGENAAR.get(case.url_name, ()):
            assert geweigerd_ingelogd(case), case.id


def _praat_htmx(url_name: str) -> bool:
    url = next(u for u in urls() if u.name == url_name)
    view = getattr(url.callback, "view_class", None) or inspect.unwrap(url.callback)
    bron = inspect.getsource(view)
    # and the module's helpers it calls (a shared "answer htmx or redirect" function)
    for naam in getattr(getattr(view, "__code__", None), "co_names", ()):
        helper = getattr(inspect.getmodule(view), naam, None)
        if inspect.isfunction(helper) and helper.__module__ == view.__module__:
            bron += inspect.getsource(helper)
    return "htmx" in bron


HTMX_ROWS = [case for rows in IDOR.values() for case in rows if _praat_htmx(case.url_name)]


def test_there_are_htmx_idor_rows():
    # The views that answer htmx and take an object: their IDOR rows are run below.
    assert {c.url_name for c in HTMX_ROWS} >= {"participatie:steun", "meldingen:gelezen"}


@pytest.mark.django_db
@pytest.mark.parametrize("case", HTMX_ROWS, ids=[c.id for c in HTMX_ROWS])
def test_htmx_request_is_refused_the_same(case: matrix.Case, request, client):
    f = Fixtures(request)
    url = reverse(case.url_name, kwargs=case.kwargs(f))
    data = case.data(f)
    gebruikers = {p: getattr(f, p) for p in geweigerd_ingelogd(case)}
    for persona, user in gebruikers.items():
        client.force_login(user)
        response = getattr(client, case.method)(url, data, headers={"HX-Request": "true"})
        assert outcome(response) == case.expected[persona], (
            f"{persona}: htmx {case.method.upper()} {url} gave {outcome(response)}"
        )
