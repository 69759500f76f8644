"""The demo meldingen: for inwoner@, regisseur@ and partner@, idempotent, and no e-mail."""

import io

from django.core.management import call_command

import pytest

from meldingen.models import Bezorging, Melding, Soort, Voorkeur
from meldingen.tasks import samenvattingen_plannen

pytestmark = pytest.mark.django_db


def demo() -> None:
    call_command("demo", stdout=io.StringIO())


def snapshot():
    return sorted(
        Melding.objects.values_list(
            "ontvanger__email", "soort", "dedupe", "bezorging", "gelezen_op", "gemaild_op"
        )
    )


def test_the_demo_users_have_read_and_unread_meldingen_and_no_mail_goes_out(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        demo()

    assert callbacks  # delivery was enqueued as usual, and found nothing to send
    assert mailoutbox == []
    per_persoon = {
        email: Melding.objects.filter(ontvanger__email=email)
        for email in ("inwoner@demodam.nl", "regisseur@demodam.nl", "partner@demodam.nl")
    }
    for email, meldingen in per_persoon.items():
        assert meldingen.filter(gelezen_op__isnull=True).exists(), email
    assert per_persoon["inwoner@demodam.nl"].filter(gelezen_op__isnull=False).exists()
    assert per_persoon["regisseur@demodam.nl"].filter(gelezen_op__isnull=False).exists()
    assert set(
        per_persoon["regisseur@demodam.nl"]
        .filter(soort=Soort.ROL_TOEGEKEND)
        .values_list("context__opgave", flat=True)
    ) == {"Energietransitie Demodam-Noord", "Leefbaarheid Stationskwartier"}
    assert not Melding.objects.filter(bezorging=Bezorging.DIRECT, gemaild_op__isnull=True).exists()


def test_partner_gets_test_notifications_in_the_daily_summary(mailoutbox):
    demo()

    assert Voorkeur.objects.get(user__email="partner@demodam.nl", soort=Soort.TEST).bezorging == (
        Bezorging.DAGELIJKS
    )
    (wacht,) = Melding.objects.filter(bezorging=Bezorging.DAGELIJKS, gemaild_op__isnull=True)
    assert wacht.ontvanger.email == "partner@demodam.nl"

    assert samenvattingen_plannen.delay().get() == 1
    (message,) = mailoutbox
    assert message.to == ["partner@demodam.nl"]


def test_the_demo_is_idempotent(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        demo()
    first = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        demo()

    assert snapshot() == first
    assert len(first) >= 7
    assert mailoutbox == []


def test_the_demo_keeps_a_preference_the_partner_changed():
    demo()
    Voorkeur.objects.filter(user__email="partner@demodam.nl").update(bezorging=Bezorging.UIT)

    demo()

    assert Voorkeur.objects.get(user__email="partner@demodam.nl").bezorging == Bezorging.UIT
