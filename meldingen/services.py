"""Notifications: the one way every app informs people (DESIGN §5, meldingen).

``notify`` inserts the rows in one statement inside the caller's transaction and
enqueues e-mail delivery on commit. Delivery claims each row with a conditional
UPDATE, so a retried or duplicated task never mails twice.
"""

from __future__ import annotations

import json
import logging
import smtplib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core import mail, signing
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from meldingen.models import Bezorging, Melding, Soort, Voorkeur
from meldingen.soorten import standaard_bezorging

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

# Delivery tasks get this many meldingen each: small enough to spread over
# workers, large enough that 10,000 recipients are 100 messages, not 10,000.
BATCH_SIZE = 100
# The backlog sweep re-sends direct meldingen left unsent this long...
ACHTERSTAND_NA = timedelta(minutes=5)
# ...but gives up on them after this long: the inbox still has them, and a
# message the mail server keeps refusing must not be retried forever.
ACHTERSTAND_TOT = timedelta(days=1)
AFMELD_SALT = "meldingen.afmelden"

# The mail server refused this one message (its recipient, sender or content);
# the others in the batch can still go. Connection errors stop the whole batch.
BERICHT_GEWEIGERD = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
)

# One statement for any number of recipients: the recipients travel as one array
# parameter, their preference comes from a join, ON CONFLICT DO NOTHING skips the
# ones the unique key already has, and RETURNING names exactly the rows this call
# created. Rows go in recipient order, so two overlapping calls lock in the same order.
_NOTIFY_SQL = """
    INSERT INTO meldingen_melding
        (ontvanger_id, soort, object_type_id, object_id, dedupe, context, url,
         bezorging, aangemaakt_op)
    SELECT ontvanger.id, %(soort)s, %(object_type_id)s::integer, %(object_id)s::bigint,
           %(dedupe)s, %(context)s::jsonb, %(url)s,
           COALESCE(voorkeur.bezorging, %(standaard)s), %(nu)s
    FROM unnest(%(ontvanger_ids)s::bigint[]) AS ontvanger (id)
    LEFT JOIN meldingen_voorkeur AS voorkeur
        ON voorkeur.user_id = ontvanger.id AND voorkeur.soort = %(soort)s
    ORDER BY ontvanger.id
    ON CONFLICT DO NOTHING
    RETURNING id, bezorging
"""


def notify(
    *,
    ontvangers: Iterable[User] | QuerySet[User],
    soort: Soort,
    object: models.Model | None = None,
    context: dict | None = None,
    url: str = "",
    dedupe: str = "",
) -> list[int]:
    """Notify ``ontvangers`` of ``soort`` about ``object``; return the ids to e-mail now.

    Runs in the caller's transaction: the rows appear, and the e-mail is
    enqueued, only when it commits. A recipient who already has this
    (soort, object, dedupe) is skipped, so calling twice notifies once.
    One query whatever the number of recipients (two for a QuerySet).
    """
    if isinstance(ontvangers, QuerySet):
        ontvanger_ids = list(ontvangers.values_list("pk", flat=True))
    else:
        ontvanger_ids = [user.pk for user in ontvangers]
    if not ontvanger_ids:
        return []
    soort = Soort(soort)
    if not url and object is not None and hasattr(object, "get_absolute_url"):
        url = object.get_absolute_url()

    with connection.cursor() as cursor:
        cursor.execute(
            _NOTIFY_SQL,
            {
                "soort": soort.value,
                "object_type_id": (
                    ContentType.objects.get_for_model(object).pk if object is not None else None
                ),
                "object_id": object.pk if object is not None else None,
                "dedupe": dedupe,
                "context": json.dumps(context or {}),
                "url": url,
                "standaard": standaard_bezorging(soort).value,
                "nu": timezone.now(),
                "ontvanger_ids": sorted(set(ontvanger_ids)),
            },
        )
        nieuw = cursor.fetchall()
    te_mailen = sorted(pk for pk, bezorging in nieuw if bezorging == Bezorging.DIRECT)
    if te_mailen:
        transaction.on_commit(lambda: meldingen_enqueue(melding_ids=te_mailen))
    return te_mailen


def meldingen_enqueue(*, melding_ids: Sequence[int]) -> None:
    """Put delivery tasks on the notifications queue, BATCH_SIZE ids per task."""
    from meldingen.tasks import meldingen_mailen

    for start in range(0, len(melding_ids), BATCH_SIZE):
        meldingen_mailen.delay(list(melding_ids[start : start + BATCH_SIZE]))


