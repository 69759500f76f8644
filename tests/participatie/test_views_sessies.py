"""The session pages: reading, registering and cancelling, the calendar file, planning,
attendance and outcomes; outsiders, IDOR, no writes on GET, and query counts."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from meldingen.models import Melding, Soort
from opgaven.models import Actie, PlanVanAanpak, Toezegging
from participatie.models import Aanmelding, Sessie, Uitkomst
from participatie.services import aanmelden
from participatie.services_sessies import sessie_aanmaken, uitkomst_vastleggen
from tests.factories import UserFactory
from tests.test_csp import inline_code

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
AL_OMGEZET = "This outcome has already been turned into something in the opgave."
GEEN_PLAN = (
    "This opgave has no draft plan of action, so an action cannot be added. Make a plan of "
    "action (or a new version of it) in the workspace first, then come back."
)
IDEE = (
    "An idea stays an outcome of the session: only an agreement, an action or a position "
    "can be turned into something in the opgave."
)


def t(msgid: str, **waarden) -> str:
    """What the visitor reads (Dutch, the default language) for ``msgid``."""
    tekst = gettext(msgid)
    return tekst % waarden if waarden else tekst


def plaatsen(aantal: int) -> str:
    return ngettext("%(aantal)s place left", "%(aantal)s places left", aantal) % {"aantal": aantal}


START = datetime(2030, 3, 5, 19, 30, tzinfo=AMSTERDAM)  # a Tuesday


def url(name, sessie, **kwargs):
    return reverse(
        f"participatie:{name}", kwargs={"slug": sessie.ronde.slug, "pk": sessie.pk, **kwargs}
    )


@pytest.fixture
def avond(ronde):
    """A session in 2030 with a place and an online link, room for two."""
    return sessie_aanmaken(
        ronde=ronde,
        titel="Ontwerpavond speeltuin",
        start=START,
        eind=START + timedelta(hours=2),
        locatie="Buurthuis De Molen, Molenstraat 1",
        online_link="https://meet.demodam.nl/ontwerpavond",
        capaciteit=2,
        aanmelden_tot=START - timedelta(days=1),
        agenda="Kennismaken\nTekenen",
    )


def vol(sessie, aantal=2):
    mensen = UserFactory.create_batch(aantal)
    for user in mensen:
        aanmelden(sessie=sessie, user=user)
    return mensen


# --- The session page ------------------------------------------------------------------


def test_anyone_reads_the_session_in_dutch_without_the_online_link(client, avond):
    response = client.get(url("sessie", avond))

    assertContains(response, "Ontwerpavond speeltuin")
    assertContains(response, "dinsdag 5 maart 2030, 19:30")
    assertContains(response, f"{t('to')} <time")
    assertContains(response, "21:30")
    assertContains(response, "Buurthuis De Molen, Molenstraat 1")
    assertContains(response, "Kennismaken<br>Tekenen")
    assertContains(response, plaatsen(2))
    assertContains(response, t("You will see the link to join online once you have registered."))
    assertNotContains(response, "meet.demodam.nl")
    login = reverse("account_login") + "?next=" + url("sessie", avond)
    assertContains(response, login)
    assertContains(response, url("sessie_ics", avond))
    assertNotContains(response, t("For the organisers"))
    assert inline_code(response.content.decode()) == []


def test_one_place_left_and_full(client, avond, inwoner):
    vol(avond, 1)
    assertContains(client.get(url("sessie", avond)), plaatsen(1))
    vol(avond, 1)
    client.force_login(inwoner)
    response = client.get(url("sessie", avond))
    assertContains(response, t("Full: you can join the waiting list"))
    assertContains(response, t("Join the waiting list") + "</button>")


def test_a_session_of_another_round_is_not_found(client, ronde, andere_ronde, regisseur):
    andere = sessie_aanmaken(
        ronde=andere_ronde,
        titel="Voorlichting",
        start=START,
        eind=START + timedelta(hours=1),
        locatie="School",
        capaciteit=5,
        aanmelden_tot=START,
    )
    client.force_login(regisseur)
    verkeerd = reverse("participatie:sessie", kwargs={"slug": ronde.slug, "pk": andere.pk})
    assert client.get(verkeerd).status_code == 404
    assert client.get(f"{verkeerd}agenda.ics").status_code == 404


def test_a_session_of_a_draft_round_is_only_for_its_officials(client, concept_ronde, regisseur):
    sessie = sessie_aanmaken(
        ronde=concept_ronde,
        titel="Voorbereiding",
        start=START,
        eind=START + timedelta(hours=1),
        locatie="Stadhuis",
        capaciteit=5,
        aanmelden_tot=START,
    )
    assert client.get(url("sessie", sessie)).status_code == 404
    client.force_login(regisseur)
    assert client.get(url("sessie", sessie)).status_code == 200


# --- Registering and cancelling --------------------------------------------------------


def test_registering_gives_a_place_and_shows_the_link(client, avond, inwoner):
    client.force_login(inwoner)
    assertContains(client.get(url("sessie", avond)), t("Register") + "</button>")

    response = client.post(url("aanmelden", avond), follow=True)

    assertRedirects(response, url("sessie", avond))
    assertContains(
        response,
        t(
            "You are registered for “%(titel)s”. You will get a reminder a day before.",
            titel=avond.titel,
        ),
    )
    assertContains(response, t("You are registered for this session."))
    assertContains(response, 'href="https://meet.demodam.nl/ontwerpavond"')
    assertContains(response, url("afmelden", avond))
    assertContains(response, plaatsen(1))
    assert avond.aanmeldingen.get().status == Aanmelding.Status.AANGEMELD


def test_a_full_session_puts_you_on_the_waiting_list_with_your_number(client, avond, inwoner):
    vol(avond)
    client.force_login(inwoner)

    response = client.post(url("aanmelden", avond), follow=True)

    assertContains(
        response,
        t(
            (
                "“%(titel)s” is full: you are on the waiting list, number %(plaats)s. When a "
                "place becomes free, it is yours and we will let you know."
            ),
            titel=avond.titel,
            plaats=1,
        ),
    )
    assertContains(
        response,
        t(
            (
                "You are on the waiting list, at number %(plaats)s. When a place becomes free, "
                "it is yours and we will let you know."
            ),
            plaats=1,
        ),
    )
    assertContains(response, t("Leave the waiting list"))
    assertNotContains(response, "meet.demodam.nl/ontwerpavond")


def test_registering_twice_or_after_the_deadline_is_refused_in_dutch(client, avond, inwoner):
    client.force_login(inwoner)
    client.post(url("aanmelden", avond))
    response = client.post(url("aanmelden", avond))
    assert response.status_code == 400
    assertContains(response, t("You are already registered for this session."), status_code=400)

    Sessie.objects.filter(pk=avond.pk).update(aanmelden_tot=timezone.now() - timedelta(hours=1))
    ander = UserFactory()
    client.force_login(ander)
    response = client.post(url("aanmelden", avond))
    assertContains(response, t("Registration for this session has closed."), status_code=400)
    assert avond.aanmeldingen.count() == 1


def test_anonymous_visitors_are_sent_to_log_in_and_get_changes_nothing(client, avond, inwoner):
    response = client.post(url("aanmelden", avond))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(inwoner)
    assert client.get(url("aanmelden", avond)).status_code == 405
    assert not avond.aanmeldingen.exists()


def test_cancelling_asks_first_then_promotes_the_first_waiting(client, avond, inwoner):
    client.force_login(inwoner)
    client.post(url("aanmelden", avond))
    _eerste, tweede, derde = vol(avond, 3)  # one more place, then two waiting

    response = client.get(url("afmelden", avond))
    assertContains(
        response,
        t(
            "Your place goes to the first person on the waiting list. If you change your "
            "mind, you register again, if there is room."
        ),
    )
    assert avond.aanmeldingen.get(user=inwoner).status == Aanmelding.Status.AANGEMELD

    response = client.post(url("afmelden", avond), follow=True)

    assertRedirects(response, url("sessie", avond))
    assertContains(
        response, t("You have cancelled your registration for “%(titel)s”.", titel=avond.titel)
    )
    assertContains(response, t("You have cancelled your registration."))
    assertContains(
        response, t("Join the waiting list") + "</button>"
    )  # the freed place went on: full again
    statussen = dict(avond.aanmeldingen.values_list("user_id", "status"))
    assert statussen[inwoner.pk] == Aanmelding.Status.GEANNULEERD
    assert statussen[tweede.pk] == Aanmelding.Status.AANGEMELD
    assert statussen[derde.pk] == Aanmelding.Status.WACHTLIJST
    assert Melding.objects.filter(ontvanger=tweede, soort=Soort.WACHTLIJST_PLAATS).count() == 1
    assert not Melding.objects.filter(ontvanger=derde, soort=Soort.WACHTLIJST_PLAATS).exists()


def test_you_cannot_cancel_someone_elses_registration(client, avond, inwoner, partner_lid):
    aanmelden(sessie=avond, user=partner_lid)
    client.force_login(inwoner)
    assert client.get(url("afmelden", avond)).status_code == 404
    assert client.post(url("afmelden", avond)).status_code == 404
    assert avond.aanmeldingen.get().status == Aanmelding.Status.AANGEMELD


def test_cancelling_after_the_start_is_refused_in_dutch(client, avond, inwoner):
    aanmelden(sessie=avond, user=inwoner)
    Sessie.objects.filter(pk=avond.pk).update(
        start=timezone.now() - timedelta(hours=1), aanmelden_tot=timezone.now() - timedelta(hours=2)
    )
    client.force_login(inwoner)
    response = client.post(url("afmelden", avond))
    assertContains(
        response,
        t("This registration can no longer be cancelled: the session has started."),
        status_code=400,
    )
    assert avond.aanmeldingen.get().status == Aanmelding.Status.AANGEMELD


# --- The calendar file -----------------------------------------------------------------


def test_the_calendar_file_is_valid_and_keeps_the_link_for_registered_people(
    client, avond, inwoner
):
    response = client.get(url("sessie_ics", avond))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="sessie-{avond.pk}.ics"'
    inhoud = response.content.decode()
    regels = inhoud.replace("\r\n ", "").split("\r\n")
    assert regels[0] == "BEGIN:VCALENDAR"
    assert "BEGIN:VEVENT" in regels
    assert f"UID:sessie-{avond.pk}@127.0.0.1" in regels
    assert "DTSTART:20300305T183000Z" in regels
    assert "DTEND:20300305T203000Z" in regels
    assert "SUMMARY:Ontwerpavond speeltuin" in regels
    assert "LOCATION:Buurthuis De Molen\\, Molenstraat 1" in regels
    assert any(r.startswith("DTSTAMP:") and r.endswith("Z") for r in regels)
    assert "meet.demodam.nl" not in inhoud

    aanmelden(sessie=avond, user=inwoner)
    client.force_login(inwoner)
    inhoud = client.get(url("sessie_ics", avond)).content.decode().replace("\r\n ", "")
    assert "Online: https://meet.demodam.nl/ontwerpavond" in inhoud


# --- For the officials -----------------------------------------------------------------


def test_the_officials_see_counts_attendance_and_outcomes_but_no_names(
    client, avond, regisseur, inwoner
):
    aanmelden(sessie=avond, user=inwoner)
    client.force_login(regisseur)

    response = client.get(url("sessie", avond))

    assertContains(response, t("For the organisers"))
    assertContains(
        response,
        t(
            (
                "Registered: %(aangemeld)s · attended: %(aanwezig)s · on the waiting list: "
                "%(wachtlijst)s · capacity: %(capaciteit)s"
            ),
            aangemeld=1,
            aanwezig=0,
            wachtlijst=0,
            capaciteit=2,
        ),
    )
    assertContains(response, url("sessie_bewerken", avond))
    assertContains(response, url("aanwezigheid", avond))
    assertContains(response, url("uitkomst_nieuw", avond))
    assertContains(response, 'href="https://meet.demodam.nl/ontwerpavond"')
    assertNotContains(response, "Ilse Inwoner")
    assertNotContains(response, inwoner.email)


@pytest.mark.parametrize("persona", ["partner_lid", "ambtenaar", "adviseur"])
def test_others_see_no_management_and_get_403(client, avond, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assertNotContains(client.get(url("sessie", avond)), t("For the organisers"))
    for naam in ("sessie_bewerken", "aanwezigheid", "uitkomst_nieuw"):
        assert client.get(url(naam, avond)).status_code == 403
        assert client.post(url(naam, avond), {"titel": "x"}).status_code == 403
    assert (
        client.get(
            reverse("participatie:sessie_nieuw", kwargs={"slug": avond.ronde.slug})
        ).status_code
        == 403
    )


def test_planning_a_session(client, ronde, regisseur):
    client.force_login(regisseur)
    nieuw = reverse("participatie:sessie_nieuw", kwargs={"slug": ronde.slug})
    assertContains(client.get(nieuw), t("Plan a session"))

    response = client.post(
        nieuw,
        {
            "titel": "Wandeling door de wijk",
            "start": "2030-04-02T10:00",
            "eind": "2030-04-02T12:00",
            "locatie": "Verzamelen bij de kerk",
            "capaciteit": "15",
            "aanmelden_tot": "2030-04-01T18:00",
        },
        follow=True,
    )

    sessie = Sessie.objects.get(titel="Wandeling door de wijk")
    assertRedirects(response, url("sessie", sessie))
    assertContains(
        response, t("The session “%(titel)s” has been planned.", titel="Wandeling door de wijk")
    )
    assert timezone.localtime(sessie.start) == datetime(2030, 4, 2, 10, 0, tzinfo=AMSTERDAM)


def test_planning_errors_are_dutch_and_at_their_fields(client, ronde, regisseur):
    client.force_login(regisseur)
    response = client.post(
        reverse("participatie:sessie_nieuw", kwargs={"slug": ronde.slug}),
        {
            "titel": "Avond",
            "start": "2030-04-02T20:00",
            "eind": "2030-04-02T19:00",
            "capaciteit": "10",
            "aanmelden_tot": "2030-04-03T10:00",
        },
    )
    assert response.status_code == 400
    assertContains(response, t("Please correct the following"), status_code=400)
    assertContains(response, t("The session must end after it starts."), status_code=400)
    assertContains(
        response, t("Registration must close before the session starts."), status_code=400
    )
    assertContains(response, t("Give a place or an online link (or both)."), status_code=400)
    assertContains(response, 'href="#id_eind"', status_code=400)
    assert not Sessie.objects.filter(titel="Avond").exists()


def _wijzig(avond, **anders):
    data = {
        "titel": avond.titel,
        "start": timezone.localtime(avond.start).strftime("%Y-%m-%dT%H:%M"),
        "eind": timezone.localtime(avond.eind).strftime("%Y-%m-%dT%H:%M"),
        "locatie": avond.locatie,
        "online_link": avond.online_link,
        "capaciteit": str(avond.capaciteit),
        "aanmelden_tot": timezone.localtime(avond.aanmelden_tot).strftime("%Y-%m-%dT%H:%M"),
        "agenda": avond.agenda,
    }
    return {**data, **anders}


def test_changing_the_capacity(client, avond, regisseur):
    *_, derde = vol(avond, 3)
    client.force_login(regisseur)
    assertContains(client.get(url("sessie_bewerken", avond)), 'value="2030-03-05T19:30"')

    response = client.post(url("sessie_bewerken", avond), _wijzig(avond, capaciteit="1"))
    assertContains(
        response,
        t(
            "%(aantal)s people have already registered: the capacity cannot be lower than that.",
            aantal=2,
        ),
        status_code=400,
    )

    response = client.post(url("sessie_bewerken", avond), _wijzig(avond, capaciteit="3"))
    assertRedirects(response, url("sessie", avond), fetch_redirect_response=False)
    assert avond.aanmeldingen.get(user=derde).status == Aanmelding.Status.AANGEMELD
    assert Melding.objects.filter(ontvanger=derde, soort=Soort.WACHTLIJST_PLAATS).exists()


def test_attendance_shows_names_never_email_and_saves(client, avond, regisseur, inwoner):
    naamloos = UserFactory(weergavenaam="")
    aanmelden(sessie=avond, user=inwoner)
    aanmelden(sessie=avond, user=naamloos)
    wachtend = UserFactory(weergavenaam="Wim Wachtend")
    aanmelden(sessie=avond, user=wachtend)
    client.force_login(regisseur)

    response = client.get(url("aanwezigheid", avond))

    assertContains(response, "Ilse Inwoner")
    assertContains(response, t("Participant without a name (no. %(nummer)s)", nummer=2))
    assertContains(
        response,
        ngettext(
            "%(aantal)s person registered, in order of registration",
            "%(aantal)s people registered, in order of registration",
            2,
        )
        % {"aantal": 2},
    )
    assertContains(response, "<caption")
    assertContains(response, 'scope="row"')
    assertNotContains(response, "Wim Wachtend")
    for user in (inwoner, naamloos, wachtend):
        assertNotContains(response, user.email)
    assert inline_code(response.content.decode()) == []

    response = client.post(url("aanwezigheid", avond), {"aanwezig": [str(inwoner.pk)]}, follow=True)

    assertRedirects(response, url("sessie", avond))
    assertContains(
        response,
        t(
            "The attendance has been saved: %(aantal)s of %(totaal)s people were there.",
            aantal=1,
            totaal=2,
        ),
    )
    assert avond.aanmeldingen.get(user=inwoner).status == Aanmelding.Status.AANWEZIG
    assert avond.aanmeldingen.get(user=naamloos).status == Aanmelding.Status.AANGEMELD

    response = client.post(url("aanwezigheid", avond), {"aanwezig": [str(wachtend.pk)]})
    assert response.status_code == 400
    assert avond.aanmeldingen.get(user=wachtend).status == Aanmelding.Status.WACHTLIJST


def test_recording_an_outcome(client, avond, regisseur):
    client.force_login(regisseur)
    response = client.post(
        url("uitkomst_nieuw", avond),
        {"soort": "afspraak", "titel": "De corporatie deelt de planning", "toelichting": ""},
        follow=True,
    )
    assertRedirects(response, url("sessie", avond) + "#uitkomsten")
    assertContains(
        response,
        t("The outcome “%(titel)s” has been recorded.", titel="De corporatie deelt de planning"),
    )
    assertContains(response, t("Turn into a commitment"))

    response = client.post(url("uitkomst_nieuw", avond), {"soort": "onzin", "titel": ""})
    assert response.status_code == 400
    assert avond.uitkomsten.count() == 1


def test_an_agreement_becomes_a_commitment_in_one_step_and_only_once(client, avond, regisseur):
    uitkomst = uitkomst_vastleggen(
        sessie=avond, door=regisseur, soort=Uitkomst.Soort.AFSPRAAK, titel="Planning delen"
    )
    omzetten = url("uitkomst_omzetten", avond, uitkomst=uitkomst.pk)
    client.force_login(regisseur)
    assertContains(client.get(omzetten), t("Turn into a commitment"))
    assert not Toezegging.objects.exists()  # GET writes nothing

    data = {"eigenaar": regisseur.pk, "deadline": "2030-06-01"}
    response = client.post(omzetten, data, follow=True)

    assertContains(
        response, t("The outcome “%(titel)s” is now part of the opgave.", titel="Planning delen")
    )
    assertContains(response, t("Became a commitment:"))
    toezegging = Toezegging.objects.get()
    assert toezegging.omschrijving == "Planning delen"
    assertContains(client.get(omzetten), t(AL_OMGEZET))
    response = client.post(omzetten, data)
    assertContains(response, t(AL_OMGEZET), status_code=400)
    assert Toezegging.objects.count() == 1


def test_an_action_needs_a_draft_plan_explained_in_dutch(
    client, avond, regisseur, opgave, organisatie
):
    uitkomst = uitkomst_vastleggen(
        sessie=avond, door=regisseur, soort=Uitkomst.Soort.ACTIE, titel="Speelplek ontwerpen"
    )
    omzetten = url("uitkomst_omzetten", avond, uitkomst=uitkomst.pk)
    client.force_login(regisseur)

    response = client.get(omzetten)
    assertContains(response, t(GEEN_PLAN))
    assertContains(response, reverse("opgaven:plan", kwargs={"slug": opgave.slug}))
    response = client.post(omzetten, {"trekker": organisatie.pk})
    assertContains(response, t(GEEN_PLAN), status_code=400)

    PlanVanAanpak.objects.create(opgave=opgave, versie=1)
    response = client.get(omzetten)
    assertContains(response, "Woonstichting Demodam")
    response = client.post(omzetten, {"trekker": organisatie.pk})
    assertRedirects(response, url("sessie", avond) + "#uitkomsten", fetch_redirect_response=False)
    assert Actie.objects.get().titel == "Speelplek ontwerpen"


def test_an_outcome_of_another_session_is_not_found(client, avond, sessie, regisseur):
    vreemd = uitkomst_vastleggen(sessie=sessie, door=regisseur, soort="afspraak", titel="Elders")
    client.force_login(regisseur)
    assert client.get(url("uitkomst_omzetten", avond, uitkomst=vreemd.pk)).status_code == 404


# --- The round's list ------------------------------------------------------------------


def test_the_list_of_a_round_shows_date_place_and_free_places(ronde, avond, sessie):
    html = render_to_string(
        "participatie/sessies/_lijst.html", {"ronde": ronde, "sessies": ronde.sessies.all()}
    )
    assert t("Co-creation sessions") in html
    assert url("sessie", avond) in html
    assert url("sessie", sessie) in html
    assert "dinsdag 5 maart 2030" in html
    assert f"Buurthuis De Molen, Molenstraat 1 {t('and online')}" in html
    assert plaatsen(2) in html

    leeg = render_to_string("participatie/sessies/_lijst.html", {"ronde": ronde, "sessies": []})
    assert t("No sessions have been planned in this round yet.") in leeg


# --- Query counts ----------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["regisseur", "inwoner", "anoniem"])
def test_the_session_page_takes_the_same_queries_for_1_or_100_registrations(
    client, avond, persona, request, regisseur
):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)
    for soort in ("idee", "afspraak"):
        uitkomst_vastleggen(sessie=avond, door=regisseur, soort=soort, titel=f"Uitkomst {soort}")

    def tellen() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("sessie", avond)).status_code == 200
        return len(queries)

    Sessie.objects.filter(pk=avond.pk).update(capaciteit=200)
    vol(avond, 1)
    if persona == "inwoner":
        aanmelden(sessie=avond, user=user)
    tellen()  # warm the process-wide caches (content types) first
    een = tellen()
    vol(avond, 99)
    assert tellen() == een
    assert een <= 12


def test_a_position_is_recorded_from_the_session(client, avond, regisseur, opgave):
    uitkomst = uitkomst_vastleggen(
        sessie=avond, door=regisseur, soort=Uitkomst.Soort.POSITIE, titel="Corporatie wil snel"
    )
    omzetten = url("uitkomst_omzetten", avond, uitkomst=uitkomst.pk)
    client.force_login(regisseur)
    response = client.get(omzetten)
    assertContains(response, t("Record as a position"))
    assertContains(response, "Woonstichting Demodam")
    assertContains(response, 'type="radio" name="houding"')
    betrokkenheid = opgave.betrokkenheden.get()

    response = client.post(omzetten, {"betrokkenheid": betrokkenheid.pk, "invloed": "9"})
    assert response.status_code == 400
    response = client.post(
        omzetten,
        {
            "betrokkenheid": betrokkenheid.pk,
            "datum": timezone.localdate().isoformat(),
            "invloed": "4",
            "belang": "5",
            "houding": "-1",
        },
    )
    assertRedirects(response, url("sessie", avond) + "#uitkomsten", fetch_redirect_response=False)
    uitkomst.refresh_from_db()
    assert (uitkomst.positie.invloed, uitkomst.positie.houding) == (4, -1)
    assertContains(client.get(url("sessie", avond)), t("Became a position in the field of forces:"))


def test_an_idea_cannot_be_turned_into_anything(client, avond, regisseur):
    uitkomst = uitkomst_vastleggen(sessie=avond, door=regisseur, soort="idee", titel="Moestuin")
    omzetten = url("uitkomst_omzetten", avond, uitkomst=uitkomst.pk)
    client.force_login(regisseur)
    assertContains(client.get(omzetten), t(IDEE))
    assertContains(client.post(omzetten), t(IDEE), status_code=400)
    assertContains(client.get(url("uitkomst_nieuw", avond)), t("Kind of outcome"))
