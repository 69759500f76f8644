"""Permission matrix rows for the opgave section "besluiten": the decision log.

Everyone who sees the workspace reads it (officials, role holders, partners of
an involved organisation); only role holders of an opgave that is not finished
record and correct decisions: the regisseur. A POST really runs, with valid
data, so the regisseur's POST ends on the decision log.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from opgaven.models import Besluit, Opgave
from opgaven.services.besluiten import besluit_vastleggen
from tests.permission_matrix import AMBTENAREN, LOGIN, Case, Redirect, each, expect, opgave_slug

LOG = Redirect("opgaven:besluiten")
LABELS = {"opgave": "openbaar", "interne_opgave": "intern"}

LEZEN = {
    "opgave": expect(403, anoniem=LOGIN, partner_lid=200, **each(AMBTENAREN, 200)),
    "interne_opgave": expect(404, anoniem=LOGIN, partner_lid=200, **each(AMBTENAREN, 200)),
}
BEWERKEN = {
    "opgave": expect(403, anoniem=LOGIN, regisseur=200),
    "interne_opgave": expect(
        404, anoniem=LOGIN, partner_lid=403, **{**each(AMBTENAREN, 403), "regisseur": 200}
    ),
}


def na_post(rij: dict[str, Any]) -> dict[str, Any]:
    return {persona: LOG if value == 200 else value for persona, value in rij.items()}


def besluit_in(opgave: Opgave, door=None) -> Besluit:
    """A decision in ``opgave`` (the same one when asked twice)."""
    return Besluit.objects.filter(opgave=opgave).first() or besluit_vastleggen(
        opgave=opgave,
        door=door,
        datum=date(2026, 2, 12),
        orgaan=Besluit.Orgaan.STUURGROEP,
        titel="Warmtenet eerst in Demodam-Noord",
        motivering="De wijk heeft de meeste huizen die geschikt zijn.",
    )


def met_besluit(fixture: str):
    return lambda f: {"slug": getattr(f, fixture).slug, "pk": besluit_in(getattr(f, fixture)).pk}


def besluit_data(f: Any) -> dict[str, Any]:
    return {
        "datum": "2026-03-05",
        "orgaan": Besluit.Orgaan.COLLEGE,
        "titel": "Subsidie voor de warmtescan",
        "motivering": "Zonder scan weten bewoners niet wat hun huis nodig heeft.",
    }


CASES: list[Case] = []
for fixture, label in LABELS.items():
    CASES += [
        Case("opgaven:besluiten", LEZEN[fixture], kwargs=opgave_slug(fixture), label=label),
        Case("opgaven:besluit_nieuw", BEWERKEN[fixture], kwargs=opgave_slug(fixture), label=label),
        Case(
            "opgaven:besluit_nieuw",
            na_post(BEWERKEN[fixture]),
            kwargs=opgave_slug(fixture),
            method="post",
            data=besluit_data,
            label=label,
        ),
        Case(
            "opgaven:besluit_bewerken", BEWERKEN[fixture], kwargs=met_besluit(fixture), label=label
        ),
        Case(
            "opgaven:besluit_bewerken",
            na_post(BEWERKEN[fixture]),
            kwargs=met_besluit(fixture),
            method="post",
            data=besluit_data,
            label=label,
        ),
    ]

CASES += [
    Case(
        "opgaven:besluiten",
        expect(405),
        kwargs=opgave_slug("opgave"),
        method="post",
        label="openbaar",
    ),
    Case(
        "opgaven:besluit_nieuw",
        expect(405),
        kwargs=opgave_slug("opgave"),
        method="delete",
        label="openbaar",
    ),
    Case(
        "opgaven:besluit_bewerken",
        expect(405),
        kwargs=met_besluit("opgave"),
        method="delete",
        label="openbaar",
    ),
]
