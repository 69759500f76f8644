"""Insert events in the audit trail (pghistory) for the generated rows of the smaller
apps, so an opgave's history tab has its years of events (the triggers that would
record them were off during the load). Participation's big tables get none."""

from __future__ import annotations

import time

from django.apps import apps
from django.db import connection

import pghistory.models

from config.genereer.basis import Context
from config.genereer.lader import Lader

APPS = ("opgaven", "partners", "budget")
# The moment of the insert event: the row's own, where it has one (in this order).
MOMENTEN = ("aangemaakt_op", "vastgelegd_op", "voorgesteld_op", "op", "datum", "sinds", "van")


def maak(ctx: Context, lader: Lader) -> None:
    with connection.cursor() as cursor:
        for label in APPS:
            for model in apps.get_app_config(label).get_models():
                if not issubclass(model, pghistory.models.Event):
                    continue
                begin = time.monotonic()
                bron = model.pgh_tracked_model._meta.db_table
                kolommen = [
                    f.column for f in model._meta.concrete_fields if not f.name.startswith("pgh_")
                ]
                moment = next(
                    (k for k in MOMENTEN if k in kolommen),
                    None,
                )
                tijd = (
                    f"\"{moment}\"::timestamptz + interval '12 hours'"
                    if moment in {"datum", "sinds", "van"}
                    else f'COALESCE("{moment}", %(nu)s)'
                    if moment
                    else "%(nu)s"
                )
                obj = any(f.name == "pgh_obj" for f in model._meta.concrete_fields)
                lijst = ", ".join(f'"{k}"' for k in kolommen)
                cursor.execute(
                    f'INSERT INTO "{model._meta.db_table}" '  # noqa: S608 - our own names
                    f"(pgh_created_at, pgh_label, {'pgh_obj_id, ' if obj else ''}{lijst}) "
                    f"SELECT {tijd}, 'insert', {'id, ' if obj else ''}{lijst} "
                    f'FROM "{bron}" ORDER BY id',
                    {"nu": ctx.nu},
                )
                lader.geladen[model._meta.db_table] = cursor.rowcount
                lader.uit(
                    f"  {model._meta.db_table:<40} {cursor.rowcount:>10,} rijen  "
                    f"{time.monotonic() - begin:6.1f} s".replace(",", ".")
                )
