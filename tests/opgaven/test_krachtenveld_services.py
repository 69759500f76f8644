"""Services of the field of forces: valid input, invalid input (Dutch message, nothing
changed), duplicates, and duplicates made by two requests at the same moment."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from opgaven.models import (
    Actie,
    Betrokkenheid,
    Contactmoment,
    Instemming,
    PlanVanAanpak,
    Positie,
    Toezegging,
)
from opgaven.selectors.krachtenveld import is_verlopen, toezeggingen_van
from opgaven.services.krachtenveld import (
    betrokkenheid_toevoegen,
    betrokkenheid_verwijderen,
    betrokkenheid_wijzigen,
    contactmoment_vastleggen,
    positie_vastleggen,
    toezegging_status_wijzigen,
    toezegging_toevoegen,
)
from tests.concurrency import run_together

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate


def messages_of(error: ValidationError) -> list[str]:
    return error.messages


def betrokken(opgave) -> Betrokkenheid:
    """The involvement of ``organisatie`` that the ``opgave`` fixture sets up."""
    return opgave.betrokkenheden.get()


def positie(betrokkenheid, dagen_geleden=0, **waarden) -> Positie:
    return positie_vastleggen(
        betrokkenheid=betrokkenheid,
        datum=VANDAAG() - timedelta(days=dagen_geleden),
        invloed=waarden.get("invloed", 3),
        belang=waarden.get("belang", 3),
        houding=waarden.get("houding", 0),
    )


# --- Betrokkenheid --------------------------------------------------------------------


def test_an_organisation_becomes_involved(opgave, andere_organisatie):
    betrokkenheid = betrokkenheid_toevoegen(
        opgave=opgave,
        organisatie=andere_organisatie,
        aard=Betrokkenheid.Aard.ONDERVINDT_GEVOLGEN,
        toelichting="  De club speelt op het veld naast de nieuwe warmtecentrale.  ",
    )

    betrokkenheid.refresh_from_db()
    assert betrokkenheid.opgave == opgave
    assert betrokkenheid.organisatie == andere_organisatie
    assert betrokkenheid.sinds == VANDAAG()
    assert betrokkenheid.toelichting == "De club speelt op het veld naast de nieuwe warmtecentrale."


def test_an_organisation_is_involved_once(opgave, organisatie):
    with pytest.raises(ValidationError) as refused:
        betrokkenheid_toevoegen(
            opgave=opgave, organisatie=organisatie, aard=Betrokkenheid.Aard.BESLIST
        )

    assert refused.value.message_dict["organisatie"] == [
        "Deze organisatie is al betrokken bij deze opgave."
    ]
    assert Betrokkenheid.objects.filter(opgave=opgave).count() == 1
    assert betrokken(opgave).aard == Betrokkenheid.Aard.LEVERT_MIDDELEN


def test_an_unknown_relation_is_refused(opgave, andere_organisatie):
    with pytest.raises(ValidationError) as refused:
        betrokkenheid_toevoegen(opgave=opgave, organisatie=andere_organisatie, aard="sponsort")

    assert "aard" in refused.value.message_dict
    assert not Betrokkenheid.objects.filter(organisatie=andere_organisatie).exists()


def test_changing_an_involvement_keeps_the_organisation(opgave, organisatie):
    betrokkenheid = betrokken(opgave)
    sinds = VANDAAG() - timedelta(days=400)

    betrokkenheid_wijzigen(
        betrokkenheid=betrokkenheid,
        aard=Betrokkenheid.Aard.BESLIST,
        toelichting="Stemt in de stuurgroep.",
        sinds=sinds,
    )

    betrokkenheid.refresh_from_db()
    assert (betrokkenheid.aard, betrokkenheid.sinds, betrokkenheid.organisatie) == (
        Betrokkenheid.Aard.BESLIST,
        sinds,
        organisatie,
    )
    assert betrokkenheid.toelichting == "Stemt in de stuurgroep."


def test_changing_to_an_unknown_relation_is_refused(opgave):
    betrokkenheid = betrokken(opgave)

    with pytest.raises(ValidationError):
        betrokkenheid_wijzigen(
            betrokkenheid=betrokkenheid, aard="sponsort", sinds=betrokkenheid.sinds
        )

    assert Betrokkenheid.objects.get(pk=betrokkenheid.pk).aard == Betrokkenheid.Aard.LEVERT_MIDDELEN


def test_removing_an_involvement_takes_its_positions_contacts_and_commitments(opgave, regisseur):
    betrokkenheid = betrokken(opgave)
    positie(betrokkenheid)
    contactmoment_vastleggen(
        opgave=opgave,
        betrokkenheid=betrokkenheid,
        datum=VANDAAG(),
        kanaal=Contactmoment.Kanaal.TELEFOON,
        hoedanigheid=Contactmoment.Hoedanigheid.NAMENS_ORGANISATIE,
        onderwerp="Planning",
    )
    toezegging_toevoegen(
        opgave=opgave,
        omschrijving="Offerte nasturen",
        eigenaar=regisseur,
        deadline=VANDAAG(),
        betrokkenheid=betrokkenheid,
    )
    los = toezegging_toevoegen(
        opgave=opgave, omschrijving="Raad informeren", eigenaar=regisseur, deadline=VANDAAG()
    )

    betrokkenheid_verwijderen(betrokkenheid=betrokkenheid)

    assert not Betrokkenheid.objects.filter(opgave=opgave).exists()
    assert not Positie.objects.filter(opgave=opgave).exists()
    assert not Contactmoment.objects.filter(opgave=opgave).exists()
    assert list(Toezegging.objects.filter(opgave=opgave)) == [los]


def test_an_organisation_asked_for_consent_cannot_leave(opgave, organisatie):
    plan = PlanVanAanpak.objects.create(
        opgave=opgave, versie=1, status=PlanVanAanpak.Status.TER_INSTEMMING
    )
    Instemming.objects.create(opgave=opgave, plan=plan, organisatie=organisatie)

    with pytest.raises(ValidationError) as refused:
        betrokkenheid_verwijderen(betrokkenheid=betrokken(opgave))

    assert "instemming" in messages_of(refused.value)[0]
    assert Betrokkenheid.objects.filter(opgave=opgave, organisatie=organisatie).exists()


def test_an_organisation_that_has_consented_may_leave(opgave, organisatie):
    plan = PlanVanAanpak.objects.create(
        opgave=opgave, versie=1, status=PlanVanAanpak.Status.VASTGESTELD
    )
    Instemming.objects.create(
        opgave=opgave, plan=plan, organisatie=organisatie, besluit=Instemming.Besluit.INGESTEMD
    )

    betrokkenheid_verwijderen(betrokkenheid=betrokken(opgave))

    assert not Betrokkenheid.objects.filter(opgave=opgave).exists()


@pytest.mark.parametrize(
    ("status", "mag_weg"),
    [(Actie.Status.BEZIG, False), (Actie.Status.GEPLAND, False), (Actie.Status.GEREED, True)],
)
def test_an_organisation_leading_a_running_action_cannot_leave(
    opgave, organisatie, status, mag_weg
):
    plan = PlanVanAanpak.objects.create(opgave=opgave, versie=1)
    Actie.objects.create(
        opgave=opgave, plan=plan, titel="Warmtescan", trekker=organisatie, status=status
    )

    if mag_weg:
        betrokkenheid_verwijderen(betrokkenheid=betrokken(opgave))
    else:
        with pytest.raises(ValidationError, match="trekker"):
            betrokkenheid_verwijderen(betrokkenheid=betrokken(opgave))

    assert Betrokkenheid.objects.filter(opgave=opgave).exists() is not mag_weg


# --- Positie --------------------------------------------------------------------------


def test_a_position_is_recorded(opgave, regisseur):
    betrokkenheid = betrokken(opgave)

    recorded = positie_vastleggen(
        betrokkenheid=betrokkenheid,
        datum=VANDAAG() - timedelta(days=10),
        invloed=5,
        belang=2,
        houding=-1,
        toelichting="Twijfelt over de kosten.",
        door=regisseur,
    )

    recorded.refresh_from_db()
    assert recorded.opgave == opgave
    assert (recorded.invloed, recorded.belang, recorded.houding) == (5, 2, -1)
    assert recorded.vastgelegd_door == regisseur


def test_a_second_position_on_the_same_day_is_refused(opgave):
    betrokkenheid = betrokken(opgave)
    eerste = positie(betrokkenheid, invloed=2)

    with pytest.raises(ValidationError) as refused:
        positie(betrokkenheid, invloed=4)

    assert refused.value.message_dict["datum"] == [
        "Deze organisatie heeft al een positie op deze datum."
    ]
    assert list(Positie.objects.filter(opgave=opgave)) == [eerste]
    assert Positie.objects.get().invloed == 2


def test_a_position_in_the_future_is_refused(opgave):
    with pytest.raises(ValidationError) as refused:
        positie_vastleggen(
            betrokkenheid=betrokken(opgave),
            datum=VANDAAG() + timedelta(days=1),
            invloed=3,
            belang=3,
            houding=0,
        )

    assert refused.value.message_dict["datum"] == ["Een positie kan niet in de toekomst liggen."]
    assert not Positie.objects.exists()


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [("invloed", 0), ("invloed", 6), ("belang", 0), ("belang", 6), ("houding", -3), ("houding", 3)],
)
def test_scores_outside_their_range_are_refused(opgave, veld, waarde):
    waarden = {"invloed": 3, "belang": 3, "houding": 0, veld: waarde}

    with pytest.raises(ValidationError) as refused:
        positie_vastleggen(betrokkenheid=betrokken(opgave), datum=VANDAAG(), **waarden)

    assert veld in refused.value.message_dict
    assert not Positie.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_positions_on_the_same_day_at_once_one_is_kept(opgave):
    betrokkenheid = betrokken(opgave)

    uitkomsten = run_together(lambda: positie(betrokkenheid, invloed=4))

    geweigerd = [u for u in uitkomsten if isinstance(u, ValidationError)]
    assert len(geweigerd) == 1, uitkomsten
    assert geweigerd[0].message_dict["datum"] == [
        "Deze organisatie heeft al een positie op deze datum."
    ]
    assert Positie.objects.filter(betrokkenheid=betrokkenheid).count() == 1


@pytest.mark.django_db(transaction=True)
def test_involving_the_same_organisation_twice_at_once_involves_it_once(opgave, andere_organisatie):
    uitkomsten = run_together(
        lambda: betrokkenheid_toevoegen(
            opgave=opgave, organisatie=andere_organisatie, aard=Betrokkenheid.Aard.VOERT_UIT
        )
    )

    geweigerd = [u for u in uitkomsten if isinstance(u, ValidationError)]
    assert len(geweigerd) == 1, uitkomsten
    assert "al betrokken" in geweigerd[0].messages[0]
    assert Betrokkenheid.objects.filter(opgave=opgave, organisatie=andere_organisatie).count() == 1


# --- Contactmoment --------------------------------------------------------------------


def contact(opgave, betrokkenheid, **anders):
    return contactmoment_vastleggen(
        **{
            "opgave": opgave,
            "betrokkenheid": betrokkenheid,
            "datum": VANDAAG(),
            "kanaal": Contactmoment.Kanaal.GESPREK,
            "hoedanigheid": Contactmoment.Hoedanigheid.ALS_PROFESSIONAL,
            "onderwerp": "Warmtenet",
            **anders,
        }
    )


def test_a_contact_is_logged(opgave, regisseur):
    contactmoment = contact(opgave, betrokken(opgave), notitie="Positief.", door=regisseur)

    contactmoment.refresh_from_db()
    assert contactmoment.opgave == opgave
    assert contactmoment.hoedanigheid == Contactmoment.Hoedanigheid.ALS_PROFESSIONAL
    assert contactmoment.vastgelegd_door == regisseur


def test_a_contact_with_another_opgaves_organisation_is_refused(opgave, andere_opgave):
    elders = betrokkenheid_toevoegen(
        opgave=andere_opgave,
        organisatie=betrokken(opgave).organisatie,
        aard=Betrokkenheid.Aard.BESLIST,
    )

    with pytest.raises(ValidationError) as refused:
        contact(opgave, elders)

    assert refused.value.message_dict["betrokkenheid"] == [
        "Deze organisatie is niet betrokken bij deze opgave."
    ]
    assert not Contactmoment.objects.exists()


@pytest.mark.parametrize(
    ("anders", "veld"),
    [
        ({"onderwerp": "   "}, "onderwerp"),
        ({"kanaal": "postduif"}, "kanaal"),
        ({"hoedanigheid": "anoniem"}, "hoedanigheid"),
        ({"datum": VANDAAG() + timedelta(days=2)}, "datum"),
    ],
)
def test_an_incomplete_contact_is_refused(opgave, anders, veld):
    with pytest.raises(ValidationError) as refused:
        contact(opgave, betrokken(opgave), **anders)

    assert veld in refused.value.message_dict
    assert not Contactmoment.objects.exists()


# --- Toezegging -----------------------------------------------------------------------


def test_a_commitment_is_recorded_open(opgave, regisseur):
    toezegging = toezegging_toevoegen(
        opgave=opgave,
        omschrijving="  Subsidieregeling toelichten  ",
        eigenaar=regisseur,
        deadline=VANDAAG() + timedelta(days=14),
        betrokkenheid=betrokken(opgave),
    )

    toezegging.refresh_from_db()
    assert toezegging.status == Toezegging.Status.OPEN
    assert toezegging.omschrijving == "Subsidieregeling toelichten"
    assert toezegging.eigenaar == regisseur


def test_a_commitment_without_description_is_refused(opgave, regisseur):
    with pytest.raises(ValidationError) as refused:
        toezegging_toevoegen(
            opgave=opgave, omschrijving=" ", eigenaar=regisseur, deadline=VANDAAG()
        )

    assert "omschrijving" in refused.value.message_dict
    assert not Toezegging.objects.exists()


def test_a_commitment_to_another_opgaves_organisation_is_refused(
    opgave, andere_opgave, regisseur, andere_organisatie
):
    elders = betrokkenheid_toevoegen(
        opgave=andere_opgave, organisatie=andere_organisatie, aard=Betrokkenheid.Aard.BESLIST
    )

    with pytest.raises(ValidationError):
        toezegging_toevoegen(
            opgave=opgave,
            omschrijving="Iets",
            eigenaar=regisseur,
            deadline=VANDAAG(),
            betrokkenheid=elders,
        )

    assert not Toezegging.objects.exists()


@pytest.mark.parametrize("status", [Toezegging.Status.NAGEKOMEN, Toezegging.Status.VERVALLEN])
def test_a_commitment_is_kept_or_lapses_and_can_open_again(opgave, regisseur, status):
    toezegging = toezegging_toevoegen(
        opgave=opgave, omschrijving="Iets", eigenaar=regisseur, deadline=VANDAAG()
    )

    toezegging_status_wijzigen(toezegging=toezegging, status=status)
    assert Toezegging.objects.get(pk=toezegging.pk).status == status

    toezegging_status_wijzigen(toezegging=toezegging, status=Toezegging.Status.OPEN)
    assert Toezegging.objects.get(pk=toezegging.pk).status == Toezegging.Status.OPEN


def test_an_unknown_status_is_refused(opgave, regisseur):
    toezegging = toezegging_toevoegen(
        opgave=opgave, omschrijving="Iets", eigenaar=regisseur, deadline=VANDAAG()
    )

    with pytest.raises(ValidationError) as refused:
        toezegging_status_wijzigen(toezegging=toezegging, status="half")

    assert refused.value.message_dict["status"] == ["Kies open, nagekomen of vervallen."]
    assert Toezegging.objects.get(pk=toezegging.pk).status == Toezegging.Status.OPEN


def test_overdue_means_the_same_in_sql_and_in_python(opgave, regisseur):
    """``toezeggingen_van`` decides in SQL, an organisation's page in Python."""
    for dagen in (-1, 0, 1):
        for status in Toezegging.Status.values:
            beloofd = toezegging_toevoegen(
                opgave=opgave,
                omschrijving=f"{status} {dagen}",
                eigenaar=regisseur,
                deadline=VANDAAG() + timedelta(days=dagen),
            )
            toezegging_status_wijzigen(toezegging=beloofd, status=status)

    rijen = list(toezeggingen_van(opgave=opgave))

    assert [t.omschrijving for t in rijen if t.verlopen] == ["open -1"]
    assert all(t.verlopen == is_verlopen(t, VANDAAG()) for t in rijen)
