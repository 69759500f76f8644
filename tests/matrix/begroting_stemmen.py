"""Permission matrix rows for the ballot and voting codes (issue 7, views/stemmen.py).

- The ballot page answers everyone with 200: a ballot for whoever is logged in (the
  round ``stemming`` has no areas, so everyone may vote), the two ways to vote for an
  anonymous visitor, an explanation outside the voting phase.
- Choosing, removing and confirming are POST only (GET 405) and always lead back to
  the ballot, for an anonymous visitor too (where the ballot page explains how to
  vote); a refusal (an empty ballot cannot be confirmed) comes as a message there.
- IDOR: a proposal of ``andere_stemming`` through the slug of ``stemming`` is a 404.
- The code page is open to everyone: a wrong code 400, a valid one to the ballot.
- A round without a participatory budget has no ballot: 404.
POST rows really run with valid data.
"""

from __future__ import annotations

from typing import Any

from tests.permission_matrix import Case, Redirect, expect

STEMBILJET = Redirect("participatie:stembiljet")


def slug(fixture: str):
    return lambda f: {"slug": getattr(f, fixture).ronde.slug}


def eigen_voorstel(f: Any) -> dict[str, Any]:
    """``Project 3`` (€ 3.000) of ``stemming``: it fits every empty ballot."""
    return {"slug": f.stemming.ronde.slug, "pk": f.stemming.voorstellen.get(titel="Project 3").pk}


def ander_voorstel(f: Any) -> dict[str, Any]:
    """IDOR: the proposal of ``andere_stemming`` through the slug of ``stemming``."""
    return {"slug": f.stemming.ronde.slug, "pk": f.andere_stemming.voorstellen.get().pk}


def geldige_code(f: Any) -> dict[str, Any]:
    from participatie.services_begroting import stemcodes_maken

    (code,) = stemcodes_maken(begroting=f.stemming, aantal=1)
    return {"code": code}


CASES: list[Case] = [
    # The ballot.
    Case("participatie:stembiljet", expect(200), kwargs=slug("stemming"), label="stemmen"),
    Case("participatie:stembiljet", expect(200), kwargs=slug("begroting"), label="indienen"),
    Case(
        "participatie:stembiljet",
        expect(404),
        kwargs=lambda f: {"slug": f.ronde.slug},
        label="zonder begroting",
    ),
    Case("participatie:stembiljet", expect(405), kwargs=slug("stemming"), method="post"),
    # Choosing and removing: POST only, back to the ballot.
    Case("participatie:stembiljet_kies", expect(405), kwargs=eigen_voorstel),
    Case("participatie:stembiljet_kies", expect(STEMBILJET), kwargs=eigen_voorstel, method="post"),
    Case(
        "participatie:stembiljet_kies",
        expect(404),
        kwargs=ander_voorstel,
        method="post",
        label="andere ronde",
    ),
    Case("participatie:stembiljet_verwijder", expect(405), kwargs=eigen_voorstel),
    Case(
        "participatie:stembiljet_verwijder",
        expect(STEMBILJET),
        kwargs=eigen_voorstel,
        method="post",
    ),
    Case(
        "participatie:stembiljet_verwijder",
        expect(404),
        kwargs=ander_voorstel,
        method="post",
        label="andere ronde",
    ),
    # Confirming: POST only; an empty ballot is refused with a message on the ballot.
    Case("participatie:stembiljet_bevestigen", expect(405), kwargs=slug("stemming")),
    Case(
        "participatie:stembiljet_bevestigen",
        expect(STEMBILJET),
        kwargs=slug("stemming"),
        method="post",
    ),
    Case(
        "participatie:stembiljet_bevestigen",
        expect(404),
        kwargs=lambda f: {"slug": f.ronde.slug},
        method="post",
        label="zonder begroting",
    ),
    # The code page: everyone.
    Case("participatie:stemcode", expect(200), kwargs=slug("stemming")),
    Case(
        "participatie:stemcode",
        expect(400),
        kwargs=slug("stemming"),
        method="post",
        data=lambda f: {"code": "AAAA-BBBB-CCCC"},
        label="ongeldig",
    ),
    Case(
        "participatie:stemcode",
        expect(STEMBILJET),
        kwargs=slug("stemming"),
        method="post",
        data=geldige_code,
        label="geldig",
    ),
    Case(
        "participatie:stemcode",
        expect(404),
        kwargs=lambda f: {"slug": f.ronde.slug},
        label="zonder begroting",
    ),
    Case("participatie:stemcode", expect(405), kwargs=slug("stemming"), method="delete"),
]
