"""The audit log (BIO 8.15): every security event is one log line and one stored row."""

import json
from datetime import timedelta

from django.contrib.admin.models import CHANGE, LogEntry
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

import pytest
from allauth.mfa import signals as mfa_signals
from allauth.mfa.base.internal.flows import delete_and_cleanup
from allauth.mfa.models import Authenticator

from accounts.roles import Rol
from accounts.services import user_grant_role, user_revoke_role
from beveiliging.audit import Resultaat, vastleggen
from beveiliging.middleware import AuditMiddleware
from beveiliging.models import Auditregel
from beveiliging.signalen import poging_hash
from rapportage.services_exports import export_registreren
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def laatste() -> int:
    """The id of the newest row: fixtures write rows too (a persona's role grants)."""
    return Auditregel.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def regels(actie: str, na: int = 0) -> list[Auditregel]:
    return list(Auditregel.objects.filter(actie=actie, pk__gt=na).order_by("pk"))


def test_vastleggen_writes_one_json_line_and_one_row(inwoner, auditlog):
    regel = vastleggen("test_actie", actor=inwoner, object=inwoner, code="X1")

    assert len(auditlog) == 1
    assert json.loads(auditlog[0]) == {**regel, "details": {"code": "X1"}}
    rij = Auditregel.objects.get(actie="test_actie")
    assert (rij.object, rij.resultaat, rij.actor_id) == (
        f"accounts.user:{inwoner.pk}",
        Resultaat.GELUKT,
        inwoner.pk,
    )
    assert rij.details == {"code": "X1"}
    assert abs(rij.tijdstempel - timezone.now()) < timedelta(seconds=5)


def test_the_database_refuses_to_change_or_delete_a_row():
    vastleggen("test_actie")
    rij = Auditregel.objects.get()

    with pytest.raises(DatabaseError), transaction.atomic():
        Auditregel.objects.filter(pk=rij.pk).update(resultaat=Resultaat.MISLUKT)
    with pytest.raises(DatabaseError), transaction.atomic():
        rij.delete()

    rij.refresh_from_db()
    assert rij.resultaat == Resultaat.GELUKT


def test_a_failing_database_write_never_reaches_the_caller(monkeypatch, inwoner, auditlog):
    def kapot(**kwargs):
        raise DatabaseError("schijf vol")

    begin = laatste()
    monkeypatch.setattr(Auditregel.objects, "create", kapot)
    with transaction.atomic():
        regel = vastleggen("test_actie", actor=inwoner)
        # The caller's transaction still works.
        inwoner.weergavenaam = "Ilse"
        inwoner.save(update_fields=["weergavenaam"])

    assert regel["actie"] == "test_actie"
    assert json.loads(auditlog[0])["actie"] == "test_actie"  # the line is there
    assert "audit_opslaan_mislukt" in auditlog[1]
    assert not Auditregel.objects.filter(pk__gt=begin).exists()


# --- Logging in and out -------------------------------------------------------------------


def test_a_login_is_one_row_with_the_user_and_ip(client, inwoner):
    client.post(reverse("account_login"), {"login": inwoner.email, "password": PASSWORD})

    [rij] = regels("inloggen")
    assert (rij.resultaat, rij.actor_id, rij.object, rij.oorsprong) == (
        Resultaat.GELUKT,
        inwoner.pk,
        f"accounts.user:{inwoner.pk}",
        "127.0.0.1",
    )


def test_a_failed_login_is_one_row_without_the_address_or_password(client, inwoner, auditlog):
    client.post(reverse("account_login"), {"login": inwoner.email, "password": "fout-wachtwoord"})

    [rij] = regels("inloggen")
    assert rij.resultaat == Resultaat.MISLUKT
    assert rij.actor_id is None
    # A keyed hash: the same for every attempt on this address, not the address.
    assert rij.details == {"poging": poging_hash(inwoner.email)}
    tekst = "\n".join(auditlog)
    for geheim in (inwoner.email, inwoner.email.split("@")[0], "fout-wachtwoord", PASSWORD, "@"):
        assert geheim not in tekst
    assert "sessionid" not in tekst and "csrf" not in tekst.lower()


def test_no_audit_line_holds_a_password_token_or_address(client, auditlog):
    user = UserFactory(rollen=[Rol.INWONER], email="geheim.adres@example.nl")
    client.post(reverse("account_login"), {"login": user.email, "password": "Hunter2-geheim"})
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("account_logout"))

    assert {json.loads(regel)["actie"] for regel in auditlog} >= {"inloggen", "uitloggen"}
    tekst = "\n".join(auditlog)
    for geheim in (
        "geheim.adres",
        "example.nl",
        "Hunter2",
        PASSWORD,
        client.cookies["csrftoken"].value,
    ):
        assert geheim not in tekst


def test_a_logout_is_one_row(client, inwoner):
    client.force_login(inwoner)

    client.post(reverse("account_logout"))

    [rij] = regels("uitloggen")
    assert rij.actor_id == inwoner.pk


# --- Two-factor authentication ------------------------------------------------------------


