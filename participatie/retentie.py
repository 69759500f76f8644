"""Retention of participants' personal data (issue 10 point 2).

The verwerkingsregister (``docs/privacy/verwerkingen.md``) promises these terms;
nightly beat tasks (``participatie.tasks``) keep them. Every rule here:

- is idempotent: it selects only rows that still hold the data, so a second run
  finds nothing to do;
- works in batches of ``BATCH`` ids, each batch its own short transaction, so
  100 000 rows are never loaded at once and no lock is held for long;
- takes ``nu``, so a test or a catch-up run can say what time it is.

The rules:

1. ``deelnemers_anonimiseren``: ``RETENTIE_DEELNEMERS_MAANDEN`` months after a
   round reached ``teruggekoppeld``, the district and age group its participants
   gave (``Deelname.wijk``, ``Deelname.leeftijdsgroep``) are removed. First, under
   the round's lock and in one transaction, the counts per district and per age
   group are stored on the round (``Ronde.deelnemerstelling``) and the moment in
   ``Ronde.deelnemers_geanonimiseerd_op``; then the answers are wiped in batches.
   A run that stops in between leaves a marked round whose rest the next run
   wipes: a half-wiped round is never counted again. The ``Deelname`` row itself
   (the consent and the fact of taking part) stays with the account; it goes when
   the account is erased.
2. ``stemcodes_opruimen``: once the result of a vote is published
   (``Begroting.uitslag_op``), the voting codes nobody used are deleted, with any
   ballot opened with such a code but never confirmed (it never counted). Used
   codes stay: their ballots are the counted votes.

Expired report files are deleted by ``rapportage.services.rapporten_opruimen``
(``RAPPORT_BEWAARDAGEN``).
"""

from __future__ import annotations

import calendar
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from participatie.models import Deelname, Ronde, Stemcode

BATCH = 1000


def maanden_eerder(moment: datetime, maanden: int) -> datetime:
    """``moment`` minus whole calendar months, in local time; the 31st becomes the
    last day of a shorter month."""
    moment = timezone.localtime(moment)
    index = moment.year * 12 + moment.month - 1 - maanden
    jaar, maand = divmod(index, 12)
    maand += 1
    dag = min(moment.day, calendar.monthrange(jaar, maand)[1])
    return moment.replace(year=jaar, month=maand, day=dag)


def deelnemers_grens(nu: datetime) -> datetime:
    """Rounds fed back at or before this moment have their participants anonymised."""
    return maanden_eerder(nu, settings.RETENTIE_DEELNEMERS_MAANDEN)


@transaction.atomic
def _telling_bewaren(ronde_id: int, nu: datetime) -> None:
    ronde = Ronde.objects.select_for_update().get(pk=ronde_id)
    if ronde.deelnemers_geanonimiseerd_op is not None:
        return  # another run got here first
    deelnames = Deelname.objects.filter(ronde_id=ronde_id).order_by()
    per_wijk = deelnames.values("wijk_id").annotate(n=Count("pk"))
    per_leeftijd = deelnames.values("leeftijdsgroep").annotate(n=Count("pk"))
    # JSON keys are strings: a district by its Gebied id, "" for "not given".
    ronde.deelnemerstelling = {
        "wijk": {str(rij["wijk_id"] or ""): rij["n"] for rij in per_wijk},
        "leeftijdsgroep": {rij["leeftijdsgroep"]: rij["n"] for rij in per_leeftijd},
    }
    ronde.deelnemers_geanonimiseerd_op = nu
    ronde.save(update_fields=["deelnemerstelling", "deelnemers_geanonimiseerd_op"])


def deelnemers_anonimiseren(*, nu: datetime | None = None, batch: int = BATCH) -> int:
    """Beat, nightly: remove the district and age group of the participants of every
    round fed back ``RETENTIE_DEELNEMERS_MAANDEN`` months ago or longer, keeping their
    counts on the round. Returns how many participations were wiped."""
    nu = nu or timezone.now()
    te_tellen = Ronde.objects.filter(
        status=Ronde.Status.TERUGGEKOPPELD,
        teruggekoppeld_op__lte=deelnemers_grens(nu),
        deelnemers_geanonimiseerd_op__isnull=True,
    ).order_by("pk")
    while ids := list(te_tellen.values_list("pk", flat=True)[:batch]):
        for ronde_id in ids:
            _telling_bewaren(ronde_id, nu)  # marks the round: it leaves ``te_tellen``

    te_wissen = (
        Deelname.objects.filter(ronde__deelnemers_geanonimiseerd_op__isnull=False)
        .filter(Q(wijk__isnull=False) | ~Q(leeftijdsgroep=""))
        .order_by("pk")
    )
    gewist = 0
    while ids := list(te_wissen.values_list("pk", flat=True)[:batch]):
        gewist += Deelname.objects.filter(pk__in=ids).update(wijk=None, leeftijdsgroep="")
    return gewist


def stemcodes_opruimen(*, nu: datetime | None = None, batch: int = BATCH) -> int:
    """Beat, nightly: delete the unused voting codes of every vote whose result is
    published, with the unconfirmed ballots opened with them. Returns how many codes
    were deleted."""
    nu = nu or timezone.now()
    ongebruikt = Stemcode.objects.filter(
        gebruikt_op__isnull=True, begroting__uitslag_op__lte=nu
    ).order_by("pk")
    verwijderd = 0
    while ids := list(ongebruikt.values_list("pk", flat=True)[:batch]):
        with transaction.atomic():
            _totaal, per_model = Stemcode.objects.filter(
                pk__in=ids, gebruikt_op__isnull=True
            ).delete()
        verwijderd += per_model.get(Stemcode._meta.label, 0)
    return verwijderd
