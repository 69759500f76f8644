"""Permission matrix rows for the budget tab of an opgave (issue 5).

The pot belongs to the workspace: officials, the opgave's role holders and the
members of involved organisations read it; a partner of an organisation that
neither funds nor is involved gets 403 on a public opgave and 404 on an
internal one.
"""

from __future__ import annotations

from tests.permission_matrix import AMBTENAREN, LOGIN, Case, each, expect, opgave_slug

LEZEN = {
    "opgave": expect(403, anoniem=LOGIN, partner_lid=200, **each(AMBTENAREN, 200)),
    "interne_opgave": expect(404, anoniem=LOGIN, partner_lid=200, **each(AMBTENAREN, 200)),
}


def met_pot(fixture: str):
    def kwargs(f):
        f.budgetpot  # noqa: B018 (the pot of ``opgave`` exists for every row)
        return {"slug": getattr(f, fixture).slug}

    return kwargs


CASES: list[Case] = [
    Case("budget:pot", LEZEN["opgave"], kwargs=met_pot("opgave"), label="met pot"),
    Case(
        "budget:pot",
        LEZEN["interne_opgave"],
        kwargs=opgave_slug("interne_opgave"),
        label="zonder pot",
    ),
    Case("budget:pot", expect(405), kwargs=opgave_slug("opgave"), method="post", label="openbaar"),
]
