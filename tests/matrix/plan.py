"""Permission matrix rows for the opgave section "plan": the plan van aanpak.

Everyone who sees the workspace reads the plan and its versions (officials,
role holders, partners of an involved organisation). Writing the plan is for
role holders of an opgave that is not finished: the regisseur. Two partner
rights (issue 4 point 11): the contact person of an organisation asked for
consent answers for it, and every member of an action's trekker updates the
action's status. Who sees the workspace but may not do it gets 403; who does
not see an internal opgave gets 404. A POST really runs: its data is valid, so
an allowed POST ends in a redirect to the plan tab.

The helpers below build the objects a URL needs in the opgave of the row; the
plan tests use them too.
"""

from __future__ import annotations

from typing import Any

from opgaven.models import Actie, Betrokkenheid, Instemming, Opgave, PlanVanAanpak
from opgaven.services.plan import actie_toevoegen, plan_aanmaken, plan_ter_instemming_voorleggen
from partners.models import Organisatie
from partners.services import organisatie_create
from tests.permission_matrix import AMBTENAREN, LOGIN, Case, Redirect, each, expect, opgave_slug

TAB = Redirect("opgaven:plan")
LABELS = {"opgave": "openbaar", "interne_opgave": "intern"}

# Reading: everyone who sees the workspace.
LEZEN = {
    "opgave": expect(403, anoniem=LOGIN, partner_lid=200, **each(AMBTENAREN, 200)),
    "interne_opgave": expect(404, anoniem=LOGIN, partner_lid=200, **each(AMBTENAREN, 200)),
}
# Writing the plan: only the regisseur; who sees the workspace gets 403.
BEWERKEN = {
    "opgave": expect(403, anoniem=LOGIN, regisseur=200),
    "interne_opgave": expect(
        404, anoniem=LOGIN, partner_lid=403, **{**each(AMBTENAREN, 403), "regisseur": 200}
    ),
}


def na_post(rij: dict[str, Any]) -> dict[str, Any]:
    """The same row for a POST: an allowed request ends on the plan tab."""
    return {persona: TAB if value == 200 else value for persona, value in rij.items()}


# --- Builders (shared with tests/opgaven/test_plan_*.py) -------------------------------


def zorggroep(opgave: Opgave) -> Organisatie:
    """A second organisation involved in ``opgave``, without members among the personas."""
    organisatie = Organisatie.objects.filter(naam="Zorggroep Demodam").first()
    if organisatie is None:
        organisatie = organisatie_create(
            naam="Zorggroep Demodam", soort=Organisatie.Soort.ZORG_EN_WELZIJN
        )
    Betrokkenheid.objects.get_or_create(
        opgave=opgave, organisatie=organisatie, defaults={"aard": Betrokkenheid.Aard.VOERT_UIT}
    )
    return organisatie


def concept_plan(opgave: Opgave) -> PlanVanAanpak:
    """The opgave's newest plan, started as version 1 when it has none."""
    return PlanVanAanpak.objects.filter(opgave=opgave).order_by("-versie").first() or (
        plan_aanmaken(opgave=opgave, samenvatting="Samen de wijk van het gas af.")
    )


def actie_in(opgave: Opgave, *, trekker: Organisatie, titel: str = "Warmtescan") -> Actie:
    """An action led by ``trekker`` in the opgave's plan (a draft until it is submitted)."""
    plan = concept_plan(opgave)
    bestaand = Actie.objects.filter(plan=plan, titel=titel).first()
    return bestaand or actie_toevoegen(plan=plan, titel=titel, trekker=trekker)


def voorgelegd_plan(opgave: Opgave, door) -> PlanVanAanpak:
    """The opgave's plan, submitted for consent to every involved organisation."""
    plan = concept_plan(opgave)
    if plan.status == PlanVanAanpak.Status.CONCEPT:
        plan_ter_instemming_voorleggen(plan=plan, door=door)
        plan.refresh_from_db()
    return plan


