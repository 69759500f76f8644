"""The leerrapport of a coaching trajectory (issue 9 point 5). (Helper "exports".)

The text of the PDF is read from the document WeasyPrint laid out for it (``pypdf``
is not installed): the builder's ``write_pdf`` renders through ``HTML.render``, which
the ``pdf_tekst`` fixture wraps to keep the document. So the words checked are the
words on the pages of the file the builder wrote.
"""

from __future__ import annotations

import io
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
import weasyprint
from weasyprint.formatting_structure import boxes

from accounts.roles import Rol
from leren.models import (
    Actiepunt,
    Bron,
    Coachgesprek,
    Coachtraject,
    Competentie,
    Feedback,
    Leerervaring,
    Voortgangsmeting,
    Zichtbaarheid,
)
from rapportage import services
from rapportage.bouwers import bouwer_voor
from rapportage.bouwers.leren import leerrapport
from rapportage.models import Formaat, Rapport, Soort
from rapportage.selectors_leren import leerbeeld
from tests.factories import UserFactory

# Words planted where the report must never look.
GEHEIM = {
    "prive_titel": "Zwanenhalsprive",
    "prive_reflectie": "Kwartelkoningprive",
    "coach_titel": "Rietzangercoach",
    "coach_reflectie": "Grutto-reflectie",
    "team_reflectie": "Tureluurteam",
    "prive_notitie": "Roerdompnotitie",
    "gedeelde_notitie": "Lepelaargedeeld",
    "actiepunt": "Kieviet-actiepunt",
    "feedback": "Scholeksterfeedback",
    "meting": "Oeverlopertoelichting",
}


def _tekst(document) -> str:
    delen: list[str] = []

    def lees(box) -> None:
        if isinstance(box, boxes.TextBox):
            delen.append(box.text)
        for kind in getattr(box, "children", ()):
            lees(kind)

    for pagina in document.pages:
        lees(pagina._page_box)
    return " ".join(delen)


@pytest.fixture
def pdf_tekst(monkeypatch):
    """After a build: the text of the pages of the PDF that was written."""
    documenten = []
    echt = weasyprint.HTML.render

    def render(self, *args, **kwargs):
        document = echt(self, *args, **kwargs)
        documenten.append(document)
        return document

    monkeypatch.setattr(weasyprint.HTML, "render", render)
    return lambda: _tekst(documenten[-1])


@pytest.fixture
def coachtraject(adviseur, coachee, regisseur):
    traject = Coachtraject.objects.create(
        titel="Coaching Coen",
        soort=Coachtraject.Soort.INDIVIDUEEL,
        coach=adviseur,
        opdrachtgever=regisseur,
        doelen="Sterker in netwerkregie.",
        afspraken="De opdrachtgever ziet alleen de voortgang.",
        deelt_voortgang=True,
        status=Coachtraject.Status.ACTIEF,
        start=date(2026, 9, 1),
    )
    traject.coachees.set([coachee])
    return traject


def _ervaring(auteur, zichtbaarheid, titel, reflectie, bron=Bron.ERVARING, minuten=None):
    return Leerervaring.objects.create(
        auteur=auteur,
        datum=date(2026, 10, 15),
        bron=bron,
        titel=titel,
        reflectie=reflectie,
        zichtbaarheid=zichtbaarheid,
        duur_minuten=minuten,
    )


@pytest.fixture
def geheimen(coachtraject, coachee, adviseur):
    """Every kind of content the report may not show, with a distinctive word each."""
    _ervaring(coachee, Zichtbaarheid.PRIVE, GEHEIM["prive_titel"], GEHEIM["prive_reflectie"])
    gedeeld = _ervaring(
        coachee,
        Zichtbaarheid.COACH,
        GEHEIM["coach_titel"],
        GEHEIM["coach_reflectie"],
        minuten=90,
    )
    _ervaring(
        coachee,
        Zichtbaarheid.TEAM,
        "Intervisie",
        GEHEIM["team_reflectie"],
        bron=Bron.SOCIAAL,
        minuten=30,
    )
    gesprek = Coachgesprek.objects.create(
        traject=coachtraject,
        datum=date(2026, 10, 20),
        gedeelde_notities=GEHEIM["gedeelde_notitie"],
        prive_notities=GEHEIM["prive_notitie"],
    )
    Actiepunt.objects.create(gesprek=gesprek, omschrijving=GEHEIM["actiepunt"], eigenaar=coachee)
    Feedback.objects.create(leerervaring=gedeeld, coach=adviseur, tekst=GEHEIM["feedback"])
    competentie = Competentie.objects.order_by("volgorde", "pk").first()
    for datum, door, beoordelaar, niveau in (
        (date(2026, 9, 10), Voortgangsmeting.Door.ZELF, coachee, 2),
        (date(2026, 11, 10), Voortgangsmeting.Door.ZELF, coachee, 4),
        (date(2026, 10, 1), Voortgangsmeting.Door.COACH, adviseur, 3),
    ):
        Voortgangsmeting.objects.create(
            persoon=coachee,
            competentie=competentie,
            niveau=niveau,
            door=door,
            beoordelaar=beoordelaar,
            datum=datum,
            toelichting=GEHEIM["meting"],
        )
    return competentie


