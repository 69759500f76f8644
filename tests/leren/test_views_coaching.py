"""The coaching pages: starting and changing a trajectory, its page per reader, coaching
conversations, the coachee page with the coach's assessment, and feedback on an entry.
Happy paths, bad input (400, nothing changes), IDOR (404) and constant queries."""

from __future__ import annotations

from datetime import date, timedelta

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

import pytest

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
from meldingen.models import Melding, Soort

pytestmark = pytest.mark.django_db


def url(naam: str, **kwargs) -> str:
    return reverse(f"leren:{naam}", kwargs=kwargs)


def nl(msgid: str) -> str:
    with translation.override("nl"):
        return gettext(msgid)


@pytest.fixture
def gesprek(traject, coachee):
    gesprek = Coachgesprek.objects.create(
        traject=traject,
        datum=date(2026, 11, 2),
        gedeelde_notities="Gedeelde notitie over netwerkregie",
        prive_notities="Privénotitie: let op de spanning met de manager",
    )
    Actiepunt.objects.create(
        gesprek=gesprek,
        omschrijving="Actiepunt: netwerkkaart maken",
        eigenaar=coachee,
        deadline=date(2026, 12, 1),
    )
    return gesprek


# --- Starting a trajectory --------------------------------------------------------------


def traject_data(wie, **anders):
    return {
        "titel": "Coaching Anouk",
        "soort": Coachtraject.Soort.INDIVIDUEEL,
        "coachees": [c.pk for c in wie],
        "doelen": "Sterker in verbinden.",
        "afspraken": "Alleen de voortgang wordt gedeeld.",
        "deelt_voortgang": "on",
        "start": "2026-12-01",
        **anders,
    }


def test_een_adviseur_start_een_traject_in_intake(client, adviseur, ambtenaar, regisseur, opgave):
    client.force_login(adviseur)
    response = client.post(
        url("traject_nieuw"),
        traject_data([ambtenaar], opdrachtgever=regisseur.pk, opgave=opgave.pk),
    )
    traject = Coachtraject.objects.get(titel="Coaching Anouk")
    assert response.status_code == 302
    assert response["Location"] == url("traject", pk=traject.pk)
    assert traject.coach == adviseur
    assert traject.status == Coachtraject.Status.INTAKE
    assert list(traject.coachees.all()) == [ambtenaar]
    assert (traject.opdrachtgever, traject.opgave, traject.deelt_voortgang) == (
        regisseur,
        opgave,
        True,
    )


def test_het_formulier_biedt_ambtenaren_en_niet_de_coach_zelf(
    client, adviseur, coachee, ambtenaar, inwoner, partner_lid
):
    client.force_login(adviseur)
    response = client.get(url("traject_nieuw"))
    assert response.status_code == 200
    keuzes = set(response.context["form"].fields["coachees"].queryset)
    assert {coachee, ambtenaar} <= keuzes
    assert not keuzes & {adviseur, inwoner, partner_lid}
    html = response.content.decode()
    assert 'for="id_coachees_0"' in html
    assert 'name="deelt_voortgang"' in html


@pytest.mark.parametrize(
    ("anders", "veld"),
    [
        ({"titel": ""}, "titel"),
        ({"coachees": []}, "coachees"),
        ({"start": "morgen"}, "start"),
        ({"soort": "klas"}, "soort"),
    ],
)
def test_traject_nieuw_slechte_invoer_geeft_400(client, adviseur, ambtenaar, anders, veld):
    client.force_login(adviseur)
    response = client.post(url("traject_nieuw"), traject_data([ambtenaar], **anders))
    assert response.status_code == 400
    assert veld in response.context["form"].errors
    assert "data-error-summary" in response.content.decode()
    assert not Coachtraject.objects.exists()


def test_individueel_heeft_precies_een_coachee(client, adviseur, ambtenaar, coachee):
    client.force_login(adviseur)
    response = client.post(url("traject_nieuw"), traject_data([ambtenaar, coachee]))
    assert response.status_code == 400
    assert response.context["form"].errors["coachees"] == [
        nl("An individual trajectory has exactly one coachee.")
    ]
    assert not Coachtraject.objects.exists()


