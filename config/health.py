"""``GET /health/``: is the database, the cache and the broker reachable?"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _cache() -> str:
    cache.set("health-check", "ok", timeout=10)
    if cache.get("health-check") != "ok":
        raise RuntimeError("cache did not return the value it was given")
    return "ok"


def _broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"  # no broker configured: tasks run in-process
    from config.celery import app

    with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    return "ok"


CHECKS = {"database": _database, "cache": _cache, "broker": _broker}


@never_cache
@require_GET
def health(request):
    status: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            status[name] = check()
        except Exception as exc:  # a health check reports every failure
            logger.warning("health check %s failed: %s", name, exc)
            status[name] = "fout"
    healthy = all(value != "fout" for value in status.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fout", **status}, status=200 if healthy else 503
    )
