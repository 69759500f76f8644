"""Permission matrix rows for managing participation rounds (issue 6 points 1, 5, 6).

The participation tab belongs to the opgave's workspace: whoever opens the
workspace reads it (officials, role holders, partners of an involved
organisation). Managing a round (its settings, status, feedback and moderation)
is for officials with a role on the opgave: the regisseur of ``opgave``, and the
ambtenaar of ``andere_opgave``. A draft round is a 404 for everyone else; an
open round is public, so others get 403. An input or flag of another round asked
through this round's URLs is a 404. POST rows really run, with valid data.
"""

from __future__ import annotations

from typing import Any

from participatie.models import Markering, Trede
from participatie.services import markeren
from tests.permission_matrix import AMBTENAREN, LOGIN, Case, Redirect, each, expect, opgave_slug

RONDE = Redirect("participatie:ronde")
TERUGKOPPELING = Redirect("participatie:terugkoppeling")
MODERATIE = Redirect("participatie:moderatie")

TAB = {
    "opgave": expect(403, anoniem=LOGIN, partner_lid=200, **each(AMBTENAREN, 200)),
    "interne_opgave": expect(404, anoniem=LOGIN, partner_lid=200, **each(AMBTENAREN, 200)),
}
TOEVOEGEN = {
    "opgave": expect(403, anoniem=LOGIN, regisseur=200),
    "interne_opgave": expect(
        404, anoniem=LOGIN, partner_lid=403, **{**each(AMBTENAREN, 403), "regisseur": 200}
    ),
}
# The pages of one round, per round fixture.
BEHEREN = {
    "ronde": expect(403, anoniem=LOGIN, regisseur=200),
    "concept_ronde": expect(404, anoniem=LOGIN, regisseur=200),
    "andere_ronde": expect(403, anoniem=LOGIN, ambtenaar=200),
}
# The input or flag of another round through the URL of ``ronde``: 404 for its manager.
IDOR = expect(403, anoniem=LOGIN, regisseur=404)


def na_post(rij: dict[str, Any], naar: Redirect) -> dict[str, Any]:
    return {persona: naar if value == 200 else value for persona, value in rij.items()}


def ronde_slug(fixture: str):
    return lambda f: {"slug": getattr(f, fixture).slug}


def met_inbreng(f: Any) -> dict[str, Any]:
    return {"slug": f.ronde.slug, "pk": f.inbreng.pk}


def met_andere_inbreng(f: Any) -> dict[str, Any]:
    return {"slug": f.ronde.slug, "pk": f.andere_ronde.inbreng.get().pk}


def markering_op(inbreng, melder) -> Markering:
    bestaand = Markering.objects.filter(inbreng=inbreng, melder=melder).first()
    return bestaand or markeren(melder=melder, reden="Dit is reclame.", inbreng=inbreng)


def met_markering(f: Any) -> dict[str, Any]:
    return {"slug": f.ronde.slug, "pk": markering_op(f.inbreng, f.partner_lid).pk}


def met_andere_markering(f: Any) -> dict[str, Any]:
    markering = markering_op(f.andere_ronde.inbreng.get(), f.partner_lid)
    return {"slug": f.ronde.slug, "pk": markering.pk}


def ronde_data(f: Any) -> dict[str, Any]:
    return {
        "titel": "Buurtkamers in Noorderpolder",
        "vraag": "Waar wil jij een buurtkamer?",
        "invloedsruimte": "Je kiest de plek. Het aantal buurtkamers ligt vast.",
        "trede": Trede.RAADPLEGEN,
        "start": "2026-11-01",
        "eind": "2027-01-31",
        "met_inbreng": "on",
    }


def status_data(naar: str):
    return lambda f: {"naar": naar}


def terugkoppeling_data(f: Any) -> dict[str, Any]:
    return {"status": "overgenomen", "motivering": "De bibliotheek doet mee vanaf maart."}


def verbergen_data(f: Any) -> dict[str, Any]:
    return {"besluit": "verbergen", "reden": "Reclame hoort hier niet."}


CASES: list[Case] = []

