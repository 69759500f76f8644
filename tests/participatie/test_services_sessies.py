"""Planning sessions and turning their outcomes into work (participatie.services_sessies)."""

import re
import threading
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

import pytest

from meldingen.models import Melding, Soort
from opgaven.models import Actie, Betrokkenheid, PlanVanAanpak, Positie, Toezegging
from participatie.models import Aanmelding, Sessie, Uitkomst
from participatie.services import aanmelden, herinneringen_sturen
from participatie.services_sessies import (
    sessie_aanmaken,
    sessie_bijwerken,
    uitkomst_omzetten,
    uitkomst_vastleggen,
)
from tests.concurrency import run_together
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GEEN_PLAN = (
    "This opgave has no draft plan of action, so an action cannot be added. Make a plan of "
    "action (or a new version of it) in the workspace first, then come back."
)
IDEE = (
    "An idea stays an outcome of the session: only an agreement, an action or a position "
    "can be turned into something in the opgave."
)


def t(msgid: str, **waarden) -> str:
    """The message as the user reads it (Dutch, the default language)."""
    tekst = gettext(msgid)
    return tekst % waarden if waarden else tekst


def velden(**anders):
    start = timezone.now() + timedelta(days=10)
    return {
        "titel": "Ontwerpavond speeltuin",
        "start": start,
        "eind": start + timedelta(hours=2),
        "locatie": "Buurthuis De Molen",
        "online_link": "",
        "capaciteit": 12,
        "aanmelden_tot": start - timedelta(days=1),
        "agenda": "Tekenen en kiezen.",
        **anders,
    }


def meldingen(user, soort):
    return Melding.objects.filter(ontvanger=user, soort=soort).count()


# --- Planning --------------------------------------------------------------------------


def test_a_session_is_planned_in_the_round(ronde):
    sessie = sessie_aanmaken(ronde=ronde, **velden(titel="  Ontwerpavond  "))
    assert sessie.ronde == ronde
    assert sessie.titel == "Ontwerpavond"
    assert sessie.aantal_aangemeld == 0


def test_end_deadline_and_place_are_checked_at_their_fields_in_dutch(ronde):
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as fout:
        sessie_aanmaken(
            ronde=ronde,
            **velden(
                start=start,
                eind=start - timedelta(hours=1),
                aanmelden_tot=start + timedelta(hours=1),
                locatie="",
                online_link="",
            ),
        )
    assert fout.value.message_dict == {
        "eind": [t("The session must end after it starts.")],
        "aanmelden_tot": [t("Registration must close before the session starts.")],
        "locatie": [t("Give a place or an online link (or both).")],
    }


def test_an_online_session_needs_no_place(ronde):
    sessie = sessie_aanmaken(
        ronde=ronde, **velden(locatie="", online_link="https://meet.demodam.nl/wijkavond")
    )
    assert sessie.online_link == "https://meet.demodam.nl/wijkavond"


def test_a_new_session_cannot_start_in_the_past(ronde):
    start = timezone.now() - timedelta(hours=1)
    with pytest.raises(ValidationError) as fout:
        sessie_aanmaken(
            ronde=ronde,
            **velden(start=start, eind=start + timedelta(hours=2), aanmelden_tot=start),
        )
    assert fout.value.message_dict == {"start": [t("A new session cannot start in the past.")]}


def test_a_round_without_sessions_gets_none(ronde):
    ronde.met_sessies = False
    with pytest.raises(
        ValidationError,
        match=re.escape(
            t("This round does not use sessions. Switch sessions on in the round first.")
        ),
    ):
        sessie_aanmaken(ronde=ronde, **velden())
    assert not Sessie.objects.filter(ronde=ronde).exists()


def test_the_capacity_cannot_go_below_the_registered(sessie):
    for user in UserFactory.create_batch(2):
        aanmelden(sessie=sessie, user=user)
    with pytest.raises(ValidationError) as fout:
        sessie_bijwerken(sessie=sessie, capaciteit=1)
    assert fout.value.message_dict == {
        "capaciteit": [
            t(
                (
                    "%(aantal)s people have already registered: the capacity cannot be lower than "
                    "that."
                ),
                aantal=2,
            )
        ]
    }
    sessie.refresh_from_db()
    assert sessie.capaciteit == 2


def test_a_higher_capacity_promotes_the_waiting_list_in_order_and_tells_them(sessie):
    mensen = UserFactory.create_batch(5)
    for user in mensen:
        aanmelden(sessie=sessie, user=user)
    # Capacity 2: three wait (volgnummer 3, 4, 5). Two more places: numbers 3 and 4 go.
    bijgewerkt = sessie_bijwerken(sessie=sessie, capaciteit=4)

    assert bijgewerkt.aantal_aangemeld == 4
    statussen = list(sessie.aanmeldingen.order_by("volgnummer").values_list("status", flat=True))
    assert statussen == ["aangemeld"] * 4 + ["wachtlijst"]
    assert [meldingen(u, Soort.WACHTLIJST_PLAATS) for u in mensen] == [0, 0, 1, 1, 0]


