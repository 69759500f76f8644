"""Project-wide tasks. ``ping`` proves the wiring: a worker that runs it answers "pong"."""

from celery import shared_task


@shared_task
def ping() -> str:
    return "pong"