def _rapport(traject, door, **velden) -> Rapport:
    return Rapport.objects.create(
        soort=Soort.LEREN, formaat=Formaat.PDF, traject=traject, aangevraagd_door=door, **velden
    )


def _bouw(rapport) -> tuple[bytes, str, list[int]]:
    uit = io.BytesIO()
    stappen: list[int] = []
    naam = leerrapport(rapport, uit, stappen.append)
    return uit.getvalue(), naam, stappen


# --- The builder ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_registered_for_pdf():
    assert bouwer_voor(Soort.LEREN, Formaat.PDF) is leerrapport


@pytest.mark.django_db
def test_the_pdf_shows_mix_and_levels_and_no_confidential_word(
    coachtraject, geheimen, adviseur, coachee, pdf_tekst
):
    inhoud, naam, stappen = _bouw(_rapport(coachtraject, adviseur))

    assert inhoud.startswith(b"%PDF")
    assert naam == f"leerrapport-coaching-coen-{timezone.localdate():%Y-%m-%d}.pdf"
    assert stappen == sorted(stappen)
    assert stappen[0] > 0 and stappen[-1] < 100
    tekst = pdf_tekst()
    assert "Coaching Coen" in tekst
    assert "Coen Coachee" in tekst
    assert "Ada Adviseur" in tekst
    assert "Sterker in netwerkregie." in tekst
    assert "De opdrachtgever ziet alleen de voortgang." in tekst
    # The mix: the coach entry (90 minutes) and the team entry (30), not the private one.
    assert "Ervaring in het werk (70)" in tekst
    assert "1 (50%)" in tekst or " 50%" in tekst
    assert "90" in tekst and "120" in tekst  # minutes: per source and in total
    # Levels: the competence with self 2 -> 4 and coach 3.
    assert geheimen.naam in tekst
    for woord in GEHEIM.values():
        assert woord not in tekst, woord
        assert woord.encode() not in inhoud, woord


@pytest.mark.django_db
def test_the_mix_counts_only_what_was_shared_with_the_coach(coachtraject, geheimen, coachee):
    beeld = leerbeeld(traject_id=coachtraject.pk, vandaag=date(2026, 11, 28))

    (regel,) = beeld.coachees
    assert beeld.deelt
    assert (beeld.van, beeld.tot) == (date(2026, 9, 1), date(2026, 11, 28))
    per_bron = {m.bron: (m.aantal, m.minuten) for m in regel.mix}
    assert per_bron == {Bron.ERVARING: (1, 90), Bron.SOCIAAL: (1, 30), Bron.FORMEEL: (0, 0)}
    assert [m.pct_tijd for m in regel.mix] == [75, 25, 0]
    (niveau,) = regel.niveaus
    assert (niveau.zelf_eerste, niveau.zelf_laatste) == (2, 4)
    assert (niveau.coach_eerste, niveau.coach_laatste) == (3, 3)
    assert niveau.aantal == 3


@pytest.mark.django_db
def test_the_period_of_the_request_limits_mix_and_levels(coachtraject, geheimen):
    beeld = leerbeeld(traject_id=coachtraject.pk, van=date(2026, 11, 1), tot=date(2026, 11, 30))
    (regel,) = beeld.coachees
    assert regel.aantal == 0
    (niveau,) = regel.niveaus
    assert (niveau.zelf_eerste, niveau.zelf_laatste, niveau.coach_laatste) == (4, 4, None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [Coachtraject.Status.AFGEROND, Coachtraject.Status.GEPAUZEERD, "intake"]
)
def test_a_trajectory_that_is_not_active_shares_no_mix_and_no_levels(
    coachtraject, geheimen, adviseur, status, pdf_tekst
):
    Coachtraject.objects.filter(pk=coachtraject.pk).update(status=status)
    beeld = leerbeeld(traject_id=coachtraject.pk)
    assert not beeld.deelt
    assert all(r.aantal == 0 and not r.niveaus for r in beeld.coachees)

    inhoud, _naam, _stappen = _bouw(_rapport(coachtraject, adviseur))
    tekst = pdf_tekst()
    assert inhoud.startswith(b"%PDF")
    assert "Coaching Coen" in tekst
    assert geheimen.naam not in tekst
    for woord in GEHEIM.values():
        assert woord not in tekst