def test_more_places_than_waiting_people_promotes_everyone(sessie):
    mensen = UserFactory.create_batch(3)
    for user in mensen:
        aanmelden(sessie=sessie, user=user)
    bijgewerkt = sessie_bijwerken(sessie=sessie, capaciteit=10)
    assert bijgewerkt.aantal_aangemeld == 3
    assert bijgewerkt.vrije_plaatsen == 7
    assert not sessie.aanmeldingen.filter(status=Aanmelding.Status.WACHTLIJST).exists()


def test_a_new_start_time_means_a_new_reminder(sessie):
    user = UserFactory()
    aanmelden(sessie=sessie, user=user)
    herinneringen_sturen(nu=sessie.start - timedelta(hours=2))
    assert sessie.aanmeldingen.get().herinnerd_op is not None

    nieuwe_start = sessie.start + timedelta(days=1)
    sessie_bijwerken(sessie=sessie, start=nieuwe_start, eind=nieuwe_start + timedelta(hours=2))

    assert sessie.aanmeldingen.get().herinnerd_op is None


def test_unknown_fields_are_refused(sessie):
    with pytest.raises(TypeError):
        sessie_bijwerken(sessie=sessie, aantal_aangemeld=0)


@pytest.mark.django_db(transaction=True)
def test_raising_the_capacity_while_people_register_keeps_the_count_equal_to_the_rows(sessie):
    for user in UserFactory.create_batch(4):
        aanmelden(sessie=sessie, user=user)  # 2 places, 2 waiting
    mensen = iter(UserFactory.create_batch(6))
    lock = threading.Lock()
    aanroepen = iter(["verhogen"] + ["aanmelden"] * 6)

    def volgende():
        with lock:
            wat = next(aanroepen)
            user = next(mensen) if wat == "aanmelden" else None
        if user is None:
            return sessie_bijwerken(sessie=sessie, capaciteit=6)
        return aanmelden(sessie=sessie, user=user)

    uitkomsten = run_together(volgende, deelnemers=7)

    assert not [u for u in uitkomsten if isinstance(u, BaseException)], uitkomsten
    sessie.refresh_from_db()
    plaatsen = sessie.aanmeldingen.filter(status=Aanmelding.Status.AANGEMELD)
    assert sessie.capaciteit == 6
    assert sessie.aantal_aangemeld == plaatsen.count() == 6
    # Places went in order of arrival: nobody who waits arrived before someone with a place.
    laatste_plaats = max(plaatsen.values_list("volgnummer", flat=True))
    eerste_wachtende = min(
        sessie.aanmeldingen.filter(status=Aanmelding.Status.WACHTLIJST).values_list(
            "volgnummer", flat=True
        )
    )
    assert laatste_plaats < eerste_wachtende


# --- Outcomes --------------------------------------------------------------------------


@pytest.fixture
def uitkomst(sessie, regisseur):
    def maak(soort, titel="De corporatie deelt de planning", toelichting=""):
        return uitkomst_vastleggen(
            sessie=sessie, door=regisseur, soort=soort, titel=titel, toelichting=toelichting
        )

    return maak


def test_an_outcome_is_recorded_with_who_recorded_it(uitkomst, regisseur):
    gemaakt = uitkomst(Uitkomst.Soort.IDEE, titel="  Een moestuin  ")
    assert gemaakt.titel == "Een moestuin"
    assert gemaakt.vastgelegd_door == regisseur
    assert not gemaakt.omgezet


def test_an_action_goes_into_the_draft_plan_once(uitkomst, regisseur, opgave, organisatie):
    plan = PlanVanAanpak.objects.create(opgave=opgave, versie=1)
    gemaakt = uitkomst(
        Uitkomst.Soort.ACTIE, titel="Speelplek ontwerpen", toelichting="Met kinderen."
    )

    omgezet = uitkomst_omzetten(uitkomst=gemaakt, door=regisseur, trekker=organisatie)

    actie = Actie.objects.get()
    assert omgezet.actie == actie
    assert (actie.plan, actie.titel, actie.omschrijving, actie.trekker) == (
        plan,
        "Speelplek ontwerpen",
        "Met kinderen.",
        organisatie,
    )
    with pytest.raises(
        ValidationError,
        match=re.escape(t("This outcome has already been turned into something in the opgave.")),
    ):
        uitkomst_omzetten(uitkomst=gemaakt, door=regisseur, trekker=organisatie)
    assert Actie.objects.count() == 1


