"""A report whose worker is killed halfway, with a real celery worker and Redis.

The worker runs the production settings against the test database, consuming the
``reports`` queue, with the slow builder of ``traag_bouwer`` (it waits while a hold
file exists). The Redis and the broker fixtures are those of the meldingen tests.
"""

from __future__ import annotations

import os
import time
import uuid
from datetime import timedelta
from pathlib import Path

from django.db import connection
from django.utils import timezone

import pytest

from rapportage import services
from rapportage.models import Formaat, Rapport, Soort
from rapportage.tasks import rapport_bouwen
from tests.meldingen.conftest import broker, eigen_redis  # noqa: F401 (fixtures)
from tests.meldingen.test_betrouwbaarheid import wait_until
from tests.processes import VENV_BIN, Process, database_url

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

VISIBILITY_TIMEOUT = 5


@pytest.fixture
def werkmap(tmp_path, settings) -> Path:
    settings.RAPPORT_ROOT = tmp_path / "rapporten"
    (tmp_path / "bouw.log").touch()
    return tmp_path


@pytest.fixture
def start_worker(broker, werkmap):  # noqa: F811 (the imported fixture)
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(werkmap)),
        "LANG": "C.UTF-8",
        "SECRET_KEY": f"rapportage-test-{uuid.uuid4().hex}{uuid.uuid4().hex}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(connection.settings_dict),
        "CELERY_BROKER_URL": broker.url,
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "RAPPORT_ROOT": str(werkmap / "rapporten"),
        "TEST_RAPPORT_LOG": str(werkmap / "bouw.log"),
        "TEST_RAPPORT_HOLD": str(werkmap / "hold"),
    }
    argv = [str(VENV_BIN / "celery"), "-A", "config", "worker", "-Q", "reports", "-c", "1"]
    argv += ["-I", "tests.rapportage.traag_bouwer", "--without-gossip", "--without-mingle"]
    workers: list[Process] = []

    def start() -> Process:
        number = len(workers) + 1
        worker = Process(
            [*argv, "-n", f"rapport{number}@%h", "-l", "INFO"],
            env,
            werkmap / f"worker-{number}.log",
        )
        workers.append(worker)
        worker.wait_for(rf"rapport{number}@\S+ ready\.")
        return worker

    try:
        yield start
    finally:
        for worker in workers:
            worker.stop()


def test_a_worker_killed_mid_report_is_revived_and_the_report_ends_klaar_once(
    broker,  # noqa: F811
    start_worker,
    werkmap,
    ambtenaar,
):
    log, hold = werkmap / "bouw.log", werkmap / "hold"
    hold.touch()
    worker = start_worker()
    rapport = Rapport.objects.create(
        soort=Soort.PORTFOLIO, formaat=Formaat.CSV, aangevraagd_door=ambtenaar
    )
    rapport_bouwen.delay(rapport.pk)

    def status() -> str:
        rapport.refresh_from_db()
        return rapport.status

    wait_until(
        lambda: status() == Rapport.Status.BEZIG and rapport.voortgang == 10,
        timeout=60,
        failure=lambda: f"the report is {rapport.status}; worker log:\n{worker.log()[-2000:]}",
    )
    worker.kill()
    killed_at = time.monotonic()
    assert broker.unacknowledged() == 1  # acks_late: the message waits in Redis

    # A new worker gets the message again once the visibility timeout has passed, and
    # leaves it: the job still looks alive (its last progress is recent).
    time.sleep(max(0.0, killed_at + VISIBILITY_TIMEOUT + 1 - time.monotonic()))
    nieuw = start_worker()
    wait_until(
        lambda: broker.unacknowledged() == 0 and broker.queued("reports") == 0,
        timeout=60,
        failure=lambda: f"the message was not handled again; log:\n{nieuw.log()[-2000:]}",
    )
    assert status() == Rapport.Status.BEZIG
    assert log.read_text().split() == [str(rapport.pk)]

    # Ten minutes without progress later, the sweeper (beat) revives the job.
    Rapport.objects.filter(pk=rapport.pk).update(
        bijgewerkt_op=timezone.now() - services.VASTGELOPEN_NA - timedelta(seconds=1)
    )
    hold.unlink()
    assert services.rapporten_vastgelopen() == 1

    wait_until(
        lambda: status() == Rapport.Status.KLAAR,
        timeout=60,
        failure=lambda: f"the report is {rapport.status}; log:\n{nieuw.log()[-2000:]}",
    )
    assert rapport.pogingen == 2
    assert log.read_text().split() == [str(rapport.pk), str(rapport.pk)]
    bestanden = [p for p in (werkmap / "rapporten").rglob("*") if p.is_file()]
    assert [p.read_bytes() for p in bestanden] == [b"klaar\n"]