def test_adding_resetting_and_removing_an_authenticator_are_rows(ambtenaar):
    request = RequestFactory().post("/accounts/2fa/", REMOTE_ADDR="10.1.2.3")
    request.user = ambtenaar
    totp = Authenticator.objects.get(user=ambtenaar, type=Authenticator.Type.TOTP)
    codes = Authenticator.objects.get(user=ambtenaar, type=Authenticator.Type.RECOVERY_CODES)

    mfa_signals.authenticator_added.send(
        sender=Authenticator, request=request, user=ambtenaar, authenticator=totp
    )
    mfa_signals.authenticator_reset.send(
        sender=Authenticator, request=request, user=ambtenaar, authenticator=codes
    )
    delete_and_cleanup(request, totp)  # allauth's own flow: removes TOTP and the codes

    [toegevoegd] = regels("mfa_toegevoegd")
    assert (toegevoegd.actor_id, toegevoegd.oorsprong, toegevoegd.details) == (
        ambtenaar.pk,
        "10.1.2.3",
        {"soort": "totp"},
    )
    assert [r.details["soort"] for r in regels("mfa_vernieuwd")] == ["recovery_codes"]
    mfa_signals.authentication_failed.send(
        sender=Authenticator, request=request, user=ambtenaar, authenticator=codes
    )
    [mislukt] = regels("mfa_mislukt")
    assert (mislukt.resultaat, mislukt.object) == (
        Resultaat.MISLUKT,
        f"accounts.user:{ambtenaar.pk}",
    )
    assert sorted(r.details["soort"] for r in regels("mfa_verwijderd")) == [
        "recovery_codes",
        "totp",
    ]


# --- Roles ----------------------------------------------------------------------------------


def test_granting_and_revoking_a_role_are_one_row_each(inwoner):
    begin = laatste()
    user_grant_role(user=inwoner, rol=Rol.AMBTENAAR)
    user_revoke_role(user=inwoner, rol=Rol.AMBTENAAR)

    [toegekend] = regels("rol_toegekend", begin)
    [ingetrokken] = regels("rol_ingetrokken", begin)
    for rij in (toegekend, ingetrokken):
        assert (rij.object, rij.details) == (f"accounts.user:{inwoner.pk}", {"rol": "ambtenaar"})


def test_clearing_groups_revokes_each_role(inwoner):
    user_grant_role(user=inwoner, rol=Rol.AMBTENAAR)
    begin = laatste()

    inwoner.groups.clear()

    assert sorted(r.details["rol"] for r in regels("rol_ingetrokken", begin)) == [
        "ambtenaar",
        "inwoner",
    ]


def test_superuser_and_staff_flags_are_roles_too(inwoner):
    begin = laatste()
    inwoner.is_superuser = True
    inwoner.save()
    inwoner.weergavenaam = "Ilse I."
    inwoner.save()  # no flag changed: no row
    inwoner.is_superuser = False
    inwoner.save(update_fields=["is_superuser"])

    assert [r.details for r in regels("rol_toegekend", begin)] == [{"rol": "is_superuser"}]
    assert [r.details for r in regels("rol_ingetrokken", begin)] == [{"rol": "is_superuser"}]


def test_a_role_granted_during_a_request_names_who_did_it_and_from_where(beheerder, inwoner):
    def beheerpagina(request):
        user_grant_role(user=inwoner, rol=Rol.ADVISEUR)
        return HttpResponse("ok")

    request = RequestFactory().post("/beheer/", REMOTE_ADDR="10.9.8.7")
    request.user = beheerder
    begin = laatste()
    AuditMiddleware(beheerpagina)(request)

    [rij] = regels("rol_toegekend", begin)
    assert (rij.actor_id, rij.oorsprong, rij.object, rij.details) == (
        beheerder.pk,
        "10.9.8.7",
        f"accounts.user:{inwoner.pk}",
        {"rol": "adviseur"},
    )


# --- Admin changes, denials and exports -------------------------------------------------------


def test_an_admin_change_is_one_row_without_the_object_name(beheerder, regisseur):
    LogEntry.objects.log_actions(beheerder.pk, [regisseur], CHANGE, change_message="[]")

    [rij] = regels("admin_wijziging")
    assert (rij.actor_id, rij.object, rij.details) == (
        beheerder.pk,
        f"accounts.user:{regisseur.pk}",
        {"handeling": "gewijzigd"},
    )


def test_a_refused_request_is_one_row(client, inwoner):
    client.force_login(inwoner)

    response = client.get(reverse("admin:login"))

    assert response.status_code == 403
    [rij] = regels("toegang_geweigerd")
    assert (rij.resultaat, rij.actor_id, rij.object, rij.oorsprong) == (
        Resultaat.GEWEIGERD,
        inwoner.pk,
        "admin:login",
        "127.0.0.1",
    )
    assert rij.details == {"methode": "GET", "route": "beheer/login/"}


def test_the_middleware_costs_no_query_on_a_normal_response(django_assert_num_queries):
    middleware = AuditMiddleware(lambda request: HttpResponse("ok"))

    with django_assert_num_queries(0):
        middleware(RequestFactory().get("/"))

    assert not Auditregel.objects.exists()


def test_an_export_of_personal_data_is_one_row(ronde, regisseur):
    registratie = export_registreren(door=regisseur, ronde=ronde, wat="deelnemers", formaat="csv")

    [rij] = regels("export_persoonsgegevens")
    assert (rij.actor_id, rij.object, rij.details) == (
        regisseur.pk,
        f"rapportage.exportregistratie:{registratie.pk}",
        {"wat": "deelnemers", "formaat": "csv"},
    )


def test_the_log_line_is_stored_in_the_same_transaction(inwoner):
    """A change that is rolled back leaves no row claiming it happened."""
    begin = laatste()
    with pytest.raises(RuntimeError), transaction.atomic():
        user_grant_role(user=inwoner, rol=Rol.AMBTENAAR)
        raise RuntimeError

    assert not regels("rol_toegekend", begin)
    assert connection.in_atomic_block  # (the test's own transaction, still usable)


def test_the_audit_logger_writes_info_lines_to_the_console_whatever_the_log_level():
    import logging

    from django.conf import settings

    assert settings.LOGGING["loggers"]["audit"] == {"level": "INFO"}
    logger = logging.getLogger("audit")
    assert logger.getEffectiveLevel() == logging.INFO
    assert logger.propagate
    assert settings.LOGGING["root"]["handlers"] == ["console"]
