"""meldingen.tasks: retries, the 07:00 digest run and the backlog sweep (run eagerly here;
tests/meldingen/test_betrouwbaarheid.py runs them in a real worker)."""

import smtplib
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings as django_settings
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone

import pytest
import time_machine
from celery.schedules import maybe_schedule

from config import celery_app
from meldingen import tasks
from meldingen.models import Melding
from tests.factories import UserFactory
from tests.meldingen.factories import MeldingFactory

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class FailsTwiceThenWorks(LocmemBackend):
    """A mail server that is unreachable for the first two attempts."""

    attempts = 0

    def send_messages(self, messages):
        type(self).attempts += 1
        if type(self).attempts <= 2:
            raise smtplib.SMTPConnectError(421, b"Service not available")
        return super().send_messages(messages)


class Broken(LocmemBackend):
    attempts = 0

    def send_messages(self, messages):
        type(self).attempts += 1
        raise RuntimeError("a bug, not the network")


def test_mail_tasks_run_on_the_notifications_queue():
    for name in ("meldingen_mailen", "samenvatting_versturen", "achterstand_versturen"):
        route = celery_app.amqp.router.route({}, f"meldingen.tasks.{name}")
        assert route["queue"].name == "notifications"


@pytest.fixture
def eager_retries():
    """In-process, Celery runs each retry at once (a worker waits with backoff), but
    only when it does not hand the Retry exception straight back to the caller."""
    saved = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    try:
        yield
    finally:
        celery_app.conf.task_eager_propagates = saved


def test_an_smtp_error_is_retried_until_the_mail_goes_out_once(settings, mailoutbox, eager_retries):
    settings.EMAIL_BACKEND = f"{__name__}.FailsTwiceThenWorks"
    FailsTwiceThenWorks.attempts = 0
    melding = MeldingFactory(direct=True)

    result = tasks.meldingen_mailen.delay([melding.pk])

    assert result.get() == 1
    assert FailsTwiceThenWorks.attempts == 3
    assert [m.extra_headers["X-Melding-Id"] for m in mailoutbox] == [str(melding.pk)]
    melding.refresh_from_db()
    assert melding.gemaild_op is not None


def test_other_errors_are_not_retried(settings, mailoutbox):
    settings.EMAIL_BACKEND = f"{__name__}.Broken"
    Broken.attempts = 0
    melding = MeldingFactory(direct=True)

    with pytest.raises(RuntimeError):
        tasks.meldingen_mailen.delay([melding.pk])

    assert Broken.attempts == 1
    melding.refresh_from_db()
    assert melding.gemaild_op is None


def test_retries_back_off_with_jitter_and_stop():
    for task in (tasks.meldingen_mailen, tasks.samenvatting_versturen):
        assert task.autoretry_for == tasks.TRANSIENT_ERRORS
        assert task.retry_backoff and task.retry_jitter
        assert 0 < task.max_retries < 20
    assert smtplib.SMTPException in tasks.TRANSIENT_ERRORS


def test_a_task_run_twice_mails_once(mailoutbox):
    meldingen = MeldingFactory.create_batch(3, direct=True)
    ids = [m.pk for m in meldingen]

    assert tasks.meldingen_mailen.delay(ids).get() == 3
    assert tasks.meldingen_mailen.delay(ids).get() == 0

    assert len(mailoutbox) == 3


# --- the daily digest at 07:00 -----------------------------------------------------------


