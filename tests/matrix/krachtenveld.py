"""Permission matrix rows for the opgave section "krachtenveld"."""

from tests.permission_matrix import AMBTENAREN, LOGIN, Case, each, expect, opgave_slug

CASES = [
    Case(
        "opgaven:krachtenveld",
        expect(403, anoniem=LOGIN, **each(AMBTENAREN, 200)),
        kwargs=opgave_slug("opgave"),
        label="openbaar",
    ),
    Case(
        "opgaven:krachtenveld",
        expect(404, anoniem=LOGIN, partner_lid=403, **each(AMBTENAREN, 200)),
        kwargs=opgave_slug("interne_opgave"),
        label="intern",
    ),
    Case(
        "opgaven:krachtenveld",
        expect(405),
        kwargs=opgave_slug("opgave"),
        method="post",
        label="openbaar",
    ),
]
