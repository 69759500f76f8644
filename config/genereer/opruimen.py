"""Which tables the generator empties, whether they hold data, and the sequences after."""

from __future__ import annotations

from django.apps import apps
from django.db import connection

# Apps whose tables the generator fills or empties (their event tables too).
APPS = [
    "accounts", "partners", "opgaven", "budget", "participatie", "leren", "meldingen",
    "rapportage", "beveiliging", "account", "mfa", "socialaccount", "guardian", "pghistory",
    "admin", "sessions",
]  # fmt: skip
# Reference data seeded by the migrations, and configuration: kept.
BEHOUDEN = {
    "opgaven_thema",
    "opgaven_gebied",
    "leren_competentie",
    "socialaccount_socialapp",
    "socialaccount_socialapp_sites",
}


def tabellen() -> list[str]:
    """The tables emptied before a run, in a fixed order."""
    namen: set[str] = set()
    for label in APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models(include_auto_created=True):
            meta = model._meta
            if meta.proxy or not meta.managed:
                continue
            namen.add(meta.db_table)
            for veld in meta.local_many_to_many:
                through = veld.remote_field.through
                if through._meta.auto_created:
                    namen.add(through._meta.db_table)
    bestaand = set(connection.introspection.table_names())
    return sorted((namen - BEHOUDEN) & bestaand)


def met_gegevens(namen: list[str]) -> list[str]:
    """The tables among ``namen`` that hold at least one row."""
    gevuld = []
    with connection.cursor() as cursor:
        for naam in namen:
            cursor.execute(f'SELECT EXISTS (SELECT 1 FROM "{naam}")')  # noqa: S608 - our names
            if cursor.fetchone()[0]:
                gevuld.append(naam)
    return gevuld


def leegmaken(namen: list[str]) -> None:
    lijst = ", ".join(f'"{naam}"' for naam in namen)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {lijst} RESTART IDENTITY")


def reeksen_bijwerken(namen: list[str]) -> None:
    """Each id sequence continues after the highest id written (ids were given explicitly)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, pg_get_serial_sequence(quote_ident(table_name), 'id') "
            "FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND column_name = 'id' "
            "AND table_name = ANY(%s) ORDER BY table_name",
            [namen],
        )
        for naam, reeks in cursor.fetchall():
            if reeks:
                cursor.execute(
                    f'SELECT setval(%s, COALESCE((SELECT MAX(id) FROM "{naam}"), 0) + 1, false)',  # noqa: S608
                    [reeks],
                )
