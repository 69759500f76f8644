"""What the security tests know about the URLconf (helper of test_csrf/test_idor).

The permission matrix (``tests/permission_matrix.py`` + ``tests/matrix/*.py``) is the
single list of requests; these helpers only classify its rows and the URLconf:

- which URLs accept POST (from the view: a class's methods or a method decorator);
- which matrix rows are **IDOR rows**: a logged-in persona is refused (400/403/404)
  an object that belongs to another opgave, organisation or user. A row counts when
  1. its kwargs or data reach a fixture of the *other side* (``andere_opgave``,
     ``andere_ronde``, ``andere_stemming``, ``andere_budgetpot``, ``andere_organisatie``:
     every fixture named ``andere_*``), or its label says so (``idor``, ``elders``,
     ``ander...``), and a logged-in persona is refused; or
  2. two personas with the *same role* get different answers, one allowed and one
     refused (``partner_lid``/``partner_buitenstaander``; ``ambtenaar``/``regisseur``/
     ``coachee``): the only difference between them is whose object it is; or
  3. the row is named in ``IDOR_PER_EIGENAAR`` below: objects of one user (a
     notification, a coaching trajectory) that every other persona is refused.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from tests import permission_matrix as matrix
from tests.security.test_permission_matrix import CASES

WEIGERING = (400, 403, 404)
IDOR_LABEL = re.compile(r"idor|elders|ander")
# Persona groups with the same platform role: a different answer is about the object.
ZELFDE_ROL = (("partner_lid", "partner_buitenstaander"), ("ambtenaar", "regisseur", "coachee"))

# URL kwargs that do not name an object (a file format).
GEEN_OBJECT_PARAMS = {"formaat"}

# Object URLs without an owner to steal from, with the reason.
ZONDER_EIGENAAR = {
    "account_reset_password_from_key": "allauth: a signed one-time key; a wrong key shows "
    "the 'link expired' page (allauth's own tests)",
    "openid_connect_login": "allauth: provider_id names the SSO provider, not an object",
    "openid_connect_callback": "allauth: provider_id names the SSO provider, not an object",
    "meldingen:afmelden": "a signed token of user and kind; a forged one is a 400 "
    "(POST meldingen:afmelden[vervalst])",
    "participatie:uitslag_csv": "a published result is public (200 for everyone, row "
    "[uitslag]); before it is published a 404 for everyone, its managers too ([stemmen])",
    "participatie:uitslag_pabulib": "as participatie:uitslag_csv",
    "partners:detail": "every partner and official may read every organisation's page "
    "(DESIGN §6); changing it is covered by partners:edit",
}

# Objects of one user: every other logged-in persona is refused (rule 3).
IDOR_PER_EIGENAAR = {
    "meldingen:gelezen": ["POST meldingen:gelezen"],  # inwoner's notification
    "meldingen:openen": ["POST meldingen:openen"],
    "leren:traject_bewerken": ["GET leren:traject_bewerken", "POST leren:traject_bewerken"],
    "leren:traject_status": ["GET leren:traject_status", "POST leren:traject_status"],
    "leren:gesprek_nieuw": ["GET leren:gesprek_nieuw", "POST leren:gesprek_nieuw"],
    "leren:coachee": ["GET leren:coachee"],  # adviseur's trajectory; only its coach
    "leren:coach_meting": ["POST leren:coach_meting"],
    "leren:feedback": ["POST leren:feedback[coach]"],  # coachee's experience shared with coach
    "gegevens_download": ["GET gegevens_download"],
    # inwoner's registration for a session
    "participatie:afmelden": [
        "GET participatie:afmelden[sessie]",
        "POST participatie:afmelden[sessie]",
    ],  # inwoner's personal-data export
}


@dataclass(frozen=True)
class Url:
    name: str
    route: str
    params: tuple[str, ...]
    callback: Callable[..., Any]

    @property
    def object_params(self) -> tuple[str, ...]:
        return tuple(p for p in self.params if p not in GEEN_OBJECT_PARAMS)


@cache
def urls() -> tuple[Url, ...]:
    """Every named route outside the admin (the admin follows the matrix's admin rule:
    only the beheerder gets in, and they may see every object)."""

    def walk(patterns, prefix: str, namespace: str, params: tuple[str, ...]) -> Iterator[Url]:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            found = params + tuple(pattern.pattern.regex.groupindex)
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, route, inner, found)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield Url(f"{namespace}{pattern.name}", route, found, pattern.callback)

    return tuple(
        u for u in walk(get_resolver().url_patterns, "", "", ()) if not u.name.startswith("admin:")
    )


# Views whose accepted methods cannot be read from the view (plain functions of
# third-party packages), as their source says.
METHODEN_DERDEN = {
    "set_language": {"get", "post"},  # django.views.i18n.set_language
    "account_email_verification_sent": {"get"},  # allauth TemplateView wrapped in a function
    "openid_connect_login": {"get", "post"},  # allauth OAuth2LoginView.adapter_view
    "openid_connect_callback": {"get"},
}


def methoden(url: Url) -> set[str] | None:
    """The HTTP methods the view accepts, or None when the view does not say."""
    if url.name in METHODEN_DERDEN:
        return METHODEN_DERDEN[url.name]
    view_class = getattr(url.callback, "view_class", None)
    if view_class is not None:
        return {m for m in view_class.http_method_names if hasattr(view_class, m)}
    func = url.callback
    for _ in range(10):  # through the decorators down to require_http_methods' list
        for cell in func.__closure__ or ():
            try:
                waarde = cell.cell_contents
            except ValueError:
                continue
            if (
                isinstance(waarde, list | tuple)
                and waarde
                and all(isinstance(m, str) and m.isupper() for m in waarde)
            ):
                return {m.lower() for m in waarde}
        func = getattr(func, "__wrapped__", None)
        if func is None:
            return None
    return None


def _namen(func: Any, gezien: set[int] | None = None) -> set[str]:
    """Names and strings a kwargs/data function reaches: its code, closures and the
    module-level functions it calls (so ``getattr(f, "andere_opgave")`` is found)."""
    gezien = set() if gezien is None else gezien
    code = getattr(func, "__code__", None)
    if code is None or id(func) in gezien:
        return set()
    gezien.add(id(func))
    namen: set[str] = set()

    def lees(co: types.CodeType) -> None:
        namen.update(co.co_names)
        for const in co.co_consts:
            if isinstance(const, str):
                namen.add(const)
            elif isinstance(const, types.CodeType):
                lees(const)

    lees(code)
    for cell in func.__closure__ or ():
        try:
            waarde = cell.cell_contents
        except ValueError:
            continue
        if isinstance(waarde, str):
            namen.add(waarde)
        elif callable(waarde):
            namen |= _namen(waarde, gezien)
    for naam in list(namen):
        waarde = func.__globals__.get(naam)
        if isinstance(waarde, types.FunctionType):
            namen |= _namen(waarde, gezien)
    return namen


def toegestaan(waarde: matrix.Expected) -> bool:
    """The persona gets through: a page, or a redirect that is not 'log in first'."""
    if isinstance(waarde, matrix.Redirect):
        return waarde not in (matrix.LOGIN, matrix.ADMIN_LOGIN)
    return 200 <= waarde < 300


def geweigerd_ingelogd(case: matrix.Case) -> list[str]:
    return [p for p in matrix.INGELOGD if case.expected[p] in WEIGERING]


def idor_regel(case: matrix.Case) -> int | None:
    """Which rule (1, 2, 3) makes ``case`` an IDOR row, or None."""
    if not geweigerd_ingelogd(case):
        return None
    namen = _namen(case.kwargs) | _namen(case.data)
    if any(n.startswith("andere_") or n == "interne_opgave" for n in namen) or IDOR_LABEL.search(
        case.label
    ):
        return 1
    for groep in ZELFDE_ROL:
        waarden = [case.expected[p] for p in groep]
        if any(map(toegestaan, waarden)) and any(w in WEIGERING for w in waarden):
            return 2
    if case.id in IDOR_PER_EIGENAAR.get(case.url_name, ()):
        return 3
    return None


def idor_cases() -> dict[str, list[matrix.Case]]:
    """The IDOR rows of the matrix, per URL name."""
    per_url: dict[str, list[matrix.Case]] = {}
    for case in CASES:
        if idor_regel(case) is not None:
            per_url.setdefault(case.url_name, []).append(case)
    return per_url


def object_urls() -> list[Url]:
    return [u for u in urls() if u.object_params]


def toegestane_persona(case: matrix.Case) -> str | None:
    """A persona the matrix lets through for ``case``: a logged-in one if there is one."""
    for persona in (*matrix.INGELOGD, "anoniem"):
        if toegestaan(case.expected[persona]):
            return persona
    return None
