"""Celery tasks of meldingen; each loads by id and calls one service (queue: notifications)."""

import smtplib
from datetime import timedelta

from django.utils import timezone

from celery import shared_task

from meldingen import services

# Only transient delivery errors are retried; anything else is a bug and fails loudly.
TRANSIENT_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError)


@shared_task(
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def meldingen_mailen(melding_ids: list[int]) -> int:
    """E-mail each melding that nobody e-mailed yet; safe to run twice."""
    return sum(services.melding_mailen(melding_id=melding_id) for melding_id in melding_ids)


@shared_task
def samenvattingen_plannen() -> int:
    """Beat, 07:00: one digest task per user with pending daily items."""
    tot = timezone.now()
    user_ids = services.samenvatting_ontvangers(tot=tot)
    for user_id in user_ids:
        samenvatting_versturen.delay(user_id, tot.isoformat())
    return len(user_ids)


@shared_task(
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def samenvatting_versturen(user_id: int, tot: str) -> int:
    from datetime import datetime

    return services.samenvatting_versturen(user_id=user_id, tot=datetime.fromisoformat(tot))


@shared_task
def achterstand_versturen() -> int:
    """Beat, every 5 minutes: re-enqueue direct meldingen a lost task left behind."""
    ids = services.achterstand_ids(ouder_dan=timezone.now() - timedelta(minutes=5))
    services.meldingen_enqueue(melding_ids=ids)
    return len(ids)
