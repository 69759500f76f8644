"""Run the same call in threads released together, against PostgreSQL (STYLE "Tests")."""

import threading
from collections.abc import Callable

from django.db import connection


def run_together(call: Callable[[], object], deelnemers: int = 2) -> list:
    """Start ``deelnemers`` threads that wait at a Barrier, then all run ``call``.

    Returns what each call returned, or the exception it raised, in finishing
    order. Each thread closes its own database connection. Use it from a test
    marked ``django_db(transaction=True)`` so the threads see committed rows.
    """
    barrier = threading.Barrier(deelnemers, timeout=10)
    uitkomsten: list = []

    def thread_main():
        try:
            barrier.wait()
            uitkomsten.append(call())
        except BaseException as exc:  # handed to the test, which asserts on it
            uitkomsten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=thread_main) for _ in range(deelnemers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return uitkomsten
