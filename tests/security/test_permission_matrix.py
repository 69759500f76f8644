"""The URL permission matrix: every URL of the URLconf, for every persona.

The expectations live in ``tests/permission_matrix.py``; this module walks
``django.urls.get_resolver()`` (through every include and namespace, admin and
allauth too), fails for any URL the table does not classify, and requests each
classified URL as each persona, one test per cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.apps import apps
from django.contrib import admin
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404

import pytest

from opgaven.models import Fase, Zichtbaarheid
from opgaven.services import opgave_create
from tests import permission_matrix as matrix
from tests.matrix import matrix_cases

MATRIX_FILE = "tests/permission_matrix.py"

# `make test` runs half of the matrix's cells (about 4,500 requests, marked `matrix`)
# in the process of the browser tests and the other half with the rest of the suite,
# so that both processes take about as long.
HALF_IN_HET_BROWSERPROCES = pytest.mark.matrix


@dataclass(frozen=True)
class Route:
    name: str | None  # "namespace:name", or None for an unnamed route
    route: str
    namespace: str
    params: tuple[str, ...]


def url_routes() -> list[Route]:
    """Every route in the URLconf, with its full name, route text and parameters."""

    def walk(patterns, prefix: str, namespace: str, params: tuple[str, ...]):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            found = params + tuple(pattern.pattern.regex.groupindex)
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, route, inner, found)
            else:
                name = f"{namespace}{pattern.name}" if pattern.name else None
                yield Route(name, route, namespace, found)

    return list(walk(get_resolver().url_patterns, "", "", ()))


def admin_models() -> dict[str, list[str]]:
    """The models in the admin ("app_label.model_name"), per app label."""
    models: dict[str, list[str]] = {}
    for model in apps.get_models():
        if admin.site.is_registered(model):
            models.setdefault(model._meta.app_label, []).append(model._meta.label_lower)
    return models


def all_cases() -> list[matrix.Case]:
    cases = list(matrix.CASES) + matrix_cases()
    for app_label, model_keys in sorted(admin_models().items()):
        cases.append(matrix.admin_app_case(app_label, model_keys))
        for model_key in model_keys:
            cases += [matrix.admin_model_case(model_key, action) for action in matrix.ADMIN_ACTIONS]
    return cases


CASES = all_cases()


def _stub(route: Route) -> str:
    kwargs = ""
    if route.params:
        values = ", ".join(f'"{param}": ...' for param in route.params)
        kwargs = f", kwargs=lambda f: {{{values}}}"
    return f'    Case("{route.name}", expect(<default>, <persona>=<status>, ...){kwargs}),'


def test_every_named_url_has_an_entry():
    classified = {case.url_name for case in CASES}
    missing = [r for r in url_routes() if r.name and r.name not in classified]
    assert not missing, (
        f"{len(missing)} URL(s) have no entry in the permission matrix:\n"
        + "\n".join(f"  - {r.name}   (route: {r.route})" for r in missing)
        + f"\n\nDecide who may open each page and add a Case to CASES in {MATRIX_FILE}:\n"
        + "\n".join(_stub(r) for r in missing)
        + f"\n\nPersonas: {', '.join(matrix.PERSONAS)}. Values: a status code (200, 403, "
        "404, 405) or a redirect (LOGIN, ADMIN_LOGIN, Redirect('url-name')). "
        "kwargs build the URL from fixtures, e.g. lambda f: {'slug': f.opgave.slug}. "
        "For a POST-only URL add a GET case (405) and a method='post' case with data."
    )


def test_every_entry_names_an_existing_url():
    names = {r.name for r in url_routes() if r.name}
    stale = sorted({case.url_name for case in CASES} - names)
    assert not stale, f"Entries in {MATRIX_FILE} for URLs that no longer exist: {stale}"


def test_unnamed_routes_are_listed():
    unnamed = {r.route for r in url_routes() if r.name is None and r.namespace != "admin:"}
    new = sorted(unnamed - matrix.UNNAMED_ROUTES.keys())
    gone = sorted(matrix.UNNAMED_ROUTES.keys() - unnamed)
    assert not new, f"Give these routes a name= so the matrix can test them: {new}"
    assert not gone, f"Remove these routes from UNNAMED_ROUTES in {MATRIX_FILE}: {gone}"


def test_every_admin_model_has_an_object():
    registered = {key for keys in admin_models().values() for key in keys}
    missing = sorted(registered - matrix.ADMIN_OBJECTS.keys())
    assert not missing, (
        f"Add a representative object for these admin models to ADMIN_OBJECTS in "
        f"{MATRIX_FILE} (their change/history/delete pages need one): {missing}"
    )


def test_case_ids_are_unique():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


class Fixtures:
    """Hands out pytest fixtures by attribute: ``f.opgave``. Created only when asked for."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self._request = request

    def __getattr__(self, name: str):
        return self._request.getfixturevalue(name)


@pytest.fixture
def afgeronde_opgave(regisseur):
    """A public opgave that is finished; regisseur still holds the opgaveregisseur role."""
    return opgave_create(
        door=regisseur,
        titel="Speeltuin Zuidpark",
        vraagstuk="De speeltuin is vernieuwd.",
        zichtbaarheid=Zichtbaarheid.OPENBAAR,
        fase=Fase.AFGEROND,
        opgaveregisseur=regisseur,
    )


@pytest.fixture(autouse=True)
def _mfa_enforced(settings):
    """Run the matrix as production does: staff roles need MFA (the personas have it)."""
    settings.REQUIRE_MFA_FOR_STAFF = True


def outcome(response) -> matrix.Expected:
    if response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"]
        try:
            return matrix.Redirect(resolve(urlsplit(location).path).view_name, response.status_code)
        except Resolver404:
            return matrix.Redirect(location, response.status_code)
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("case", "persona"),
    [
        pytest.param(
            case,
            persona,
            id=f"{case.id}-{persona}",
            marks=HALF_IN_HET_BROWSERPROCES if nummer % 2 else (),
        )
        for nummer, case in enumerate(CASES)
        for persona in matrix.PERSONAS
    ],
)
def test_url_permission(case: matrix.Case, persona: str, request, client):
    f = Fixtures(request)
    user = getattr(f, persona)
    url = reverse(case.url_name, kwargs=case.kwargs(f))
    data = case.data(f)
    if user is not None:
        client.force_login(user)

    response = getattr(client, case.method)(url, data)

    expected, actual = case.expected[persona], outcome(response)
    assert actual == expected, (
        f"{persona}: {case.method.upper()} {url} gave {actual}, the matrix expects {expected}. "
        f"If the new behaviour is right, change the entry for {case.url_name!r} in {MATRIX_FILE}."
    )
