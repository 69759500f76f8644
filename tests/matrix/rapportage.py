"""Permission matrix rows for report jobs (issue 9 point 1): requesting, following and
downloading a report, and trying again.

The objects, made on demand:

- ``_klaar``: a finished progress report of ``opgave`` (requested by ``regisseur``),
  with its file; ``_mislukt``: a failed one;
- ``_budget``: a finished budget account of ``budgetpot`` (requested by ``regisseur``);
- ``_leer``: a finished learning report of a trajectory where ``adviseur`` coaches
  ``coachee`` for ``regisseur``, who is shown progress;
- ``_vreemd``: a learning report of a trajectory of people outside the personas (IDOR).

Who gets what: a progress report is read by officials and the opgave's role holders
(``ambtenaar``, ``regisseur``, ``coachee`` have the official role); a budget account
by whoever sees the pot (also ``partner_lid``); a learning report by the coach, the
coachees and a sponsor who is shown progress. Anyone else gets 404 (nothing is
revealed), anonymous visitors the login page. Requesting also needs the verb
``rapportage.add_rapport``, which residents never have.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.roles import Rol
from leren.models import Coachtraject
from rapportage.models import Formaat, Rapport, Soort
from tests.factories import UserFactory
from tests.permission_matrix import AMBTENAREN, LOGIN, Case, Redirect, each, expect

AMBTELIJK = expect(404, anoniem=LOGIN, **each(AMBTENAREN, 200))
RAPPORT = Redirect("rapportage:rapport")


def _rapport(soort: str, formaat: str, door, status: str = Rapport.Status.KLAAR, **over) -> Rapport:
    rapport = Rapport.objects.filter(soort=soort, status=status, **over).first()
    if rapport is not None:
        return rapport
    klaar = status == Rapport.Status.KLAAR
    rapport = Rapport.objects.create(
        soort=soort,
        formaat=formaat,
        aangevraagd_door=door,
        status=status,
        voortgang=100 if klaar else 0,
        pogingen=1,
        fout="" if klaar else "Het rapport kon niet worden gemaakt.",
        bestandsnaam=f"{soort}.{formaat}",
        klaar_op=timezone.now() if klaar else None,
        verloopt_op=timezone.now() + timedelta(days=30) if klaar else None,
        **over,
    )
    if klaar:
        rapport.bestand.save(f"{soort}.{formaat}", ContentFile(b"inhoud"), save=True)
    return rapport


def _klaar(f: Any) -> Rapport:
    return _rapport(Soort.VOORTGANG, Formaat.PDF, f.regisseur, opgave=f.opgave)


def _mislukt(f: Any) -> Rapport:
    return _rapport(
        Soort.VOORTGANG, Formaat.PDF, f.regisseur, Rapport.Status.MISLUKT, opgave=f.opgave
    )


def _budget(f: Any) -> Rapport:
    return _rapport(Soort.BUDGET, Formaat.XLSX, f.regisseur, pot=f.budgetpot)


def _traject(titel: str, coach, coachees, **velden) -> Coachtraject:
    traject = Coachtraject.objects.filter(titel=titel).first()
    if traject is None:
        traject = Coachtraject.objects.create(
            titel=titel,
            soort=Coachtraject.Soort.INDIVIDUEEL,
            coach=coach,
            doelen="Sterker in netwerkregie.",
            status=Coachtraject.Status.ACTIEF,
            start=date(2026, 1, 1),
            **velden,
        )
        traject.coachees.set(coachees)
    return traject


def _leer(f: Any) -> Rapport:
    traject = _traject(
        "Coaching Coen",
        f.adviseur,
        [f.coachee],
        opdrachtgever=f.regisseur,
        deelt_voortgang=True,
    )
    return _rapport(Soort.LEREN, Formaat.PDF, f.adviseur, traject=traject)


def _vreemd(f: Any) -> Rapport:
    coach = UserFactory(rollen=[Rol.ADVISEUR], totp=True, weergavenaam="Cor Collega")
    coachee = UserFactory(rollen=[Rol.AMBTENAAR], totp=True, weergavenaam="Bo Buiten")
    traject = _traject("Coaching van anderen", coach, [coachee])
    return _rapport(Soort.LEREN, Formaat.PDF, coach, traject=traject)


def pk_van(maker):
    return lambda f: {"pk": maker(f).pk}


def aanvraag(soort: str, **onderwerp):
    def data(f: Any) -> dict[str, Any]:
        waarden = {"soort": soort}
        for parameter, maker in onderwerp.items():
            waarden[parameter] = maker(f)
        return waarden

    return data


def aanvraag_post(soort: str, formaat: str, **onderwerp):
    def data(f: Any) -> dict[str, Any]:
        return {**aanvraag(soort, **onderwerp)(f), "formaat": formaat}

    return data


LEZERS_LEER = expect(404, anoniem=LOGIN, adviseur=200, coachee=200, regisseur=200)
LEZERS_BUDGET = expect(
    404, anoniem=LOGIN, regisseur=200, partner_lid=200, ambtenaar=200, coachee=200
)

CASES = [
    Case("rapportage:rapporten", expect(200, anoniem=LOGIN)),
    # Requesting: the form, and sending it.
    Case(
        "rapportage:aanvragen",
        AMBTELIJK,
        data=aanvraag(Soort.VOORTGANG, opgave=lambda f: f.opgave.slug),
        label="voortgang",
    ),
    Case(
        "rapportage:aanvragen",
        expect(404, anoniem=LOGIN, **each(AMBTENAREN, RAPPORT)),
        method="post",
        data=aanvraag_post(Soort.VOORTGANG, Formaat.PDF, opgave=lambda f: f.opgave.slug),
        label="voortgang",
    ),
    Case(
        "rapportage:aanvragen",
        LEZERS_BUDGET,
        data=aanvraag(Soort.BUDGET, pot=lambda f: f.budgetpot.opgave.slug),
        label="budget",
    ),
    Case(
        "rapportage:aanvragen",
        LEZERS_LEER,
        data=aanvraag(Soort.LEREN, traject=lambda f: str(_leer(f).traject_id)),
        label="leren",
    ),
    Case(
        "rapportage:aanvragen",
        expect(404, anoniem=LOGIN),
        data=aanvraag(Soort.LEREN, traject=lambda f: str(_vreemd(f).traject_id)),
        label="leren-idor",
    ),
    Case(
        "rapportage:aanvragen",
        expect(404, anoniem=LOGIN),
        data=aanvraag("geheim", opgave=lambda f: f.opgave.slug),
        label="onbekende-soort",
    ),
    Case(
        "rapportage:aanvragen",
        expect(404, anoniem=LOGIN),
        data=aanvraag(Soort.VOORTGANG, opgave=lambda f: "bestaat-niet"),
        label="onbekend-onderwerp",
    ),
    # Following and downloading.
    Case("rapportage:rapport", AMBTELIJK, kwargs=pk_van(_klaar)),
    Case("rapportage:voortgang", AMBTELIJK, kwargs=pk_van(_klaar)),
    Case("rapportage:download", AMBTELIJK, kwargs=pk_van(_klaar)),
    Case("rapportage:rapport", LEZERS_BUDGET, kwargs=pk_van(_budget), label="budget"),
    Case("rapportage:download", LEZERS_BUDGET, kwargs=pk_van(_budget), label="budget"),
    Case("rapportage:rapport", LEZERS_LEER, kwargs=pk_van(_leer), label="leren"),
    Case("rapportage:download", LEZERS_LEER, kwargs=pk_van(_leer), label="leren"),
    Case("rapportage:rapport", expect(404, anoniem=LOGIN), kwargs=pk_van(_vreemd), label="idor"),
    Case("rapportage:voortgang", expect(404, anoniem=LOGIN), kwargs=pk_van(_vreemd), label="idor"),
    Case("rapportage:download", expect(404, anoniem=LOGIN), kwargs=pk_van(_vreemd), label="idor"),
    # Trying again: only a failed report, by whoever may request it.
    Case(
        "rapportage:opnieuw",
        expect(404, anoniem=LOGIN, **each(AMBTENAREN, RAPPORT)),
        kwargs=pk_van(_mislukt),
        method="post",
    ),
    Case(
        "rapportage:opnieuw",
        expect(404, anoniem=LOGIN, **each(AMBTENAREN, 403)),
        kwargs=pk_van(_klaar),
        method="post",
        label="klaar",
    ),
    Case("rapportage:opnieuw", expect(405, anoniem=LOGIN), kwargs=pk_van(_mislukt), label="get"),
]
