"""Celery tasks of the security app; each calls one service."""

from celery import shared_task

from beveiliging import services


@shared_task
def rolreview_kwartaal() -> int:
    """Beat, on the first day of every quarter: remind the beheerders of the role review."""
    return services.rolreview_versturen()
