"""Permission matrix rows for the learner's pages of /leren/ (issue 8 points 1-4, 7).

- Only who logs their learning (``leren.add_leerervaring``: the officials
  ``ambtenaar``, ``regisseur``, ``coachee`` and the ``adviseur``) uses these pages;
  residents, partners and the beheerder get 403, anonymous visitors log in.
- The set-up: ``adviseur`` coaches ``coachee`` individually (opdrachtgever
  ``regisseur``) and coaches ``coachee`` and ``ambtenaar`` as a team; both
  trajectories are active. ``coachee`` wrote one entry per visibility, has a
  development plan with a goal, and an open action point.
- An entry is read as ``leren.selectors`` says: ``prive`` by its author only;
  ``coach`` also by the coach; ``team`` also by the team member. Who may not read
  it gets 404 on every page of it; who reads but did not write it gets 403 on
  editing and deleting. The opdrachtgever never reads entries (404).
- A plan, goal or action point belongs to its owner: anyone else 404.
POST rows really run, with valid data.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from leren.models import Coachtraject, Leerervaring, Ontwikkelplan
from tests.permission_matrix import LOGIN, Case, Redirect, each, expect

LEERDERS = ("ambtenaar", "regisseur", "adviseur", "coachee")
# Everyone who logs learning gets ``waarde``; others 403; anonymous visitors log in.
ERVARING = Redirect("leren:ervaring")
PLAN = Redirect("leren:plan")


def leerder(waarde, **cellen) -> dict:
    return expect(403, anoniem=LOGIN, **{**each(LEERDERS, waarde), **cellen})


def alleen_coachee(waarde) -> dict:
    """The owner gets ``waarde``; the other learners 404."""
    return leerder(404, coachee=waarde)


def _trajecten(f: Any) -> None:
    """The individual and the team trajectory (once per test)."""
    if Coachtraject.objects.filter(coach=f.adviseur).exists():
        return
    individueel = Coachtraject.objects.create(
        titel="Coaching Coen",
        soort=Coachtraject.Soort.INDIVIDUEEL,
        coach=f.adviseur,
        opdrachtgever=f.regisseur,
        doelen="Netwerkregie.",
        deelt_voortgang=True,
        status=Coachtraject.Status.ACTIEF,
        start=date(2026, 1, 1),
    )
    individueel.coachees.set([f.coachee])
    team = Coachtraject.objects.create(
        titel="Kernteam",
        soort=Coachtraject.Soort.TEAM,
        coach=f.adviseur,
        opgave=f.opgave,
        doelen="Samen sturen.",
        status=Coachtraject.Status.ACTIEF,
        start=date(2026, 1, 1),
    )
    team.coachees.set([f.coachee, f.ambtenaar])


def ervaring(zichtbaarheid: str):
    def kwargs(f: Any) -> dict[str, Any]:
        _trajecten(f)
        bestaand = Leerervaring.objects.filter(auteur=f.coachee, zichtbaarheid=zichtbaarheid)
        gevonden = bestaand.first() or Leerervaring.objects.create(
            auteur=f.coachee,
            datum=date(2026, 3, 1),
            bron="ervaring",
            titel=f"Ervaring {zichtbaarheid}",
            reflectie="Geleerd.",
            zichtbaarheid=zichtbaarheid,
        )
        return {"pk": gevonden.pk}

    return kwargs


def plan(f: Any) -> Ontwikkelplan:
    from leren.services import doel_toevoegen, ontwikkelplan_opslaan

    gevonden = Ontwikkelplan.objects.filter(eigenaar=f.coachee).first()
    if gevonden is None:
        gevonden = ontwikkelplan_opslaan(
            eigenaar=f.coachee, titel="POP", van=date(2026, 1, 1), tot=date(2026, 12, 31)
        )
        doel_toevoegen(plan=gevonden, omschrijving="Een overleg voorzitten")
    return gevonden


def met_plan(f: Any) -> dict[str, Any]:
    return {"pk": plan(f).pk}


def met_doel(f: Any) -> dict[str, Any]:
    return {"pk": plan(f).doelen.get().pk}


def met_actiepunt(f: Any) -> dict[str, Any]:
    from leren.services import gesprek_vastleggen

    _trajecten(f)
    traject = Coachtraject.objects.get(coach=f.adviseur, soort="individueel")
    gesprek = gesprek_vastleggen(
        traject=traject,
        datum=date(2026, 3, 1),
        actiepunten=[("Partners bellen", f.coachee, date(2026, 4, 1))],
    )
    return {"pk": gesprek.actiepunten.get().pk}


def ervaring_data(f: Any) -> dict[str, Any]:
    return {
        "datum": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "bron": "sociaal",
        "titel": "Intervisie",
        "reflectie": "Meer vragen stellen.",
        "zichtbaarheid": "prive",
    }


def plan_data(f: Any) -> dict[str, Any]:
    return {"titel": "POP 2026", "van": "2026-01-01", "tot": "2026-12-31", "status": "actief"}


def voortgang_data(f: Any) -> dict[str, Any]:
    from leren.models import Competentie

    return {"competentie": Competentie.objects.get(slug="verbinden").pk, "niveau": 3}


CASES: list[Case] = [
    # The timeline, the dashboard and the forms to start something: every learner.
    Case("leren:tijdlijn", leerder(200)),
    Case("leren:tijdlijn", expect(405), method="post"),
    Case("leren:dashboard", leerder(200)),
    Case("leren:dashboard", expect(405), method="post"),
    Case("leren:ervaring_nieuw", leerder(200)),
    Case("leren:ervaring_nieuw", leerder(ERVARING), method="post", data=ervaring_data),
    Case("leren:ervaring_nieuw", expect(405), method="delete"),
    Case("leren:plannen", leerder(200)),
    Case("leren:plannen", expect(405), method="post"),
    Case("leren:plan_nieuw", leerder(200)),
    Case("leren:plan_nieuw", leerder(PLAN), method="post", data=plan_data),
    Case("leren:plan_nieuw", expect(405), method="delete"),
    Case("leren:voortgang", leerder(200)),
    Case(
        "leren:voortgang",
        leerder(Redirect("leren:voortgang")),
        method="post",
        data=voortgang_data,
    ),
    Case("leren:voortgang", expect(405), method="delete"),
    # One entry, per visibility: who reads it is decided by leren.selectors.
    Case("leren:ervaring", alleen_coachee(200), kwargs=ervaring("prive"), label="prive"),
    Case(
        "leren:ervaring",
        leerder(404, coachee=200, adviseur=200),
        kwargs=ervaring("coach"),
        label="coach",
    ),
    Case(
        "leren:ervaring",
        leerder(200, regisseur=404),
        kwargs=ervaring("team"),
        label="team",
    ),
    Case("leren:ervaring", leerder(404), kwargs=lambda f: {"pk": 999999}, label="onbekend"),
    Case("leren:ervaring", expect(405), kwargs=ervaring("team"), method="post", label="team"),
    # Editing and deleting: the author; who reads but did not write it 403, others 404.
    Case(
        "leren:ervaring_bewerken",
        alleen_coachee(200),
        kwargs=ervaring("prive"),
        label="prive",
    ),
    Case(
        "leren:ervaring_bewerken",
        leerder(404, coachee=200, adviseur=403),
        kwargs=ervaring("coach"),
        label="coach",
    ),
    Case(
        "leren:ervaring_bewerken",
        leerder(403, coachee=200, regisseur=404),
        kwargs=ervaring("team"),
        label="team",
    ),
    Case(
        "leren:ervaring_bewerken",
        leerder(403, coachee=ERVARING, regisseur=404),
        kwargs=ervaring("team"),
        method="post",
        data=ervaring_data,
        label="team",
    ),
    Case(
        "leren:ervaring_bewerken",
        expect(405),
        kwargs=ervaring("team"),
        method="delete",
        label="team",
    ),
    Case(
        "leren:ervaring_verwijderen",
        alleen_coachee(200),
        kwargs=ervaring("prive"),
        label="prive",
    ),
    Case(
        "leren:ervaring_verwijderen",
        leerder(404, coachee=200, adviseur=403),
        kwargs=ervaring("coach"),
        label="coach",
    ),
    Case(
        "leren:ervaring_verwijderen",
        leerder(403, coachee=Redirect("leren:tijdlijn"), regisseur=404),
        kwargs=ervaring("team"),
        method="post",
        label="team",
    ),
    Case(
        "leren:ervaring_verwijderen",
        expect(405),
        kwargs=ervaring("team"),
        method="put",
        label="team",
    ),
    # Action points from coaching: the owner marks one done; POST only.
    Case("leren:actiepunt_afronden", expect(405), kwargs=met_actiepunt),
    Case(
        "leren:actiepunt_afronden",
        alleen_coachee(Redirect("leren:dashboard")),
        kwargs=met_actiepunt,
        method="post",
    ),
    # A development plan and its goals: the owner only.
    Case("leren:plan", alleen_coachee(200), kwargs=met_plan),
    Case("leren:plan", expect(405), kwargs=met_plan, method="post"),
    Case("leren:plan_bewerken", alleen_coachee(200), kwargs=met_plan),
    Case(
        "leren:plan_bewerken",
        alleen_coachee(PLAN),
        kwargs=met_plan,
        method="post",
        data=plan_data,
    ),
    Case("leren:plan_bewerken", expect(405), kwargs=met_plan, method="delete"),
    Case("leren:doel_nieuw", expect(405), kwargs=met_plan),
    Case(
        "leren:doel_nieuw",
        alleen_coachee(PLAN),
        kwargs=met_plan,
        method="post",
        data=lambda f: {"omschrijving": "Feedback vragen"},
    ),
    Case("leren:doel_voortgang", alleen_coachee(200), kwargs=met_doel),
    Case(
        "leren:doel_voortgang",
        alleen_coachee(PLAN),
        kwargs=met_doel,
        method="post",
        data=lambda f: {"voortgang": 50},
    ),
    Case("leren:doel_voortgang", expect(405), kwargs=met_doel, method="delete"),
]
