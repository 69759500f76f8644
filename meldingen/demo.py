"""Demo meldingen of Gemeente Demodam (DESIGN §7). Idempotent: safe to run again.

Runs after the opgaven demo, whose role grants already notified regisseur@ and
ambtenaar@. This adds a welcome and a test notification, reads some of them,
and gives partner@ the daily summary for test notifications.

No e-mail goes out at demo time. The demo accounts' addresses are made up, and
the demo shows an inbox as it looks some time after the fact: the direct
meldingen of the demo accounts are marked as e-mailed before the transaction
commits, and the meldingen of people without a demo login (the other demo
members, asked to approve the demo budget's allocations) are removed. The
delivery tasks that ``notify`` enqueues on commit then lose their claim and
send nothing, the same way a duplicate task would. The digest item
stays pending, so the 07:00 run (or ``samenvattingen_plannen``) can show it.
"""

from django.conf import settings
from django.db.models import F

from accounts.models import User
from meldingen.models import Bezorging, Melding, Soort, Voorkeur
from meldingen.services import melding_markeer_gelezen, notify, voorkeur_instellen

INWONER = "inwoner@demodam.nl"
REGISSEUR = "regisseur@demodam.nl"
PARTNER = "partner@demodam.nl"
DEDUPE = "demo"  # the unique key makes a second run add nothing


def seed(users: dict[str, User]) -> None:
    """Create the demo meldingen. ``users`` maps e-mail to the demo accounts."""
    inwoner, regisseur, partner = users[INWONER], users[REGISSEUR], users[PARTNER]

    if not Voorkeur.objects.filter(user=partner, soort=Soort.TEST).exists():
        voorkeur_instellen(user=partner, soort=Soort.TEST, bezorging=Bezorging.DAGELIJKS)

    notify(
        ontvangers=[inwoner, partner],
        soort=Soort.WELKOM,
        context={"gemeente": settings.GEMEENTE_NAAM},
        dedupe=DEDUPE,
    )
    notify(ontvangers=[inwoner, regisseur, partner], soort=Soort.TEST, dedupe=DEDUPE)

    # Some read, some unread: inwoner read the welcome, regisseur the first role.
    gelezen = [
        Melding.objects.filter(ontvanger=inwoner, soort=Soort.WELKOM).first(),
        Melding.objects.filter(ontvanger=regisseur, soort=Soort.ROL_TOEGEKEND)
        .order_by("pk")
        .first(),
    ]
    for melding in gelezen:
        if melding is not None:
            melding_markeer_gelezen(melding=melding)

    Melding.objects.filter(
        ontvanger__in=users.values(), bezorging=Bezorging.DIRECT, gemaild_op__isnull=True
    ).update(gemaild_op=F("aangemaakt_op"))
    # The members without a login have made-up addresses: they are never told
    # anything. The demo budget's approvals asked some of them; forget those.
    Melding.objects.exclude(ontvanger__in=users.values()).delete()
