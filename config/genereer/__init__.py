"""The data generator behind ``manage.py genereer_data`` (issue 12 point 1).

``genereer(schaal=..., seed=...)`` empties the domain tables and fills them with
a municipality of the given scale, deterministically from the seed (and the
reference date, today unless given). It runs inside the caller's transaction on
Django's connection, loads with COPY while triggers are off
(``session_replication_role = replica``), and therefore itself guarantees the
foreign keys, unique constraints and stored counters; ``tests/prestatie`` checks
them. The personas and named objects are in ``kenmerken``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from config.genereer.basis import SCHALEN, Context
from config.genereer.lader import Lader


def referentie(ctx: Context) -> None:
    """The reference data the migrations seed, by id."""
    from leren.models import Competentie
    from opgaven.models import Gebied, Thema

    for gebied in Gebied.objects.order_by("code"):
        if gebied.niveau == Gebied.Niveau.GEMEENTE and not ctx.gemeente:
            ctx.gemeente = gebied.pk
        elif gebied.niveau == Gebied.Niveau.WIJK:
            ctx.wijken.append(gebied.pk)
        elif gebied.niveau == Gebied.Niveau.BUURT and gebied.ligt_in_id:
            ctx.buurten.setdefault(gebied.ligt_in_id, []).append(gebied.pk)
    ctx.themas = list(Thema.objects.order_by("pk").values_list("pk", flat=True))
    ctx.competenties = list(
        Competentie.objects.filter(actief=True).order_by("pk").values_list("pk", flat=True)
    )
    ctx.groepen = dict(Group.objects.values_list("name", "pk"))
    for label in ("participatie.inbreng", "opgaven.opgave"):
        app_label, model = label.split(".")
        ctx.content_types[label] = ContentType.objects.get_by_natural_key(app_label, model).pk
    ctx.permissies = dict(
        Permission.objects.filter(
            content_type_id=ctx.content_types["opgaven.opgave"],
            codename__in=["view_opgave", "change_opgave"],
        ).values_list("codename", "pk")
    )
    if not (ctx.gemeente and ctx.wijken and ctx.themas and ctx.competenties):
        raise RuntimeError(
            "De referentiegegevens (gebieden, thema's, competenties) ontbreken: "
            "draai eerst migrate."
        )


def _mfa(ctx: Context) -> None:
    """An authenticator app for the staff personas (the ORM: three rows, triggers on)."""
    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.models import User
    from config.genereer import kenmerken

    for email in kenmerken.STAF:
        TOTP.activate(User.objects.get(pk=ctx.personas[email]), kenmerken.TOTP_GEHEIM)


def genereer(
    *,
    schaal: str = "klein",
    seed: int = 1,
    peildatum: date | None = None,
    uit: Callable[[str], None] = print,
) -> dict[str, int]:
    """Empty the domain tables and generate; returns the rows per table. No guards:
    the management command asks first (a test may call this directly)."""
    from config.genereer import (
        accounts,
        budget,
        gebeurtenissen,
        leren,
        meldingen,
        opgaven,
        opruimen,
        participatie,
        partners,
        rapportage,
    )

    begin = time.monotonic()
    ctx = Context(seed=seed, schaal=SCHALEN[schaal], peildatum=peildatum or timezone.localdate())
    lader = Lader(uit)
    namen = opruimen.tabellen()
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Checks still pending in this transaction (a caller's rows) run now: TRUNCATE
            # refuses a table with pending trigger events. Every deferrable constraint
            # here is initially deferred, so DEFERRED afterwards restores the default.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL session_replication_role = replica")
            opruimen.leegmaken(namen)
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        referentie(ctx)
        stappen = [
            ("accounts", lambda: accounts.maak(ctx, lader)),
            ("partners", lambda: partners.maak(ctx, lader)),
            ("opgaven", lambda: opgaven.maak(ctx, lader)),
            ("budget", lambda: budget.maak(ctx, lader)),
            ("participatie", lambda: participatie.maak(ctx, lader)),
            ("leren", lambda: leren.maak(ctx, lader)),
            (
                "meldingen",
                lambda: meldingen.maak(
                    ctx, lader, lader.schrijvers["meldingen_melding"].volgend_id
                ),
            ),
            ("rapportage", lambda: rapportage.maak(ctx, lader)),
            ("audittrail", lambda: gebeurtenissen.maak(ctx, lader)),
        ]
        for naam, stap in stappen:
            stap_begin = time.monotonic()
            uit(f"{naam}:")
            stap()
            uit(f"  ({naam}: {time.monotonic() - stap_begin:.1f} s)")
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = origin")
        _mfa(ctx)
        stap_begin = time.monotonic()
        opruimen.reeksen_bijwerken(namen)
        with connection.cursor() as cursor:
            for naam in sorted(lader.geladen):
                cursor.execute(f'ANALYZE "{naam}"')
        uit(f"reeksen en ANALYZE: {time.monotonic() - stap_begin:.1f} s")
    uit(f"Klaar in {time.monotonic() - begin:.1f} s.")
    return dict(lader.geladen)
