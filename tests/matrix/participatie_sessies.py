"""Permission matrix rows for co-creation sessions (issue 6 point 7).

- The session page and its calendar file are public like the round: everyone,
  anonymous visitors too, for a round that is no draft.
- Registering is for everyone logged in (anonymous visitors are sent to log
  in); cancelling only one's own registration: anyone without one gets 404.
- Planning, attendance and outcomes are for the officials who manage the round
  (``regisseur`` for ``ronde``, ``ambtenaar`` for ``andere_ronde``): others 403.
- IDOR: a session of ``andere_ronde`` (or an outcome of it) asked through the
  URL of ``ronde`` gives 404 to everyone logged in.
POST rows really run with valid data.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from participatie.models import Sessie, Uitkomst
from participatie.services import aanmelden
from participatie.services_sessies import sessie_aanmaken, uitkomst_vastleggen
from tests.permission_matrix import LOGIN, Case, Redirect, expect

SESSIE = Redirect("participatie:sessie")
BEHEER = expect(403, anoniem=LOGIN, regisseur=200)
BEHEER_POST = expect(403, anoniem=LOGIN, regisseur=SESSIE)
IDOR = expect(404, anoniem=LOGIN)
# An outcome of another session through this session: the check on the session comes
# first (403 for who may not manage it), the outcome is then not found (404).
ANDERE_UITKOMST = expect(403, anoniem=LOGIN, regisseur=404)


def _moment(dagen: int, uren: int = 19) -> str:
    dag = timezone.localtime(timezone.now() + timedelta(days=dagen))
    return dag.replace(hour=uren, minute=0).strftime("%Y-%m-%dT%H:%M")


def sessie_data(f: Any) -> dict[str, Any]:
    return {
        "titel": "Ontwerpavond speeltuin",
        "start": _moment(10),
        "eind": _moment(10, 21),
        "locatie": "Buurthuis De Molen",
        "online_link": "",
        "capaciteit": "20",
        "aanmelden_tot": _moment(9),
        "agenda": "Ideeën tekenen.",
    }


def sessie_van(ronde) -> Sessie:
    """A session in ``ronde`` (the same one when asked twice)."""
    start = timezone.now() + timedelta(days=5)
    return ronde.sessies.first() or sessie_aanmaken(
        ronde=ronde,
        titel="Sessie",
        start=start,
        eind=start + timedelta(hours=2),
        locatie="Wijkcentrum",
        capaciteit=5,
        aanmelden_tot=start - timedelta(hours=1),
    )


def eigen(f: Any) -> dict[str, Any]:
    return {"slug": f.ronde.slug, "pk": f.sessie.pk}


def ronde_slug(fixture: str):
    return lambda f: {"slug": getattr(f, fixture).slug}


def andere(f: Any) -> dict[str, Any]:
    """The session of ``andere_ronde`` through the slug of ``ronde``."""
    return {"slug": f.ronde.slug, "pk": sessie_van(f.andere_ronde).pk}


def ontwerp(f: Any) -> dict[str, Any]:
    return {"slug": f.concept_ronde.slug, "pk": sessie_van(f.concept_ronde).pk}


def met_aanmelding_van_inwoner(f: Any) -> dict[str, Any]:
    aanmelden(sessie=f.sessie, user=f.inwoner)
    return eigen(f)


def uitkomst_in(sessie, door) -> Uitkomst:
    return sessie.uitkomsten.first() or uitkomst_vastleggen(
        sessie=sessie,
        door=door,
        soort=Uitkomst.Soort.AFSPRAAK,
        titel="De woningcorporatie deelt de planning",
    )


def met_uitkomst(f: Any) -> dict[str, Any]:
    return {**eigen(f), "uitkomst": uitkomst_in(f.sessie, f.regisseur).pk}


def uitkomst_van_andere_sessie(f: Any) -> dict[str, Any]:
    """An outcome of ``andere_ronde``'s session through ``ronde``'s session."""
    vreemd = uitkomst_in(sessie_van(f.andere_ronde), f.ambtenaar)
    return {**eigen(f), "uitkomst": vreemd.pk}


def omzetten_data(f: Any) -> dict[str, Any]:
    return {"eigenaar": f.regisseur.pk, "deadline": "2027-03-01"}


def uitkomst_data(f: Any) -> dict[str, Any]:
    return {"soort": Uitkomst.Soort.IDEE, "titel": "Een moestuin bij de school"}


CASES: list[Case] = [
    # The public page and the calendar file.
    Case("participatie:sessie", expect(200), kwargs=eigen, label="sessie"),
    Case("participatie:sessie", expect(404), kwargs=andere, label="andere_ronde"),
    Case("participatie:sessie", expect(404, regisseur=200), kwargs=ontwerp, label="ontwerp"),
    Case("participatie:sessie", expect(405), kwargs=eigen, method="post", label="sessie"),
    Case("participatie:sessie_ics", expect(200), kwargs=eigen, label="sessie"),
    Case("participatie:sessie_ics", expect(404), kwargs=andere, label="andere_ronde"),
    Case("participatie:sessie_ics", expect(405), kwargs=eigen, method="post", label="sessie"),
    # Planning.
    Case("participatie:sessie_nieuw", BEHEER, kwargs=ronde_slug("ronde"), label="sessie"),
    Case(
        "participatie:sessie_nieuw",
        BEHEER_POST,
        kwargs=ronde_slug("ronde"),
        method="post",
        data=sessie_data,
        label="sessie",
    ),
    Case(
        "participatie:sessie_nieuw",
        expect(403, anoniem=LOGIN, ambtenaar=200),
        kwargs=ronde_slug("andere_ronde"),
        label="andere_ronde",
    ),
    Case(
        "participatie:sessie_nieuw",
        expect(404, anoniem=LOGIN, regisseur=200),
        kwargs=ronde_slug("concept_ronde"),
        label="ontwerp",
    ),
    Case(
        "participatie:sessie_nieuw",
        expect(405),
        kwargs=ronde_slug("ronde"),
        method="delete",
        label="sessie",
    ),
    Case("participatie:sessie_bewerken", BEHEER, kwargs=eigen, label="sessie"),
    Case(
        "participatie:sessie_bewerken",
        BEHEER_POST,
        kwargs=eigen,
        method="post",
        data=sessie_data,
        label="sessie",
    ),
    Case("participatie:sessie_bewerken", IDOR, kwargs=andere, label="andere_ronde"),
    Case(
        "participatie:sessie_bewerken",
        IDOR,
        kwargs=andere,
        method="post",
        data=sessie_data,
        label="andere_ronde",
    ),
    Case(
        "participatie:sessie_bewerken", expect(405), kwargs=eigen, method="delete", label="sessie"
    ),
    # Registering and cancelling.
    Case("participatie:aanmelden", expect(405), kwargs=eigen, label="sessie"),
    Case(
        "participatie:aanmelden",
        expect(SESSIE, anoniem=LOGIN),
        kwargs=eigen,
        method="post",
        label="sessie",
    ),
    Case("participatie:aanmelden", IDOR, kwargs=andere, method="post", label="andere_ronde"),
    Case(
        "participatie:afmelden",
        expect(404, anoniem=LOGIN, inwoner=200),
        kwargs=met_aanmelding_van_inwoner,
        label="sessie",
    ),
    Case(
        "participatie:afmelden",
        expect(404, anoniem=LOGIN, inwoner=SESSIE),
        kwargs=met_aanmelding_van_inwoner,
        method="post",
        label="sessie",
    ),
    Case("participatie:afmelden", IDOR, kwargs=andere, method="post", label="andere_ronde"),
    Case("participatie:afmelden", expect(405), kwargs=eigen, method="put", label="sessie"),
    # Attendance: only for the officials who manage the round.
    Case("participatie:aanwezigheid", BEHEER, kwargs=eigen, label="sessie"),
    Case(
        "participatie:aanwezigheid",
        BEHEER_POST,
        kwargs=eigen,
        method="post",
        data=lambda f: {"aanwezig": []},
        label="sessie",
    ),
    Case("participatie:aanwezigheid", IDOR, kwargs=andere, label="andere_ronde"),
    Case("participatie:aanwezigheid", expect(405), kwargs=eigen, method="put", label="sessie"),
    # Outcomes.
    Case("participatie:uitkomst_nieuw", BEHEER, kwargs=eigen, label="sessie"),
    Case(
        "participatie:uitkomst_nieuw",
        BEHEER_POST,
        kwargs=eigen,
        method="post",
        data=uitkomst_data,
        label="sessie",
    ),
    Case(
        "participatie:uitkomst_nieuw",
        IDOR,
        kwargs=andere,
        method="post",
        data=uitkomst_data,
        label="andere_ronde",
    ),
    Case("participatie:uitkomst_nieuw", expect(405), kwargs=eigen, method="put", label="sessie"),
    Case("participatie:uitkomst_omzetten", BEHEER, kwargs=met_uitkomst, label="sessie"),
    Case(
        "participatie:uitkomst_omzetten",
        BEHEER_POST,
        kwargs=met_uitkomst,
        method="post",
        data=omzetten_data,
        label="sessie",
    ),
    Case(
        "participatie:uitkomst_omzetten",
        ANDERE_UITKOMST,
        kwargs=uitkomst_van_andere_sessie,
        label="andere_ronde",
    ),
    Case(
        "participatie:uitkomst_omzetten",
        ANDERE_UITKOMST,
        kwargs=uitkomst_van_andere_sessie,
        method="post",
        data=omzetten_data,
        label="andere_ronde",
    ),
    Case(
        "participatie:uitkomst_omzetten",
        expect(405),
        kwargs=met_uitkomst,
        method="put",
        label="sessie",
    ),
]