def test_an_action_needs_a_draft_plan(uitkomst, regisseur, opgave, organisatie):
    gemaakt = uitkomst(Uitkomst.Soort.ACTIE)
    with pytest.raises(ValidationError, match=re.escape(t(GEEN_PLAN))):
        uitkomst_omzetten(uitkomst=gemaakt, door=regisseur, trekker=organisatie)

    PlanVanAanpak.objects.create(opgave=opgave, versie=1, status=PlanVanAanpak.Status.VASTGESTELD)
    with pytest.raises(ValidationError, match=re.escape(t(GEEN_PLAN))):
        uitkomst_omzetten(uitkomst=gemaakt, door=regisseur, trekker=organisatie)
    gemaakt.refresh_from_db()
    assert not gemaakt.omgezet


def test_the_trekker_must_be_involved(uitkomst, regisseur, opgave, andere_organisatie):
    PlanVanAanpak.objects.create(opgave=opgave, versie=1)
    gemaakt = uitkomst(Uitkomst.Soort.ACTIE)
    with pytest.raises(ValidationError) as fout:
        uitkomst_omzetten(uitkomst=gemaakt, door=regisseur, trekker=andere_organisatie)
    assert "trekker" in fout.value.message_dict
    assert not Actie.objects.exists()


def test_an_agreement_becomes_a_commitment(uitkomst, regisseur, opgave):
    gemaakt = uitkomst(Uitkomst.Soort.AFSPRAAK)
    omgezet = uitkomst_omzetten(
        uitkomst=gemaakt, door=regisseur, eigenaar=regisseur, deadline=date(2027, 3, 1)
    )
    toezegging = Toezegging.objects.get()
    assert omgezet.toezegging == toezegging
    assert (toezegging.opgave, toezegging.omschrijving, toezegging.eigenaar) == (
        opgave,
        "De corporatie deelt de planning",
        regisseur,
    )


def test_the_owner_of_a_commitment_has_a_role_on_the_opgave(uitkomst, regisseur, ambtenaar):
    gemaakt = uitkomst(Uitkomst.Soort.AFSPRAAK)
    with pytest.raises(ValidationError) as fout:
        uitkomst_omzetten(
            uitkomst=gemaakt, door=regisseur, eigenaar=ambtenaar, deadline=date(2027, 3, 1)
        )
    assert fout.value.message_dict == {
        "eigenaar": [t("Choose someone with a role on this opgave.")]
    }
    with pytest.raises(ValidationError) as fout:
        uitkomst_omzetten(uitkomst=gemaakt, door=regisseur)
    assert set(fout.value.message_dict) == {"eigenaar", "deadline"}
    assert not Toezegging.objects.exists()


def test_a_position_is_recorded_for_an_involved_organisation(uitkomst, regisseur, opgave):
    betrokkenheid = Betrokkenheid.objects.get(opgave=opgave)
    gemaakt = uitkomst(Uitkomst.Soort.POSITIE, titel="Corporatie wil snel", toelichting="Zei ze.")
    omgezet = uitkomst_omzetten(
        uitkomst=gemaakt,
        door=regisseur,
        betrokkenheid=betrokkenheid,
        datum=timezone.localdate(),
        invloed=4,
        belang=5,
        houding=1,
    )
    positie = Positie.objects.get()
    assert omgezet.positie == positie
    assert (positie.betrokkenheid, positie.invloed, positie.belang, positie.houding) == (
        betrokkenheid,
        4,
        5,
        1,
    )
    assert positie.toelichting == "Corporatie wil snel\n\nZei ze."


def test_a_position_of_another_opgave_is_refused(
    uitkomst, regisseur, andere_opgave, andere_organisatie
):
    vreemd = Betrokkenheid.objects.create(
        opgave=andere_opgave, organisatie=andere_organisatie, aard=Betrokkenheid.Aard.VOERT_UIT
    )
    gemaakt = uitkomst(Uitkomst.Soort.POSITIE)
    with pytest.raises(ValidationError) as fout:
        uitkomst_omzetten(
            uitkomst=gemaakt,
            door=regisseur,
            betrokkenheid=vreemd,
            datum=timezone.localdate(),
            invloed=3,
            belang=3,
            houding=0,
        )
    assert "betrokkenheid" in fout.value.message_dict
    assert not Positie.objects.exists()


def test_an_idea_stays_an_idea(uitkomst, regisseur):
    gemaakt = uitkomst(Uitkomst.Soort.IDEE)
    with pytest.raises(ValidationError, match=re.escape(t(IDEE))):
        uitkomst_omzetten(uitkomst=gemaakt, door=regisseur)
