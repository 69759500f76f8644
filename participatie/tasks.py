"""Celery tasks of participation; each calls one service."""

from celery import shared_task

from participatie import services


@shared_task
def sessie_herinneringen() -> int:
    """Beat, every 15 minutes: remind the people registered for a session that starts
    within 24 hours, once each (``services.herinneringen_sturen`` marks them)."""
    return services.herinneringen_sturen()
