"""Permission matrix rows for the budget tab of an opgave (issue 5).

The pot belongs to the workspace: officials, the opgave's role holders and the
members of involved organisations read it; a partner of an organisation that
neither funds nor is involved gets 403 on a public opgave and 404 on an
internal one.

Opening and configuring the pot is for the role holders who may change the
opgave (the regisseur). Contributions are recorded by the kassier's contact
persons (the regisseur is the contact person of the gemeente, the kassier of
``budgetpot``) and by a funder's contact person for their own organisation
(``partner_lid`` for Woonstichting); only the kassier marks one as received.
POST rows really run, with valid data, and end on the budget page.
"""

from __future__ import annotations

from typing import Any

from tests.permission_matrix import (
    AMBTENAREN,
    LOGIN,
    Case,
    Redirect,
    each,
    expect,
    opgave_slug,
)

POT = Redirect("budget:pot")

LEZEN = {
    "opgave": expect(403, anoniem=LOGIN, partner_lid=200, **each(AMBTENAREN, 200)),
    "interne_opgave": expect(404, anoniem=LOGIN, partner_lid=200, **each(AMBTENAREN, 200)),
}
# Open or configure the pot: who may change the opgave.
BEHEREN = {
    "opgave": expect(403, anoniem=LOGIN, regisseur=200),
    "interne_opgave": expect(
        404, anoniem=LOGIN, partner_lid=403, **{**each(AMBTENAREN, 403), "regisseur": 200}
    ),
}
# Record or withdraw the Woonstichting's contribution: the kassier and its contact person.
BIJDRAGEN = expect(403, anoniem=LOGIN, partner_lid=200, regisseur=200)


def na_post(rij: dict[str, Any]) -> dict[str, Any]:
    return {persona: POT if value == 200 else value for persona, value in rij.items()}


def met_pot(fixture: str):
    def kwargs(f):
        f.budgetpot  # noqa: B018 (the pot of ``opgave`` exists for every row)
        return {"slug": getattr(f, fixture).slug}

    return kwargs


def toegezegde_bijdrage(f: Any) -> dict[str, Any]:
    """The € 30.000 the Woonstichting pledged to ``budgetpot``."""
    bijdrage = f.budgetpot.bijdragen.get(organisatie=f.organisatie)
    return {"slug": f.opgave.slug, "pk": bijdrage.pk}


def pot_data(f: Any) -> dict[str, Any]:
    return {
        "naam": "Samen van het gas af",
        "kassier": f.organisatie.pk,
        "begin": "2026-01-01",
        "eind": "2027-12-31",
        "regel": "unaniem",
    }


def bijdrage_data(f: Any) -> dict[str, Any]:
    return {"organisatie": f.organisatie.pk, "soort": "geld", "waarde": "1000,00"}


CASES: list[Case] = [
    # The page
    Case("budget:pot", LEZEN["opgave"], kwargs=met_pot("opgave"), label="met pot"),
    Case(
        "budget:pot",
        LEZEN["interne_opgave"],
        kwargs=opgave_slug("interne_opgave"),
        label="zonder pot",
    ),
    Case("budget:pot", expect(405), kwargs=opgave_slug("opgave"), method="post", label="openbaar"),
    # Opening the pot
    Case("budget:pot_nieuw", BEHEREN["opgave"], kwargs=opgave_slug("opgave"), label="openbaar"),
    Case(
        "budget:pot_nieuw",
        na_post(BEHEREN["opgave"]),
        kwargs=opgave_slug("opgave"),
        method="post",
        data=pot_data,
        label="openbaar",
    ),
    Case(
        "budget:pot_nieuw",
        BEHEREN["interne_opgave"],
        kwargs=opgave_slug("interne_opgave"),
        label="intern",
    ),
    Case(
        "budget:pot_nieuw",
        na_post(BEHEREN["interne_opgave"]),
        kwargs=opgave_slug("interne_opgave"),
        method="post",
        data=pot_data,
        label="intern",
    ),
    # A second pot is not opened: the regisseur is sent to the one there is.
    Case(
        "budget:pot_nieuw",
        na_post(BEHEREN["opgave"]),
        kwargs=met_pot("opgave"),
        label="met pot",
    ),
    Case(
        "budget:pot_nieuw",
        expect(405),
        kwargs=opgave_slug("opgave"),
        method="delete",
        label="openbaar",
    ),
    # Configuring the pot
    Case("budget:pot_bewerken", BEHEREN["opgave"], kwargs=met_pot("opgave"), label="met pot"),
    Case(
        "budget:pot_bewerken",
        na_post(BEHEREN["opgave"]),
        kwargs=met_pot("opgave"),
        method="post",
        data=pot_data,
        label="met pot",
    ),
    Case(
        "budget:pot_bewerken",
        {**BEHEREN["interne_opgave"], "regisseur": 404},
        kwargs=opgave_slug("interne_opgave"),
        label="zonder pot",
    ),
    Case(
        "budget:pot_bewerken",
        expect(405),
        kwargs=met_pot("opgave"),
        method="delete",
        label="met pot",
    ),
    # Recording a contribution
    Case("budget:bijdrage_nieuw", BIJDRAGEN, kwargs=met_pot("opgave"), label="met pot"),
    Case(
        "budget:bijdrage_nieuw",
        na_post(BIJDRAGEN),
        kwargs=met_pot("opgave"),
        method="post",
        data=bijdrage_data,
        label="met pot",
    ),
    Case(
        "budget:bijdrage_nieuw",
        expect(404, anoniem=LOGIN),
        kwargs=opgave_slug("interne_opgave"),
        label="zonder pot",
    ),
    Case(
        "budget:bijdrage_nieuw",
        expect(405),
        kwargs=met_pot("opgave"),
        method="delete",
        label="met pot",
    ),
    # Marking a pledge as received: POST only, the kassier only.
    Case("budget:bijdrage_ontvangen", expect(405), kwargs=toegezegde_bijdrage),
    Case(
        "budget:bijdrage_ontvangen",
        expect(403, anoniem=LOGIN, regisseur=POT),
        kwargs=toegezegde_bijdrage,
        method="post",
    ),
    # Withdrawing: a confirmation page, then the POST.
    Case("budget:bijdrage_intrekken", BIJDRAGEN, kwargs=toegezegde_bijdrage),
    Case(
        "budget:bijdrage_intrekken",
        na_post(BIJDRAGEN),
        kwargs=toegezegde_bijdrage,
        method="post",
        data=lambda f: {"reden": "De begroting is niet rond."},
    ),
    Case(
        "budget:bijdrage_intrekken",
        expect(405),
        kwargs=toegezegde_bijdrage,
        method="delete",
    ),
]