@pytest.mark.parametrize(
    ("last_run", "next_run_utc"),
    [
        # Winter: 07:00 in Amsterdam is 06:00 UTC; summer: 05:00 UTC.
        (datetime(2026, 1, 15, 7, 0, tzinfo=AMSTERDAM), datetime(2026, 1, 16, 6, 0, tzinfo=UTC)),
        (datetime(2026, 7, 15, 7, 0, tzinfo=AMSTERDAM), datetime(2026, 7, 16, 5, 0, tzinfo=UTC)),
        # The night the clocks go forward (29 March 2026): still 07:00 local.
        (datetime(2026, 3, 28, 7, 0, tzinfo=AMSTERDAM), datetime(2026, 3, 29, 5, 0, tzinfo=UTC)),
    ],
)
def test_the_digest_runs_at_seven_in_amsterdam(last_run, next_run_utc):
    entry = django_settings.CELERY_BEAT_SCHEDULE["meldingen-dagelijkse-samenvatting"]
    schedule = maybe_schedule(entry["schedule"], app=celery_app)

    with time_machine.travel(last_run + timedelta(hours=1), tick=False):
        remaining = schedule.remaining_estimate(last_run)
        next_run = timezone.now() + remaining

    assert entry["task"] == "meldingen.tasks.samenvattingen_plannen"
    assert celery_app.conf.timezone == "Europe/Amsterdam"
    assert next_run == next_run_utc


def test_two_digest_runs_never_send_an_item_twice_and_never_an_empty_digest(mailoutbox):
    ilse, piet, leeg = UserFactory.create_batch(3)
    MeldingFactory(ontvanger=leeg, direct=True)  # no daily items: no digest
    with time_machine.travel(datetime(2026, 3, 2, 15, 0, tzinfo=AMSTERDAM), tick=False):
        MeldingFactory.create_batch(2, ontvanger=ilse, dagelijks=True)
        MeldingFactory(ontvanger=piet, dagelijks=True)

    with time_machine.travel(datetime(2026, 3, 3, 7, 0, tzinfo=AMSTERDAM), tick=False):
        assert tasks.samenvattingen_plannen.delay().get() == 2
    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=AMSTERDAM), tick=False):
        MeldingFactory(ontvanger=piet, dagelijks=True)
    with time_machine.travel(datetime(2026, 3, 4, 7, 0, tzinfo=AMSTERDAM), tick=False):
        assert tasks.samenvattingen_plannen.delay().get() == 1
    with time_machine.travel(datetime(2026, 3, 5, 7, 0, tzinfo=AMSTERDAM), tick=False):
        assert tasks.samenvattingen_plannen.delay().get() == 0

    assert [(m.to[0], m.subject.rsplit(": ", 1)[1]) for m in mailoutbox] == [
        (ilse.email, "2 meldingen"),
        (piet.email, "1 melding"),
        (piet.email, "1 melding"),
    ]
    assert not Melding.objects.filter(bezorging="dagelijks", gemaild_op__isnull=True).exists()


# --- the backlog sweep, every 5 minutes ------------------------------------------------------


def test_the_backlog_sweep_sends_what_a_lost_task_left_behind(mailoutbox):
    with time_machine.travel(datetime(2026, 3, 2, 12, 0, tzinfo=AMSTERDAM), tick=False):
        verloren = MeldingFactory.create_batch(2, direct=True)  # their task never ran
    with time_machine.travel(datetime(2026, 3, 2, 12, 4, tzinfo=AMSTERDAM), tick=False):
        onderweg = MeldingFactory(direct=True)  # its task may still be on its way

        assert tasks.achterstand_versturen.delay().get() == 0
    with time_machine.travel(datetime(2026, 3, 2, 12, 6, tzinfo=AMSTERDAM), tick=False):
        assert tasks.achterstand_versturen.delay().get() == 2
        assert tasks.achterstand_versturen.delay().get() == 0  # nothing left over

    assert sorted(int(m.extra_headers["X-Melding-Id"]) for m in mailoutbox) == sorted(
        m.pk for m in verloren
    )
    onderweg.refresh_from_db()
    assert onderweg.gemaild_op is None


def test_the_backlog_sweep_is_in_the_beat_schedule():
    entry = django_settings.CELERY_BEAT_SCHEDULE["meldingen-achterstand"]

    assert entry["task"] == "meldingen.tasks.achterstand_versturen"
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"].minute == set(range(0, 60, 5))
