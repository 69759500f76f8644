"""The session reminder: a beat task every 15 minutes, one reminder per person."""

from datetime import UTC, datetime, timedelta

from django.conf import settings

import pytest
import time_machine
from celery.schedules import crontab

from meldingen.models import Melding, Soort
from participatie.models import Aanmelding, Sessie
from participatie.services import aanmelden
from participatie.tasks import sessie_herinneringen
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NU = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)


def herinneringen(user) -> int:
    return Melding.objects.filter(ontvanger=user, soort=Soort.SESSIE_HERINNERING).count()


def test_beat_runs_the_reminder_every_quarter_of_an_hour():
    entry = settings.CELERY_BEAT_SCHEDULE["participatie-sessie-herinneringen"]
    assert entry["task"] == "participatie.tasks.sessie_herinneringen"
    assert entry["schedule"] == crontab(minute="*/15")
    assert sessie_herinneringen.name == entry["task"]


def test_the_task_reminds_once_a_day_before_and_not_earlier(ronde):
    with time_machine.travel(NU, tick=False):
        start = NU + timedelta(hours=30)
        sessie = Sessie.objects.create(
            ronde=ronde,
            titel="Wijkavond",
            start=start,
            eind=start + timedelta(hours=2),
            locatie="Buurthuis De Molen",
            capaciteit=1,
            aanmelden_tot=start - timedelta(hours=1),
        )
        aangemeld, wachtend, afgemeld = UserFactory.create_batch(3)
        aanmelden(sessie=sessie, user=aangemeld)
        aanmelden(sessie=sessie, user=wachtend)
        Aanmelding.objects.create(
            sessie=sessie, user=afgemeld, volgnummer=99, status=Aanmelding.Status.GEANNULEERD
        )

        # 30 hours before: too early.
        assert sessie_herinneringen.delay().get() == 0
        assert herinneringen(aangemeld) == 0

    # 23 hours before: the registered person is reminded, once.
    with time_machine.travel(NU + timedelta(hours=7), tick=False):
        assert sessie_herinneringen.delay().get() == 1
        assert sessie_herinneringen.delay().get() == 0
    with time_machine.travel(NU + timedelta(hours=7, minutes=15), tick=False):
        assert sessie_herinneringen.delay().get() == 0

    assert herinneringen(aangemeld) == 1
    # Only people with a place: not the waiting list, not who cancelled.
    assert herinneringen(wachtend) == 0
    assert herinneringen(afgemeld) == 0
    melding = Melding.objects.get(ontvanger=aangemeld, soort=Soort.SESSIE_HERINNERING)
    assert melding.url == sessie.get_absolute_url()
    assert melding.context["sessie"] == "Wijkavond"


def test_a_session_that_has_started_gets_no_reminder(ronde):
    with time_machine.travel(NU, tick=False):
        start = NU + timedelta(hours=2)
        sessie = Sessie.objects.create(
            ronde=ronde,
            titel="Wijkavond",
            start=start,
            eind=start + timedelta(hours=2),
            locatie="Buurthuis De Molen",
            capaciteit=5,
            aanmelden_tot=start - timedelta(hours=1),
        )
        user = UserFactory()
        aanmelden(sessie=sessie, user=user)
    with time_machine.travel(NU + timedelta(hours=3), tick=False):
        assert sessie_herinneringen.delay().get() == 0
    assert herinneringen(user) == 0
