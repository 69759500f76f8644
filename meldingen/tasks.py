"""Celery tasks of meldingen; each loads by id and calls one service (queue: notifications)."""

import smtplib
from datetime import datetime

from django.utils import timezone

from celery import shared_task

from meldingen import services

# Only transient delivery errors are retried: the mail server or the network.
# Anything else is a bug and fails loudly. Every retry is safe: the claim on
# each row (services.melding_mailen) keeps a melding to one e-mail.
TRANSIENT_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError)
RETRY = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 5,  # 5, 10, 20 ... seconds
    "retry_backoff_max": 600,
    "retry_jitter": True,  # a random part of that, so retries do not come in waves
    "max_retries": 8,
}


@shared_task(**RETRY)
def meldingen_mailen(melding_ids: list[int]) -> int:
    """E-mail each melding that nobody e-mailed yet; safe to run twice."""
    return services.meldingen_mailen(melding_ids=melding_ids)


@shared_task
def samenvattingen_plannen() -> int:
    """Beat, 07:00 Europe/Amsterdam: one digest task per user with pending daily items."""
    tot = timezone.now()
    user_ids = services.samenvatting_ontvangers(tot=tot)
    for user_id in user_ids:
        samenvatting_versturen.delay(user_id, tot.isoformat())
    return len(user_ids)


@shared_task(**RETRY)
def samenvatting_versturen(user_id: int, tot: str) -> int:
    return services.samenvatting_versturen(user_id=user_id, tot=datetime.fromisoformat(tot))


@shared_task
def achterstand_versturen() -> int:
    """Beat, every 5 minutes: re-enqueue direct meldingen a lost task left behind."""
    ids = services.achterstand_ids()
    services.meldingen_enqueue(melding_ids=ids)
    return len(ids)
