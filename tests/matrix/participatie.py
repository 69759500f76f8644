"""Permission matrix rows for the public and residents' pages of participation
(issue 6 points 2-6, 8).

A round that is no draft is public: anonymous visitors read it, its input and
comments. A draft is a 404 for everyone but the officials who manage it.
Taking part (join, input, support, comment, flag) needs a login and is open to
every logged-in person; ``inwoner`` has joined ``ronde`` and wrote ``inbreng``.
Only the author edits an input (others 403). An input or comment of
``andere_ronde`` asked through the URLs of ``ronde`` is a 404. POST rows really
run, with valid data.
"""

from __future__ import annotations

from typing import Any

from tests.permission_matrix import LOGIN, Case, Redirect, expect, no_kwargs

RONDE = Redirect("participatie:ronde")
INBRENG = Redirect("participatie:inbreng")
MEEDOEN = Redirect("participatie:meedoen")


def ronde_slug(fixture: str):
    return lambda f: {"slug": getattr(f, fixture).slug}


def met_inbreng(f: Any) -> dict[str, Any]:
    return {"slug": f.ronde.slug, "pk": f.inbreng.pk}


def met_andere_inbreng(f: Any) -> dict[str, Any]:
    """IDOR: the input of another round through this round's URL."""
    return {"slug": f.ronde.slug, "pk": f.andere_ronde.inbreng.get().pk}


def met_reactie(f: Any) -> dict[str, Any]:
    from participatie.services import reactie_plaatsen

    reactie = reactie_plaatsen(inbreng=f.inbreng, auteur=f.partner_lid, tekst="Goed idee!")
    return {"slug": f.ronde.slug, "pk": reactie.pk}


def met_andere_reactie(f: Any) -> dict[str, Any]:
    from participatie.services import reactie_plaatsen

    andere = f.andere_ronde.inbreng.get()
    reactie = reactie_plaatsen(inbreng=andere, auteur=f.ambtenaar, tekst="Ja, de GGD.")
    return {"slug": f.ronde.slug, "pk": reactie.pk}


def inbreng_data(f: Any) -> dict[str, Any]:
    return {
        "soort": "zorg",
        "titel": "Te weinig bankjes",
        "tekst": "Ouderen kunnen nergens even zitten.",
    }


LOGIN_NODIG = {"anoniem": LOGIN}