def meldingen_mailen(*, melding_ids: Sequence[int]) -> int:
    """E-mail a batch of meldingen over one mail connection; return how many were sent.

    One query reads the batch; then each melding is claimed and sent in a
    transaction of its own (see ``melding_mailen``), so a failure part-way
    leaves the sent ones sent and the rest unclaimed, and running the batch
    again sends only the rest. A message the server refuses does not hold up
    the others: the batch goes on, and the first refusal is raised at the
    end, so the task retries.
    """
    verstuurd = 0
    geweigerd: smtplib.SMTPException | None = None
    with mail.get_connection() as verbinding, _claims_zonder_schijfwacht():
        for melding in _te_mailen(melding_ids):
            try:
                verstuurd += _claimen_en_mailen(melding, verbinding)
            except BERICHT_GEWEIGERD as exc:
                logger.warning("Mail server refused melding %s: %r", melding.pk, exc)
                geweigerd = geweigerd or exc
    if geweigerd is not None:
        raise geweigerd
    return verstuurd


@contextmanager
def _claims_zonder_schijfwacht() -> Iterator[None]:
    """Commit the batch's claims without waiting for the disk (synchronous_commit off).

    Waiting for the WAL flush on every claim was most of the delivery time.
    Without it, a PostgreSQL crash can lose the last fraction of a second of
    claims; those meldingen then count as unsent and go out again. That is the
    same at-least-once window as a worker dying between sending and committing,
    and it never loses a melding. Only this session, only during the batch.
    """
    if connection.in_atomic_block:  # a caller's transaction: leave its settings alone
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def melding_mailen(*, melding_id: int, verbinding: BaseEmailBackend | None = None) -> bool:
    """E-mail one melding unless someone already did; True when this call sent it."""
    melding = _te_mailen([melding_id]).first()
    return melding is not None and _claimen_en_mailen(melding, verbinding)


def _te_mailen(melding_ids: Sequence[int]) -> QuerySet[Melding]:
    """The direct meldingen among ``melding_ids`` that seem unsent, to active people.

    Read without a lock: the claim decides, this only saves work on the rest.
    """
    return (
        Melding.objects.filter(
            pk__in=melding_ids,
            bezorging=Bezorging.DIRECT,
            gemaild_op__isnull=True,
            ontvanger__is_active=True,
        )
        .select_related("ontvanger")
        .order_by("pk")
    )


def _claimen_en_mailen(melding: Melding, verbinding: BaseEmailBackend | None) -> bool:
    """Claim ``melding`` and e-mail it in one transaction; False when someone was first.

    The conditional UPDATE claims the row and holds its lock until the mail is
    handed to the mail server and the transaction commits. A concurrent worker
    waits for that lock, then finds ``gemaild_op`` set and exits. An error while
    sending rolls the claim back, and so does a worker that dies before
    committing: the retried (or swept-up) task sends it.

    One window stays: a worker that dies after the mail server accepted the
    message but before the commit leaves the row unclaimed, and the message
    goes out again. Delivery is exactly once except in that window, where it
    is at least once (docs/meldingen.md).
    """
    from meldingen.email import melding_email

    with transaction.atomic():
        # Only this table's own columns in the WHERE: a join (ontvanger__is_active)
        # would turn it into "pk IN (subquery)", which PostgreSQL does not re-check
        # against the row a concurrent worker just claimed.
        claimed = Melding.objects.filter(
            pk=melding.pk, gemaild_op__isnull=True, bezorging=Bezorging.DIRECT
        ).update(gemaild_op=timezone.now())
        if not claimed:
            return False
        melding_email(melding, connection=verbinding).send()
    return True


