"""The services of the joint budget: the money rules, the ledger, the notifications."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

import pytest

from budget.models import Bijdrage, Boeking, Budgetpot, Goedkeuring, Toewijzing
from budget.selectors import pot_controleren
from budget.services import (
    bijdrage_intrekken,
    bijdrage_ontvangen,
    bijdrage_toevoegen,
    pot_aanmaken,
    pot_bijwerken,
    toewijzing_afsluiten,
    toewijzing_beantwoorden,
    toewijzing_intrekken,
    toewijzing_voorstellen,
    uitgave_boeken,
)
from meldingen.models import Melding, Soort

pytestmark = pytest.mark.django_db

D = Decimal


def totalen(pot: Budgetpot) -> tuple[Decimal, Decimal, Decimal]:
    pot.refresh_from_db()
    return pot.bijgedragen, pot.toegewezen, pot.besteed


def klopt(pot: Budgetpot) -> None:
    controle = pot_controleren(pot)
    assert controle.klopt, controle


def goedkeuring(toewijzing: Toewijzing, organisatie) -> Goedkeuring:
    return toewijzing.goedkeuringen.get(organisatie=organisatie)


def test_bijdragen_tellen_op_en_staan_in_het_grootboek(budgetpot):
    assert totalen(budgetpot) == (D("80000.00"), D(0), D(0))
    soorten = list(budgetpot.boekingen.values_list("soort", flat=True))
    assert soorten == [
        Boeking.Soort.BIJDRAGE_TOEGEZEGD,
        Boeking.Soort.BIJDRAGE_ONTVANGEN,
        Boeking.Soort.BIJDRAGE_TOEGEZEGD,
    ]
    klopt(budgetpot)


def test_uren_zijn_uren_maal_tarief(budgetpot, organisatie, partner_lid):
    bijdrage = bijdrage_toevoegen(
        pot=budgetpot,
        organisatie=organisatie,
        soort=Bijdrage.Soort.UREN,
        uren=D("12.5"),
        uurtarief=D("67.33"),
        door=partner_lid,
    )
    assert bijdrage.waarde == D("841.63")  # 841.625 rounded half up
    bijdrage.refresh_from_db()
    assert bijdrage.waarde == D("841.63")
    klopt(budgetpot)


def test_uren_zonder_tarief_weigert(budgetpot, organisatie, partner_lid):
    with pytest.raises(ValidationError, match=r"uurtarief|hourly rate|uren"):
        bijdrage_toevoegen(
            pot=budgetpot,
            organisatie=organisatie,
            soort=Bijdrage.Soort.UREN,
            uren=D("3"),
            door=partner_lid,
        )


def test_alleen_betrokken_organisaties_dragen_bij(budgetpot, andere_organisatie, regisseur):
    with pytest.raises(ValidationError) as error:
        bijdrage_toevoegen(
            pot=budgetpot,
            organisatie=andere_organisatie,
            soort="geld",
            waarde=D(10),
            door=regisseur,
        )
    assert error.value.code == "niet_betrokken"
    assert totalen(budgetpot)[0] == D("80000.00")


def test_voorstel_dat_niet_past_noemt_het_tekort(budgetpot, actie, regisseur):
    toewijzing_voorstellen(pot=budgetpot, actie=actie, bedrag=D("60000"), door=regisseur)
    with pytest.raises(ValidationError) as error:
        toewijzing_voorstellen(pot=budgetpot, actie=actie, bedrag=D("20000.01"), door=regisseur)
    assert error.value.code == "past_niet"
    assert "0,01" in error.value.messages[0]
    assert totalen(budgetpot) == (D("80000.00"), D("60000.00"), D(0))
    klopt(budgetpot)


def test_unaniem_iedere_financier_moet_akkoord(
    budgetpot, actie, regisseur, partner_lid, gemeente, organisatie
):
    toewijzing = toewijzing_voorstellen(pot=budgetpot, actie=actie, bedrag=D(1000), door=regisseur)
    assert {g.organisatie for g in toewijzing.goedkeuringen.all()} == {gemeente, organisatie}
    gevraagd = Melding.objects.filter(soort=Soort.TOEWIJZING_GEVRAAGD)
    assert set(gevraagd.values_list("ontvanger", flat=True)) == {regisseur.pk, partner_lid.pk}

    toewijzing = toewijzing_beantwoorden(
        goedkeuring=goedkeuring(toewijzing, gemeente), akkoord=True, door=regisseur
    )
    assert toewijzing.status == Toewijzing.Status.VOORGESTELD
    toewijzing = toewijzing_beantwoorden(
        goedkeuring=goedkeuring(toewijzing, organisatie), akkoord=True, door=partner_lid
    )
    assert toewijzing.status == Toewijzing.Status.GOEDGEKEURD
    assert Melding.objects.filter(soort=Soort.TOEWIJZING_BESLOTEN, ontvanger=regisseur).exists()
    klopt(budgetpot)


def test_afwijzen_vraagt_een_reden_en_geeft_het_geld_terug(
    budgetpot, actie, regisseur, partner_lid, organisatie
):
    toewijzing = toewijzing_voorstellen(pot=budgetpot, actie=actie, bedrag=D(1000), door=regisseur)
    with pytest.raises(ValidationError):
        toewijzing_beantwoorden(
            goedkeuring=goedkeuring(toewijzing, organisatie), akkoord=False, door=partner_lid
        )
    toewijzing = toewijzing_beantwoorden(
        goedkeuring=goedkeuring(toewijzing, organisatie),
        akkoord=False,
        reden="Past niet in onze begroting.",
        door=partner_lid,
    )
    assert toewijzing.status == Toewijzing.Status.AFGEWEZEN
    assert totalen(budgetpot)[1] == D(0)
    klopt(budgetpot)


def test_meerderheid_gewogen_naar_bijdrage(budgetpot, actie, regisseur, gemeente):
    pot_bijwerken(pot=budgetpot, regel=Budgetpot.Regel.MEERDERHEID)
    toewijzing = toewijzing_voorstellen(pot=budgetpot, actie=actie, bedrag=D(1000), door=regisseur)
    # The gemeente contributes 50.000 of 80.000: more than half on its own.
    toewijzing = toewijzing_beantwoorden(
        goedkeuring=goedkeuring(toewijzing, gemeente), akkoord=True, door=regisseur
    )
    assert toewijzing.status == Toewijzing.Status.GOEDGEKEURD


def test_regel_vast_zolang_voorstellen_open_zijn(budgetpot, actie, regisseur):
    toewijzing_voorstellen(pot=budgetpot, actie=actie, bedrag=D(1000), door=regisseur)
    with pytest.raises(ValidationError):
        pot_bijwerken(pot=budgetpot, regel=Budgetpot.Regel.MEERDERHEID)


def test_intrekken_dat_de_toewijzingen_breekt_wordt_geweigerd(
    budgetpot, actie, regisseur, partner_lid, organisatie
):
    toewijzing_voorstellen(pot=budgetpot, actie=actie, bedrag=D("60000"), door=regisseur)
    bijdrage = budgetpot.bijdragen.get(organisatie=organisatie)
    with pytest.raises(ValidationError) as error:
        bijdrage_intrekken(bijdrage=bijdrage, door=partner_lid)
    assert error.value.code == "tekort"
    assert "10.000,00" in error.value.messages[0]
    bijdrage.refresh_from_db()
    assert bijdrage.status == Bijdrage.Status.TOEGEZEGD
    klopt(budgetpot)


def test_ontvangen_en_intrekken(budgetpot, organisatie, regisseur, partner_lid):
    bijdrage = budgetpot.bijdragen.get(organisatie=organisatie)
    bijdrage_ontvangen(bijdrage=bijdrage, door=regisseur)
    with pytest.raises(ValidationError):
        bijdrage_ontvangen(bijdrage=bijdrage, door=regisseur)
    bijdrage_intrekken(bijdrage=bijdrage, door=partner_lid, reden="Terugbetaald")
    assert totalen(budgetpot)[0] == D("50000.00")
    klopt(budgetpot)


def goedgekeurd(pot, actie, bedrag, regisseur, partner_lid, gemeente, organisatie):
    toewijzing = toewijzing_voorstellen(pot=pot, actie=actie, bedrag=bedrag, door=regisseur)
    toewijzing_beantwoorden(
        goedkeuring=goedkeuring(toewijzing, gemeente), akkoord=True, door=regisseur
    )
    return toewijzing_beantwoorden(
        goedkeuring=goedkeuring(toewijzing, organisatie), akkoord=True, door=partner_lid
    )


def test_uitgaven_binnen_de_toewijzing(
    budgetpot, actie, regisseur, partner_lid, gemeente, organisatie
):
    toewijzing = goedgekeurd(
        budgetpot, actie, D(1000), regisseur, partner_lid, gemeente, organisatie
    )
    uitgave_boeken(
        toewijzing=toewijzing,
        bedrag=D("400"),
        datum=date(2026, 3, 1),
        omschrijving="Factuur isolatie blok A",
        door=regisseur,
    )
    with pytest.raises(ValidationError) as error:
        uitgave_boeken(
            toewijzing=toewijzing,
            bedrag=D("600.01"),
            datum=date(2026, 3, 2),
            omschrijving="Te veel",
            door=regisseur,
        )
    assert "0,01" in str(error.value)
    uitgave_boeken(
        toewijzing=toewijzing,
        bedrag=D("600"),
        datum=date(2026, 3, 2),
        omschrijving="Factuur isolatie blok B",
        door=regisseur,
    )
    toewijzing.refresh_from_db()
    assert toewijzing.status == Toewijzing.Status.BESTEED
    assert totalen(budgetpot) == (D("80000.00"), D("1000.00"), D("1000.00"))
    klopt(budgetpot)


def test_afsluiten_geeft_de_rest_terug(
    budgetpot, actie, regisseur, partner_lid, gemeente, organisatie
):
    toewijzing = goedgekeurd(
        budgetpot, actie, D(1000), regisseur, partner_lid, gemeente, organisatie
    )
    uitgave_boeken(
        toewijzing=toewijzing,
        bedrag=D("250"),
        datum=date(2026, 3, 1),
        omschrijving="Factuur",
        door=regisseur,
    )
    toewijzing_afsluiten(toewijzing=toewijzing, door=regisseur)
    assert totalen(budgetpot) == (D("80000.00"), D("250.00"), D("250.00"))
    with pytest.raises(ValidationError):
        toewijzing_intrekken(toewijzing=toewijzing, door=regisseur)
    klopt(budgetpot)


def test_toewijzing_intrekken(budgetpot, actie, regisseur):
    toewijzing = toewijzing_voorstellen(pot=budgetpot, actie=actie, bedrag=D(1000), door=regisseur)
    toewijzing_intrekken(toewijzing=toewijzing, door=regisseur)
    assert totalen(budgetpot)[1] == D(0)
    with pytest.raises(ValidationError):
        toewijzing_beantwoorden(
            goedkeuring=toewijzing.goedkeuringen.first(), akkoord=True, door=regisseur
        )
    klopt(budgetpot)


def test_een_pot_per_opgave_en_een_betrokken_kassier(
    budgetpot, opgave, gemeente, andere_organisatie
):
    with pytest.raises(ValidationError):
        pot_aanmaken(
            opgave=opgave,
            naam="Tweede",
            kassier=gemeente,
            begin=date(2026, 1, 1),
            eind=date(2026, 2, 1),
        )


def test_de_database_weigert_te_veel_toewijzen(budgetpot):
    with pytest.raises(IntegrityError), transaction.atomic():
        Budgetpot.objects.filter(pk=budgetpot.pk).update(toegewezen=D("80000.01"))


def test_de_database_weigert_nul_en_negatief(budgetpot, organisatie, partner_lid):
    with pytest.raises(IntegrityError), transaction.atomic():
        Bijdrage.objects.create(
            pot=budgetpot,
            organisatie=organisatie,
            soort="geld",
            waarde=D(0),
            vastgelegd_door=partner_lid,
        )


def test_het_grootboek_kan_niet_veranderen_of_verdwijnen(budgetpot):
    boeking = budgetpot.boekingen.first()
    with pytest.raises(Exception, match="boeking_alleen_toevoegen"), transaction.atomic():
        Boeking.objects.filter(pk=boeking.pk).update(bedrag=D(1))
    with (
        pytest.raises(Exception, match="boeking_alleen_toevoegen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM budget_boeking WHERE id = %s", [boeking.pk])
    assert Boeking.objects.filter(pk=boeking.pk, bedrag=boeking.bedrag).exists()