def instemming_van(opgave: Opgave, organisatie: Organisatie, door) -> Instemming:
    return Instemming.objects.get(plan=voorgelegd_plan(opgave, door), organisatie=organisatie)


# --- kwargs and data per row -------------------------------------------------------------


def versie_1(fixture: str):
    return lambda f: {
        "slug": getattr(f, fixture).slug,
        "versie": concept_plan(getattr(f, fixture)).versie,
    }


def voorgelegde_versie(fixture: str):
    def kwargs(f: Any) -> dict[str, Any]:
        opgave = getattr(f, fixture)
        return {"slug": opgave.slug, "versie": voorgelegd_plan(opgave, f.regisseur).versie}

    return kwargs


def actie_van(fixture: str, trekker: str = "organisatie"):
    """An action led by ``organisatie`` (partner_lid's), or by another involved one."""

    def kwargs(f: Any) -> dict[str, Any]:
        opgave = getattr(f, fixture)
        organisatie = f.organisatie if trekker == "organisatie" else zorggroep(opgave)
        return {"slug": opgave.slug, "pk": actie_in(opgave, trekker=organisatie).pk}

    return kwargs


def actie_in_voorgelegd_plan(fixture: str, trekker: str = "organisatie"):
    """An action of a plan awaiting consent: no longer editable, but its status is."""

    def kwargs(f: Any) -> dict[str, Any]:
        opgave = getattr(f, fixture)
        organisatie = f.organisatie if trekker == "organisatie" else zorggroep(opgave)
        actie = actie_in(opgave, trekker=organisatie)
        voorgelegd_plan(opgave, f.regisseur)
        return {"slug": opgave.slug, "pk": actie.pk}

    return kwargs


def instemming_van_organisatie(fixture: str):
    def kwargs(f: Any) -> dict[str, Any]:
        opgave = getattr(f, fixture)
        return {"slug": opgave.slug, "pk": instemming_van(opgave, f.organisatie, f.regisseur).pk}

    return kwargs


def actie_data(f: Any) -> dict[str, Any]:
    return {
        "titel": "Buurtbijeenkomst warmtenet",
        "omschrijving": "Bewoners horen wat een warmtenet voor hen betekent.",
        "trekker": f.organisatie.pk,
        "start": "2026-03-01",
        "eind": "2026-06-30",
        "status": Actie.Status.GEPLAND,
    }


def samenvatting_data(f: Any) -> dict[str, Any]:
    return {"samenvatting": "Eerst de warmtescan, dan het warmtenet."}


def status_data(f: Any) -> dict[str, Any]:
    return {"status": Actie.Status.BEZIG}


def instemmen_data(f: Any) -> dict[str, Any]:
    return {"besluit": Instemming.Besluit.INGESTEMD, "reden": ""}


def geen_data(f: Any) -> dict[str, Any]:
    return {}


# --- Rows ---------------------------------------------------------------------------------

CASES: list[Case] = []

