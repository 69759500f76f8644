"""CSRF on every POST (issue 10 point 7, ASVS 4.2.2 / 13.2.3).

Every POST row of the permission matrix is sent once, without a CSRF token, by a
persona the matrix lets through (a logged-in one where there is one), with a client
that enforces the check as browsers meet it. Each must get the Dutch CSRF page
(``config.views.csrf_failure``, 403) and no row may appear or disappear in the
project's tables. The rows are grouped per area so the fixtures are built once per
group; a refused request changes nothing, so the rows can share them.

A second test makes sure no POST escapes: every URL whose view accepts POST has a
POST row in the matrix (and so is checked here).
"""

from __future__ import annotations

from collections import defaultdict

from django.apps import apps
from django.test import Client
from django.urls import reverse

import pytest

from tests import permission_matrix as matrix
from tests.security._urls import methoden, toegestane_persona, urls
from tests.security.test_permission_matrix import (  # noqa: F401 (fixtures the rows use)
    CASES,
    Fixtures,
    _mfa_enforced,
    afgeronde_opgave,
)

PROJECT_APPS = ("accounts", "meldingen", "partners", "opgaven", "budget", "participatie")
PROJECT_APPS += ("leren", "rapportage", "account", "mfa", "socialaccount")


# Areas whose rows set up conflicting states of the same objects (a closed vote and an
# open one, a plan submitted and one in draft): one group per URL there.
PER_URL = ("opgaven", "participatie")


def _groep(case: matrix.Case) -> str:
    app = case.url_name.split(":")[0] if ":" in case.url_name else "site"
    return case.url_name if app in PER_URL else app


# Deliberately without CSRF, with the reason.
ZONDER_CSRF = {
    # One-click unsubscribe (RFC 8058): mail clients post without cookies; the signed
    # token in the URL is the proof, and all it can do is switch e-mail off.
    "meldingen:afmelden",
}


POST_CASES: dict[str, list[tuple[matrix.Case, str]]] = defaultdict(list)
for _case in CASES:
    _persona = toegestane_persona(_case) if _case.method == "post" else None
    if _persona is not None and _case.url_name not in ZONDER_CSRF:
        POST_CASES[_groep(_case)].append((_case, _persona))


def aantallen() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
    }


@pytest.mark.django_db
@pytest.mark.parametrize("groep", sorted(POST_CASES))
def test_post_without_csrf_token_is_refused(groep, request):
    f = Fixtures(request)
    verzoeken = []
    for case, persona in POST_CASES[groep]:
        url = reverse(case.url_name, kwargs=case.kwargs(f))
        verzoeken.append((case, persona, getattr(f, persona), url, case.data(f)))
    voor = aantallen()
    client = Client(enforce_csrf_checks=True)
    fouten = []
    for case, persona, user, url, data in verzoeken:
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.post(url, data)
        templates = {t.name for t in response.templates}
        if response.status_code != 403 or "403_csrf.html" not in templates:
            fouten.append(f"{case.id} as {persona}: {response.status_code}")
    assert not fouten, "POST without a CSRF token got through:\n" + "\n".join(fouten)
    assert aantallen() == voor


def test_every_url_that_accepts_post_has_a_post_row():
    met_post = {case.url_name for case in CASES if case.method == "post"}
    onbekend = sorted(u.name for u in urls() if methoden(u) is None)
    zonder = sorted(
        u.name for u in urls() if "post" in (methoden(u) or ()) and u.name not in met_post
    )
    assert not onbekend, (
        f"The views of {onbekend} do not say which methods they accept: decorate them "
        "with require_GET / require_POST / require_http_methods."
    )
    assert not zonder, (
        f"These URLs accept POST but the permission matrix has no POST row for them, so "
        f"CSRF is not checked: {zonder}"
    )
