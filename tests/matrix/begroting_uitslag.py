"""Permission matrix rows for the result of a participatory budget, its exports and the
voting codes (issue 7 points 4, 5 and 7).

- The result page is public like the round: everyone, anonymous visitors too, once
  the round is no draft; before the result it says when voting ends (200). A draft
  round is a 404 for everyone but the officials who manage it; a round without a
  budget is a 404.
- The exports (CSV, Pabulib) are public once the result is known, a 404 before,
  for everyone (the managers too: there is nothing to export yet).
- The voting codes are for the officials who manage the round (``regisseur`` for
  ``stemming``, ``ambtenaar`` for ``andere_stemming``): others 403, anonymous
  visitors to the login page. A POST really makes codes and answers with the ZIP
  (200); a wrong number is a 400.
- These URLs carry no object id besides the round's slug, so the IDOR rows ask one
  official for the round of another opgave (403) and for a draft of another
  opgave (404).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from participatie.services_begroting import begroting_instellen, uitslag_berekenen
from tests.permission_matrix import LOGIN, Case, expect


def stemming(f: Any) -> dict[str, Any]:
    """The vote of ``opgave``, still open."""
    return {"slug": f.stemming.ronde.slug}


def uitslag(f: Any) -> dict[str, Any]:
    """The same vote with its result computed."""
    return {"slug": uitslag_berekenen(begroting=f.stemming).ronde.slug}


def andere_stemming(f: Any) -> dict[str, Any]:
    return {"slug": f.andere_stemming.ronde.slug}


def ontwerp(f: Any) -> dict[str, Any]:
    """A draft round of ``opgave`` with a budget: only its managers see it."""
    begroting_instellen(
        ronde=f.concept_ronde,
        totaal=Decimal("5000.00"),
        indienen_tot=date(2026, 12, 1),
        stemmen_van=date(2026, 12, 10),
        stemmen_tot=date(2027, 1, 31),
    )
    return {"slug": f.concept_ronde.slug}


def zonder_begroting(f: Any) -> dict[str, Any]:
    return {"slug": f.ronde.slug}


BEHEER = expect(403, anoniem=LOGIN, regisseur=200)

CASES: list[Case] = [
    # The result page.
    Case("participatie:uitslag", expect(200), kwargs=stemming, label="stemmen"),
    Case("participatie:uitslag", expect(200), kwargs=uitslag, label="uitslag"),
    Case("participatie:uitslag", expect(404, regisseur=200), kwargs=ontwerp, label="ontwerp"),
    Case("participatie:uitslag", expect(404), kwargs=zonder_begroting, label="geen begroting"),
    Case("participatie:uitslag", expect(405), kwargs=uitslag, method="post", label="uitslag"),
    # The exports.
    Case("participatie:uitslag_csv", expect(200), kwargs=uitslag, label="uitslag"),
    Case("participatie:uitslag_csv", expect(404), kwargs=stemming, label="stemmen"),
    Case("participatie:uitslag_csv", expect(404), kwargs=ontwerp, label="ontwerp"),
    Case("participatie:uitslag_csv", expect(405), kwargs=uitslag, method="post", label="uitslag"),
    Case("participatie:uitslag_pabulib", expect(200), kwargs=uitslag, label="uitslag"),
    Case("participatie:uitslag_pabulib", expect(404), kwargs=stemming, label="stemmen"),
    Case("participatie:uitslag_pabulib", expect(404), kwargs=ontwerp, label="ontwerp"),
    Case(
        "participatie:uitslag_pabulib",
        expect(405),
        kwargs=uitslag,
        method="post",
        label="uitslag",
    ),
    # Voting codes.
    Case("participatie:stemcodes", BEHEER, kwargs=stemming, label="stemmen"),
    Case(
        "participatie:stemcodes",
        BEHEER,
        kwargs=stemming,
        method="post",
        data=lambda f: {"aantal": "2"},
        label="stemmen",
    ),
    Case(
        "participatie:stemcodes",
        expect(403, anoniem=LOGIN, regisseur=400),
        kwargs=stemming,
        method="post",
        data=lambda f: {"aantal": "0"},
        label="ongeldig aantal",
    ),
    # After the vote the page still shows the counts; making codes is refused (400).
    Case("participatie:stemcodes", BEHEER, kwargs=uitslag, label="uitslag"),
    Case(
        "participatie:stemcodes",
        expect(403, anoniem=LOGIN, regisseur=400),
        kwargs=uitslag,
        method="post",
        data=lambda f: {"aantal": "2"},
        label="uitslag",
    ),
    # IDOR: the round of another opgave is managed by its own official only.
    Case(
        "participatie:stemcodes",
        expect(403, anoniem=LOGIN, ambtenaar=200),
        kwargs=andere_stemming,
        label="andere opgave",
    ),
    Case(
        "participatie:stemcodes",
        expect(403, anoniem=LOGIN, ambtenaar=200),
        kwargs=andere_stemming,
        method="post",
        data=lambda f: {"aantal": "1"},
        label="andere opgave",
    ),
    Case(
        "participatie:stemcodes",
        expect(404, anoniem=LOGIN, regisseur=200),
        kwargs=ontwerp,
        label="ontwerp",
    ),
    Case(
        "participatie:stemcodes",
        expect(404, anoniem=LOGIN),
        kwargs=zonder_begroting,
        label="geen begroting",
    ),
    Case("participatie:stemcodes", expect(405), kwargs=stemming, method="delete", label="stemmen"),
]
