"""Celery tasks of participation; each calls one service."""

from celery import shared_task

from participatie import services


@shared_task
def sessie_herinneringen() -> int:
    """Beat, every 15 minutes: remind the people registered for a session that starts
    within 24 hours, once each (``services.herinneringen_sturen`` marks them)."""
    return services.herinneringen_sturen()


@shared_task
def uitslag_berekenen(begroting_id: int) -> None:
    """Compute and publish the result of a participatory budget (at the close)."""
    from participatie.models import Begroting
    from participatie.services_begroting import uitslag_berekenen as berekenen

    berekenen(begroting=Begroting.objects.get(pk=begroting_id))


@shared_task
def stemmingen_sluiten() -> int:
    """Beat, every hour: close the votes whose last day has passed and publish their result."""
    from participatie.services_begroting import stemmingen_sluiten as sluiten

    return sluiten()


@shared_task
def stembiljet_herinneringen() -> int:
    """Beat, daily: remind residents whose ballot has unconfirmed choices before the close."""
    from participatie.services_begroting import stembiljet_herinneringen as herinneren

    return herinneren()


@shared_task
def deelnemers_anonimiseren() -> int:
    """Beat, nightly: remove participants' district and age group
    ``RETENTIE_DEELNEMERS_MAANDEN`` after their round's feedback (``participatie.retentie``)."""
    from participatie.retentie import deelnemers_anonimiseren as anonimiseren

    return anonimiseren()


@shared_task
def stemcodes_opruimen() -> int:
    """Beat, nightly: delete the unused voting codes of votes whose result is published."""
    from participatie.retentie import stemcodes_opruimen as opruimen

    return opruimen()
