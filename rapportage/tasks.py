"""Celery tasks of reporting, on the ``reports`` queue (CELERY_TASK_ROUTES); each
calls one service. The reports worker runs with ``--max-tasks-per-child`` so a big
PDF cannot keep its memory."""

from celery import shared_task

from rapportage import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def rapport_bouwen(rapport_id: int) -> bool:
    """Build one requested report (claimed first, so a redelivered message is harmless)."""
    return services.rapport_bouwen(rapport_id=rapport_id)


@shared_task
def rapporten_vastgelopen() -> int:
    """Beat, every 5 minutes: revive jobs whose worker died, or end them ``mislukt``."""
    return services.rapporten_vastgelopen()


@shared_task
def rapporten_opruimen() -> int:
    """Beat, nightly: delete report files past their retention."""
    return services.rapporten_opruimen()


@shared_task
def maandrapportages() -> int:
    """Beat, daily: on the first working day of the month, every active opgave's report."""
    return services.maandrapportages()
