"""Services of the participatory budget: set-up, proposals, ballots, codes, result."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from meldingen.models import Melding, Soort
from opgaven.models import Gebied
from participatie.models import Begroting, Stembiljet, Stemcode, Stemkeuze, Voorstel
from participatie.services import deelnemen
from participatie.services_begroting import (
    begroting_instellen,
    code_hash,
    fase_wijzigen,
    keuze_toevoegen,
    keuze_verwijderen,
    stembiljet_bevestigen,
    stembiljet_herinneringen,
    stembiljet_openen,
    stemcode_controleren,
    stemcodes_maken,
    stemmingen_sluiten,
    uitslag_berekenen,
    voorstel_beoordelen,
    voorstel_bijwerken,
    voorstel_gerealiseerd,
    voorstel_indienen,
    voorstel_uitvoeren,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _voorstellen(begroting):
    return {v.titel: v for v in begroting.voorstellen.all()}


def _stem(begroting, user, *titels, bevestigen=True):
    biljet = stembiljet_openen(begroting=begroting, user=user)
    voorstellen = _voorstellen(begroting)
    for titel in titels:
        biljet = keuze_toevoegen(stembiljet=biljet, voorstel=voorstellen[titel])
    if bevestigen:
        biljet = stembiljet_bevestigen(stembiljet=biljet)
    return biljet


def _kiezer(begroting):
    user = UserFactory()
    deelnemen(ronde=begroting.ronde, user=user)
    return user


# --- Set-up and proposals ---------------------------------------------------------------


def test_begroting_instellen_zet_de_methode_aan(begroting):
    assert begroting.ronde.met_burgerbegroting
    assert begroting.fase == Begroting.Fase.INDIENEN
    assert begroting.max_keuzes is None


def test_approval_vraagt_een_maximum(begroting):
    with pytest.raises(ValidationError) as fout:
        begroting_instellen(ronde=begroting.ronde, stemregel="approval", max_keuzes=None)
    assert "max_keuzes" in fout.value.message_dict
    begroting.refresh_from_db()
    assert begroting.stemregel == "knapsack"


def test_deelbudgetten_tellen_op_tot_het_totaal(begroting):
    wijken = list(Gebied.objects.filter(niveau=Gebied.Niveau.WIJK)[:2])
    with pytest.raises(ValidationError) as fout:
        begroting_instellen(ronde=begroting.ronde, deelbudgetten=[(wijken[0], Decimal(4000))])
    assert "€\xa04.000,00" in fout.value.messages[0]
    assert not begroting.deelbudgetten.exists()
    begroting_instellen(
        ronde=begroting.ronde,
        deelbudgetten=[(wijken[0], Decimal(6000)), (wijken[1], Decimal(4000))],
    )
    assert begroting.deelbudgetten.count() == 2


def test_voorstel_in_een_wijk_zonder_deelbudget_wordt_geweigerd(begroting, inwoner):
    wijken = list(Gebied.objects.filter(niveau=Gebied.Niveau.WIJK)[:2])
    begroting_instellen(ronde=begroting.ronde, deelbudgetten=[(wijken[0], Decimal(10000))])
    with pytest.raises(ValidationError) as fout:
        voorstel_indienen(
            begroting=begroting,
            indiener=inwoner,
            titel="Speeltuin",
            beschrijving="Een speeltuin.",
            geraamde_kosten=Decimal(100),
            gebied=wijken[1],
        )
    assert "gebied" in fout.value.message_dict
    buurt = Gebied.objects.filter(ligt_in=wijken[0]).first()
    voorstel = voorstel_indienen(
        begroting=begroting,
        indiener=inwoner,
        titel="Speeltuin",
        beschrijving="Een speeltuin.",
        geraamde_kosten=Decimal(100),
        gebied=buurt or wijken[0],
    )
    assert voorstel.deelbudget.gebied == wijken[0]


def test_voorstel_duurder_dan_het_budget_wordt_geweigerd(begroting, inwoner):
    with pytest.raises(ValidationError):
        voorstel_indienen(
            begroting=begroting,
            indiener=inwoner,
            titel="Nieuw zwembad",
            beschrijving="Groot.",
            geraamde_kosten=Decimal("10000.01"),
        )
    assert not Voorstel.objects.exists()


def test_beoordelen_vraagt_kosten_en_motivering(voorstel, regisseur):
    with pytest.raises(ValidationError) as fout:
        voorstel_beoordelen(voorstel=voorstel, door=regisseur, haalbaar=True, motivering="")
    assert "motivering" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        voorstel_beoordelen(voorstel=voorstel, door=regisseur, haalbaar=True, motivering="Ok")
    assert "kosten" in fout.value.message_dict
    voorstel = voorstel_beoordelen(
        voorstel=voorstel, door=regisseur, haalbaar=False, motivering="Dit is provinciegrond."
    )
    assert voorstel.status == Voorstel.Status.NIET_HAALBAAR
    assert voorstel.kosten is None


def test_beoordeeld_voorstel_is_niet_meer_te_wijzigen(voorstel, regisseur):
    voorstel_beoordelen(
        voorstel=voorstel, door=regisseur, haalbaar=True, kosten=Decimal(4500), motivering="Ok"
    )
    with pytest.raises(ValidationError):
        voorstel_bijwerken(voorstel=voorstel, titel="Anders")
    assert Voorstel.objects.get(pk=voorstel.pk).titel == "Bankjes langs de singel"


def test_stemmen_opent_pas_als_alles_beoordeeld_is(begroting, voorstel, regisseur, inwoner):
    begroting = fase_wijzigen(begroting=begroting, naar="haalbaarheid", door=regisseur)
    with pytest.raises(ValidationError) as fout:
        fase_wijzigen(begroting=begroting, naar="stemmen", door=regisseur)
    assert fout.value.code == "niet_beoordeeld"
    voorstel_beoordelen(
        voorstel=voorstel, door=regisseur, haalbaar=True, kosten=Decimal(4500), motivering="Ok"
    )
    begroting = fase_wijzigen(begroting=begroting, naar="stemmen", door=regisseur)
    voorstel.refresh_from_db()
    assert voorstel.status == Voorstel.Status.OP_STEMBILJET
    assert Melding.objects.filter(soort=Soort.STEMMEN_OPEN, ontvanger=inwoner).count() == 1


def test_de_uitslag_is_geen_gewone_fase(stemming, regisseur):
    with pytest.raises(ValidationError):
        fase_wijzigen(begroting=stemming, naar="uitslag", door=regisseur)


# --- Ballots ------------------------------------------------------------------------------


def test_knapsack_weigert_wat_niet_past_en_zegt_waarom(stemming, inwoner):
    biljet = _stem(stemming, inwoner, "Project 1", bevestigen=False)
    with pytest.raises(ValidationError) as fout:
        keuze_toevoegen(stembiljet=biljet, voorstel=_voorstellen(stemming)["Project 2"])
    assert "€\xa05.000,00" in fout.value.messages[0]
    assert "€\xa04.000,00" in fout.value.messages[0]
    biljet = keuze_toevoegen(stembiljet=biljet, voorstel=_voorstellen(stemming)["Project 3"])
    assert biljet.concept_totaal == Decimal(9000)
    assert biljet.concept_aantal == 2


def test_bevestigen_telt_en_later_wijzigen_laat_de_oude_keuze_staan(stemming, inwoner):
    biljet = _stem(stemming, inwoner, "Project 1")
    assert biljet.is_bevestigd
    assert biljet.totaal == Decimal(6000)
    project1, project2 = _voorstellen(stemming)["Project 1"], _voorstellen(stemming)["Project 2"]
    biljet = keuze_verwijderen(stembiljet=biljet, voorstel=project1)
    biljet = keuze_toevoegen(stembiljet=biljet, voorstel=project2)
    # Not confirmed: Project 1 still counts.
    geteld = set(biljet.keuzes.filter(bevestigd=True).values_list("voorstel__titel", flat=True))
    assert geteld == {"Project 1"}
    biljet = stembiljet_bevestigen(stembiljet=biljet)
    geteld = set(biljet.keuzes.filter(bevestigd=True).values_list("voorstel__titel", flat=True))
    assert geteld == {"Project 2"}
    assert biljet.totaal == Decimal(5000)


def test_een_leeg_biljet_kan_niet_bevestigd_worden(stemming, inwoner):
    biljet = stembiljet_openen(begroting=stemming, user=inwoner)
    with pytest.raises(ValidationError):
        stembiljet_bevestigen(stembiljet=biljet)
    assert not Stembiljet.objects.get(pk=biljet.pk).is_bevestigd


def test_minimum_besteding(begroting, regisseur, inwoner):
    from tests.conftest import _op_stembiljet

    begroting_instellen(ronde=begroting.ronde, min_besteding_pct=50)
    stemming = _op_stembiljet(begroting, regisseur, inwoner, ["6000", "3000"])
    biljet = _stem(stemming, inwoner, "Project 2", bevestigen=False)
    with pytest.raises(ValidationError) as fout:
        stembiljet_bevestigen(stembiljet=biljet)
    assert "€\xa02.000,00" in fout.value.messages[0]


def test_approval_staat_hoogstens_n_keuzes_toe(begroting, regisseur, inwoner):
    from tests.conftest import _op_stembiljet

    begroting_instellen(ronde=begroting.ronde, stemregel="approval", max_keuzes=2)
    stemming = _op_stembiljet(begroting, regisseur, inwoner, ["1000", "1000", "1000"])
    biljet = _stem(stemming, inwoner, "Project 1", "Project 2", bevestigen=False)
    with pytest.raises(ValidationError) as fout:
        keuze_toevoegen(stembiljet=biljet, voorstel=_voorstellen(stemming)["Project 3"])
    assert "2" in fout.value.messages[0]


def test_de_database_weigert_een_biljet_boven_budget(stemming, inwoner):
    biljet = _stem(stemming, inwoner, "Project 1", bevestigen=False)
    project2 = _voorstellen(stemming)["Project 2"]
    with pytest.raises(IntegrityError), transaction.atomic():
        # Around the service: the deferred trigger checks at commit (forced here).
        Stemkeuze.objects.create(stembiljet=biljet, voorstel=project2, kosten=project2.kosten)
        with transaction.get_connection().cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(IntegrityError), transaction.atomic():
        Stembiljet.objects.filter(pk=biljet.pk).update(concept_totaal=Decimal("10000.01"))


def test_een_tweede_biljet_voor_dezelfde_inwoner_kan_niet(stemming, inwoner):
    biljet = stembiljet_openen(begroting=stemming, user=inwoner)
    assert stembiljet_openen(begroting=stemming, user=inwoner) == biljet
    with pytest.raises(IntegrityError), transaction.atomic():
        Stembiljet.objects.create(begroting=stemming, user=inwoner, limiet=Decimal(1))


def test_alleen_inwoners_van_de_gebieden_stemmen(stemming, inwoner):
    wijken = list(Gebied.objects.filter(niveau=Gebied.Niveau.WIJK)[:2])
    stemming.ronde.gebieden.set([wijken[0]])
    with pytest.raises(ValidationError):
        stembiljet_openen(begroting=stemming, user=inwoner)
    deelnemen(ronde=stemming.ronde, user=inwoner, wijk=wijken[1])
    with pytest.raises(ValidationError):
        stembiljet_openen(begroting=stemming, user=inwoner)
    deelnemen(ronde=stemming.ronde, user=inwoner, wijk=wijken[0])
    assert stembiljet_openen(begroting=stemming, user=inwoner).user == inwoner


def test_stemmen_kan_alleen_in_de_stemfase(begroting, inwoner):
    with pytest.raises(ValidationError):
        stembiljet_openen(begroting=begroting, user=inwoner)


# --- Voting codes -------------------------------------------------------------------------


def test_stemcodes_worden_alleen_als_hash_bewaard(stemming):
    codes = stemcodes_maken(begroting=stemming, aantal=5)
    assert len(set(codes)) == 5
    assert all(len(code) == 14 for code in codes)  # ABCD-EFGH-JKLM
    opgeslagen = set(Stemcode.objects.values_list("code_hash", flat=True))
    assert opgeslagen == {code_hash(code) for code in codes}
    assert not any(code.replace("-", "") in h for code in codes for h in opgeslagen)


def test_een_code_stemt_een_keer(stemming):
    (code,) = stemcodes_maken(begroting=stemming, aantal=1)
    stemcode = stemcode_controleren(begroting=stemming, code=code.lower().replace("-", " "))
    biljet = stembiljet_openen(begroting=stemming, stemcode=stemcode)
    biljet = keuze_toevoegen(stembiljet=biljet, voorstel=_voorstellen(stemming)["Project 3"])
    stembiljet_bevestigen(stembiljet=biljet)
    with pytest.raises(ValidationError) as gebruikt:
        stemcode_controleren(begroting=stemming, code=code)
    with pytest.raises(ValidationError) as fout:
        stemcode_controleren(begroting=stemming, code="AAAA-BBBB-CCCC")
    # Used and wrong codes get the same answer: codes cannot be probed.
    assert gebruikt.value.messages == fout.value.messages
    with pytest.raises(ValidationError):
        keuze_toevoegen(stembiljet=biljet, voorstel=_voorstellen(stemming)["Project 2"])


def test_een_code_van_een_andere_ronde_is_ongeldig(stemming, andere_stemming):
    (code,) = stemcodes_maken(begroting=andere_stemming, aantal=1)
    with pytest.raises(ValidationError):
        stemcode_controleren(begroting=stemming, code=code)


def test_hoogstens_vijfhonderd_codes_per_keer(stemming):
    with pytest.raises(ValidationError):
        stemcodes_maken(begroting=stemming, aantal=501)
    assert not Stemcode.objects.exists()


# --- Result -------------------------------------------------------------------------------


def test_uitslag_op_de_manier_van_consul(stemming, inwoner, regisseur):
    # Project 1 (€ 6.000) gets 3 votes, Project 2 (€ 5.000) 2 and Project 3 (€ 3.000) 1:
    # 1 wins, 2 no longer fits (€ 4.000 left), 3 still fits.
    _stem(stemming, inwoner, "Project 1", "Project 3")
    _stem(stemming, _kiezer(stemming), "Project 1")
    _stem(stemming, _kiezer(stemming), "Project 1")
    _stem(stemming, _kiezer(stemming), "Project 2")
    _stem(stemming, _kiezer(stemming), "Project 2")
    _stem(stemming, _kiezer(stemming), "Project 2", bevestigen=False)  # does not count

    begroting = uitslag_berekenen(begroting=stemming)

    assert begroting.fase == Begroting.Fase.UITSLAG
    assert begroting.opkomst == 5
    uitslag = {v.titel: (v.aantal_stemmen, v.status) for v in begroting.voorstellen.all()}
    assert uitslag == {
        "Project 1": (3, Voorstel.Status.GEKOZEN),
        "Project 2": (2, Voorstel.Status.NIET_GEKOZEN),
        "Project 3": (1, Voorstel.Status.GEKOZEN),
    }
    begroting.ronde.refresh_from_db()
    assert begroting.ronde.status == "gesloten"
    assert Melding.objects.filter(soort=Soort.UITSLAG_GEPUBLICEERD, ontvanger=inwoner).exists()
    # Again: nothing changes, nobody is notified twice.
    uitslag_berekenen(begroting=begroting)
    assert Melding.objects.filter(soort=Soort.UITSLAG_GEPUBLICEERD, ontvanger=inwoner).count() == 1


def test_beat_sluit_de_stemming_na_de_laatste_dag(stemming):
    assert stemmingen_sluiten(vandaag=date(2027, 1, 31)) == 0
    assert stemmingen_sluiten(vandaag=date(2027, 2, 1)) == 1
    stemming.refresh_from_db()
    assert stemming.fase == Begroting.Fase.UITSLAG


def test_herinnering_bij_een_onbevestigd_biljet_een_keer(stemming, inwoner):
    _stem(stemming, inwoner, "Project 3", bevestigen=False)
    bevestigd = _kiezer(stemming)
    _stem(stemming, bevestigd, "Project 3")
    assert stembiljet_herinneringen(vandaag=date(2027, 1, 20)) == 0  # not yet near the close
    assert stembiljet_herinneringen(vandaag=date(2027, 1, 30)) == 1
    assert stembiljet_herinneringen(vandaag=date(2027, 1, 30)) == 0
    meldingen = Melding.objects.filter(soort=Soort.STEMBILJET_HERINNERING)
    assert list(meldingen.values_list("ontvanger", flat=True)) == [inwoner.pk]


def test_winnaar_wordt_actie_met_toewijzing(stemming, inwoner, regisseur, budgetpot, organisatie):
    from budget.models import Toewijzing
    from opgaven.models import PlanVanAanpak

    _stem(stemming, inwoner, "Project 3")
    uitslag_berekenen(begroting=stemming)
    project3 = _voorstellen(stemming)["Project 3"]
    PlanVanAanpak.objects.create(opgave=stemming.ronde.opgave, versie=1)
    budgetpot_vrij = budgetpot.beschikbaar
    if budgetpot_vrij < project3.kosten:
        pytest.fail(f"the fixture pot has only {budgetpot_vrij} free")

    project3 = voorstel_uitvoeren(voorstel=project3, door=regisseur, trekker=organisatie)

    assert project3.actie.titel == "Project 3"
    toewijzing = Toewijzing.objects.get(actie=project3.actie)
    assert toewijzing.bedrag == Decimal(3000)
    assert toewijzing.status == Toewijzing.Status.VOORGESTELD
    stemming.refresh_from_db()
    assert stemming.fase == Begroting.Fase.UITVOERING
    assert voorstel_gerealiseerd(voorstel=project3).status == Voorstel.Status.GEREALISEERD


def test_winnaar_zonder_budgetpot_wordt_geen_actie(stemming, inwoner, regisseur, organisatie):
    from opgaven.models import Actie

    _stem(stemming, inwoner, "Project 3")
    uitslag_berekenen(begroting=stemming)
    project3 = _voorstellen(stemming)["Project 3"]
    with pytest.raises(ValidationError):
        voorstel_uitvoeren(voorstel=project3, door=regisseur, trekker=organisatie)
    assert not Actie.objects.filter(titel="Project 3").exists()


def test_de_celery_taak_berekent_de_uitslag(stemming, inwoner):
    from participatie.tasks import uitslag_berekenen as taak

    _stem(stemming, inwoner, "Project 2")
    taak.delay(stemming.pk)
    stemming.refresh_from_db()
    assert stemming.fase == Begroting.Fase.UITSLAG
    assert _voorstellen(stemming)["Project 2"].status == Voorstel.Status.GEKOZEN
