"""Admin: the Melding list and its resend action, and "send a test notification" on users."""

from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from meldingen.models import Bezorging, Melding, Soort
from tests.factories import UserFactory
from tests.meldingen.factories import MeldingFactory, VoorkeurFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:meldingen_melding_changelist")


def berichten(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def mailed_ids(outbox) -> list[int]:
    return sorted(int(message.extra_headers["X-Melding-Id"]) for message in outbox)


@pytest.fixture
def beheer_client(client, beheerder):
    client.force_login(beheerder)
    return client


def test_the_beheerder_sees_the_list_with_its_filters(beheer_client):
    MeldingFactory(ontvanger=UserFactory(email="ilse@example.nl"), direct=True, gemaild=True)

    response = beheer_client.get(CHANGELIST)

    assertContains(response, "ilse@example.nl")
    for filter_titel in ("soort", "bezorging", "gelezen", "gemaild", "aangemaakt op"):
        assertContains(response, f"Op {filter_titel}")


@pytest.mark.parametrize(
    ("query", "zichtbaar"),
    [
        ("gelezen=ja", ["gelezen@example.nl"]),
        ("gelezen=nee", ["gemaild@example.nl", "niets@example.nl"]),
        ("gemaild=ja", ["gemaild@example.nl"]),
        ("gemaild=nee", ["gelezen@example.nl", "niets@example.nl"]),
        ("bezorging=direct", ["gemaild@example.nl"]),
        ("soort=welkom", ["niets@example.nl"]),
        ("q=gemaild@", ["gemaild@example.nl"]),
    ],
)
def test_the_filters_and_search(beheer_client, query, zichtbaar):
    MeldingFactory(ontvanger=UserFactory(email="gelezen@example.nl"), gelezen=True)
    MeldingFactory(ontvanger=UserFactory(email="gemaild@example.nl"), direct=True, gemaild=True)
    MeldingFactory(ontvanger=UserFactory(email="niets@example.nl"), soort=Soort.WELKOM)

    response = beheer_client.get(f"{CHANGELIST}?{query}")

    assert response.status_code == 200
    shown = sorted(m.ontvanger.email for m in response.context["cl"].result_list)
    assert shown == zichtbaar


def test_the_list_costs_the_same_queries_for_one_or_many_rows(
    beheer_client, django_assert_max_num_queries
):
    MeldingFactory()
    with django_assert_max_num_queries(20) as een:
        beheer_client.get(CHANGELIST)
    MeldingFactory.create_batch(25)

    with django_assert_max_num_queries(len(een.captured_queries)):
        beheer_client.get(CHANGELIST)


def test_a_melding_is_shown_read_only(beheer_client):
    melding = MeldingFactory(context={"gemeente": "X"}, soort=Soort.WELKOM)

    response = beheer_client.get(reverse("admin:meldingen_melding_change", args=[melding.pk]))

    assertContains(response, "Welkom bij X")
    assertNotContains(response, 'name="_save"')
    assert (
        beheer_client.post(
            reverse("admin:meldingen_melding_change", args=[melding.pk]), {"dedupe": "anders"}
        ).status_code
        == 403
    )
    melding.refresh_from_db()
    assert melding.dedupe != "anders"


def test_no_one_adds_a_melding_by_hand(beheer_client):
    assert beheer_client.get(reverse("admin:meldingen_melding_add")).status_code == 403


def test_an_outsider_cannot_see_the_meldingen(client, ambtenaar):
    client.force_login(ambtenaar)

    assert client.get(CHANGELIST).status_code == 302  # not staff: to the admin login


def resend(beheer_client, meldingen):
    return beheer_client.post(
        CHANGELIST,
        {"action": "opnieuw_versturen", "_selected_action": [m.pk for m in meldingen]},
    )


def test_send_again_mails_the_unsent_direct_ones_once(
    beheer_client, django_capture_on_commit_callbacks, mailoutbox
):
    onverstuurd = MeldingFactory(direct=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = resend(beheer_client, [onverstuurd])
    with django_capture_on_commit_callbacks(execute=True):
        resend(beheer_client, [onverstuurd])  # clicked twice

    assert response.status_code == 302
    assert berichten(response) == ["1 melding wordt opnieuw gemaild."]
    assert mailed_ids(mailoutbox) == [onverstuurd.pk]


def test_send_again_skips_the_sent_ones_and_says_why(
    beheer_client, django_capture_on_commit_callbacks, mailoutbox
):
    al = MeldingFactory.create_batch(2, direct=True, gemaild=True)
    dagelijks = MeldingFactory(dagelijks=True)
    gemaild_op = {m.pk: m.gemaild_op for m in al}

    with django_capture_on_commit_callbacks(execute=True):
        response = resend(beheer_client, [*al, dagelijks])

    assert berichten(response) == [
        "2 meldingen waren al gemaild en zijn overgeslagen: niemand krijgt dezelfde melding "
        "twee keer.",
        "1 melding is overgeslagen: de ontvanger koos voor deze soort de dagelijkse "
        "samenvatting of geen e-mail.",
    ]
    assert mailoutbox == []
    assert {m.pk: m.gemaild_op for m in Melding.objects.filter(pk__in=gemaild_op)} == gemaild_op


def test_only_who_may_change_meldingen_can_send_again(client, django_capture_on_commit_callbacks):
    kijker = UserFactory(is_staff=True, totp=True)
    kijker.user_permissions.add(Permission.objects.get(codename="view_melding"))
    client.force_login(kijker)
    melding = MeldingFactory(direct=True)

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    assertNotContains(response, "opnieuw_versturen")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        resend(client, [melding])
    assert callbacks == []


# --- users: send a test notification --------------------------------------------------------


def test_a_test_notification_goes_to_the_selected_users(
    beheer_client, django_capture_on_commit_callbacks, mailoutbox
):
    direct, uit = UserFactory.create_batch(2)
    VoorkeurFactory(user=uit, soort=Soort.TEST, bezorging=Bezorging.UIT)

    with django_capture_on_commit_callbacks(execute=True):
        response = beheer_client.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "testmelding_sturen", "_selected_action": [direct.pk, uit.pk]},
        )

    assert response.status_code == 302
    assert berichten(response) == ["Testmelding gestuurd naar 2 gebruikers (1 direct per e-mail)."]
    assert sorted(Melding.objects.filter(soort=Soort.TEST).values_list("ontvanger", flat=True)) == (
        sorted([direct.pk, uit.pk])
    )
    (message,) = mailoutbox
    assert message.to == [direct.email]
    assert message.subject == "[Gemeente Demodam] Testmelding"


def test_each_test_notification_is_a_new_one(beheer_client):
    user = UserFactory()

    for _ in range(2):
        beheer_client.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "testmelding_sturen", "_selected_action": [user.pk]},
        )

    assert Melding.objects.filter(ontvanger=user, soort=Soort.TEST).count() == 2
