"""Permission matrix rows for the opgave section "doelen": the tab, and the pages that
add, change and delete goals, indicators and measurements.

The tab is read by everyone who sees the workspace (officials, role holders,
partners of an involved organisation). The other pages are for role holders of
an opgave that is not finished: the regisseur. Who sees the workspace but may not
change it gets 403; who does not see an internal opgave gets 404. The objects in
the URLs are made fresh per request, in the opgave of the row; a POST really
runs, so its data is valid and the regisseur's POST ends in a redirect to the tab.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from opgaven.models import Doel
from opgaven.services.doelen import doel_create, indicator_create, meting_create
from tests.permission_matrix import (
    AMBTENAREN,
    LOGIN,
    Case,
    Redirect,
    each,
    expect,
    opgave_slug,
)

TAB = Redirect("opgaven:doelen")

# Who may open an editing page, per opgave: only the regisseur; who sees the workspace 403.
BEWERKEN = {
    "opgave": expect(403, anoniem=LOGIN, regisseur=200),
    "interne_opgave": expect(
        404, anoniem=LOGIN, partner_lid=403, **{**each(AMBTENAREN, 403), "regisseur": 200}
    ),
}
BEWERKEN_POST = {
    naam: {persona: TAB if value == 200 else value for persona, value in rij.items()}
    for naam, rij in BEWERKEN.items()
}
LABELS = {"opgave": "openbaar", "interne_opgave": "intern"}


def _doel(opgave) -> Doel:
    effect = doel_create(opgave=opgave, titel="Minder eenzaamheid", soort=Doel.Soort.EFFECT)
    return doel_create(opgave=opgave, titel="Meer ontmoetingsplekken", bovenliggend=effect)


def _indicator(opgave):
    return indicator_create(
        doel=_doel(opgave),
        naam="Ontmoetingsplekken in de wijk",
        eenheid="plekken",
        nulmeting=Decimal(3),
        streefwaarde=Decimal(8),
        streefdatum=date(2030, 1, 1),
    )


def _meting(opgave):
    return meting_create(indicator=_indicator(opgave), datum=date(2025, 3, 1), waarde=Decimal(4))


def met(maker, fixture: str):
    return lambda f: {"slug": getattr(f, fixture).slug, "pk": maker(getattr(f, fixture)).pk}


def doel_data(f: Any) -> dict[str, Any]:
    return {"soort": Doel.Soort.DOEL, "titel": "Buurthuis langer open", "volgorde": "0"}


def indicator_data(f: Any) -> dict[str, Any]:
    return {
        "naam": "Bezoekers per week",
        "eenheid": "mensen",
        "nulmeting": "120",
        "streefwaarde": "200",
        "streefdatum": "2028-12-31",
    }


def meting_data(f: Any) -> dict[str, Any]:
    return {"datum": "2025-06-01", "waarde": "5", "toelichting": ""}


def geen_data(f: Any) -> dict[str, Any]:
    return {}


# (url name, kwargs maker per opgave fixture or None for the slug only, POST data)
PAGINAS = [
    ("opgaven:doel_nieuw", None, doel_data),
    ("opgaven:doel_bewerken", _doel, doel_data),
    ("opgaven:doel_verwijderen", _doel, geen_data),
    ("opgaven:indicator_nieuw", _doel, indicator_data),
    ("opgaven:indicator_bewerken", _indicator, indicator_data),
    ("opgaven:indicator_verwijderen", _indicator, geen_data),
    ("opgaven:meting_nieuw", _indicator, meting_data),
    ("opgaven:meting_verwijderen", _meting, geen_data),
]

CASES = [
    Case(
        "opgaven:doelen",
        expect(403, anoniem=LOGIN, partner_lid=200, **each(AMBTENAREN, 200)),
        kwargs=opgave_slug("opgave"),
        label="openbaar",
    ),
    Case(
        "opgaven:doelen",
        expect(404, anoniem=LOGIN, partner_lid=200, **each(AMBTENAREN, 200)),
        kwargs=opgave_slug("interne_opgave"),
        label="intern",
    ),
    Case(
        "opgaven:doelen", expect(405), kwargs=opgave_slug("opgave"), method="post", label="openbaar"
    ),
]

for url_name, maker, data in PAGINAS:
    for fixture, label in LABELS.items():
        kwargs = opgave_slug(fixture) if maker is None else met(maker, fixture)
        CASES += [
            Case(url_name, BEWERKEN[fixture], kwargs=kwargs, label=label),
            Case(
                url_name,
                BEWERKEN_POST[fixture],
                kwargs=kwargs,
                method="post",
                data=data,
                label=label,
            ),
        ]
    CASES.append(
        Case(
            url_name,
            expect(405),
            kwargs=opgave_slug("opgave") if maker is None else met(maker, "opgave"),
            method="put",
            label="openbaar",
        )
    )

# A finished opgave is read-only, for its regisseur too.
CASES += [
    Case(
        "opgaven:doel_nieuw",
        expect(403, anoniem=LOGIN),
        kwargs=opgave_slug("afgeronde_opgave"),
        label="afgerond",
    ),
    Case(
        "opgaven:doel_nieuw",
        expect(403, anoniem=LOGIN),
        kwargs=opgave_slug("afgeronde_opgave"),
        method="post",
        data=doel_data,
        label="afgerond",
    ),
]
