"""Phase transitions: the service, who may make them, the page, and two at once (issue 4.4)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from accounts.roles import Rol
from meldingen.models import Melding, Soort
from opgaven.models import Fase, FaseOvergang, Opgave, Opgaverol
from opgaven.permissions import can_change_fase, check_can_change_fase
from opgaven.services import (
    FaseOvergangNietToegestaan,
    opgave_fase_wijzigen,
    opgave_update,
    opgaverol_beeindigen,
    opgaverol_toekennen,
)
from tests.concurrency import run_together
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REDEN = "Het plan loopt; tijd om te kijken wat het oplevert."


def fase_url(opgave):
    return reverse("opgaven:fase", args=[opgave.slug])


def detail_url(opgave):
    return reverse("opgaven:detail", args=[opgave.slug])


def fase_meldingen():
    return Melding.objects.filter(soort=Soort.FASE_GEWIJZIGD)


# --- Service ----------------------------------------------------------------------------


def test_a_legal_transition_moves_the_opgave_and_records_it(opgave, regisseur):
    overgang = opgave_fase_wijzigen(
        opgave=opgave, naar=Fase.EVALUEREN, door=regisseur, reden=f"  {REDEN} "
    )

    opgave.refresh_from_db()
    assert opgave.fase == Fase.EVALUEREN
    assert opgave.gewijzigd_door == regisseur
    assert FaseOvergang.objects.get() == overgang
    assert (overgang.opgave, overgang.van, overgang.naar, overgang.door, overgang.reden) == (
        opgave,
        Fase.UITVOEREN,
        Fase.EVALUEREN,
        regisseur,
        REDEN,
    )
    assert timezone.now() - overgang.op < timedelta(minutes=1)


@pytest.mark.parametrize("naar", [Fase.VERKENNEN, Fase.AFGEROND, Fase.UITVOEREN, "vliegen"])
def test_an_illegal_transition_is_refused_in_dutch_and_changes_nothing(opgave, regisseur, naar):
    with pytest.raises(FaseOvergangNietToegestaan) as refused:
        opgave_fase_wijzigen(opgave=opgave, naar=naar, door=regisseur, reden=REDEN)

    assert "Een opgave kan niet van fase Uitvoeren naar fase" in refused.value.messages[0]
    opgave.refresh_from_db()
    assert opgave.fase == Fase.UITVOEREN
    assert not FaseOvergang.objects.exists()
    assert not fase_meldingen().exists()


def test_a_reason_is_required(opgave, regisseur):
    with pytest.raises(ValidationError, match=r"Geef een reden voor de faseovergang\."):
        opgave_fase_wijzigen(opgave=opgave, naar=Fase.EVALUEREN, door=regisseur, reden="  ")
    assert not FaseOvergang.objects.exists()


def test_a_phase_changed_since_the_caller_read_it_is_refused(opgave, regisseur):
    gelezen = Opgave.objects.get(pk=opgave.pk)
    opgave_fase_wijzigen(opgave=opgave, naar=Fase.EVALUEREN, door=regisseur, reden=REDEN)

    # Evalueren -> gestopt is a legal step, but the caller decided on "uitvoeren".
    with pytest.raises(FaseOvergangNietToegestaan, match="net naar de fase Evalueren gebracht"):
        opgave_fase_wijzigen(opgave=gelezen, naar=Fase.GESTOPT, door=regisseur, reden=REDEN)
    assert Opgave.objects.get(pk=opgave.pk).fase == Fase.EVALUEREN
    assert FaseOvergang.objects.count() == 1


def test_the_active_roles_are_notified_except_who_made_the_change(opgave, regisseur, ambtenaar):
    sponsor = UserFactory(weergavenaam="Sanne Sponsor")
    vertrokken = UserFactory()
    opgaverol_toekennen(opgave=opgave, user=ambtenaar, rol=Opgaverol.Rol.KERNTEAMLID)
    # One person, two roles: one notification.
    opgaverol_toekennen(opgave=opgave, user=sponsor, rol=Opgaverol.Rol.BESTUURLIJK_OPDRACHTGEVER)
    opgaverol_toekennen(opgave=opgave, user=sponsor, rol=Opgaverol.Rol.KERNTEAMLID)
    rol = opgaverol_toekennen(opgave=opgave, user=vertrokken, rol=Opgaverol.Rol.KERNTEAMLID)
    opgaverol_beeindigen(opgaverol=rol)

    overgang = opgave_fase_wijzigen(
        opgave=opgave, naar=Fase.EVALUEREN, door=sponsor, reden="Tijd om terug te kijken."
    )

    meldingen = fase_meldingen()
    assert sorted(m.ontvanger_id for m in meldingen) == sorted([regisseur.pk, ambtenaar.pk])
    melding = meldingen.get(ontvanger=regisseur)
    assert melding.object == opgave
    assert melding.dedupe == str(overgang.pk)
    assert melding.url == detail_url(opgave)
    assert melding.titel == "Energietransitie Demodam-Noord is nu in de fase evalueren"
    assert melding.tekst == (
        "Sanne Sponsor heeft de opgave Energietransitie Demodam-Noord van de fase uitvoeren "
        "naar de fase evalueren gebracht. De reden: Tijd om terug te kijken."
    )


def test_the_notification_names_the_municipality_not_an_e_mail_address(opgave, regisseur):
    naamloos = UserFactory(weergavenaam="")
    opgaverol_toekennen(opgave=opgave, user=naamloos, rol=Opgaverol.Rol.AMBTELIJK_OPDRACHTGEVER)

    opgave_fase_wijzigen(opgave=opgave, naar=Fase.GESTOPT, door=naamloos, reden=REDEN)

    melding = fase_meldingen().get(ontvanger=regisseur)
    assert melding.context["door"] == "Gemeente Demodam"
    assert naamloos.email not in melding.tekst


def test_the_phase_has_no_second_way_in(opgave, regisseur):
    with pytest.raises(TypeError):
        opgave_update(opgave=opgave, door=regisseur, fase=Fase.EVALUEREN)


# --- Permissions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rol",
    [
        Opgaverol.Rol.OPGAVEREGISSEUR,
        Opgaverol.Rol.BESTUURLIJK_OPDRACHTGEVER,
        Opgaverol.Rol.AMBTELIJK_OPDRACHTGEVER,
    ],
)
def test_the_regisseur_and_the_opdrachtgevers_may_change_the_phase(opgave, rol):
    user = UserFactory(rollen=[Rol.AMBTENAAR])
    opgaverol_toekennen(opgave=opgave, user=user, rol=rol)
    assert can_change_fase(user, opgave)
    check_can_change_fase(user, opgave)


def test_others_may_not(opgave, ambtenaar, partner_lid, inwoner, beheerder, anoniem):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    kernteamlid = UserFactory(rollen=[Rol.AMBTENAAR])
    opgaverol_toekennen(opgave=opgave, user=kernteamlid, rol=Opgaverol.Rol.KERNTEAMLID)
    for user in [kernteamlid, ambtenaar, partner_lid, inwoner, beheerder, AnonymousUser()]:
        assert not can_change_fase(user, opgave), user
        with pytest.raises(PermissionDenied):
            check_can_change_fase(user, opgave)


def test_an_ended_role_no_longer_may(opgave, regisseur):
    opgaverol_beeindigen(opgaverol=opgave.rollen.get(user=regisseur))
    assert not can_change_fase(regisseur, opgave)


def test_nobody_changes_the_phase_of_an_archived_or_finished_opgave(opgave, regisseur):
    opgave_update(opgave=opgave, door=regisseur, gearchiveerd=True)
    assert not can_change_fase(regisseur, opgave)

    opgave_update(opgave=opgave, door=regisseur, gearchiveerd=False)
    assert can_change_fase(regisseur, opgave)
    opgave_fase_wijzigen(opgave=opgave, naar=Fase.GESTOPT, door=regisseur, reden=REDEN)
    assert not can_change_fase(regisseur, opgave)


# --- View -------------------------------------------------------------------------------


def test_the_regisseur_moves_the_opgave_on_the_detail_page(client, opgave, regisseur):
    client.force_login(regisseur)
    pagina = client.get(detail_url(opgave))
    assertContains(pagina, f'action="{fase_url(opgave)}"')
    assertContains(pagina, "Fase wijzigen")
    assertContains(pagina, 'value="evalueren"')
    assertNotContains(pagina, 'value="verkennen"')
    assertContains(pagina, "Deze opgave is nog niet van fase gewisseld.")

    response = client.post(fase_url(opgave), {"naar": Fase.EVALUEREN, "reden": REDEN}, follow=True)

    assert response.redirect_chain == [(detail_url(opgave), 302)]
    assertContains(response, "De opgave is nu in de fase Evalueren.")
    assertContains(response, "Fasegeschiedenis")
    assertContains(response, '<td class="utrecht-table__cell">Rutger Regie</td>', html=True)
    assertContains(response, "Uitvoeren → Evalueren")
    assertContains(response, REDEN)
    assert Opgave.objects.get(pk=opgave.pk).fase == Fase.EVALUEREN


def test_only_who_may_sees_the_form(client, opgave, ambtenaar):
    assertNotContains(client.get(detail_url(opgave)), "Fase wijzigen")
    client.force_login(ambtenaar)
    assertNotContains(client.get(detail_url(opgave)), "Fase wijzigen")


@pytest.mark.parametrize(
    ("data", "fout"),
    [
        ({"naar": Fase.EVALUEREN, "reden": ""}, "Reden: Dit veld is verplicht."),
        ({"naar": Fase.VERKENNEN, "reden": REDEN}, "Selecteer een geldige keuze."),
        ({"reden": REDEN}, "Nieuwe fase: Dit veld is verplicht."),
    ],
)
def test_bad_input_shows_dutch_errors_and_changes_nothing(client, opgave, regisseur, data, fout):
    client.force_login(regisseur)
    response = client.post(fase_url(opgave), data)

    assert response.status_code == 400
    assertContains(response, "Verbeter het volgende", status_code=400)
    assertContains(response, fout, status_code=400)
    assert Opgave.objects.get(pk=opgave.pk).fase == Fase.UITVOEREN
    assert not FaseOvergang.objects.exists()
    assert not fase_meldingen().exists()


def test_a_change_made_meanwhile_is_shown_as_an_error(client, opgave, regisseur, monkeypatch):
    """Between the page's read and the service's lock, someone else moves the opgave."""
    from opgaven.views import opgaven as views

    echte_service = views.opgave_fase_wijzigen

    def eerst_een_ander(**kwargs):
        ander = Opgave.objects.get(pk=opgave.pk)
        echte_service(opgave=ander, naar=Fase.GESTOPT, door=regisseur, reden="Geen geld meer.")
        return echte_service(**kwargs)

    monkeypatch.setattr(views, "opgave_fase_wijzigen", eerst_een_ander)
    client.force_login(regisseur)
    response = client.post(fase_url(opgave), {"naar": Fase.EVALUEREN, "reden": REDEN})

    assert response.status_code == 400
    assertContains(
        response,
        "Iemand anders heeft deze opgave net naar de fase Gestopt gebracht.",
        status_code=400,
    )
    assert Opgave.objects.get(pk=opgave.pk).fase == Fase.GESTOPT
    assert FaseOvergang.objects.get().naar == Fase.GESTOPT


def test_get_is_not_allowed(client, opgave, regisseur):
    client.force_login(regisseur)
    assert client.get(fase_url(opgave)).status_code == 405


def test_an_anonymous_visitor_is_sent_to_log_in(client, opgave):
    response = client.post(fase_url(opgave), {"naar": Fase.EVALUEREN, "reden": REDEN})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert Opgave.objects.get(pk=opgave.pk).fase == Fase.UITVOEREN


def test_an_outsider_gets_404(client, interne_opgave, inwoner):
    client.force_login(inwoner)
    response = client.post(fase_url(interne_opgave), {"naar": Fase.DELEN, "reden": REDEN})
    assert response.status_code == 404
    assert Opgave.objects.get(pk=interne_opgave.pk).fase == Fase.VERKENNEN


def test_a_partner_who_sees_it_gets_403(client, interne_opgave, partner_lid):
    client.force_login(partner_lid)
    response = client.post(fase_url(interne_opgave), {"naar": Fase.DELEN, "reden": REDEN})
    assert response.status_code == 403
    assert not FaseOvergang.objects.exists()


def test_the_detail_page_queries_do_not_grow_with_the_history(client, opgave, regisseur):
    client.force_login(regisseur)
    client.get(detail_url(opgave))  # warm the process-wide caches
    opgave_fase_wijzigen(opgave=opgave, naar=Fase.EVALUEREN, door=regisseur, reden=REDEN)
    with CaptureQueriesContext(connection) as een:
        client.get(detail_url(opgave))

    for naar in [Fase.DELEN, Fase.OVEREENKOMEN, Fase.VORMGEVEN, Fase.UITVOEREN, Fase.EVALUEREN]:
        door = UserFactory()
        opgaverol_toekennen(opgave=opgave, user=door, rol=Opgaverol.Rol.AMBTELIJK_OPDRACHTGEVER)
        opgave.refresh_from_db()
        opgave_fase_wijzigen(opgave=opgave, naar=naar, door=door, reden=REDEN)
    with CaptureQueriesContext(connection) as zes:
        response = client.get(detail_url(opgave))

    assert response.content.decode().count("utrecht-table__row") == 7  # header + 6
    assert len(zes) == len(een)


# --- Two at once ------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_officials_moving_the_same_opgave_at_once_one_wins(opgave, regisseur):
    sponsor = UserFactory(rollen=[Rol.AMBTENAAR])
    opgaverol_toekennen(opgave=opgave, user=sponsor, rol=Opgaverol.Rol.AMBTELIJK_OPDRACHTGEVER)
    # Both have read the opgave in "uitvoeren", as two requests each fetch it first.
    keuzes = iter(
        [
            (Opgave.objects.get(pk=opgave.pk), regisseur, Fase.EVALUEREN),
            (Opgave.objects.get(pk=opgave.pk), sponsor, Fase.GESTOPT),
        ]
    )

    def wijzigen():
        gelezen, door, naar = next(keuzes)
        return opgave_fase_wijzigen(opgave=gelezen, naar=naar, door=door, reden=REDEN)

    uitkomsten = run_together(wijzigen)

    gewonnen = [u for u in uitkomsten if isinstance(u, FaseOvergang)]
    geweigerd = [u for u in uitkomsten if isinstance(u, FaseOvergangNietToegestaan)]
    assert len(gewonnen) == 1 and len(geweigerd) == 1, uitkomsten
    assert "Iemand anders heeft deze opgave net naar de fase" in geweigerd[0].messages[0]
    assert Opgave.objects.get(pk=opgave.pk).fase == gewonnen[0].naar
    assert FaseOvergang.objects.count() == 1


# --- Admin and demo ---------------------------------------------------------------------


def test_the_admin_shows_the_phase_history_read_only(client, beheerder, opgave, regisseur):
    opgave_fase_wijzigen(opgave=opgave, naar=Fase.EVALUEREN, door=regisseur, reden=REDEN)
    client.force_login(beheerder)
    response = client.get(reverse("admin:opgaven_opgave_change", args=[opgave.pk]))

    assertContains(response, "Fasegeschiedenis")
    assertContains(response, f"Uitvoeren → Evalueren (Rutger Regie): {REDEN}")
    assertNotContains(response, 'name="faseovergangen-TOTAL_FORMS"')


def test_the_demo_has_a_phase_history_once(client):
    from django.core.management import call_command

    call_command("demo")
    call_command("demo")

    opgave = Opgave.objects.get(titel="Energietransitie Demodam-Noord")
    overgangen = list(opgave.faseovergangen.all())
    assert [(o.van, o.naar) for o in overgangen] == [
        (Fase.VORMGEVEN, Fase.UITVOEREN),
        (Fase.OVEREENKOMEN, Fase.VORMGEVEN),
        (Fase.DELEN, Fase.OVEREENKOMEN),
        (Fase.VERKENNEN, Fase.DELEN),
    ]
    assert overgangen[0].naar == opgave.fase
    assert all(o.op < timezone.now() - timedelta(days=30) for o in overgangen)
    assert FaseOvergang.objects.count() == 7
