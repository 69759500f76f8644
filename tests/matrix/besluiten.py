"""Permission matrix rows for the opgave section "besluiten"."""

from tests.permission_matrix import AMBTENAREN, LOGIN, Case, each, expect, opgave_slug

CASES = [
    Case(
        "opgaven:besluiten",
        expect(403, anoniem=LOGIN, partner_lid=200, **each(AMBTENAREN, 200)),
        kwargs=opgave_slug("opgave"),
        label="openbaar",
    ),
    Case(
        "opgaven:besluiten",
        expect(404, anoniem=LOGIN, partner_lid=200, **each(AMBTENAREN, 200)),
        kwargs=opgave_slug("interne_opgave"),
        label="intern",
    ),
    Case(
        "opgaven:besluiten",
        expect(405),
        kwargs=opgave_slug("opgave"),
        method="post",
        label="openbaar",
    ),
]
