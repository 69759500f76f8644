"""Celery tasks of accounts (queue ``default``); each loads by id and calls one service."""

from celery import shared_task

from accounts import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def gegevensexport_maken(export_id: int) -> bool:
    """Build one personal-data download (claimed first: a redelivery does nothing)."""
    return services.gegevensexport_maken(export_id=export_id)


@shared_task
def avg_nachtelijks() -> dict[str, int]:
    """Beat, nightly: erase accounts past their grace period, warn and anonymise inactive
    residents, delete expired downloads. Each step is idempotent."""
    verwijderd = services.accounts_verwijderen()
    gewaarschuwd, inactief_geanonimiseerd = services.inactieve_accounts()
    opgeruimd = services.gegevensexports_opruimen()
    return {
        "verwijderd": verwijderd,
        "gewaarschuwd": gewaarschuwd,
        "inactief_geanonimiseerd": inactief_geanonimiseerd,
        "exports_opgeruimd": opgeruimd,
    }
