"""Services of learning and coaching: the state rules and who may assess."""

from datetime import date

from django.core.exceptions import ValidationError

import pytest

from leren.models import Actiepunt, Coachtraject, Competentie, Voortgangsmeting
from leren.policies import mix
from leren.services import (
    actiepunt_afronden,
    doel_toevoegen,
    doel_voortgang,
    feedback_geven,
    gesprek_vastleggen,
    is_coach_van,
    leerervaring_vastleggen,
    ontwikkelplan_opslaan,
    traject_aanmaken,
    traject_status_wijzigen,
    voortgang_meten,
)

pytestmark = pytest.mark.django_db


def _competentie():
    return Competentie.objects.get(slug="netwerkregie")


def test_het_repertoire_is_gezaaid():
    assert Competentie.objects.count() == 8
    assert _competentie().indicatoren


def test_een_leerervaring_is_standaard_prive(coachee):
    ervaring = leerervaring_vastleggen(
        auteur=coachee,
        datum=date(2026, 11, 1),
        bron="sociaal",
        titel="Intervisie",
        reflectie="Ik luister beter.",
        competenties=[_competentie()],
    )
    assert ervaring.zichtbaarheid == "prive"
    assert list(ervaring.competenties.all()) == [_competentie()]


def test_een_onbekende_bron_wordt_geweigerd(coachee):
    with pytest.raises(ValidationError):
        leerervaring_vastleggen(
            auteur=coachee, datum=date(2026, 11, 1), bron="zomaar", titel="x", reflectie="y"
        )


def test_plan_en_doelvoortgang(coachee):
    plan = ontwikkelplan_opslaan(
        eigenaar=coachee, titel="POP 2027", van=date(2027, 1, 1), tot=date(2027, 12, 31)
    )
    doel = doel_toevoegen(plan=plan, omschrijving="Partners vaker spreken")
    assert doel_voortgang(doel=doel, voortgang=40, toelichting="Goed op weg").voortgang == 40
    with pytest.raises(ValidationError):
        doel_voortgang(doel=doel, voortgang=101)
    with pytest.raises(ValidationError):
        ontwikkelplan_opslaan(
            eigenaar=coachee, titel="Achterstevoren", van=date(2027, 2, 1), tot=date(2027, 1, 1)
        )


def test_alleen_de_persoon_en_de_coach_meten(coachee, adviseur, regisseur, traject):
    zelf = voortgang_meten(
        persoon=coachee, competentie=_competentie(), niveau=2, beoordelaar=coachee
    )
    coach = voortgang_meten(
        persoon=coachee, competentie=_competentie(), niveau=3, beoordelaar=adviseur
    )
    assert (zelf.door, coach.door) == ("zelf", "coach")
    with pytest.raises(ValidationError):
        voortgang_meten(
            persoon=coachee, competentie=_competentie(), niveau=4, beoordelaar=regisseur
        )
    with pytest.raises(ValidationError):
        voortgang_meten(persoon=coachee, competentie=_competentie(), niveau=6, beoordelaar=coachee)
    assert Voortgangsmeting.objects.count() == 2


def test_een_individueel_traject_heeft_een_coachee(adviseur, coachee, ambtenaar):
    with pytest.raises(ValidationError):
        traject_aanmaken(
            coach=adviseur,
            coachees=[coachee, ambtenaar],
            titel="Te veel",
            soort="individueel",
            doelen="x",
            start=date(2026, 1, 1),
        )
    with pytest.raises(ValidationError):
        traject_aanmaken(
            coach=adviseur,
            coachees=[adviseur],
            titel="Zelf",
            soort="individueel",
            doelen="x",
            start=date(2026, 1, 1),
        )
    traject = traject_aanmaken(
        coach=adviseur,
        coachees=[coachee],
        titel="Goed",
        soort="individueel",
        doelen="x",
        start=date(2026, 1, 1),
    )
    assert traject.status == Coachtraject.Status.INTAKE
    # In intake the coach reads nothing yet: only an active trajectory shares.
    assert not is_coach_van(adviseur, coachee)


def test_statusovergangen(traject):
    traject = traject_status_wijzigen(traject=traject, naar="gepauzeerd")
    traject = traject_status_wijzigen(traject=traject, naar="actief")
    traject = traject_status_wijzigen(traject=traject, naar="afgerond")
    assert traject.eind is not None
    with pytest.raises(ValidationError):
        traject_status_wijzigen(traject=traject, naar="actief")


def test_gesprek_met_actiepunten_voor_coachees(traject, coachee, ambtenaar):
    gesprek = gesprek_vastleggen(
        traject=traject,
        datum=date(2026, 11, 2),
        gedeelde_notities="Samen",
        prive_notities="Alleen coach",
        actiepunten=[("Partners bellen", coachee, date(2026, 11, 20))],
    )
    punt = gesprek.actiepunten.get()
    assert actiepunt_afronden(actiepunt=punt).afgerond_op is not None
    with pytest.raises(ValidationError):
        gesprek_vastleggen(
            traject=traject,
            datum=date(2026, 11, 3),
            actiepunten=[("Niet van dit traject", ambtenaar, None)],
        )
    assert Actiepunt.objects.count() == 1


def test_feedback_alleen_van_de_coach_op_gedeeld_werk(adviseur, regisseur, traject, ervaringen):
    feedback_geven(ervaring=ervaringen["coach"], coach=adviseur, tekst="Mooi inzicht.")
    with pytest.raises(ValidationError):
        feedback_geven(ervaring=ervaringen["prive"], coach=adviseur, tekst="Mag niet.")
    with pytest.raises(ValidationError):
        feedback_geven(ervaring=ervaringen["coach"], coach=regisseur, tekst="Mag niet.")
    with pytest.raises(ValidationError):
        feedback_geven(ervaring=ervaringen["coach"], coach=adviseur, tekst="   ")


def test_de_mix_telt_aantal_en_tijd():
    regels = {
        r.bron: r for r in mix([("ervaring", 7, 420), ("sociaal", 2, 120), ("formeel", 1, 60)])
    }
    assert (regels["ervaring"].pct_aantal, regels["ervaring"].pct_tijd) == (70, 70)
    assert regels["formeel"].doel_pct == 10
    assert {r.pct_aantal for r in mix([])} == {0}
