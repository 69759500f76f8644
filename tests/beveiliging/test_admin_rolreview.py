"""The audit log in the admin (search, read-only) and the quarterly role review (BIO 8.02)."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from accounts.roles import Rol
from beveiliging.audit import Resultaat, vastleggen
from beveiliging.models import Auditregel
from beveiliging.rolreview import rolreview_rijen
from beveiliging.services import rolreview_versturen
from beveiliging.tasks import rolreview_kwartaal
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:beveiliging_auditregel_changelist")
ROLREVIEW = reverse("admin:beveiliging_auditregel_rolreview")


@pytest.fixture
def beheer_client(client, beheerder):
    client.force_login(beheerder)
    return client


def test_the_beheerder_searches_the_log(beheer_client):
    vastleggen("export_persoonsgegevens", object="rapportage.exportregistratie:7")
    vastleggen("toegang_geweigerd", resultaat=Resultaat.GEWEIGERD, object="admin:login")

    response = beheer_client.get(CHANGELIST, {"q": "exportregistratie"})

    assertContains(response, "rapportage.exportregistratie:7")
    assertNotContains(response, "admin:login")
    for filter_titel in ("actie", "resultaat"):
        assertContains(response, f"Op {filter_titel}")
    assertContains(response, ROLREVIEW)


def test_the_log_is_read_only_in_the_admin_even_for_a_superuser(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, totp=True))
    vastleggen("test_actie")
    rij = Auditregel.objects.get(actie="test_actie")

    assert client.get(reverse("admin:beveiliging_auditregel_add")).status_code == 403
    assert (
        client.get(reverse("admin:beveiliging_auditregel_delete", args=[rij.pk])).status_code == 403
    )
    response = client.post(
        reverse("admin:beveiliging_auditregel_change", args=[rij.pk]), {"actie": "anders"}
    )
    assert response.status_code == 403
    rij.refresh_from_db()
    assert rij.actie == "test_actie"


def test_the_role_review_lists_special_privileges_only(ambtenaar, inwoner, regisseur, opgave):
    baas = UserFactory(is_superuser=True, weergavenaam="Sam Super")

    rijen = {rij.user_id: rij for rij in rolreview_rijen()}

    assert baas.pk in rijen and rijen[baas.pk].superuser and not rijen[baas.pk].mfa
    assert rijen[ambtenaar.pk].groepen == [Rol.AMBTENAAR] and rijen[ambtenaar.pk].mfa
    assert rijen[regisseur.pk].opgaverollen == [f"opgaveregisseur: {opgave.slug}"]
    assert rijen[regisseur.pk].objectrechten > 0
    assert inwoner.pk not in rijen


def test_the_beheerder_sees_the_role_review_and_its_csv(beheer_client, ambtenaar, inwoner):
    ambtenaar.last_login = timezone.make_aware(timezone.datetime(2026, 3, 3, 9, 30))
    ambtenaar.save(update_fields=["last_login"])

    response = beheer_client.get(ROLREVIEW)

    assertContains(response, ambtenaar.email)
    assertContains(response, "3 maart 2026 09:30")
    assertNotContains(response, inwoner.email)
    assertContains(response, "?formaat=csv")

    csv = b"".join(beheer_client.get(ROLREVIEW, {"formaat": "csv"}).streaming_content).decode()
    assert ambtenaar.email in csv and inwoner.email not in csv


def test_the_role_review_is_refused_to_staff_without_the_audit_right(client):
    client.force_login(UserFactory(is_staff=True, totp=True))

    assert client.get(ROLREVIEW).status_code == 403


def test_the_quarterly_reminder_mails_the_beheerders_once(
    beheerder, ambtenaar, inwoner, mailoutbox
):
    assert rolreview_kwartaal.delay().get() == 1
    assert rolreview_versturen(vandaag=timezone.localdate()) == 0  # same quarter: not again

    [mail] = mailoutbox
    assert mail.to == [beheerder.email]
    assert ROLREVIEW in mail.body
    # Numbers and a link; no names or addresses of the people on the list.
    assert ambtenaar.email not in mail.body and ambtenaar.weergavenaam not in mail.body
    [rij] = Auditregel.objects.filter(actie="rolreview_verstuurd")
    assert rij.details["ontvangers"] == 1
    assert rolreview_versturen(vandaag=date(2099, 1, 1)) == 1  # a new quarter


def test_the_review_is_in_the_beat_schedule_on_the_first_day_of_each_quarter():
    from django.conf import settings

    from config.celery import app as celery_app

    entry = settings.CELERY_BEAT_SCHEDULE["beveiliging-rolreview"]

    assert entry["task"] == "beveiliging.tasks.rolreview_kwartaal"
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"].month_of_year == {1, 4, 7, 10}
    assert entry["schedule"].day_of_month == {1}


def test_the_role_review_costs_the_same_queries_for_one_or_many_users(
    beheer_client, ambtenaar, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30) as een:
        beheer_client.get(ROLREVIEW)
    UserFactory.create_batch(5, rollen=[Rol.ADVISEUR], totp=True)

    with django_assert_max_num_queries(len(een.captured_queries)):
        response = beheer_client.get(ROLREVIEW)
    assert len(response.context["rijen"]) == 7  # beheerder, ambtenaar, five advisers