CASES: list[Case] = [
    # The list of rounds: public.
    Case("participatie:list", expect(200)),
    Case("participatie:list", expect(405), method="post"),
    # A round's page: public once it is no draft.
    Case("participatie:ronde", expect(200), kwargs=ronde_slug("ronde"), label="open"),
    Case(
        "participatie:ronde",
        expect(404, regisseur=200),
        kwargs=ronde_slug("concept_ronde"),
        label="ontwerp",
    ),
    Case(
        "participatie:ronde", expect(405), kwargs=ronde_slug("ronde"), method="post", label="open"
    ),
    # Joining: everyone logged in; afterwards to the input form.
    Case("participatie:meedoen", expect(200, **LOGIN_NODIG), kwargs=ronde_slug("ronde")),
    Case(
        "participatie:meedoen",
        expect(Redirect("participatie:inbreng_nieuw"), **LOGIN_NODIG),
        kwargs=ronde_slug("ronde"),
        method="post",
        data=lambda f: {"toestemming": "on", "leeftijdsgroep": "27-40"},
    ),
    # A draft cannot be joined: its manager is sent back to the round with a message.
    Case(
        "participatie:meedoen",
        expect(404, regisseur=RONDE, **LOGIN_NODIG),
        kwargs=ronde_slug("concept_ronde"),
        label="ontwerp",
    ),
    Case("participatie:meedoen", expect(405), kwargs=ronde_slug("ronde"), method="delete"),
    # Submitting input: who has not joined yet joins first.
    Case(
        "participatie:inbreng_nieuw",
        expect(MEEDOEN, inwoner=200, **LOGIN_NODIG),
        kwargs=ronde_slug("ronde"),
    ),
    Case(
        "participatie:inbreng_nieuw",
        expect(MEEDOEN, inwoner=INBRENG, **LOGIN_NODIG),
        kwargs=ronde_slug("ronde"),
        method="post",
        data=inbreng_data,
    ),
    Case("participatie:inbreng_nieuw", expect(405), kwargs=ronde_slug("ronde"), method="delete"),
    # An input: public.
    Case("participatie:inbreng", expect(200), kwargs=met_inbreng, label="open"),
    Case("participatie:inbreng", expect(404), kwargs=met_andere_inbreng, label="andere ronde"),
    Case("participatie:inbreng", expect(405), kwargs=met_inbreng, method="post", label="open"),
    # Editing: the author only.
    Case(
        "participatie:inbreng_bewerken",
        expect(403, inwoner=200, **LOGIN_NODIG),
        kwargs=met_inbreng,
    ),
    Case(
        "participatie:inbreng_bewerken",
        expect(403, inwoner=INBRENG, **LOGIN_NODIG),
        kwargs=met_inbreng,
        method="post",
        data=inbreng_data,
    ),
    Case(
        "participatie:inbreng_bewerken",
        expect(404, **LOGIN_NODIG),
        kwargs=met_andere_inbreng,
        label="andere ronde",
    ),
    Case("participatie:inbreng_bewerken", expect(405), kwargs=met_inbreng, method="delete"),
    # Support: POST only. The author cannot support their own input: a message, back.
    Case("participatie:steun", expect(405), kwargs=met_inbreng),
    Case(
        "participatie:steun",
        expect(INBRENG, **LOGIN_NODIG),
        kwargs=met_inbreng,
        method="post",
    ),
    Case(
        "participatie:steun",
        expect(404, **LOGIN_NODIG),
        kwargs=met_andere_inbreng,
        method="post",
        label="andere ronde",
    ),
    # Comments: POST only.
    Case("participatie:reageren", expect(405), kwargs=met_inbreng),
    Case(
        "participatie:reageren",
        expect(INBRENG, **LOGIN_NODIG),
        kwargs=met_inbreng,
        method="post",
        data=lambda f: {"tekst": "Goed plan, ik help mee."},
    ),
    Case(
        "participatie:reageren",
        expect(404, **LOGIN_NODIG),
        kwargs=met_andere_inbreng,
        method="post",
        data=lambda f: {"tekst": "Goed plan."},
        label="andere ronde",
    ),
    # Flags: everyone logged in.
    Case("participatie:inbreng_markeren", expect(200, **LOGIN_NODIG), kwargs=met_inbreng),
    Case(
        "participatie:inbreng_markeren",
        expect(INBRENG, **LOGIN_NODIG),
        kwargs=met_inbreng,
        method="post",
        data=lambda f: {"reden": "Dit is reclame."},
    ),
    Case(
        "participatie:inbreng_markeren",
        expect(404, **LOGIN_NODIG),
        kwargs=met_andere_inbreng,
        label="andere ronde",
    ),
    Case("participatie:inbreng_markeren", expect(405), kwargs=met_inbreng, method="delete"),
    Case("participatie:reactie_markeren", expect(200, **LOGIN_NODIG), kwargs=met_reactie),
    Case(
        "participatie:reactie_markeren",
        expect(INBRENG, **LOGIN_NODIG),
        kwargs=met_reactie,
        method="post",
        data=lambda f: {"reden": "Dit is beledigend."},
    ),
    Case(
        "participatie:reactie_markeren",
        expect(404, **LOGIN_NODIG),
        kwargs=met_andere_reactie,
        label="andere ronde",
    ),
    Case("participatie:reactie_markeren", expect(405), kwargs=met_reactie, method="delete"),
    # The resident's own page.
    Case("mijn_inbreng", expect(200, **LOGIN_NODIG), kwargs=no_kwargs),
    Case("mijn_inbreng", expect(405), method="post"),
]