def samenvatting_versturen(*, user_id: int, tot: datetime | None = None) -> int:
    """Send one digest of the user's pending ``dagelijks`` meldingen; return how many.

    Takes every pending item created up to ``tot`` (normally: since the last
    digest). Never sends an empty digest; the rows it sends are marked in the
    same transaction, so a later run (or a retried task) never repeats them,
    and a failed send leaves them for the retry.
    """
    from meldingen.email import samenvatting_email

    tot = tot or timezone.now()
    with transaction.atomic():
        meldingen = list(
            Melding.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                ontvanger_id=user_id,
                ontvanger__is_active=True,
                bezorging=Bezorging.DAGELIJKS,
                gemaild_op__isnull=True,
                aangemaakt_op__lte=tot,
            )
            .select_related("ontvanger")
            .order_by("aangemaakt_op", "pk")
        )
        if not meldingen:
            return 0
        Melding.objects.filter(pk__in=[m.pk for m in meldingen]).update(gemaild_op=timezone.now())
        samenvatting_email(meldingen[0].ontvanger, meldingen).send()
    return len(meldingen)


def samenvatting_ontvangers(*, tot: datetime) -> list[int]:
    """Ids of active users with pending digest items created up to ``tot``."""
    return list(
        Melding.objects.filter(
            bezorging=Bezorging.DAGELIJKS,
            gemaild_op__isnull=True,
            aangemaakt_op__lte=tot,
            ontvanger__is_active=True,
        )
        .values_list("ontvanger_id", flat=True)
        .distinct()
        .order_by("ontvanger_id")
    )


def achterstand_ids(*, nu: datetime | None = None) -> list[int]:
    """Direct meldingen still unsent ``ACHTERSTAND_NA`` after they were made.

    A task lost with the broker, a worker that died, a mail server that was
    down past the retries. Older than ``ACHTERSTAND_TOT`` is given up.
    """
    nu = nu or timezone.now()
    return list(
        Melding.objects.filter(
            bezorging=Bezorging.DIRECT,
            gemaild_op__isnull=True,
            aangemaakt_op__lt=nu - ACHTERSTAND_NA,
            aangemaakt_op__gte=nu - ACHTERSTAND_TOT,
            ontvanger__is_active=True,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def meldingen_opnieuw_versturen(*, meldingen: QuerySet[Melding]) -> dict[str, int]:
    """Enqueue e-mail again for the direct meldingen that were not e-mailed.

    For the admin: counts what was enqueued and what was skipped, and why.
    Never resets ``gemaild_op``: a sent melding stays sent (the claim keeps
    even a resent one to one e-mail).
    """
    opnieuw: list[int] = []
    uitslag = {"opnieuw": 0, "al_gemaild": 0, "niet_direct": 0}
    for pk, bezorging, gemaild_op in meldingen.order_by("pk").values_list(
        "pk", "bezorging", "gemaild_op"
    ):
        if gemaild_op is not None:
            uitslag["al_gemaild"] += 1
        elif bezorging != Bezorging.DIRECT:
            uitslag["niet_direct"] += 1
        else:
            opnieuw.append(pk)
    if opnieuw:
        transaction.on_commit(lambda: meldingen_enqueue(melding_ids=opnieuw))
    uitslag["opnieuw"] = len(opnieuw)
    return uitslag


@transaction.atomic
def melding_markeer_gelezen(*, melding: Melding) -> None:
    if melding.gelezen_op is None:
        Melding.objects.filter(pk=melding.pk, gelezen_op__isnull=True).update(
            gelezen_op=timezone.now()
        )


@transaction.atomic
def meldingen_alles_gelezen(*, user: User) -> int:
    return Melding.objects.filter(ontvanger=user, gelezen_op__isnull=True).update(
        gelezen_op=timezone.now()
    )


@transaction.atomic
def voorkeur_instellen(*, user: User, soort: Soort, bezorging: Bezorging) -> None:
    Voorkeur.objects.update_or_create(user=user, soort=soort, defaults={"bezorging": bezorging})
    # Undelivered items of this kind follow the new choice ("uit" stops pending mail).
    Melding.objects.filter(ontvanger=user, soort=soort, gemaild_op__isnull=True).filter(
        ~Q(bezorging=bezorging)
    ).update(bezorging=bezorging)


def afmeld_token(*, user: User, soort: Soort) -> str:
    return signing.dumps({"u": user.pk, "s": str(soort)}, salt=AFMELD_SALT)


def afmeld_token_lezen(token: str) -> tuple[int, Soort]:
    """The (user id, soort) in a valid token; raises signing.BadSignature otherwise."""
    data = signing.loads(token, salt=AFMELD_SALT)
    try:
        return int(data["u"]), Soort(data["s"])
    except (KeyError, TypeError, ValueError) as exc:
        raise signing.BadSignature("malformed token") from exc