@pytest.mark.django_db
def test_a_team_report_has_every_coachee_and_the_team(
    adviseur, coachee, ambtenaar, opgave, pdf_tekst
):
    traject = Coachtraject.objects.create(
        titel="Kernteam energietransitie",
        soort=Coachtraject.Soort.TEAM,
        coach=adviseur,
        opgave=opgave,
        doelen="Samen wendbaar sturen.",
        status=Coachtraject.Status.ACTIEF,
        start=date(2026, 9, 1),
    )
    traject.coachees.set([coachee, ambtenaar])
    _ervaring(coachee, Zichtbaarheid.TEAM, "Teamsessie", "Samen geleerd.", bron=Bron.SOCIAAL)
    _ervaring(ambtenaar, Zichtbaarheid.COACH, "Cursus", "Netwerkregie.", bron=Bron.FORMEEL)

    beeld = leerbeeld(traject_id=traject.pk)
    assert [m.aantal for m in beeld.team_mix] == [0, 1, 1]

    _bouw(_rapport(traject, adviseur))
    tekst = pdf_tekst()
    assert "Anouk Ambtenaar" in tekst and "Coen Coachee" in tekst
    assert opgave.titel in tekst
    assert "Teamsessie" not in tekst and "Samen geleerd." not in tekst


@pytest.mark.django_db
def test_queries_do_not_grow_with_coachees_entries_and_assessments(adviseur):
    competenties = list(Competentie.objects.order_by("pk")[:3])

    def traject_met(aantal: int) -> Coachtraject:
        traject = Coachtraject.objects.create(
            titel=f"Team van {aantal}",
            soort=Coachtraject.Soort.TEAM,
            coach=adviseur,
            doelen="Doelen.",
            status=Coachtraject.Status.ACTIEF,
            start=date(2026, 1, 1),
        )
        leden = [UserFactory(rollen=[Rol.AMBTENAAR]) for _ in range(aantal)]
        traject.coachees.set(leden)
        for lid in leden:
            for bron in Bron.values:
                _ervaring(lid, Zichtbaarheid.COACH, "T", "R", bron=bron, minuten=10)
            for competentie in competenties:
                Voortgangsmeting.objects.create(
                    persoon=lid,
                    competentie=competentie,
                    niveau=3,
                    door=Voortgangsmeting.Door.COACH,
                    beoordelaar=adviseur,
                    datum=date(2026, 6, 1),
                )
        return traject

    klein, groot = traject_met(1), traject_met(6)
    tellingen = []
    for traject in (klein, groot):
        with CaptureQueriesContext(connection) as vastgelegd:
            beeld = leerbeeld(traject_id=traject.pk)
        tellingen.append(len(vastgelegd))
    assert tellingen[0] == tellingen[1] <= 4
    assert len(beeld.coachees) == 6
    assert all(len(c.niveaus) == 3 and c.aantal == 3 for c in beeld.coachees)


# --- Through the engine and the pages --------------------------------------------------------


@pytest.mark.django_db
def test_requested_and_built_by_the_engine(coachtraject, geheimen, adviseur):
    rapport = services.rapport_aanvragen(
        door=adviseur, soort=Soort.LEREN, formaat=Formaat.PDF, traject=coachtraject
    )
    assert services.rapport_bouwen(rapport_id=rapport.pk)
    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.KLAAR
    assert rapport.bestandsnaam.startswith("leerrapport-coaching-coen-")
    with rapport.bestand.open("rb") as bestand:
        assert bestand.read(4) == b"%PDF"
    rapport.bestand.delete(save=False)


def _traject_pagina(client, user, traject) -> str:
    client.force_login(user)
    response = client.get(reverse("leren:traject", kwargs={"pk": traject.pk}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_coach_finds_the_link_on_the_trajectory_page(client, coachtraject, adviseur):
    link = f"{reverse('rapportage:aanvragen')}?soort=leerrapport&amp;traject={coachtraject.pk}"
    assert link in _traject_pagina(client, adviseur, coachtraject)
    response = client.get(
        reverse("rapportage:aanvragen"), {"soort": "leerrapport", "traject": coachtraject.pk}
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_link_follows_can_request(client, coachtraject, regisseur):
    link = f"soort=leerrapport&amp;traject={coachtraject.pk}"
    # The opdrachtgever reads the report while the agreement shares progress...
    assert link in _traject_pagina(client, regisseur, coachtraject)
    # ...and not when it does not.
    Coachtraject.objects.filter(pk=coachtraject.pk).update(deelt_voortgang=False)
    assert link not in _traject_pagina(client, regisseur, coachtraject)
    response = client.get(
        reverse("rapportage:aanvragen"), {"soort": "leerrapport", "traject": coachtraject.pk}
    )
    assert response.status_code == 404
