"""State changes of the security app: the quarterly role-review reminder."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from beveiliging.audit import vastleggen
from beveiliging.models import Auditregel
from beveiliging.rolreview import beheerders, rolreview_rijen

ROLREVIEW_ACTIE = "rolreview_verstuurd"
# Any constant key: one advisory lock for the whole review, held until commit.
ROLREVIEW_SLOT = 81_502


def kwartaal(dag: date) -> str:
    return f"{dag.year}-K{(dag.month - 1) // 3 + 1}"


@transaction.atomic
def rolreview_versturen(*, vandaag: date | None = None) -> int:
    """Mail every beheerder that the quarter's role review is due, with its numbers
    and a link (no names: the list itself stays behind the admin login). Once per
    quarter, however often it runs: the audit row of the sending is the claim, taken
    under an advisory lock. Returns the number of e-mails sent."""
    periode = kwartaal(vandaag or timezone.localdate())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ROLREVIEW_SLOT])
    if Auditregel.objects.filter(actie=ROLREVIEW_ACTIE, object=f"kwartaal:{periode}").exists():
        return 0
    rijen = rolreview_rijen()
    zonder_mfa = sum(1 for rij in rijen if not rij.mfa)
    link = settings.SITE_URL.rstrip("/") + reverse("admin:beveiliging_auditregel_rolreview")
    onderwerp = _("Role review %(periode)s: check who has special rights") % {"periode": periode}
    tekst = _(
        "It is time for the quarterly role review (BIO 8.02).\n\n"
        "%(aantal)s users have a special privilege; %(zonder_mfa)s of them have no "
        "two-factor authentication.\n\n"
        "Check every row and take away the rights that are no longer needed:\n%(link)s\n"
    ) % {"aantal": len(rijen), "zonder_mfa": zonder_mfa, "link": link}
    adressen = sorted({user.email for user in beheerders() if user.email})
    berichten = [(onderwerp, tekst, settings.DEFAULT_FROM_EMAIL, [adres]) for adres in adressen]
    verstuurd = send_mass_mail(berichten, fail_silently=False) if berichten else 0
    vastleggen(
        ROLREVIEW_ACTIE,
        object=f"kwartaal:{periode}",
        gebruikers=len(rijen),
        zonder_mfa=zonder_mfa,
        ontvangers=len(adressen),
    )
    return verstuurd
