"""Permission matrix rows for the portfolio dashboard (issue 9 point 6). (Helper "portfolio".)

The dashboard shows every opgave, internal ones too, so it is for officials only
(``opgaven.view_interne_opgave``: the ``AMBTENAREN``). Everyone else logged in gets
403 (the page exists, they may not use it; it names no object, so there is nothing
to hide behind a 404); an anonymous visitor is sent to log in. Filters that make no
sense (an edited URL) still give 200. POST is 405: the page only reads.

Requesting the portfolio report (``rapportage:aanvragen?soort=portfolio``) follows
``rapportage.permissions.can_view_about``: officials get the form, everyone else a 404.
"""

from __future__ import annotations

from tests.permission_matrix import AMBTENAREN, LOGIN, Case, each, expect

PORTFOLIO = "rapportage:portfolio"
ALLEEN_AMBTENAREN = expect(403, anoniem=LOGIN, **each(AMBTENAREN, 200))

CASES: list[Case] = [
    Case(PORTFOLIO, ALLEEN_AMBTENAREN),
    Case(
        PORTFOLIO,
        ALLEEN_AMBTENAREN,
        data=lambda f: {"fase": f.opgave.fase, "q": "energie", "rag": "geen"},
        label="gefilterd",
    ),
    Case(
        PORTFOLIO,
        ALLEEN_AMBTENAREN,
        data=lambda f: {"fase": "bestaat-niet", "rag": "paars", "gebied": "XX", "pagina": "9"},
        label="onzin",
    ),
    Case(PORTFOLIO, expect(405, anoniem=LOGIN), method="post"),
    Case(
        "rapportage:aanvragen",
        expect(404, anoniem=LOGIN, **each(AMBTENAREN, 200)),
        data=lambda f: {"soort": "portfolio"},
        label="portfolio",
    ),
]
