"""The machine's Redis, for tests that need a real broker.

Outside CI a missing Redis skips those tests with the reason; under CI (the
environment variable ``CI`` is set) it fails them, so nothing is skipped silently.
"""

import os

import pytest
import redis

REDIS_ADDRESS = "127.0.0.1:6379"
START_REDIS = "redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no"


def skip_or_fail(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this fails instead of skipping)")
    pytest.skip(reason)


def redis_url(db: int) -> str:
    """``redis://127.0.0.1:6379/<db>`` after checking that Redis answers."""
    url = f"redis://{REDIS_ADDRESS}/{db}"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.ConnectionError as exc:
        skip_or_fail(f"Redis is not reachable at {REDIS_ADDRESS} ({exc}); start it: {START_REDIS}")
    return url
