"""Permission matrix rows for the register of organisations, their members and the
partner portal "Mijn organisatie" (issue 5 points 1-3).

* The register (list, detail) needs ``partners.view_organisatie``: officials,
  partners, advisers and administrators; residents get 403.
* Adding and editing need ``partners.add_organisatie`` / ``change_organisatie``
  (officials, administrators). A contact person (``partner_lid`` of
  ``organisatie``) edits their own organisation's website and description.
* The members page: the organisation's own members and the officials who keep
  the register. Inviting and ending: the organisation's contact persons only.
  A membership of another organisation asked through ``organisatie``'s URL is
  not found (404).
* The portal: everyone logged in (who works for no organisation is told so).

POST rows really run with valid data.
"""

from __future__ import annotations

from typing import Any

from partners.models import Lidmaatschap, Organisatie
from partners.services import lidmaatschap_toevoegen
from tests.factories import UserFactory
from tests.permission_matrix import AMBTENAREN, LOGIN, Case, Redirect, each, expect

DETAIL = Redirect("partners:detail")
LEDEN = Redirect("partners:leden")

# Who keeps the register (partners.add_organisatie, partners.change_organisatie).
BEHEREN = (*AMBTENAREN, "beheerder")
REGISTER = expect(200, anoniem=LOGIN, inwoner=403)


def organisatie(f: Any) -> dict[str, Any]:
    return {"slug": f.organisatie.slug}


def met_lid(fixture: str):
    """The URL of a fresh member of ``fixture``, asked through ``organisatie``'s slug."""

    def kwargs(f: Any) -> dict[str, Any]:
        eigen = getattr(f, fixture)
        lid = lidmaatschap_toevoegen(
            organisatie=eigen, user=UserFactory(weergavenaam="Lotte Lid"), rol="lid"
        )
        return {"slug": f.organisatie.slug, "pk": lid.pk}

    return kwargs


def organisatie_data(f: Any) -> dict[str, Any]:
    return {
        "naam": "Buurtteam Demodam-Noord",
        "soort": Organisatie.Soort.ZORG_EN_WELZIJN,
        "kvk_nummer": "12345678",
        "website": "https://buurtteam.example.nl",
        "beschrijving": "Hulp bij zorg en welzijn in de wijk.",
    }


def uitnodiging_data(f: Any) -> dict[str, Any]:
    return {
        "email": "nieuw.lid@example.nl",
        "weergavenaam": "Nina Nieuw",
        "rol": Lidmaatschap.Rol.LID,
        "soort": Lidmaatschap.Soort.VRIJWILLIGER,
    }


LEDEN_ZIEN = expect(403, anoniem=LOGIN, partner_lid=200, **each(BEHEREN, 200))
CONTACTPERSOON = expect(403, anoniem=LOGIN, partner_lid=200)

CASES: list[Case] = [
    # The register
    Case("partners:list", REGISTER),
    Case("partners:list", expect(405), method="post"),
    Case("partners:add", expect(403, anoniem=LOGIN, **each(BEHEREN, 200))),
    Case(
        "partners:add",
        expect(403, anoniem=LOGIN, **each(BEHEREN, DETAIL)),
        method="post",
        data=organisatie_data,
    ),
    Case("partners:add", expect(405), method="delete"),
    Case("partners:detail", REGISTER, kwargs=organisatie),
    Case(
        "partners:detail",
        expect(404, anoniem=LOGIN, inwoner=403),
        kwargs=lambda f: {"slug": "bestaat-niet"},
        label="onbekend",
    ),
    Case("partners:detail", expect(405), kwargs=organisatie, method="post"),
    Case(
        "partners:edit",
        expect(403, anoniem=LOGIN, partner_lid=200, **each(BEHEREN, 200)),
        kwargs=organisatie,
    ),
    Case(
        "partners:edit",
        expect(403, anoniem=LOGIN, partner_lid=DETAIL, **each(BEHEREN, DETAIL)),
        kwargs=organisatie,
        method="post",
        data=organisatie_data,
    ),
    Case("partners:edit", expect(405), kwargs=organisatie, method="delete"),
    # Members
    Case("partners:leden", LEDEN_ZIEN, kwargs=organisatie),
    Case("partners:leden", expect(405), kwargs=organisatie, method="post"),
    Case("partners:lid_uitnodigen", CONTACTPERSOON, kwargs=organisatie),
    Case(
        "partners:lid_uitnodigen",
        expect(403, anoniem=LOGIN, partner_lid=LEDEN),
        kwargs=organisatie,
        method="post",
        data=uitnodiging_data,
    ),
    Case("partners:lid_uitnodigen", expect(405), kwargs=organisatie, method="delete"),
    Case("partners:lid_beeindigen", CONTACTPERSOON, kwargs=met_lid("organisatie")),
    Case(
        "partners:lid_beeindigen",
        expect(403, anoniem=LOGIN, partner_lid=LEDEN),
        kwargs=met_lid("organisatie"),
        method="post",
    ),
    # IDOR: a member of andere_organisatie through organisatie's URL is not found.
    Case(
        "partners:lid_beeindigen",
        expect(403, anoniem=LOGIN, partner_lid=404),
        kwargs=met_lid("andere_organisatie"),
        method="post",
        label="andere organisatie",
    ),
    Case("partners:lid_beeindigen", expect(405), kwargs=met_lid("organisatie"), method="delete"),
    # The partner portal
    Case("mijn_organisatie", expect(200, anoniem=LOGIN)),
    Case("mijn_organisatie", expect(405), method="post"),
]