def test_opdrachtgever_is_geen_coachee(client, adviseur, ambtenaar):
    client.force_login(adviseur)
    response = client.post(
        url("traject_nieuw"), traject_data([ambtenaar], opdrachtgever=ambtenaar.pk)
    )
    assert response.status_code == 400
    assert "opdrachtgever" in response.context["form"].errors
    assert not Coachtraject.objects.exists()


def test_een_inwoner_is_niet_te_kiezen(client, adviseur, inwoner):
    client.force_login(adviseur)
    response = client.post(url("traject_nieuw"), traject_data([inwoner]))
    assert response.status_code == 400
    assert not Coachtraject.objects.exists()


@pytest.mark.parametrize("persona", ["ambtenaar", "coachee", "beheerder", "inwoner"])
def test_alleen_adviseurs_starten_een_traject(client, request, persona, ambtenaar):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("traject_nieuw")).status_code == 403
    assert client.post(url("traject_nieuw"), traject_data([ambtenaar])).status_code == 403
    assert not Coachtraject.objects.exists()


# --- The trajectory page per reader -----------------------------------------------------


def test_de_coach_ziet_alles(client, adviseur, traject, gesprek):
    client.force_login(adviseur)
    response = client.get(url("traject", pk=traject.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["rol"] == "coach"
    for tekst in (
        "Gedeelde notitie over netwerkregie",
        "Privénotitie: let op de spanning met de manager",
        "Actiepunt: netwerkkaart maken",
        url("gesprek_nieuw", pk=traject.pk),
        url("traject_bewerken", pk=traject.pk),
        url("traject_status", pk=traject.pk),
    ):
        assert tekst in html


def test_de_coachee_ziet_gedeelde_notities_en_eigen_actiepunten(client, coachee, traject, gesprek):
    client.force_login(coachee)
    response = client.get(url("traject", pk=traject.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["rol"] == "coachee"
    assert "Gedeelde notitie over netwerkregie" in html
    assert "Actiepunt: netwerkkaart maken" in html
    assert "Privénotitie" not in html
    assert url("traject_bewerken", pk=traject.pk) not in html


def test_in_een_team_ziet_een_coachee_alleen_eigen_en_teamactiepunten(
    client, coachee, ambtenaar, teamtraject
):
    gesprek = Coachgesprek.objects.create(traject=teamtraject, datum=date(2026, 11, 3))
    for omschrijving, eigenaar in (
        ("Punt van Coen", coachee),
        ("Punt van Anouk", ambtenaar),
        ("Punt van het team", None),
    ):
        Actiepunt.objects.create(gesprek=gesprek, omschrijving=omschrijving, eigenaar=eigenaar)
    client.force_login(coachee)
    html = client.get(url("traject", pk=teamtraject.pk)).content.decode()
    assert "Punt van Coen" in html
    assert "Punt van het team" in html
    assert "Punt van Anouk" not in html


def test_de_opdrachtgever_ziet_een_samenvatting_zonder_inhoud(
    client, regisseur, coachee, traject, gesprek
):
    Leerervaring.objects.create(
        auteur=coachee,
        datum=timezone.localdate(),
        bron=Bron.SOCIAAL,
        titel="Intervisie met collega's",
        reflectie="Ik merkte dat ik te snel oordeel.",
        zichtbaarheid=Zichtbaarheid.COACH,
    )
    client.force_login(regisseur)
    response = client.get(url("traject", pk=traject.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["rol"] == "opdrachtgever"
    (regel,) = response.context["samenvatting"].coachees
    assert regel.gedeeld == 1
    assert traject.doelen in html
    assert traject.afspraken in html
    for geheim in (
        "Intervisie met collega's",
        "Ik merkte dat ik te snel oordeel.",
        "Gedeelde notitie",
        "Privénotitie",
        "Actiepunt: netwerkkaart maken",
    ):
        assert geheim not in html


def test_zonder_afspraak_geen_samenvatting(client, regisseur, traject):
    Coachtraject.objects.filter(pk=traject.pk).update(deelt_voortgang=False)
    client.force_login(regisseur)
    response = client.get(url("traject", pk=traject.pk))
    assert response.status_code == 200
    assert "samenvatting" not in response.context
    assert nl("The agreement of this trajectory shares no progress with you.") in (
        response.content.decode()
    )


@pytest.mark.parametrize("persona", ["ambtenaar", "beheerder", "inwoner", "partner_lid"])
def test_een_buitenstaander_krijgt_404(client, request, persona, traject):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("traject", pk=traject.pk)).status_code == 404


def test_traject_van_een_andere_coach_is_404(client, adviseur, coaching_ander_traject, ambtenaar):
    client.force_login(adviseur)
    pk = coaching_ander_traject.pk
    for adres in (
        url("traject", pk=pk),
        url("traject_bewerken", pk=pk),
        url("traject_status", pk=pk),
        url("gesprek_nieuw", pk=pk),
        url("coachee", pk=pk, user_pk=ambtenaar.pk),
    ):
        assert client.get(adres).status_code == 404, adres
    assert client.post(url("gesprek_nieuw", pk=pk), {"datum": "2026-11-02"}).status_code == 404
    assert not coaching_ander_traject.gesprekken.exists()


# --- Changing a trajectory --------------------------------------------------------------


def test_de_coach_bewerkt_het_traject(client, adviseur, coachee, traject):
    client.force_login(adviseur)
    response = client.get(url("traject_bewerken", pk=traject.pk))
    assert response.status_code == 200
    assert response.context["form"].initial["coachees"] == [coachee.pk]
    response = client.post(
        url("traject_bewerken", pk=traject.pk),
        traject_data([coachee], titel="Coaching Coen, deel 2", start="2026-09-01", eind=""),
    )
    assert response.status_code == 302
    traject.refresh_from_db()
    assert traject.titel == "Coaching Coen, deel 2"
    assert traject.opdrachtgever is None


def test_bewerken_met_eind_voor_start_geeft_400(client, adviseur, coachee, traject):
    client.force_login(adviseur)
    response = client.post(
        url("traject_bewerken", pk=traject.pk),
        traject_data([coachee], titel="Anders", start="2026-09-01", eind="2026-08-01"),
    )
    assert response.status_code == 400
    assert response.context["form"].errors
    traject.refresh_from_db()
    assert traject.titel == "Coaching Coen"


@pytest.mark.parametrize("persona", ["coachee", "regisseur"])
def test_lezers_die_niet_coachen_krijgen_403(client, request, persona, coachee, traject):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("traject_bewerken", pk=traject.pk)).status_code == 403
    assert client.get(url("traject_status", pk=traject.pk)).status_code == 403
    assert client.get(url("gesprek_nieuw", pk=traject.pk)).status_code == 403
    assert client.post(url("traject_status", pk=traject.pk), {"naar": "afgerond"}).status_code == (
        403
    )
    traject.refresh_from_db()
    assert traject.status == Coachtraject.Status.ACTIEF


def test_status_bevestigen_en_wijzigen(client, adviseur, traject):
    client.force_login(adviseur)
    response = client.get(url("traject_status", pk=traject.pk))
    assert response.status_code == 200
    assert {waarde for waarde, _label in response.context["form"].fields["naar"].choices} == {
        "gepauzeerd",
        "afgerond",
        "geannuleerd",
    }
    response = client.post(url("traject_status", pk=traject.pk), {"naar": "afgerond"})
    assert response.status_code == 302
    traject.refresh_from_db()
    assert traject.status == "afgerond"
    assert traject.eind is not None


@pytest.mark.parametrize("naar", ["actief", "intake", "onzin", ""])
def test_een_niet_toegestane_status_geeft_400(client, adviseur, traject, naar):
    client.force_login(adviseur)
    response = client.post(url("traject_status", pk=traject.pk), {"naar": naar})
    assert response.status_code == 400
    assert response.context["form"].errors["naar"]
    traject.refresh_from_db()
    assert traject.status == "actief"


def test_een_afgerond_traject_heeft_geen_volgende_status(client, adviseur, traject):
    Coachtraject.objects.filter(pk=traject.pk).update(status="afgerond")
    client.force_login(adviseur)
    response = client.get(url("traject_status", pk=traject.pk))
    assert response.status_code == 200
    assert nl("This trajectory has ended: its status no longer changes.") in (
        response.content.decode()
    )


# --- Coaching conversations -------------------------------------------------------------


def gesprek_data(**anders):
    return {
        "datum": "2026-11-02",
        "gedeelde_notities": "We bespraken de netwerkkaart.",
        "prive_notities": "Hij twijfelt aan zichzelf.",
        "actiepunt_1": "Netwerkkaart maken",
        "deadline_1": "2026-12-01",
        "actiepunt_2": "Collega om feedback vragen",
        **anders,
    }


def test_de_coach_legt_een_gesprek_vast(client, adviseur, coachee, traject):
    client.force_login(adviseur)
    response = client.get(url("gesprek_nieuw", pk=traject.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert nl("Private notes: only for you") in html
    assert 'name="actiepunt_3"' in html
    response = client.post(url("gesprek_nieuw", pk=traject.pk), gesprek_data())
    assert response.status_code == 302
    gesprek = traject.gesprekken.get()
    assert gesprek.prive_notities == "Hij twijfelt aan zichzelf."
    # In an individual trajectory an action point without an owner is the coachee's.
    assert list(gesprek.actiepunten.values_list("omschrijving", "eigenaar", "deadline")) == [
        ("Netwerkkaart maken", coachee.pk, date(2026, 12, 1)),
        ("Collega om feedback vragen", coachee.pk, None),
    ]


def test_een_teamactiepunt_mag_zonder_eigenaar(client, adviseur, ambtenaar, teamtraject):
    client.force_login(adviseur)
    data = gesprek_data(eigenaar_1=ambtenaar.pk)
    assert client.post(url("gesprek_nieuw", pk=teamtraject.pk), data).status_code == 302
    assert list(
        Actiepunt.objects.order_by("omschrijving").values_list("omschrijving", "eigenaar")
    ) == [("Collega om feedback vragen", None), ("Netwerkkaart maken", ambtenaar.pk)]


@pytest.mark.parametrize(
    ("anders", "veld"),
    [
        ({"datum": ""}, "datum"),
        ({"actiepunt_1": "", "deadline_1": "2026-12-01"}, "actiepunt_1"),
        ({"deadline_1": "volgende week"}, "deadline_1"),
        ({"actiepunt_1": "x" * 301}, "actiepunt_1"),
    ],
)
def test_gesprek_slechte_invoer_geeft_400(client, adviseur, traject, anders, veld):
    client.force_login(adviseur)
    response = client.post(url("gesprek_nieuw", pk=traject.pk), gesprek_data(**anders))
    assert response.status_code == 400
    assert veld in response.context["form"].errors
    assert not Coachgesprek.objects.exists()


def test_een_eigenaar_buiten_het_traject_geeft_400(client, adviseur, ambtenaar, traject):
    client.force_login(adviseur)
    response = client.post(
        url("gesprek_nieuw", pk=traject.pk), gesprek_data(eigenaar_1=ambtenaar.pk)
    )
    assert response.status_code == 400
    assert response.context["form"].errors["eigenaar_1"]
    assert not Coachgesprek.objects.exists()


@pytest.mark.parametrize("status", ["gepauzeerd", "afgerond", "geannuleerd"])
def test_geen_gesprek_in_een_gepauzeerd_of_afgelopen_traject(client, adviseur, traject, status):
    Coachtraject.objects.filter(pk=traject.pk).update(status=status)
    client.force_login(adviseur)
    assert client.post(url("gesprek_nieuw", pk=traject.pk), gesprek_data()).status_code == 403
    assert not Coachgesprek.objects.exists()


# --- The coachee page -------------------------------------------------------------------


def test_de_coach_ziet_wat_de_coachee_deelt(client, adviseur, coachee, traject, ervaringen):
    client.force_login(adviseur)
    response = client.get(url("coachee", pk=traject.pk, user_pk=coachee.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ervaring coach" in html
    assert "Ervaring team" in html
    assert "Ervaring prive" not in html
    assert "Geheime reflectie prive" not in html
    assert url("ervaring", pk=ervaringen["coach"].pk) in html
    assert 'action="{}"'.format(url("coach_meting", pk=traject.pk, user_pk=coachee.pk)) in html


def test_geen_coachee_van_dit_traject_is_404(
    client, adviseur, ambtenaar, traject, coaching_ander_traject, coaching_collega
):
    client.force_login(adviseur)
    assert client.get(url("coachee", pk=traject.pk, user_pk=ambtenaar.pk)).status_code == 404
    assert client.get(url("coachee", pk=traject.pk, user_pk=adviseur.pk)).status_code == 404
    response = client.post(
        url("coach_meting", pk=traject.pk, user_pk=ambtenaar.pk),
        {"competentie": Competentie.objects.first().pk, "niveau": "3", "datum": "2026-11-01"},
    )
    assert response.status_code == 404
    assert not Voortgangsmeting.objects.exists()


def test_de_periode_kiest_de_mix(client, adviseur, coachee, traject):
    Leerervaring.objects.create(
        auteur=coachee,
        datum=timezone.localdate() - timedelta(days=200),
        bron=Bron.FORMEEL,
        titel="Cursus",
        reflectie="Veel geleerd.",
        zichtbaarheid=Zichtbaarheid.COACH,
    )
    client.force_login(adviseur)
    adres = url("coachee", pk=traject.pk, user_pk=coachee.pk)
    for maanden, aantal in (("3", 0), ("12", 1), ("onzin", 0), ("7", 0)):
        response = client.get(adres, {"maanden": maanden})
        assert response.status_code == 200
        assert sum(r.aantal for r in response.context["dossier"].mix) == aantal


def test_htmx_krijgt_alleen_het_fragment(client, adviseur, coachee, traject, ervaringen):
    client.force_login(adviseur)
    response = client.get(
        url("coachee", pk=traject.pk, user_pk=coachee.pk),
        {"maanden": "6"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="ervaringen"')
    assert "<html" not in html
    assert "Ervaring coach" in html
    assert "Ervaring prive" not in html
    assert "HX-Request" in response["Vary"]
    # The status line outside the fragment is updated out of band, for screen readers.
    assert 'id="ervaringen-status" role="status" hx-swap-oob="true"' in html


def test_een_niet_actief_traject_toont_niets_en_geen_formulier(
    client, adviseur, coachee, traject, ervaringen
):
    Coachtraject.objects.filter(pk=traject.pk).update(status="gepauzeerd")
    client.force_login(adviseur)
    response = client.get(url("coachee", pk=traject.pk, user_pk=coachee.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ervaring coach" not in html
    assert response.context["meting_form"] is None


def test_de_coach_geeft_een_meting(client, adviseur, coachee, traject):
    competentie = Competentie.objects.first()
    client.force_login(adviseur)
    response = client.post(
        url("coach_meting", pk=traject.pk, user_pk=coachee.pk),
        {"competentie": competentie.pk, "niveau": "4", "datum": "2026-11-01", "toelichting": "Ja"},
    )
    assert response.status_code == 302
    meting = Voortgangsmeting.objects.get()
    assert (meting.persoon, meting.beoordelaar, meting.door, meting.niveau) == (
        coachee,
        adviseur,
        "coach",
        4,
    )
    pagina = client.get(url("coachee", pk=traject.pk, user_pk=coachee.pk))
    assert pagina.context["dossier"].niveaus[0].coach == meting


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"niveau": "6"}, "niveau"),
        ({"niveau": ""}, "niveau"),
        ({"competentie": "999999"}, "competentie"),
        ({"datum": "2999-01-01"}, "datum"),
    ],
)
def test_meting_slechte_invoer_geeft_400(client, adviseur, coachee, traject, data, veld):
    geldig = {"competentie": Competentie.objects.first().pk, "niveau": "3", "datum": "2026-11-01"}
    client.force_login(adviseur)
    response = client.post(
        url("coach_meting", pk=traject.pk, user_pk=coachee.pk), {**geldig, **data}
    )
    assert response.status_code == 400
    assert veld in response.context["meting_form"].errors
    assert "data-error-summary" in response.content.decode()
    assert not Voortgangsmeting.objects.exists()


def test_meting_in_een_niet_actief_traject_geeft_400(client, adviseur, coachee, traject):
    Coachtraject.objects.filter(pk=traject.pk).update(status="intake")
    client.force_login(adviseur)
    response = client.post(
        url("coach_meting", pk=traject.pk, user_pk=coachee.pk),
        {"competentie": Competentie.objects.first().pk, "niveau": "3", "datum": "2026-11-01"},
    )
    assert response.status_code == 400
    assert response.context["meting_form"].non_field_errors() == [
        nl("Only the person and their coach assess progress.")
    ]
    assert not Voortgangsmeting.objects.exists()


def test_meting_is_alleen_post(client, adviseur, coachee, traject):
    client.force_login(adviseur)
    assert client.get(url("coach_meting", pk=traject.pk, user_pk=coachee.pk)).status_code == 405


# --- Feedback ---------------------------------------------------------------------------


def test_de_coach_geeft_feedback_en_de_melding_lekt_niets(
    client, adviseur, coachee, traject, ervaringen, django_capture_on_commit_callbacks
):
    ervaring = ervaringen["coach"]
    client.force_login(adviseur)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("feedback", pk=ervaring.pk), {"tekst": "Sterk gezien, Coen!"})
    assert response.status_code == 302
    assert response["Location"].startswith(url("ervaring", pk=ervaring.pk))
    feedback = Feedback.objects.get()
    assert (feedback.leerervaring, feedback.coach, feedback.tekst) == (
        ervaring,
        adviseur,
        "Sterk gezien, Coen!",
    )
    melding = Melding.objects.get(soort=Soort.LEER_FEEDBACK)
    assert melding.ontvanger == coachee
    verboden = (ervaring.titel, ervaring.reflectie, "Sterk gezien")
    for tekst in (melding.titel, melding.tekst, melding.url):
        for geheim in verboden:
            assert geheim not in tekst
    (bericht,) = mail.outbox
    assert bericht.to == [coachee.email]
    delen = [bericht.subject, bericht.body] + [inhoud for inhoud, _type in bericht.alternatives]
    for deel in delen:
        for geheim in verboden:
            assert geheim not in deel


def test_feedback_op_een_teamervaring(client, adviseur, teamtraject, ervaringen):
    client.force_login(adviseur)
    response = client.post(url("feedback", pk=ervaringen["team"].pk), {"tekst": "Mooi."})
    assert response.status_code == 302
    assert Feedback.objects.filter(leerervaring=ervaringen["team"]).exists()


def test_het_feedbackformulier_staat_alleen_bij_de_coach_op_de_ervaring(
    client, adviseur, ambtenaar, teamtraject, ervaringen
):
    ervaring = ervaringen["team"]
    actie = 'action="{}"'.format(url("feedback", pk=ervaring.pk))
    client.force_login(adviseur)
    html = client.get(url("ervaring", pk=ervaring.pk)).content.decode()
    assert actie in html
    assert '<label class="utrecht-form-label" for="id_feedback_tekst">' in html
    client.force_login(ambtenaar)
    response = client.get(url("ervaring", pk=ervaring.pk))
    assert response.status_code == 200
    assert actie not in response.content.decode()


@pytest.mark.parametrize("tekst", ["", "   ", "x" * 5001])
def test_lege_of_te_lange_feedback_geeft_400(client, adviseur, traject, ervaringen, tekst):
    client.force_login(adviseur)
    response = client.post(url("feedback", pk=ervaringen["coach"].pk), {"tekst": tekst})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_feedback_tekst"' in html
    assert 'aria-invalid="true"' in html
    assert not Feedback.objects.exists()
    assert not Melding.objects.exists()


def test_prive_ervaring_is_404_voor_de_coach(client, adviseur, traject, ervaringen):
    client.force_login(adviseur)
    response = client.post(url("feedback", pk=ervaringen["prive"].pk), {"tekst": "Hoi"})
    assert response.status_code == 404
    assert not Feedback.objects.exists()


def test_een_teamlid_leest_maar_geeft_geen_feedback(client, ambtenaar, teamtraject, ervaringen):
    client.force_login(ambtenaar)
    response = client.post(url("feedback", pk=ervaringen["team"].pk), {"tekst": "Herkenbaar!"})
    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_de_auteur_geeft_zichzelf_geen_feedback(client, coachee, traject, ervaringen):
    client.force_login(coachee)
    response = client.post(url("feedback", pk=ervaringen["coach"].pk), {"tekst": "Goed zo"})
    assert response.status_code == 403


def test_coach_van_een_gepauzeerd_traject_krijgt_404(client, adviseur, traject, ervaringen):
    Coachtraject.objects.filter(pk=traject.pk).update(status="gepauzeerd")
    client.force_login(adviseur)
    response = client.post(url("feedback", pk=ervaringen["coach"].pk), {"tekst": "Hoi"})
    assert response.status_code == 404


def test_feedback_is_alleen_post(client, adviseur, traject, ervaringen):
    client.force_login(adviseur)
    assert client.get(url("feedback", pk=ervaringen["coach"].pk)).status_code == 405


def test_anoniem_moet_inloggen_voor_feedback(client, ervaringen):
    response = client.post(url("feedback", pk=ervaringen["coach"].pk), {"tekst": "Hoi"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


# --- Constant queries -------------------------------------------------------------------


def _tel(client, adres, **kwargs) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(adres, **kwargs)
    assert response.status_code == 200
    return len(queries)


def _ervaringen(auteur, aantal, competenties):
    for nummer in range(aantal):
        ervaring = Leerervaring.objects.create(
            auteur=auteur,
            datum=timezone.localdate() - timedelta(days=nummer % 60),
            bron=Bron.values[nummer % 3],
            titel=f"Ervaring {nummer}",
            reflectie="Geleerd.",
            zichtbaarheid=Zichtbaarheid.COACH,
        )
        ervaring.competenties.set(competenties)


def test_coacheepagina_queries_gelijk_voor_1_of_30_ervaringen(client, adviseur, coachee, traject):
    competenties = list(Competentie.objects.all()[:2])
    _ervaringen(coachee, 1, competenties)
    Voortgangsmeting.objects.create(
        persoon=coachee,
        competentie=competenties[0],
        niveau=2,
        door="zelf",
        beoordelaar=coachee,
        datum=date(2026, 10, 1),
    )
    client.force_login(adviseur)
    adres = url("coachee", pk=traject.pk, user_pk=coachee.pk)
    client.get(adres)
    een = _tel(client, adres)
    _ervaringen(coachee, 29, competenties)
    for competentie in competenties:
        for niveau in (1, 2, 3):
            Voortgangsmeting.objects.create(
                persoon=coachee,
                competentie=competentie,
                niveau=niveau,
                door="coach",
                beoordelaar=adviseur,
                datum=date(2026, 10, niveau),
            )
    assert _tel(client, adres) == een
    assert _tel(client, adres, headers={"HX-Request": "true"}) <= een


@pytest.mark.parametrize("persona", ["adviseur", "coachee", "regisseur"])
def test_trajectpagina_queries_gelijk_voor_1_of_10_gesprekken(
    client, request, persona, coachee, traject
):
    def gesprek_met_punten():
        gesprek = Coachgesprek.objects.create(
            traject=traject, datum=date(2026, 11, 2), gedeelde_notities="G", prive_notities="P"
        )
        for nummer in range(3):
            Actiepunt.objects.create(
                gesprek=gesprek, omschrijving=f"Punt {nummer}", eigenaar=coachee
            )

    gesprek_met_punten()
    client.force_login(request.getfixturevalue(persona))
    adres = url("traject", pk=traject.pk)
    client.get(adres)
    een = _tel(client, adres)
    for _ in range(9):
        gesprek_met_punten()
    assert _tel(client, adres) == een
