"""Background work for opgaven. Each task calls one service (STYLE "Celery")."""

from celery import shared_task

from opgaven.services import opgave_permissions_sync_all


@shared_task
def opgave_permissions_sync_daily() -> int:
    """Roles start and end by date: re-derive the guardian permissions once a day.

    Idempotent, so a retried or doubled run does no harm. Scheduled in
    ``CELERY_BEAT_SCHEDULE`` shortly after midnight.
    """
    return opgave_permissions_sync_all()
