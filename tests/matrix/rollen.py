"""Permission matrix rows for the roles of an opgave (under the Overview tab).

Everyone with the workspace reads the roles: officials, role holders and the
members of involved organisations (``partner_lid``). Only role holders of an
opgave that is not finished (``regisseur``) assign and end them; others who see
the workspace get 403, who does not see the opgave 404. The roles that POST
rows end are made in their ``kwargs``, so each persona's request finds one.
"""

from typing import Any

from django.utils import timezone

from accounts.roles import Rol
from opgaven.models import Opgaverol
from opgaven.services import opgaverol_toekennen
from tests.factories import UserFactory
from tests.permission_matrix import (
    AMBTENAREN,
    LOGIN,
    Case,
    Redirect,
    each,
    expect,
    opgave_slug,
)

ROLLEN = Redirect("opgaven:rollen")


def toekennen_data(f: Any) -> dict[str, Any]:
    """Make ``coachee`` a core team member from today."""
    return {
        "user": f.coachee.pk,
        "rol": Opgaverol.Rol.KERNTEAMLID,
        "organisatie": "",
        "van": timezone.localdate().isoformat(),
    }


def beeindigen_data(f: Any) -> dict[str, Any]:
    return {"tot": timezone.localdate().isoformat()}


def kernteamrol(opgave: str):
    """The URL kwargs of a core team role of a new official (no persona) on ``opgave``."""

    def kwargs(f: Any) -> dict[str, Any]:
        opgave_ = getattr(f, opgave)
        lid = UserFactory(rollen=[Rol.AMBTENAAR], weergavenaam="Kim Kernteam")
        opgaverol = opgaverol_toekennen(opgave=opgave_, user=lid, rol=Opgaverol.Rol.KERNTEAMLID)
        return {"slug": opgave_.slug, "pk": opgaverol.pk}

    return kwargs


def rol_van_andere_opgave(f: Any) -> dict[str, Any]:
    """A role of ``andere_opgave`` asked for through the URL of ``opgave`` (IDOR)."""
    return {"slug": f.opgave.slug, "pk": f.andere_opgave.rollen.get().pk}


# Who sees the workspace of the public opgave; the rest of those logged in get 403.
WERKRUIMTE = {**each(AMBTENAREN, 200), "partner_lid": 200}
# Who sees the internal opgave but may not change it.
ZIEN_NIET_BEWERKEN = {**each(("ambtenaar", "coachee", "partner_lid"), 403)}

CASES = [
    # The list of roles.
    Case(
        "opgaven:rollen",
        expect(403, anoniem=LOGIN, **WERKRUIMTE),
        kwargs=opgave_slug("opgave"),
        label="openbaar",
    ),
    Case(
        "opgaven:rollen",
        expect(404, anoniem=LOGIN, **WERKRUIMTE),
        kwargs=opgave_slug("interne_opgave"),
        label="intern",
    ),
    Case("opgaven:rollen", expect(405), kwargs=opgave_slug("opgave"), method="post"),
    # Assigning a role.
    Case(
        "opgaven:rol_toekennen",
        expect(403, anoniem=LOGIN, regisseur=200),
        kwargs=opgave_slug("opgave"),
        label="openbaar",
    ),
    Case(
        "opgaven:rol_toekennen",
        expect(404, anoniem=LOGIN, regisseur=200, **ZIEN_NIET_BEWERKEN),
        kwargs=opgave_slug("interne_opgave"),
        label="intern",
    ),
    Case(
        "opgaven:rol_toekennen",
        expect(403, anoniem=LOGIN, regisseur=ROLLEN),
        kwargs=opgave_slug("opgave"),
        method="post",
        data=toekennen_data,
        label="openbaar",
    ),
    Case(
        "opgaven:rol_toekennen",
        expect(404, anoniem=LOGIN, regisseur=ROLLEN, **ZIEN_NIET_BEWERKEN),
        kwargs=opgave_slug("interne_opgave"),
        method="post",
        data=toekennen_data,
        label="intern",
    ),
    # A finished opgave: its regisseur keeps the role, but no one changes the roles.
    Case(
        "opgaven:rol_toekennen",
        expect(403, anoniem=LOGIN),
        kwargs=opgave_slug("afgeronde_opgave"),
        method="post",
        data=toekennen_data,
        label="afgerond",
    ),
    Case(
        "opgaven:rol_toekennen",
        expect(405),
        kwargs=opgave_slug("opgave"),
        method="put",
        label="openbaar",
    ),
    # Ending a role: a confirmation page (GET), then the POST.
    Case(
        "opgaven:rol_beeindigen",
        expect(403, anoniem=LOGIN, regisseur=200),
        kwargs=kernteamrol("opgave"),
        label="openbaar",
    ),
    Case(
        "opgaven:rol_beeindigen",
        expect(403, anoniem=LOGIN, regisseur=ROLLEN),
        kwargs=kernteamrol("opgave"),
        method="post",
        data=beeindigen_data,
        label="openbaar",
    ),
    Case(
        "opgaven:rol_beeindigen",
        expect(404, anoniem=LOGIN, regisseur=ROLLEN, **ZIEN_NIET_BEWERKEN),
        kwargs=kernteamrol("interne_opgave"),
        method="post",
        data=beeindigen_data,
        label="intern",
    ),
    # IDOR: a role of another opgave through this opgave's URL is not found.
    Case(
        "opgaven:rol_beeindigen",
        expect(403, anoniem=LOGIN, regisseur=404),
        kwargs=rol_van_andere_opgave,
        label="andere opgave",
    ),
    Case(
        "opgaven:rol_beeindigen",
        expect(403, anoniem=LOGIN, regisseur=404),
        kwargs=rol_van_andere_opgave,
        method="post",
        data=beeindigen_data,
        label="andere opgave",
    ),
    Case(
        "opgaven:rol_beeindigen",
        expect(405),
        kwargs=kernteamrol("opgave"),
        method="put",
        label="openbaar",
    ),
]
