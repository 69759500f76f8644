"""GET /health/: the state of database, cache and broker; 200 when all are up, else 503."""

import time

import pytest

from config import health
from tests.local_services import redis_url

URL = "/health/"
CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_all_up_answers_200_json(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    # The test suite runs tasks eagerly: no broker to ask.
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "broker": "eager"}


@pytest.mark.integration
def test_real_redis_broker_is_reported_ok(client, db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = redis_url(13)

    response = client.get(URL)

    assert response.status_code == 200
    assert response.json()["broker"] == "ok"


def test_database_down_answers_503(client, db, monkeypatch):
    def database_down():
        raise ConnectionError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", database_down)

    response = client.get(URL)

    assert response.status_code == 503
    assert response.json() == {
        "status": "fout",
        "database": "fout",
        "cache": "ok",
        "broker": "eager",
    }


def test_unreachable_broker_answers_503_fast(client, db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = CLOSED_PORT

    started = time.monotonic()
    response = client.get(URL)
    elapsed = time.monotonic() - started

    assert response.status_code == 503
    assert response.json() == {"status": "fout", "database": "ok", "cache": "ok", "broker": "fout"}
    assert elapsed < 5


def test_unreachable_cache_answers_503(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CLOSED_PORT,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }

    response = client.get(URL)

    assert response.status_code == 503
    assert response.json()["cache"] == "fout"


def test_wrong_method_is_405(client, db):
    assert client.post(URL).status_code == 405