# The participation tab of an opgave, and a new round.
for fixture, label in (("opgave", "openbaar"), ("interne_opgave", "intern")):
    CASES += [
        Case("participatie:opgave_rondes", TAB[fixture], kwargs=opgave_slug(fixture), label=label),
        Case(
            "participatie:ronde_nieuw", TOEVOEGEN[fixture], kwargs=opgave_slug(fixture), label=label
        ),
        Case(
            "participatie:ronde_nieuw",
            na_post(TOEVOEGEN[fixture], RONDE),
            kwargs=opgave_slug(fixture),
            method="post",
            data=ronde_data,
            label=label,
        ),
    ]
CASES += [
    Case(
        "participatie:opgave_rondes",
        expect(405),
        kwargs=opgave_slug("opgave"),
        method="post",
        label="openbaar",
    ),
    Case(
        "participatie:ronde_nieuw",
        expect(405),
        kwargs=opgave_slug("opgave"),
        method="delete",
        label="openbaar",
    ),
]

# The pages of one round: settings, status, feedback overview, moderation queue.
for fixture, label in (("ronde", "open"), ("concept_ronde", "ontwerp"), ("andere_ronde", "ander")):
    CASES += [
        Case(
            "participatie:ronde_bewerken", BEHEREN[fixture], kwargs=ronde_slug(fixture), label=label
        ),
        Case(
            "participatie:ronde_bewerken",
            na_post(BEHEREN[fixture], RONDE),
            kwargs=ronde_slug(fixture),
            method="post",
            data=ronde_data,
            label=label,
        ),
        Case(
            "participatie:ronde_status", BEHEREN[fixture], kwargs=ronde_slug(fixture), label=label
        ),
        Case(
            "participatie:ronde_status",
            na_post(BEHEREN[fixture], RONDE),
            kwargs=ronde_slug(fixture),
            method="post",
            data=status_data("open" if fixture == "concept_ronde" else "gesloten"),
            label=label,
        ),
        Case(
            "participatie:terugkoppeling", BEHEREN[fixture], kwargs=ronde_slug(fixture), label=label
        ),
        Case("participatie:moderatie", BEHEREN[fixture], kwargs=ronde_slug(fixture), label=label),
    ]
CASES += [
    Case(
        "participatie:ronde_bewerken",
        expect(405),
        kwargs=ronde_slug("ronde"),
        method="delete",
        label="open",
    ),
    Case(
        "participatie:ronde_status",
        expect(405),
        kwargs=ronde_slug("ronde"),
        method="delete",
        label="open",
    ),
    Case(
        "participatie:terugkoppeling",
        expect(405),
        kwargs=ronde_slug("ronde"),
        method="post",
        label="open",
    ),
    Case(
        "participatie:moderatie",
        expect(405),
        kwargs=ronde_slug("ronde"),
        method="post",
        label="open",
    ),
    # Feedback on one input.
    Case("participatie:terugkoppelen", BEHEREN["ronde"], kwargs=met_inbreng, label="open"),
    Case(
        "participatie:terugkoppelen",
        na_post(BEHEREN["ronde"], TERUGKOPPELING),
        kwargs=met_inbreng,
        method="post",
        data=terugkoppeling_data,
        label="open",
    ),
    Case("participatie:terugkoppelen", IDOR, kwargs=met_andere_inbreng, label="andere ronde"),
    Case(
        "participatie:terugkoppelen",
        IDOR,
        kwargs=met_andere_inbreng,
        method="post",
        data=terugkoppeling_data,
        label="andere ronde",
    ),
    Case(
        "participatie:terugkoppelen",
        expect(405),
        kwargs=met_inbreng,
        method="delete",
        label="open",
    ),
    # Handling a flag.
    Case("participatie:markering_afhandelen", BEHEREN["ronde"], kwargs=met_markering, label="open"),
    Case(
        "participatie:markering_afhandelen",
        na_post(BEHEREN["ronde"], MODERATIE),
        kwargs=met_markering,
        method="post",
        data=verbergen_data,
        label="open",
    ),
    Case(
        "participatie:markering_afhandelen",
        IDOR,
        kwargs=met_andere_markering,
        label="andere ronde",
    ),
    Case(
        "participatie:markering_afhandelen",
        IDOR,
        kwargs=met_andere_markering,
        method="post",
        data=verbergen_data,
        label="andere ronde",
    ),
    Case(
        "participatie:markering_afhandelen",
        expect(405),
        kwargs=met_markering,
        method="delete",
        label="open",
    ),
]
