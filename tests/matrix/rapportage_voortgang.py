"""Permission matrix rows for the status per goal (issue 9 point 2). (Helper "voortgang".)

- ``rapportage:doelstatus`` (the list): officials and the opgave's role holders
  (``can_view_krachtenveld``: ``ambtenaar``, ``regisseur``, ``coachee`` have the
  official role). Who sees the workspace or the public opgave but not the internal
  view gets 403 (a partner, a resident on a public opgave); who does not see an
  internal opgave at all gets 404.
- ``rapportage:doelstatus_zetten`` (the form): only who may change the opgave
  (``can_change_opgave``: its ``regisseur``, and not once the opgave is finished);
  other readers get 403. A goal of another opgave in the URL is a 404 for the
  regisseur (IDOR); for the others the page is a 403 before the goal is looked up.

Goals are made fresh per request in the opgave of the row. A POST really runs, with
valid data, and the regisseur's ends in a redirect to the list.
"""

from __future__ import annotations

from typing import Any

from opgaven.models import Doel
from opgaven.services.doelen import doel_create
from tests.permission_matrix import AMBTENAREN, LOGIN, Case, Redirect, each, expect, opgave_slug

LIJST = Redirect("rapportage:doelstatus")
LEZEN = {
    "opgave": expect(403, anoniem=LOGIN, **each(AMBTENAREN, 200)),
    "interne_opgave": expect(404, anoniem=LOGIN, partner_lid=403, **each(AMBTENAREN, 200)),
    "afgeronde_opgave": expect(403, anoniem=LOGIN, **each(AMBTENAREN, 200)),
}
ZETTEN = {
    "opgave": expect(403, anoniem=LOGIN, regisseur=200),
    "interne_opgave": expect(
        404, anoniem=LOGIN, partner_lid=403, **{**each(AMBTENAREN, 403), "regisseur": 200}
    ),
}
ZETTEN_POST = {
    naam: {persona: LIJST if waarde == 200 else waarde for persona, waarde in rij.items()}
    for naam, rij in ZETTEN.items()
}
LABELS = {"opgave": "openbaar", "interne_opgave": "intern"}


def _doel(opgave) -> Doel:
    return doel_create(opgave=opgave, titel="Woningen geïsoleerd", soort=Doel.Soort.DOEL)


def doel_van(fixture: str):
    return lambda f: {"slug": getattr(f, fixture).slug, "pk": _doel(getattr(f, fixture)).pk}


def doel_van_andere_opgave(f: Any) -> dict[str, Any]:
    """A goal of ``andere_opgave``, asked for through the URL of ``opgave``."""
    return {"slug": f.opgave.slug, "pk": _doel(f.andere_opgave).pk}


def status_data(f: Any) -> dict[str, Any]:
    return {"kleur": "groen", "toelichting": "Loopt volgens plan."}


CASES: list[Case] = [
    Case(
        "rapportage:doelstatus",
        LEZEN[fixture],
        kwargs=opgave_slug(fixture),
        label=LABELS.get(fixture, "afgerond"),
    )
    for fixture in ("opgave", "interne_opgave", "afgeronde_opgave")
]
CASES.append(
    Case(
        "rapportage:doelstatus",
        expect(405),
        kwargs=opgave_slug("opgave"),
        method="post",
        label="openbaar",
    )
)
for fixture, label in LABELS.items():
    CASES += [
        Case(
            "rapportage:doelstatus_zetten", ZETTEN[fixture], kwargs=doel_van(fixture), label=label
        ),
        Case(
            "rapportage:doelstatus_zetten",
            ZETTEN_POST[fixture],
            kwargs=doel_van(fixture),
            method="post",
            data=status_data,
            label=label,
        ),
    ]
CASES += [
    Case(
        "rapportage:doelstatus_zetten",
        expect(405),
        kwargs=doel_van("opgave"),
        method="put",
        label="openbaar",
    ),
    # IDOR: another opgave's goal through this opgave's URL.
    Case(
        "rapportage:doelstatus_zetten",
        expect(403, anoniem=LOGIN, regisseur=404),
        kwargs=doel_van_andere_opgave,
        label="ander doel",
    ),
    Case(
        "rapportage:doelstatus_zetten",
        expect(403, anoniem=LOGIN, regisseur=404),
        kwargs=doel_van_andere_opgave,
        method="post",
        data=status_data,
        label="ander doel",
    ),
    # A finished opgave is read-only, for its regisseur too.
    Case(
        "rapportage:doelstatus_zetten",
        expect(403, anoniem=LOGIN),
        kwargs=doel_van("afgeronde_opgave"),
        label="afgerond",
    ),
    Case(
        "rapportage:doelstatus_zetten",
        expect(403, anoniem=LOGIN),
        kwargs=doel_van("afgeronde_opgave"),
        method="post",
        data=status_data,
        label="afgerond",
    ),
]
