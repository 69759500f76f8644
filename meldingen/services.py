"""Notifications: the one way every app informs people (DESIGN §5, meldingen).

``notify`` inserts the rows in one statement inside the caller's transaction and
enqueues e-mail delivery on commit. Delivery claims each row with a conditional
UPDATE, so a retried or duplicated task never mails twice.
"""

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from meldingen.models import Bezorging, Melding, Soort, Voorkeur
from meldingen.soorten import standaard_bezorging

logger = logging.getLogger(__name__)

# Delivery tasks get this many meldingen each: small enough to spread over
# workers, large enough that 10,000 recipients are 100 messages, not 10,000.
BATCH_SIZE = 100
AFMELD_SALT = "meldingen.afmelden"


def notify(
    *,
    ontvangers: Iterable[User],
    soort: Soort,
    object: models.Model | None = None,
    context: dict | None = None,
    url: str = "",
    dedupe: str = "",
) -> list[int]:
    """Notify ``ontvangers`` of ``soort`` about ``object``; return the ids to e-mail now.

    One bulk insert (ON CONFLICT DO NOTHING on the unique key) plus one read of
    preferences and one of the new ids, whatever the number of recipients.
    """
    ontvanger_ids = sorted({user.pk for user in ontvangers})
    if not ontvanger_ids:
        return []
    object_type = ContentType.objects.get_for_model(object) if object is not None else None
    object_id = object.pk if object is not None else None
    if not url and object is not None and hasattr(object, "get_absolute_url"):
        url = object.get_absolute_url()

    voorkeuren = dict(
        Voorkeur.objects.filter(user_id__in=ontvanger_ids, soort=soort).values_list(
            "user_id", "bezorging"
        )
    )
    standaard = standaard_bezorging(soort)
    nu = timezone.now()
    Melding.objects.bulk_create(
        [
            Melding(
                ontvanger_id=user_id,
                soort=soort,
                object_type=object_type,
                object_id=object_id,
                dedupe=dedupe,
                context=context or {},
                url=url,
                bezorging=voorkeuren.get(user_id, standaard),
                aangemaakt_op=nu,
            )
            for user_id in ontvanger_ids
        ],
        ignore_conflicts=True,
        batch_size=5000,
    )
    te_mailen = list(
        Melding.objects.filter(
            ontvanger_id__in=ontvanger_ids,
            soort=soort,
            object_type=object_type,
            object_id=object_id,
            dedupe=dedupe,
            bezorging=Bezorging.DIRECT,
            gemaild_op__isnull=True,
            aangemaakt_op=nu,
        ).values_list("pk", flat=True)
    )
    if te_mailen:
        transaction.on_commit(lambda: meldingen_enqueue(melding_ids=te_mailen))
    return te_mailen


def meldingen_enqueue(*, melding_ids: Sequence[int]) -> None:
    """Put delivery tasks on the notifications queue, BATCH_SIZE ids per task."""
    from meldingen.tasks import meldingen_mailen

    for start in range(0, len(melding_ids), BATCH_SIZE):
        meldingen_mailen.delay(list(melding_ids[start : start + BATCH_SIZE]))


def melding_mailen(*, melding_id: int) -> bool:
    """E-mail one melding unless someone already did; True when this call sent it.

    The conditional UPDATE claims the row and holds its lock until the mail is
    handed to the mail server and the transaction commits. A concurrent worker
    waits, then finds ``gemaild_op`` set and exits. A worker that dies before
    committing releases the row, so the redelivered task sends it.
    """
    from meldingen.email import melding_email

    with transaction.atomic():
        claimed = Melding.objects.filter(
            pk=melding_id, gemaild_op__isnull=True, bezorging=Bezorging.DIRECT
        ).update(gemaild_op=timezone.now())
        if not claimed:
            return False
        melding = Melding.objects.select_related("ontvanger").get(pk=melding_id)
        if not melding.ontvanger.is_active:
            return False
        melding_email(melding).send()
    return True


def samenvatting_versturen(*, user_id: int, tot: datetime | None = None) -> int:
    """Send one digest of the user's pending ``dagelijks`` meldingen; return how many.

    Never sends an empty digest; the rows it sends are marked in the same
    transaction, so a later run (or a retried task) never repeats them.
    """
    from meldingen.email import samenvatting_email

    tot = tot or timezone.now()
    with transaction.atomic():
        meldingen = list(
            Melding.objects.select_for_update(skip_locked=True)
            .filter(
                ontvanger_id=user_id,
                bezorging=Bezorging.DAGELIJKS,
                gemaild_op__isnull=True,
                aangemaakt_op__lte=tot,
            )
            .select_related("ontvanger")
            .order_by("aangemaakt_op", "pk")
        )
        if not meldingen or not meldingen[0].ontvanger.is_active:
            return 0
        Melding.objects.filter(pk__in=[m.pk for m in meldingen]).update(gemaild_op=timezone.now())
        samenvatting_email(meldingen[0].ontvanger, meldingen).send()
    return len(meldingen)


def samenvatting_ontvangers(*, tot: datetime) -> list[int]:
    """Ids of users with pending digest items up to ``tot``."""
    return list(
        Melding.objects.filter(
            bezorging=Bezorging.DAGELIJKS, gemaild_op__isnull=True, aangemaakt_op__lte=tot
        )
        .values_list("ontvanger_id", flat=True)
        .distinct()
        .order_by("ontvanger_id")
    )


def achterstand_ids(*, ouder_dan: datetime) -> list[int]:
    """Direct meldingen still unsent after ``ouder_dan``: a lost task, a dead worker."""
    return list(
        Melding.objects.filter(
            bezorging=Bezorging.DIRECT, gemaild_op__isnull=True, aangemaakt_op__lt=ouder_dan
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


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
    return signing.dumps({"u": user.pk, "s": str(soort)}, salt=AFMELD_SALT, compress=True)


def afmeld_token_lezen(token: str) -> tuple[int, Soort]:
    """The (user id, soort) in a valid token; raises signing.BadSignature otherwise."""
    data = signing.loads(token, salt=AFMELD_SALT)
    try:
        return int(data["u"]), Soort(data["s"])
    except (KeyError, TypeError, ValueError) as exc:
        raise signing.BadSignature("malformed token") from exc
