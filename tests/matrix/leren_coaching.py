"""Permission matrix rows for coaching (issue 8 points 5 to 8). (Helper "coaching".)

The objects, made on demand (the fixtures of ``tests/leren/conftest.py`` do not reach
the matrix test):

- ``individueel``: ``adviseur`` coaches ``coachee``, commissioned by ``regisseur``,
  active and sharing progress;
- ``team``: ``adviseur`` coaches ``coachee`` and ``ambtenaar`` as a team, active;
- ``ander``: another adviser coaches ``ambtenaar``: for IDOR rows (404 for ``adviseur``).

Who gets what:

- the list is for everyone logged in (an empty state without trajectories);
- starting a trajectory is for advisers (``leren.add_coachtraject``): others 403;
- a trajectory is read by its coach, coachees and opdrachtgever; anyone else gets 404;
  its readers other than the coach get 403 on the coach's pages;
- a coachee page for someone who is not a coachee of the trajectory: 404 for the coach;
- feedback (POST only) on an entry: 404 for who may not read it, 403 for a reader who
  is not the author's coach (the author, a team member), a redirect to the entry for
  the coach.
POST rows really run with valid data.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from accounts.roles import Rol
from leren.models import Bron, Coachtraject, Competentie, Leerervaring, Zichtbaarheid
from tests.factories import UserFactory
from tests.permission_matrix import LOGIN, Case, Redirect, expect

TRAJECT = Redirect("leren:traject")
LEZERS = {"adviseur": 200, "coachee": 200, "regisseur": 200}
ALLEEN_COACH = expect(404, anoniem=LOGIN, adviseur=200, coachee=403, regisseur=403)
ALLEEN_COACH_POST = expect(404, anoniem=LOGIN, adviseur=TRAJECT, coachee=403, regisseur=403)
IDOR = expect(404, anoniem=LOGIN)


def _traject(f: Any, titel: str, soort: str, coach, coachees, **velden) -> Coachtraject:
    traject = Coachtraject.objects.filter(titel=titel).first()
    if traject is None:
        traject = Coachtraject.objects.create(
            titel=titel,
            soort=soort,
            coach=coach,
            doelen="Sterker in netwerkregie.",
            status=Coachtraject.Status.ACTIEF,
            start=date(2026, 1, 1),
            **velden,
        )
        traject.coachees.set(coachees)
    return traject


def individueel(f: Any) -> Coachtraject:
    return _traject(
        f,
        "Coaching Coen",
        Coachtraject.Soort.INDIVIDUEEL,
        f.adviseur,
        [f.coachee],
        opdrachtgever=f.regisseur,
        deelt_voortgang=True,
    )


def team(f: Any) -> Coachtraject:
    return _traject(f, "Kernteam", Coachtraject.Soort.TEAM, f.adviseur, [f.coachee, f.ambtenaar])


def ander(f: Any) -> Coachtraject:
    """A trajectory of another adviser, coaching ``ambtenaar``."""
    if not Coachtraject.objects.filter(titel="Coaching van een ander").exists():
        collega = UserFactory(rollen=[Rol.ADVISEUR], totp=True, weergavenaam="Cor Collega")
        return _traject(
            f, "Coaching van een ander", Coachtraject.Soort.INDIVIDUEEL, collega, [f.ambtenaar]
        )
    return Coachtraject.objects.get(titel="Coaching van een ander")


def pk_van(maak):
    return lambda f: {"pk": maak(f).pk}


def coachee_van(f: Any) -> dict[str, Any]:
    return {"pk": individueel(f).pk, "user_pk": f.coachee.pk}


def geen_coachee(f: Any) -> dict[str, Any]:
    """``ambtenaar`` through the individual trajectory they are not in."""
    return {"pk": individueel(f).pk, "user_pk": f.ambtenaar.pk}


def coachee_van_ander(f: Any) -> dict[str, Any]:
    traject = ander(f)
    return {"pk": traject.pk, "user_pk": f.ambtenaar.pk}


def ervaring_van_coachee(zichtbaarheid: str, maak_traject):
    def kwargs(f: Any) -> dict[str, Any]:
        maak_traject(f)
        ervaring = Leerervaring.objects.create(
            auteur=f.coachee,
            datum=timezone.localdate(),
            bron=Bron.ERVARING,
            titel=f"Ervaring {zichtbaarheid}",
            reflectie="Wat ik leerde.",
            zichtbaarheid=zichtbaarheid,
        )
        return {"pk": ervaring.pk}

    return kwargs


def traject_data(f: Any) -> dict[str, Any]:
    return {
        "titel": "Nieuwe coaching",
        "soort": Coachtraject.Soort.INDIVIDUEEL,
        "coachees": [f.coachee.pk],
        "opdrachtgever": f.regisseur.pk,
        "doelen": "Beter netwerken.",
        "afspraken": "De opdrachtgever ziet de voortgang.",
        "deelt_voortgang": "on",
        "start": "2026-09-01",
    }


def gesprek_data(f: Any) -> dict[str, Any]:
    return {
        "datum": "2026-11-02",
        "gedeelde_notities": "We spraken over netwerkregie.",
        "prive_notities": "Let op de toon.",
        "actiepunt_1": "Een netwerkkaart maken",
        "eigenaar_1": f.coachee.pk,
        "deadline_1": "2026-12-01",
    }


def meting_data(f: Any) -> dict[str, Any]:
    return {
        "competentie": Competentie.objects.order_by("pk").first().pk,
        "niveau": "3",
        "datum": "2026-11-01",
        "toelichting": "Zichtbaar gegroeid.",
    }


CASES: list[Case] = [
    # The list and the adviser dashboard: everyone logged in (an empty state without any).
    Case("leren:trajecten", expect(200, anoniem=LOGIN)),
    Case("leren:trajecten", expect(405), method="post"),
    # Starting a trajectory: advisers only.
    Case("leren:traject_nieuw", expect(403, anoniem=LOGIN, adviseur=200)),
    Case(
        "leren:traject_nieuw",
        expect(403, anoniem=LOGIN, adviseur=TRAJECT),
        method="post",
        data=traject_data,
    ),
    Case("leren:traject_nieuw", expect(405), method="delete"),
    # A trajectory: its coach, coachees and opdrachtgever read it; anyone else 404.
    Case(
        "leren:traject",
        expect(404, anoniem=LOGIN, **LEZERS),
        kwargs=pk_van(individueel),
        label="individueel",
    ),
    Case(
        "leren:traject",
        expect(404, anoniem=LOGIN, adviseur=200, coachee=200, ambtenaar=200),
        kwargs=pk_van(team),
        label="team",
    ),
    Case(
        "leren:traject",
        expect(404, anoniem=LOGIN, ambtenaar=200),
        kwargs=pk_van(ander),
        label="ander",
    ),
    Case("leren:traject", expect(405), kwargs=pk_van(individueel), method="post"),
    # The coach's pages: 403 for the other readers, 404 for everyone else.
    Case("leren:traject_bewerken", ALLEEN_COACH, kwargs=pk_van(individueel)),
    Case(
        "leren:traject_bewerken",
        ALLEEN_COACH_POST,
        kwargs=pk_van(individueel),
        method="post",
        data=traject_data,
    ),
    Case(
        "leren:traject_bewerken",
        expect(404, anoniem=LOGIN, ambtenaar=403),
        kwargs=pk_van(ander),
        label="ander",
    ),
    Case("leren:traject_bewerken", expect(405), kwargs=pk_van(individueel), method="delete"),
    Case("leren:traject_status", ALLEEN_COACH, kwargs=pk_van(individueel)),
    Case(
        "leren:traject_status",
        ALLEEN_COACH_POST,
        kwargs=pk_van(individueel),
        method="post",
        data=lambda f: {"naar": Coachtraject.Status.GEPAUZEERD},
    ),
    Case(
        "leren:traject_status",
        expect(404, anoniem=LOGIN, ambtenaar=403),
        kwargs=pk_van(ander),
        method="post",
        data=lambda f: {"naar": Coachtraject.Status.GEPAUZEERD},
        label="ander",
    ),
    Case("leren:traject_status", expect(405), kwargs=pk_van(individueel), method="put"),
    Case("leren:gesprek_nieuw", ALLEEN_COACH, kwargs=pk_van(individueel)),
    Case(
        "leren:gesprek_nieuw",
        ALLEEN_COACH_POST,
        kwargs=pk_van(individueel),
        method="post",
        data=gesprek_data,
    ),
    Case(
        "leren:gesprek_nieuw",
        expect(404, anoniem=LOGIN, ambtenaar=403),
        kwargs=pk_van(ander),
        method="post",
        data=gesprek_data,
        label="ander",
    ),
    Case("leren:gesprek_nieuw", expect(405), kwargs=pk_van(individueel), method="delete"),
    # The coachee page: the coach only; someone not coached in the trajectory is a 404.
    Case("leren:coachee", ALLEEN_COACH, kwargs=coachee_van),
    Case(
        "leren:coachee",
        expect(404, anoniem=LOGIN, coachee=403, regisseur=403),
        kwargs=geen_coachee,
        label="geen_coachee",
    ),
    Case(
        "leren:coachee",
        expect(404, anoniem=LOGIN, ambtenaar=403),
        kwargs=coachee_van_ander,
        label="ander",
    ),
    Case("leren:coachee", expect(405), kwargs=coachee_van, method="post"),
    Case("leren:coach_meting", expect(405), kwargs=coachee_van),
    Case(
        "leren:coach_meting",
        expect(404, anoniem=LOGIN, adviseur=Redirect("leren:coachee"), coachee=403, regisseur=403),
        kwargs=coachee_van,
        method="post",
        data=meting_data,
    ),
    Case(
        "leren:coach_meting",
        expect(404, anoniem=LOGIN, coachee=403, regisseur=403),
        kwargs=geen_coachee,
        method="post",
        data=meting_data,
        label="geen_coachee",
    ),
    Case(
        "leren:coach_meting",
        expect(404, anoniem=LOGIN, ambtenaar=403),
        kwargs=coachee_van_ander,
        method="post",
        data=meting_data,
        label="ander",
    ),
    # Feedback: POST only. Not readable 404; readable but not the coach 403.
    Case(
        "leren:feedback",
        expect(405),
        kwargs=ervaring_van_coachee(Zichtbaarheid.COACH, individueel),
    ),
    Case(
        "leren:feedback",
        expect(404, anoniem=LOGIN, adviseur=Redirect("leren:ervaring"), coachee=403),
        kwargs=ervaring_van_coachee(Zichtbaarheid.COACH, individueel),
        method="post",
        data=lambda f: {"tekst": "Mooie reflectie."},
        label="coach",
    ),
    Case(
        "leren:feedback",
        expect(404, anoniem=LOGIN, adviseur=Redirect("leren:ervaring"), coachee=403, ambtenaar=403),
        kwargs=ervaring_van_coachee(Zichtbaarheid.TEAM, team),
        method="post",
        data=lambda f: {"tekst": "Mooie reflectie."},
        label="team",
    ),
    Case(
        "leren:feedback",
        expect(404, anoniem=LOGIN, coachee=403),
        kwargs=ervaring_van_coachee(Zichtbaarheid.PRIVE, individueel),
        method="post",
        data=lambda f: {"tekst": "Mooie reflectie."},
        label="prive",
    ),
]
