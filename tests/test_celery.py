"""The Celery app gets the STYLE settings, routes tasks to their queue, and runs them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from config import celery_app
from config.tasks import ping
from tests.local_services import redis_url

REPO = Path(__file__).resolve().parent.parent
QUEUES = ("default", "notifications", "reports")


def production_env(**extra: str) -> dict[str, str]:
    """A clean environment as in production (no pytest, so no eager test mode)."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(REPO)),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "test-celery-not-a-real-secret-0123456789abcdefghijklmnop",
        "ALLOWED_HOSTS": "example.nl",
        "DATABASE_URL": "postgres://opgave@db.example.nl:5432/opgave",  # never connected to
        **extra,
    }


def run_python(code: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_style_settings_reach_the_app():
    conf = celery_app.conf

    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_serializer == "json"
    assert conf.result_serializer == "json"
    assert list(conf.accept_content) == ["json"]
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit
    assert conf.broker_transport_options["visibility_timeout"] > conf.task_time_limit
    assert conf.task_ignore_result is True
    assert conf.result_backend is None


def test_each_queue_has_its_own_routing_key():
    queues = celery_app.amqp.queues

    assert sorted(queues) == sorted(QUEUES)
    assert {name: (queue.exchange.name, queue.routing_key) for name, queue in queues.items()} == {
        name: (name, name) for name in QUEUES
    }


@pytest.mark.parametrize(
    ("task_name", "queue"),
    [
        ("config.tasks.ping", "default"),
        ("meldingen.tasks.stuur_melding", "notifications"),
        ("rapportage.tasks.maak_rapport", "reports"),
    ],
)
def test_routes(task_name, queue):
    assert celery_app.amqp.router.route({}, task_name)["queue"].name == queue


def test_ping_is_registered_and_runs_eagerly_in_tests():
    assert "config.tasks.ping" in celery_app.tasks
    assert celery_app.conf.task_always_eager is True

    assert ping.delay().get(timeout=1) == "pong"


@pytest.mark.parametrize(
    ("broker_url", "eager"), [(None, "True"), ("redis://127.0.0.1:6379/0", "False")]
)
def test_eager_only_without_a_broker_url(broker_url, eager):
    env = production_env(**({"CELERY_BROKER_URL": broker_url} if broker_url else {}))

    output = run_python(
        "from config import celery_app; print(celery_app.conf.task_always_eager)", env
    )

    assert output == eager


@pytest.mark.integration
def test_a_sent_task_lands_in_exactly_one_redis_queue():
    """Publish through the production configuration; nothing consumes this Redis db."""
    broker = redis_url(14)
    client = redis.Redis.from_url(broker)
    client.flushdb()
    try:
        run_python(
            "from config import celery_app\n"
            "for name in ('config.tasks.ping', 'meldingen.tasks.stuur_melding',"
            " 'rapportage.tasks.maak_rapport', 'meldingen.tasks.stuur_melding'):\n"
            "    celery_app.send_task(name)\n",
            production_env(CELERY_BROKER_URL=broker),
        )

        assert {queue: client.llen(queue) for queue in QUEUES} == {
            "default": 1,
            "notifications": 2,
            "reports": 1,
        }
    finally:
        client.flushdb()
