"""Permission matrix rows for the participatieverslag in the browser (issue 9 point 3).
(Helper "participatieverslag".)

The report holds the municipality's own account of a round, so it is read by those
who read the opgave's field of forces (``rapportage.permissions.can_view_about``):
officials (``AMBTENAREN``) and the opgave's role holders. Residents, partners, the
adviser without a role and the beheerder get 404, whatever the round or opgave; an
anonymous visitor is sent to log in.

IDOR: ``adviseur`` is made a core team member of ``opgave`` (``met_rol``): then they
read the reports of ``opgave`` and its round, and still get 404 for ``andere_opgave``
and its round. A draft round and an internal opgave are read by officials only.
Unknown slugs are 404 for everyone logged in. POST is 405: the page only reads.
"""

from __future__ import annotations

from typing import Any

from opgaven.models import Opgaverol
from opgaven.services import opgaverol_toekennen
from tests.permission_matrix import AMBTENAREN, LOGIN, Case, each, expect

LEZERS = expect(404, anoniem=LOGIN, **each(AMBTENAREN, 200))
MET_ROL = expect(404, anoniem=LOGIN, adviseur=200, **each(AMBTENAREN, 200))


def met_rol(fixture: str):
    """The slug of ``fixture``, after ``adviseur`` got a role on ``opgave``."""

    def kwargs(f: Any) -> dict[str, Any]:
        opgaverol_toekennen(opgave=f.opgave, user=f.adviseur, rol=Opgaverol.Rol.KERNTEAMLID)
        return {"slug": getattr(f, fixture).slug}

    return kwargs


def slug_van(fixture: str):
    return lambda f: {"slug": getattr(f, fixture).slug}


def onbekend(f: Any) -> dict[str, Any]:
    return {"slug": "bestaat-niet"}


RONDE = "rapportage:participatieverslag_ronde"
OPGAVE = "rapportage:participatieverslag_opgave"

CASES: list[Case] = [
    # A round: officials, and role holders of its opgave.
    Case(RONDE, LEZERS, kwargs=slug_van("ronde")),
    Case(RONDE, MET_ROL, kwargs=met_rol("ronde"), label="met rol"),
    Case(RONDE, LEZERS, kwargs=met_rol("andere_ronde"), label="idor"),
    Case(RONDE, LEZERS, kwargs=slug_van("concept_ronde"), label="concept"),
    Case(RONDE, expect(404, anoniem=LOGIN), kwargs=onbekend, label="onbekend"),
    Case(RONDE, expect(405), kwargs=slug_van("ronde"), method="post"),
    # An opgave: the same readers; an internal opgave too.
    Case(OPGAVE, LEZERS, kwargs=slug_van("opgave")),
    Case(OPGAVE, MET_ROL, kwargs=met_rol("opgave"), label="met rol"),
    Case(OPGAVE, LEZERS, kwargs=met_rol("andere_opgave"), label="idor"),
    Case(OPGAVE, LEZERS, kwargs=slug_van("interne_opgave"), label="intern"),
    Case(OPGAVE, expect(404, anoniem=LOGIN), kwargs=onbekend, label="onbekend"),
    Case(OPGAVE, expect(405), kwargs=slug_van("opgave"), method="post"),
]
