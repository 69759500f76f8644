"""The figures of the portfolio (``rapportage.selectors_portfolio``) for known data:
the RAG rule, budget, participation, overdue commitments, the filters and the charts'
numbers. (Helper "portfolio".)"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from budget.models import Budgetpot
from opgaven.models import Doel, Fase, Gebied, Opgave, Thema, Toezegging
from opgaven.selectors.krachtenveld import is_verlopen
from participatie.models import Inbreng, Ronde
from rapportage import selectors_portfolio as sp
from rapportage.models import Doelstatus
from tests.factories import OpgaveFactory

pytestmark = pytest.mark.django_db

ROOD, ORANJE, GROEN = Doelstatus.Kleur.ROOD, Doelstatus.Kleur.ORANJE, Doelstatus.Kleur.GROEN


def status(doel: Doel, kleur: str, dagen_geleden: int) -> Doelstatus:
    """A status of ``doel`` set ``dagen_geleden`` days ago."""
    gezet = Doelstatus.objects.create(doel=doel, kleur=kleur, toelichting="Zo staat het ervoor.")
    Doelstatus.objects.filter(pk=gezet.pk).update(
        gezet_op=timezone.now() - timedelta(days=dagen_geleden)
    )
    return gezet


def rij(opgave: Opgave) -> Opgave:
    return sp.portfolio_opgaven().get(pk=opgave.pk)


# --- RAG -------------------------------------------------------------------------------------


def test_rag_is_none_without_any_status(opgave):
    Doel.objects.create(opgave=opgave, titel="Minder gasverbruik")
    assert rij(opgave).rag is None


def test_rag_takes_the_newest_status_of_each_goal(opgave):
    doel = Doel.objects.create(opgave=opgave, titel="Minder gasverbruik")
    status(doel, ROOD, dagen_geleden=20)
    status(doel, GROEN, dagen_geleden=2)  # the newest counts: red is history
    assert rij(opgave).rag == GROEN


def test_rag_is_the_worst_current_status_over_the_goals(opgave, andere_opgave):
    eerste = Doel.objects.create(opgave=opgave, titel="Minder gasverbruik")
    tweede = Doel.objects.create(opgave=opgave, titel="Meer zonnepanelen")
    derde = Doel.objects.create(opgave=opgave, titel="Warmtenet")
    status(eerste, GROEN, dagen_geleden=1)
    status(tweede, ROOD, dagen_geleden=30)
    status(tweede, ORANJE, dagen_geleden=3)
    status(derde, GROEN, dagen_geleden=5)
    # Another opgave's red goal does not colour this one.
    status(Doel.objects.create(opgave=andere_opgave, titel="Anders"), ROOD, dagen_geleden=1)
    assert rij(opgave).rag == ORANJE
    assert rij(andere_opgave).rag == ROOD


# --- Key figures ----------------------------------------------------------------------------


def test_budget_comes_from_the_pots_running_totals(budgetpot, andere_opgave):
    Budgetpot.objects.filter(pk=budgetpot.pk).update(
        toegewezen=Decimal("20000.00"), besteed=Decimal("12000.00")
    )
    met_pot = rij(budgetpot.opgave)
    assert met_pot.heeft_pot is True
    assert (met_pot.bijgedragen, met_pot.toegewezen, met_pot.besteed) == (
        Decimal("80000.00"),
        Decimal("20000.00"),
        Decimal("12000.00"),
    )
    assert met_pot.besteed_pct == 15  # 12.000 of 80.000
    zonder = rij(andere_opgave)
    assert zonder.heeft_pot is False
    assert (zonder.bijgedragen, zonder.besteed, zonder.besteed_pct) == (0, 0, None)


def test_participation_counts_recent_inputs_and_open_rounds(
    opgave, ronde, inbreng, concept_ronde, inwoner
):
    from participatie.services import inbreng_indienen

    oud = inbreng_indienen(
        ronde=ronde, auteur=inwoner, soort="zorg", titel="Oud", tekst="Van lang geleden."
    )
    Inbreng.objects.filter(pk=oud.pk).update(aangemaakt_op=timezone.now() - timedelta(days=31))
    inbreng_indienen(ronde=ronde, auteur=inwoner, soort="vraag", titel="Nieuw", tekst="Net.")
    # Hidden later by a moderator: still counts as activity (an index-only count).
    verborgen = inbreng_indienen(
        ronde=ronde, auteur=inwoner, soort="idee", titel="Verborgen", tekst="Reclame."
    )
    Inbreng.objects.filter(pk=verborgen.pk).update(verborgen_op=timezone.now())
    gesloten = Ronde.objects.create(
        opgave=opgave,
        titel="Gesloten ronde",
        slug="gesloten-ronde",
        vraag="?",
        invloedsruimte="-",
        trede="raadplegen",
        start=ronde.start,
        eind=ronde.eind,
        status=Ronde.Status.GESLOTEN,
        aangemaakt_door=ronde.aangemaakt_door,
    )
    Inbreng.objects.create(
        ronde=gesloten, auteur=inwoner, soort="idee", titel="In een gesloten ronde", tekst="."
    )
    gevonden = rij(opgave)
    # inbreng, "Nieuw", "Verborgen" and the one in the closed round; not the one of
    # 31 days ago.
    assert gevonden.inbreng_recent == 4
    # The open round; not the draft nor the closed one.
    assert gevonden.rondes_open == 1


def test_overdue_commitments_follow_is_verlopen(opgave, regisseur):
    vandaag = timezone.localdate()
    maak = [
        (vandaag - timedelta(days=1), Toezegging.Status.OPEN),  # overdue
        (vandaag - timedelta(days=9), Toezegging.Status.OPEN),  # overdue
        (vandaag, Toezegging.Status.OPEN),  # due today: not yet
        (vandaag + timedelta(days=5), Toezegging.Status.OPEN),
        (vandaag - timedelta(days=3), Toezegging.Status.NAGEKOMEN),
        (vandaag - timedelta(days=3), Toezegging.Status.VERVALLEN),
    ]
    toezeggingen = [
        Toezegging.objects.create(
            opgave=opgave, omschrijving=f"T{i}", eigenaar=regisseur, deadline=d, status=s
        )
        for i, (d, s) in enumerate(maak)
    ]
    verwacht = sum(is_verlopen(t, vandaag) for t in toezeggingen)
    assert verwacht == 2
    assert rij(opgave).toezeggingen_verlopen == verwacht


# --- Filters ----------------------------------------------------------------------------------


@pytest.fixture
def drie(regisseur):
    """Three opgaven: with themes, areas and RAG statuses to filter on."""
    wijk = Gebied.objects.create(naam="Noorderpolder", code="WK000102", niveau="WK")
    buurt = Gebied.objects.create(naam="Molenbuurt", code="BU00010201", niveau="BU", ligt_in=wijk)
    elders = Gebied.objects.create(naam="Centrum", code="WK000101", niveau="WK")
    energie = Thema.objects.create(naam="Energie", slug="energie")
    zorg = Thema.objects.create(naam="Zorg", slug="zorg")
    warmte = OpgaveFactory(titel="Warmtenet Noorderpolder", fase=Fase.UITVOEREN)
    warmte.themas.add(energie)
    warmte.gebieden.add(buurt)
    eenzaam = OpgaveFactory(titel="Samen tegen eenzaamheid", fase=Fase.DELEN)
    eenzaam.themas.add(zorg)
    eenzaam.gebieden.add(elders)
    station = OpgaveFactory(titel="Stationsgebied", fase=Fase.DELEN)
    status(Doel.objects.create(opgave=warmte, titel="Doel"), ROOD, dagen_geleden=1)
    status(Doel.objects.create(opgave=eenzaam, titel="Doel"), GROEN, dagen_geleden=1)
    return {
        "warmte": warmte,
        "eenzaam": eenzaam,
        "station": station,
        "wijk": wijk,
        "buurt": buurt,
        "energie": energie,
    }


def titels(**filters) -> list[str]:
    return [o.titel for o in sp.portfolio_opgaven(**filters)]


def test_filters(drie):
    alle = ["Samen tegen eenzaamheid", "Stationsgebied", "Warmtenet Noorderpolder"]
    assert titels() == alle
    assert titels(fase=Fase.DELEN) == ["Samen tegen eenzaamheid", "Stationsgebied"]
    assert titels(thema=drie["energie"]) == ["Warmtenet Noorderpolder"]
    # A wijk finds the opgaven of its buurten.
    assert titels(gebied=drie["wijk"]) == ["Warmtenet Noorderpolder"]
    assert titels(gebied=drie["buurt"]) == ["Warmtenet Noorderpolder"]
    assert titels(rag=ROOD) == ["Warmtenet Noorderpolder"]
    assert titels(rag=GROEN) == ["Samen tegen eenzaamheid"]
    assert titels(rag=ORANJE) == []
    assert titels(rag=sp.GEEN_STATUS) == ["Stationsgebied"]
    # The title, case-insensitive, a part of a word too; not the question at stake.
    assert titels(zoekterm="  STATION ") == ["Stationsgebied"]
    assert titels(zoekterm="Vraagstuk") == []
    assert titels(fase=Fase.DELEN, rag=GROEN, zoekterm="samen") == ["Samen tegen eenzaamheid"]


def test_opgaven_per_fase_counts_per_rag(drie):
    rijen = {rij.fase: rij for rij in sp.opgaven_per_fase(sp.opgaven_gefilterd())}
    assert list(rijen) == [fase for fase, _label in Fase.choices]
    assert rijen[Fase.DELEN].per_rag == {ROOD: 0, ORANJE: 0, GROEN: 1, sp.GEEN_STATUS: 1}
    assert rijen[Fase.UITVOEREN].aantallen == [1, 0, 0, 0]
    assert rijen[Fase.VERKENNEN].totaal == 0
    assert sum(r.totaal for r in rijen.values()) == 3
    # The filters apply to the chart too.
    gefilterd = {r.fase: r.totaal for r in sp.opgaven_per_fase(sp.opgaven_gefilterd(rag=ROOD))}
    assert gefilterd[Fase.UITVOEREN] == 1
    assert sum(gefilterd.values()) == 1


def test_budget_top_largest_first_and_at_most_n(gemeente):
    opgaven = [OpgaveFactory(titel=f"Opgave met pot {i}") for i in range(4)]
    for i, opgave in enumerate(opgaven):
        Budgetpot.objects.create(
            opgave=opgave,
            naam=f"Pot {i}",
            kassier=gemeente,
            begin=timezone.localdate(),
            eind=timezone.localdate(),
            bijgedragen=Decimal(1000 * (i + 1)),
            toegewezen=Decimal(500),
            besteed=Decimal(100 * i),
        )
    Budgetpot.objects.filter(opgave=opgaven[0]).update(
        bijgedragen=0, toegewezen=0, besteed=0
    )  # an empty pot is left out
    top = sp.budget_top(sp.opgaven_gefilterd(), aantal=2)
    assert [r.titel for r in top] == ["Opgave met pot 3", "Opgave met pot 2"]
    assert (top[0].bijgedragen, top[0].toegewezen, top[0].besteed) == (
        Decimal(4000),
        Decimal(500),
        Decimal(300),
    )
    assert len(sp.budget_top(sp.opgaven_gefilterd())) == 3
