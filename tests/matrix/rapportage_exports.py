"""Permission matrix rows for the exports (issue 9 point 7). (Helper "exports".)

- a round's input and participants: only the round's owners (officials with a role on
  its opgave: ``regisseur`` for ``ronde``, ``ambtenaar`` for ``andere_opgave``'s rounds);
  a round someone may not see (a draft of another opgave) is a 404, a public round
  they do not manage a 403;
- an opgave's actions: whoever sees its workspace (officials, role holders, members of
  involved organisations); a public opgave without the workspace is a 403, an internal
  opgave someone may not see a 404;
- an unknown format is a 404, any method but GET a 405, and a visitor is sent to log in.
"""

from __future__ import annotations

from typing import Any

from participatie.models import Ronde
from tests.permission_matrix import AMBTENAREN, LOGIN, Case, each, expect

RONDE_EIGENAAR = expect(403, anoniem=LOGIN, regisseur=200)
IDOR_CONCEPT = expect(404, anoniem=LOGIN, ambtenaar=200)
IDOR_OPENBAAR = expect(403, anoniem=LOGIN, ambtenaar=200)
WERKRUIMTE = expect(403, anoniem=LOGIN, partner_lid=200, **each(AMBTENAREN, 200))


def ronde(formaat: str):
    return lambda f: {"slug": f.ronde.slug, "formaat": formaat}


def concept_elders(f: Any) -> dict[str, Any]:
    """A draft round of ``andere_opgave`` (its regisseur is ``ambtenaar``)."""
    from tests.conftest import _ronde

    gevonden = Ronde.objects.filter(titel="Concept elders").first()
    if gevonden is None:
        gevonden = _ronde(f.andere_opgave, f.ambtenaar, titel="Concept elders")
    return {"slug": gevonden.slug, "formaat": "csv"}


def andere_ronde(f: Any) -> dict[str, Any]:
    return {"slug": f.andere_ronde.slug, "formaat": "csv"}


def opgave(fixture: str, formaat: str = "csv"):
    return lambda f: {"slug": getattr(f, fixture).slug, "formaat": formaat}


def _ronde_rijen(naam: str) -> list[Case]:
    url_name = f"rapportage:{naam}"
    return [
        Case(url_name, RONDE_EIGENAAR, kwargs=ronde("csv"), label="csv"),
        Case(url_name, RONDE_EIGENAAR, kwargs=ronde("xlsx"), label="xlsx"),
        Case(url_name, expect(404, anoniem=LOGIN), kwargs=ronde("pdf"), label="onbekend"),
        Case(url_name, IDOR_CONCEPT, kwargs=concept_elders, label="concept-elders"),
        Case(url_name, IDOR_OPENBAAR, kwargs=andere_ronde, label="andere-ronde"),
        Case(url_name, expect(405), kwargs=ronde("csv"), method="post", label="csv"),
    ]


CASES: list[Case] = [
    *_ronde_rijen("export_inbreng"),
    *_ronde_rijen("export_deelnemers"),
    Case("rapportage:export_acties", WERKRUIMTE, kwargs=opgave("opgave"), label="csv"),
    Case("rapportage:export_acties", WERKRUIMTE, kwargs=opgave("opgave", "xlsx"), label="xlsx"),
    Case(
        "rapportage:export_acties",
        expect(404, anoniem=LOGIN),
        kwargs=opgave("opgave", "docx"),
        label="onbekend",
    ),
    # The internal opgave: who may not see it gets 404 (partner_lid's organisation is in it).
    Case(
        "rapportage:export_acties",
        expect(404, anoniem=LOGIN, partner_lid=200, **each(AMBTENAREN, 200)),
        kwargs=opgave("interne_opgave"),
        label="intern",
    ),
    # Another public opgave, where partner_lid's organisation is not involved: 403.
    Case(
        "rapportage:export_acties",
        expect(403, anoniem=LOGIN, **each(AMBTENAREN, 200)),
        kwargs=opgave("andere_opgave"),
        label="andere-opgave",
    ),
    Case(
        "rapportage:export_acties",
        expect(405),
        kwargs=opgave("opgave"),
        method="post",
        label="csv",
    ),
]
