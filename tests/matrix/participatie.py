"""Permission matrix rows for participation (issue 6): the public pages.

A round that is no draft is public: anonymous visitors read it too. A draft is a
404 for everyone but the officials who manage it.
"""

from __future__ import annotations

from tests.permission_matrix import Case, Redirect, expect

RONDE = Redirect("participatie:ronde")


def ronde_slug(fixture: str):
    return lambda f: {"slug": getattr(f, fixture).slug}


def met_inbreng(f):
    return {"slug": f.ronde.slug, "pk": f.inbreng.pk}


def met_sessie(f):
    return {"slug": f.ronde.slug, "pk": f.sessie.pk}


CASES: list[Case] = [
    Case("participatie:ronde", expect(200), kwargs=ronde_slug("ronde"), label="open"),
    Case(
        "participatie:ronde",
        expect(404, regisseur=200),
        kwargs=ronde_slug("concept_ronde"),
        label="ontwerp",
    ),
    Case(
        "participatie:ronde", expect(405), kwargs=ronde_slug("ronde"), method="post", label="open"
    ),
    Case("participatie:inbreng", expect(RONDE), kwargs=met_inbreng, label="open"),
    Case("participatie:sessie", expect(RONDE), kwargs=met_sessie, label="open"),
]