for fixture, label in LABELS.items():
    CASES += [
        Case("opgaven:plan", LEZEN[fixture], kwargs=opgave_slug(fixture), label=label),
        Case("opgaven:plan_versie", LEZEN[fixture], kwargs=versie_1(fixture), label=label),
        # Role holders: start, edit, submit, new version, actions.
        Case(
            "opgaven:plan_aanmaken",
            na_post(BEWERKEN[fixture]),
            kwargs=opgave_slug(fixture),
            method="post",
            data=geen_data,
            label=label,
        ),
        Case("opgaven:plan_bewerken", BEWERKEN[fixture], kwargs=versie_1(fixture), label=label),
        Case(
            "opgaven:plan_bewerken",
            na_post(BEWERKEN[fixture]),
            kwargs=versie_1(fixture),
            method="post",
            data=samenvatting_data,
            label=label,
        ),
        Case(
            "opgaven:plan_voorleggen",
            na_post(BEWERKEN[fixture]),
            kwargs=versie_1(fixture),
            method="post",
            data=geen_data,
            label=label,
        ),
        Case(
            "opgaven:plan_nieuwe_versie",
            na_post(BEWERKEN[fixture]),
            kwargs=voorgelegde_versie(fixture),
            method="post",
            data=geen_data,
            label=label,
        ),
        Case("opgaven:actie_nieuw", BEWERKEN[fixture], kwargs=versie_1(fixture), label=label),
        Case(
            "opgaven:actie_nieuw",
            na_post(BEWERKEN[fixture]),
            kwargs=versie_1(fixture),
            method="post",
            data=actie_data,
            label=label,
        ),
        Case("opgaven:actie_bewerken", BEWERKEN[fixture], kwargs=actie_van(fixture), label=label),
        Case(
            "opgaven:actie_bewerken",
            na_post(BEWERKEN[fixture]),
            kwargs=actie_van(fixture),
            method="post",
            data=actie_data,
            label=label,
        ),
        Case(
            "opgaven:actie_verwijderen",
            na_post(BEWERKEN[fixture]),
            kwargs=actie_van(fixture),
            method="post",
            data=geen_data,
            label=label,
        ),
        # Status of an action: role holders and the members of its trekker (partner_lid's
        # organisation here); on an action another organisation leads, partner_lid gets 403.
        Case(
            "opgaven:actie_status",
            {**na_post(BEWERKEN[fixture]), "partner_lid": TAB},
            kwargs=actie_in_voorgelegd_plan(fixture),
            method="post",
            data=status_data,
            label=f"{label}-eigen-trekker",
        ),
        Case(
            "opgaven:actie_status",
            na_post(BEWERKEN[fixture]),
            kwargs=actie_in_voorgelegd_plan(fixture, trekker="zorggroep"),
            method="post",
            data=status_data,
            label=f"{label}-andere-trekker",
        ),
        # Consent: only the contact person of the organisation asked; the role holders
        # see it but answer for nobody (403).
        Case(
            "opgaven:instemming",
            {**na_post(BEWERKEN[fixture]), "regisseur": 403, "partner_lid": TAB},
            kwargs=instemming_van_organisatie(fixture),
            method="post",
            data=instemmen_data,
            label=label,
        ),
    ]

CASES += [
    # A version the opgave does not have.
    Case(
        "opgaven:plan_versie",
        {**LEZEN["opgave"], **each(AMBTENAREN, 404), "partner_lid": 404},
        kwargs=lambda f: {"slug": f.opgave.slug, "versie": 7},
        label="onbekend",
    ),
    # Wrong methods: POST on the pages that only show, GET on the POST-only buttons.
    Case(
        "opgaven:plan", expect(405), kwargs=opgave_slug("opgave"), method="post", label="openbaar"
    ),
    Case(
        "opgaven:plan_versie",
        expect(405),
        kwargs=versie_1("opgave"),
        method="post",
        label="openbaar",
    ),
    Case("opgaven:plan_aanmaken", expect(405), kwargs=opgave_slug("opgave"), label="openbaar"),
    Case("opgaven:plan_voorleggen", expect(405), kwargs=versie_1("opgave"), label="openbaar"),
    Case("opgaven:plan_nieuwe_versie", expect(405), kwargs=versie_1("opgave"), label="openbaar"),
    Case("opgaven:actie_verwijderen", expect(405), kwargs=actie_van("opgave"), label="openbaar"),
    Case("opgaven:actie_status", expect(405), kwargs=actie_van("opgave"), label="openbaar"),
    Case(
        "opgaven:instemming",
        expect(405),
        kwargs=instemming_van_organisatie("opgave"),
        label="openbaar",
    ),
    Case(
        "opgaven:actie_bewerken",
        expect(405),
        kwargs=actie_van("opgave"),
        method="delete",
        label="openbaar",
    ),
]
