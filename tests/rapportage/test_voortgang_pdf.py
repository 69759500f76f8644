"""The progress report (voortgangsrapportage) of an opgave as PDF (issue 9 point 2).
(Helper "voortgang".)

The selectors per section (what they count and leave out), a constant number of
queries however many actions and inputs there are, the PDF's laid-out text (no
resident named), the whole job through ``rapport_bouwen``, and the demo.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from opgaven.models import Actie, Betrokkenheid, Doel, FaseOvergang, Opgave, PlanVanAanpak, Positie
from opgaven.services.doelen import doel_create, indicator_create, meting_create
from participatie.models import Inbreng
from rapportage import bouwers
from rapportage import selectors_voortgang as selectors
from rapportage.models import Doelstatus, Formaat, Rapport, Soort
from rapportage.services import rapport_bouwen
from rapportage.services_doelstatus import doelstatus_zetten
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def pdf_tekst(monkeypatch):
    """The text WeasyPrint laid out for the last PDF, page by page (no pypdf here)."""
    import weasyprint

    paginas: list[str] = []
    origineel = weasyprint.HTML.render

    def render(self, *args, **kwargs):
        document = origineel(self, *args, **kwargs)
        paginas[:] = [
            " ".join(" ".join(_teksten(pagina._page_box)).replace("\u00a0", " ").split())
            for pagina in document.pages
        ]
        return document

    monkeypatch.setattr(weasyprint.HTML, "render", render)
    return paginas


def _teksten(box):
    if getattr(box, "text", None):
        yield box.text
    for kind in getattr(box, "children", ()):
        yield from _teksten(kind)


def _bouw(opgave: Opgave) -> tuple[bytes, str, list[int]]:
    rapport = Rapport(soort=Soort.VOORTGANG, formaat=Formaat.PDF, opgave=opgave)
    uit = io.BytesIO()
    stappen: list[int] = []
    bouw = bouwers.bouwer_voor(Soort.VOORTGANG, Formaat.PDF)
    naam = bouw(rapport, uit, stappen.append)
    return uit.getvalue(), naam, stappen


def _doelen(opgave: Opgave, regisseur) -> list[Doel]:
    effect = doel_create(opgave=opgave, titel="Wonen zonder aardgas", soort=Doel.Soort.EFFECT)
    isoleren = doel_create(opgave=opgave, titel="Woningen geïsoleerd", bovenliggend=effect)
    advies = doel_create(opgave=opgave, titel="Bewoners goed geadviseerd", bovenliggend=effect)
    indicator = indicator_create(
        doel=isoleren,
        naam="Geïsoleerde woningen",
        eenheid="woningen",
        nulmeting=D(0),
        streefwaarde=D(2000),
        streefdatum=date(2030, 12, 31),
    )
    meting_create(indicator=indicator, datum=date(2026, 3, 1), waarde=D(120))
    meting_create(indicator=indicator, datum=date(2026, 6, 1), waarde=D(340))
    doelstatus_zetten(
        doel=isoleren, kleur="rood", toelichting="Eerst te weinig aannemers.", door=regisseur
    )
    Doelstatus.objects.update(gezet_op=timezone.now() - timedelta(days=60))
    doelstatus_zetten(
        doel=isoleren,
        kleur="groen",
        toelichting="Met een tweede aannemer ligt het isoleren op schema.",
        door=regisseur,
    )
    doelstatus_zetten(
        doel=advies, kleur="oranje", toelichting="Te weinig energiecoaches.", door=regisseur
    )
    return [effect, isoleren, advies]


def _acties(opgave: Opgave, organisatie, aantal: int, plan: PlanVanAanpak | None = None):
    plan = plan or PlanVanAanpak.objects.get_or_create(opgave=opgave, versie=1)[0]
    statussen = Actie.Status.values
    Actie.objects.bulk_create(
        Actie(
            opgave=opgave,
            plan=plan,
            titel=f"Actie {plan.versie}.{i}",
            trekker=organisatie,
            status=statussen[i % len(statussen)],
        )
        for i in range(aantal)
    )
    return plan


def _inbreng(ronde, aantal: int) -> list[Inbreng]:
    from participatie.services import deelnemen, inbreng_indienen

    items = []
    for i in range(aantal):
        bewoner = UserFactory(weergavenaam=f"Bewoner {i}", email=f"bewoner{i}@example.org")
        deelnemen(ronde=ronde, user=bewoner)
        items.append(
            inbreng_indienen(
                ronde=ronde, auteur=bewoner, soort="idee", titel=f"Idee {i}", tekst="Een idee."
            )
        )
    return items


# --- The sections ---------------------------------------------------------------------


def test_actions_come_from_the_newest_plan_counted_per_status(opgave, organisatie):
    _acties(opgave, organisatie, 3)  # version 1: copied into version 2, so not counted
    nieuw = PlanVanAanpak.objects.create(opgave=opgave, versie=2)
    _acties(opgave, organisatie, 7, plan=nieuw)

    acties = selectors.acties_van_opgave(opgave=opgave)

    assert acties.plan == nieuw
    assert acties.totaal == 7 == len(acties.regels)
    assert {s: n for s, _label, n in acties.per_status} == {
        "gepland": 2,
        "bezig": 2,
        "gereed": 1,
        "geblokkeerd": 1,
        "vervallen": 1,
    }
    assert [r.status for r in acties.regels] == [
        "gepland", "gepland", "bezig", "bezig", "gereed", "geblokkeerd", "vervallen"
    ]  # fmt: skip
    assert {r.trekker for r in acties.regels} == {"Woonstichting Demodam"}


def test_an_opgave_without_a_plan_has_no_actions(opgave):
    acties = selectors.acties_van_opgave(opgave=opgave)
    assert (acties.plan, acties.totaal, acties.regels) == (None, 0, [])


def test_participation_counts_participants_visible_inputs_and_feedback(
    opgave, ronde, inbreng, regisseur, concept_ronde
):
    from participatie.services import terugkoppelen

    extra = _inbreng(ronde, 3)
    Inbreng.objects.filter(pk=extra[0].pk).update(verborgen_op=timezone.now())  # hidden
    terugkoppelen(inbreng=inbreng, door=regisseur, status="overgenomen", motivering="Komt er.")
    terugkoppelen(inbreng=extra[0], door=regisseur, status="overgenomen", motivering="Verborgen.")

    rondes = {r.titel: r for r in selectors.participatie_van(opgave=opgave).rondes}

    open_ronde = rondes[ronde.titel]
    assert (open_ronde.deelnemers, open_ronde.inbreng, open_ronde.teruggekoppeld) == (4, 3, 1)
    assert open_ronde.zonder_terugkoppeling == 2
    concept = rondes[concept_ronde.titel]
    assert (concept.deelnemers, concept.inbreng, concept.teruggekoppeld) == (0, 0, 0)
    assert concept.status_label == "Ontwerp"


def test_budget_per_partner_contributed_and_what_its_actions_got(
    opgave, budgetpot, actie, regisseur, partner_lid
):
    from budget.models import Goedkeuring
    from budget.services import toewijzing_beantwoorden, toewijzing_voorstellen, uitgave_boeken

    toewijzing = toewijzing_voorstellen(
        pot=budgetpot, actie=actie, bedrag=D("1000.00"), door=regisseur
    )
    for goedkeuring in toewijzing.goedkeuringen.filter(besluit=Goedkeuring.Besluit.OPEN):
        door = partner_lid if goedkeuring.organisatie.naam == "Woonstichting Demodam" else regisseur
        toewijzing = toewijzing_beantwoorden(goedkeuring=goedkeuring, akkoord=True, door=door)
    uitgave_boeken(
        toewijzing=toewijzing,
        bedrag=D("100.00"),
        datum=date(2026, 3, 1),
        omschrijving="Factuur",
        door=regisseur,
    )

    budget = selectors.budget_van(opgave=opgave)

    rijen = {p.naam: (p.bijgedragen, p.ontvangen, p.toegewezen, p.besteed) for p in budget.partners}
    assert rijen == {
        "Gemeente Demodam": (D("50000.00"), D("50000.00"), D(0), D(0)),
        "Woonstichting Demodam": (D("30000.00"), D(0), D("1000.00"), D("100.00")),
    }
    assert (budget.bijgedragen, budget.toegewezen, budget.besteed) == (
        D("80000.00"),
        D("1000.00"),
        D("100.00"),
    )


def test_no_pot_no_budget(opgave):
    assert selectors.budget_van(opgave=opgave) is None


def test_the_field_of_forces_places_the_latest_position_by_power_and_attitude(
    opgave, organisatie, gemeente
):
    betrokkenheid = Betrokkenheid.objects.get(opgave=opgave, organisatie=organisatie)
    for datum, invloed, houding in [(date(2026, 1, 1), 2, -2), (date(2026, 5, 1), 4, 1)]:
        Positie.objects.create(
            opgave=opgave,
            betrokkenheid=betrokkenheid,
            datum=datum,
            invloed=invloed,
            belang=5,
            houding=houding,
        )

    veld = selectors.krachtenveld_van(opgave=opgave)

    assert [h for h, _label in veld.kolommen] == [-2, -1, 0, 1, 2]
    raster = dict(veld.rijen)
    assert list(raster) == [5, 4, 3, 2, 1]
    assert raster[4][3] == ["Woonstichting Demodam"]  # power 4, attitude +1
    assert sum(len(namen) for cellen in raster.values() for namen in cellen) == 1
    regels = {r.naam: r for r in veld.regels}
    assert regels["Gemeente Demodam"].invloed is None  # involved, no position yet
    assert (regels["Woonstichting Demodam"].kwadrant, veld.met_positie) == ("Nauw betrekken", 1)


def test_goals_carry_their_newest_status(opgave, regisseur):
    effect, isoleren, advies = _doelen(opgave, regisseur)
    doelen = selectors.doelen_met_status(opgave=opgave)
    kleuren = {r.knoop.pk: (r.status.kleur if r.status else None) for r in doelen.regels}
    assert kleuren == {effect.pk: None, isoleren.pk: "groen", advies.pk: "oranje"}
    assert [(k, n) for k, _label, n in doelen.per_kleur] == [
        ("rood", 0),
        ("oranje", 1),
        ("groen", 1),
        ("geen", 1),
    ]


# --- Queries and the PDF --------------------------------------------------------------


def test_the_report_costs_the_same_queries_for_few_or_many_actions_and_inputs(
    opgave, organisatie, regisseur, ronde, inbreng, budgetpot, actie
):
    _doelen(opgave, regisseur)

    def tellen() -> int:
        with CaptureQueriesContext(connection) as queries:
            _bouw(opgave)
        return len(queries)

    weinig = tellen()
    _acties(opgave, organisatie, 40, plan=actie.plan)
    _inbreng(ronde, 6)
    FaseOvergang.objects.create(
        opgave=opgave, van="vormgeven", naar="uitvoeren", door=regisseur, reden="Klaar."
    )
    assert tellen() == weinig
    assert weinig <= 15


def test_the_pdf_answers_the_three_questions_without_naming_residents(
    opgave, organisatie, regisseur, ronde, inbreng, inwoner, budgetpot, actie, pdf_tekst
):
    _doelen(opgave, regisseur)
    FaseOvergang.objects.create(
        opgave=opgave,
        van="vormgeven",
        naar="uitvoeren",
        door=regisseur,
        reden="Alle partners stemden in met het plan.",
    )
    Positie.objects.create(
        opgave=opgave,
        betrokkenheid=Betrokkenheid.objects.get(opgave=opgave, organisatie=organisatie),
        datum=date(2026, 5, 1),
        invloed=4,
        belang=5,
        houding=2,
    )
    from opgaven.models import Besluit

    Besluit.objects.create(
        opgave=opgave,
        datum=date(2026, 7, 1),
        orgaan=Besluit.Orgaan.GEMEENTERAAD,
        titel="Krediet voor isolatie",
        motivering="De raad stelt het krediet beschikbaar.",
    )

    inhoud, naam, stappen = _bouw(opgave)

    assert inhoud.startswith(b"%PDF")
    vandaag = f"{timezone.localdate():%Y-%m-%d}"
    assert naam == f"voortgangsrapportage-energietransitie-demodam-noord-{vandaag}.pdf"
    assert stappen == sorted(stappen) and all(0 <= s < 100 for s in stappen) and len(stappen) >= 4
    tekst = " ".join(pdf_tekst)
    for verwacht in (
        "Energietransitie Demodam-Noord",
        "Alle partners stemden in met het plan.",  # phase history
        "Wat wilden we bereiken?",
        "Met een tweede aannemer ligt het isoleren op schema.",  # the newest status counts
        "Te weinig energiecoaches.",
        "Geïsoleerde woningen",  # indicator, with its measurements in a table
        "340",
        "Wat hebben we gedaan?",
        "Isolatie van 300 huurwoningen",  # the action
        "Samen tegen eenzaamheid in Noorderpolder",  # the round, with its numbers
        "Krediet voor isolatie",  # the decision
        "Wat heeft het gekost?",
        "€ 80.000,00",  # contributed in total
        "€ 50.000,00",
        "Krachtenveld",
        "Woonstichting Demodam",
    ):
        assert verwacht in tekst, verwacht
    assert "Eerst te weinig aannemers." not in tekst  # replaced by the newer status
    # Residents are numbers only: no name, no e-mail address, no text of their input.
    for persoonlijk in (inwoner.weergavenaam, inwoner.email, inbreng.titel):
        assert persoonlijk not in tekst


def test_an_empty_opgave_still_gets_a_report(andere_opgave, pdf_tekst):
    inhoud, _naam, _stappen = _bouw(andere_opgave)
    assert inhoud.startswith(b"%PDF")
    tekst = " ".join(pdf_tekst)
    assert "Deze opgave heeft nog geen doelen." in tekst
    assert "Deze opgave heeft nog geen plan van aanpak." in tekst
    assert "Deze opgave heeft geen gezamenlijk budget." in tekst


def test_the_job_builds_the_pdf_in_the_background_and_ends_ready(opgave, regisseur, actie):
    from rapportage.services import rapport_aanvragen

    rapport = rapport_aanvragen(
        door=regisseur, soort=Soort.VOORTGANG, formaat=Formaat.PDF, opgave=opgave
    )
    assert rapport_bouwen(rapport_id=rapport.pk) is True
    rapport.refresh_from_db()
    assert (rapport.status, rapport.voortgang) == (Rapport.Status.KLAAR, 100)
    assert rapport.bestandsnaam.startswith("voortgangsrapportage-energietransitie-demodam-noord-")
    with rapport.bestand.open("rb") as bestand:
        assert bestand.read(5) == b"%PDF-"


# --- The demo -------------------------------------------------------------------------


def test_every_demo_opgave_gets_goal_statuses_and_a_report(pdf_tekst):
    from rapportage import demo

    call_command("demo", verbosity=0)  # seeds the statuses too (rapportage.demo)
    gezet = Doelstatus.objects.count()
    assert gezet >= 12
    assert demo.seed() == 0  # idempotent
    assert Doelstatus.objects.count() == gezet

    for titel, per_doel in demo.STATUSSEN.items():
        opgave = Opgave.objects.get(titel=titel)
        statussen = {s.doel.titel: s for s in Doelstatus.objects.filter(doel__opgave=opgave)}
        assert set(statussen) == set(per_doel) == set(opgave.doelen.values_list("titel", flat=True))
        inhoud, _naam, _stappen = _bouw(opgave)
        assert inhoud.startswith(b"%PDF")
        tekst = " ".join(pdf_tekst)
        for doel, historie in per_doel.items():
            laatste = historie[-1][2]
            assert laatste[:40] in tekst, (titel, doel)
