"""The XSS corpus and the helpers the XSS and fuzz tests share (issue 10 point 7).

Each payload carries a number (``{n}``), so a leak names the field or parameter it
came from. ``raw_hits(html)`` finds payloads that reached the HTML unescaped: the
markup an attacker needs (a ``<script>`` tag, an event handler, a ``javascript:``
link) or a template that ran (``{{ 7*7 }}`` as ``49``, ``{% debug %}`` as a dump).
Escaped text (``&lt;script&gt;``) is what we want to see and never matches.

The requests come from the permission matrix (``tests/security/test_permission_matrix.py``):
its POST cases carry valid form data, and ``expected`` says which persona may send
them, so the security tests reuse that world instead of building a second one.
"""

from __future__ import annotations

import re
from importlib import import_module
from pkgutil import iter_modules
from typing import Any

from tests import matrix as matrix_package
from tests import permission_matrix as matrix

PAYLOADS: tuple[str, ...] = (
    "<script>alert({n})</script>",
    '"><img src=x onerror=alert({n})>',
    "<svg onload=alert({n})>",
    "javascript:alert({n})",
    "tpl{n}{{{{ 7*7 }}}}",
    "dbg{n}{{% debug %}}",
    "</textarea><script>alert({n})</script>",
    "' onmouseover='alert({n})",
    '=HYPERLINK("http://evil.example/{n}")',
)

# What an unescaped payload looks like in HTML. Escaped, each of these is broken up by
# an entity (&lt; &gt; &quot; &#x27;), and a template that did not run keeps its braces.
RAW_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("script tag", re.compile(r"<script>alert\(\d+\)", re.I)),
    ("event handler", re.compile(r"<img src=x onerror=alert\(|onerror=alert\(\d+\)>", re.I)),
    ("svg onload", re.compile(r"<svg onload=alert\(", re.I)),
    (
        "javascript: URL",
        re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I),
    ),
    ("template ran", re.compile(r"tpl\d+49")),
    ("debug tag ran", re.compile(r"dbg\d+(?:\{'|\{&#x27;|\[|<)")),
    ("textarea break-out", re.compile(r"</textarea><script>", re.I)),
    ("attribute break-out", re.compile(r"' onmouseover='alert\(")),
    ("unescaped quote", re.compile(r'=HYPERLINK\("http')),
)

# Where a spreadsheet reads a cell as a formula (config/spreadsheets.py ``cel``).
FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")
GETAL = re.compile(r"^-?[\d.]+(,\d+)?$")


def payload(n: int) -> str:
    """The ``n``-th payload of the corpus (rotating), numbered ``n``."""
    return PAYLOADS[n % len(PAYLOADS)].format(n=n)


def raw_hits(html: str) -> list[str]:
    """The unescaped payloads in ``html``, each with a little context."""
    hits = []
    for name, pattern in RAW_PATTERNS:
        for found in pattern.finditer(html):
            start, end = max(found.start() - 60, 0), min(found.end() + 40, len(html))
            hits.append(f"{name}: …{html[start:end]}…")
    return hits


def formula_cells(cells: list[Any]) -> list[str]:
    """Text cells a spreadsheet would run as a formula (numbers may be negative)."""
    return [
        cell
        for cell in cells
        if isinstance(cell, str) and cell.startswith(FORMULE_TEKENS) and not GETAL.match(cell)
    ]


# --- The matrix's requests --------------------------------------------------------------

# Whom to send a request as, when several personas may: the busiest first.
VOORKEUR = (
    "regisseur",
    "inwoner",
    "partner_lid",
    "adviseur",
    "coachee",
    "ambtenaar",
    "beheerder",
    "partner_buitenstaander",
)
NIET_INGELOGD = {matrix.LOGIN.to, matrix.ADMIN_LOGIN.to}


def allowed(expected: matrix.Expected) -> bool:
    """Whether this outcome means the persona got through (a page, or done and sent on)."""
    if isinstance(expected, matrix.Redirect):
        return expected.to not in NIET_INGELOGD
    return expected == 200


def persona_for(case: matrix.Case, *, get: bool = False) -> str | None:
    """A logged-in persona the matrix lets through ``case`` (a 200 page for a GET).

    When the allowed outcomes differ, the rarest one is the real thing: everyone who has
    not joined a round is sent to join it, only the participant gets to submit."""
    kandidaten = [
        p for p in VOORKEUR if (case.expected[p] == 200 if get else allowed(case.expected[p]))
    ]
    if not kandidaten:
        return None
    uitkomsten = [case.expected[p] for p in kandidaten]
    return min(kandidaten, key=lambda p: uitkomsten.count(case.expected[p]))


def post_cases(cases: list[matrix.Case]) -> list[tuple[matrix.Case, str]]:
    """The POST cases with form data that some logged-in persona may send."""
    found = []
    for case in cases:
        if case.method != "post" or case.data is matrix.no_kwargs:
            continue
        persona = persona_for(case)
        if persona is not None:
            found.append((case, persona))
    return found


def groepen() -> dict[str, list[matrix.Case]]:
    """The matrix per file: the rows of one area share fixtures that fit together (two
    areas' fixtures may not: a ballot wants every proposal assessed, a row about an
    unassessed proposal makes one)."""
    found = {"kern": list(matrix.CASES)}
    for info in iter_modules(matrix_package.__path__):
        found[info.name] = list(import_module(f"tests.matrix.{info.name}").CASES)
    return found
