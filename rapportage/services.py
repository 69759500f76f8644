"""Requesting, building and cleaning up reports (DESIGN §5 rapportage).

The life of a report::

    wachtrij ──claim──▶ bezig ──▶ klaar ──(RAPPORT_BEWAARDAGEN)──▶ deleted
                          │
                          └──▶ mislukt ──(again)──▶ wachtrij

- ``rapport_aanvragen`` writes the row and enqueues ``rapportage.tasks.rapport_bouwen``
  when the transaction commits. Reports are never built in a request.
- ``rapport_claimen`` takes a waiting job, or a stale one, and bumps ``pogingen``:
  the number is the attempt's token. ``rapport_maken`` builds the file and finishes
  only while that token still holds, so a job ends ``klaar`` once even when a
  redelivered task and a revived one race.
- A worker killed mid-report leaves ``bezig`` behind. Its message is redelivered
  (``acks_late``), and ``rapporten_vastgelopen`` (beat) revives every job without a
  sign of life for ``VASTGELOPEN_NA``; after ``MAX_POGINGEN`` attempts it ends
  ``mislukt`` with a Dutch message instead. No job stays ``bezig``.
- ``maandrapportages`` (beat, daily) builds every active opgave's progress report on
  the first working day of the month; a unique constraint on (opgave, maand) makes
  that once per opgave per month, however often beat fires.
"""

from __future__ import annotations

import logging
import tempfile
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rapportage.bouwers import bouwer_voor
from rapportage.models import Formaat, Rapport, Soort
from rapportage.werkdagen import eerste_werkdag

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

MAX_POGINGEN = 3
# A job without progress for this long lost its worker (the hard time limit is 6 min).
VASTGELOPEN_NA = timedelta(minutes=10)
FOUT_ALGEMEEN = (
    "Het rapport kon niet worden gemaakt. Probeer het opnieuw; lukt het dan nog niet, "
    "neem contact op met de beheerder."
)
FOUT_VASTGELOPEN = (
    "Het maken van het rapport is na {pogingen} pogingen steeds afgebroken. Probeer het "
    "later opnieuw of kies een kortere periode."
)


def _enqueue(rapport_id: int) -> None:
    from rapportage.tasks import rapport_bouwen

    transaction.on_commit(lambda: rapport_bouwen.delay(rapport_id))


def rapport_aanvragen(
    *,
    door: User | None,
    soort: str,
    formaat: str,
    opgave=None,
    ronde=None,
    pot=None,
    traject=None,
    periode_van: date | None = None,
    periode_tot: date | None = None,
) -> Rapport:
    """Put a report in the queue. The caller has checked the permission
    (``rapportage.permissions.can_request``)."""
    if bouwer_voor(soort, formaat) is None:
        raise ValidationError(
            {"formaat": _("This report cannot be made in this format.")}, code="formaat"
        )
    if periode_van and periode_tot and periode_tot < periode_van:
        raise ValidationError(
            {"periode_tot": _("The end of the period lies before its start.")}, code="periode"
        )
    rapport = Rapport(
        aangevraagd_door=door,
        soort=soort,
        formaat=formaat,
        opgave=opgave,
        ronde=ronde,
        pot=pot,
        traject=traject,
        periode_van=periode_van,
        periode_tot=periode_tot,
    )
    rapport.full_clean(exclude=["bestand"])
    rapport.save()
    _enqueue(rapport.pk)
    return rapport


def rapport_opnieuw(*, rapport: Rapport) -> Rapport:
    """Try a failed report again: back in the queue, from 0%."""
    bijgewerkt = Rapport.objects.filter(pk=rapport.pk, status=Rapport.Status.MISLUKT).update(
        status=Rapport.Status.WACHTRIJ,
        voortgang=0,
        fout="",
        pogingen=0,
        bijgewerkt_op=timezone.now(),
    )
    if not bijgewerkt:
        raise ValidationError(_("Only a failed report can be tried again."), code="niet_mislukt")
    _enqueue(rapport.pk)
    rapport.refresh_from_db()
    return rapport


def rapport_claimen(*, rapport_id: int, nu: datetime | None = None) -> int | None:
    """Take the job for this attempt: its token (the new ``pogingen``), or ``None``
    when it is done, failed, gone, or being built by a worker that is still alive."""
    nu = nu or timezone.now()
    with transaction.atomic():
        rapport = (
            Rapport.objects.select_for_update()
            .filter(pk=rapport_id)
            .filter(
                Q(status=Rapport.Status.WACHTRIJ)
                | Q(status=Rapport.Status.BEZIG, bijgewerkt_op__lt=nu - VASTGELOPEN_NA)
            )
            .first()
        )
        if rapport is None:
            return None
        if rapport.pogingen >= MAX_POGINGEN:
            _mislukt(rapport.pk, rapport.pogingen, FOUT_VASTGELOPEN.format(pogingen=MAX_POGINGEN))
            return None
        poging = rapport.pogingen + 1
        Rapport.objects.filter(pk=rapport.pk).update(
            status=Rapport.Status.BEZIG,
            pogingen=poging,
            voortgang=0,
            gestart_op=nu,
            bijgewerkt_op=nu,
        )
    return poging


def _mislukt(rapport_id: int, poging: int, fout: str) -> bool:
    return bool(
        Rapport.objects.filter(
            pk=rapport_id,
            pogingen=poging,
            status__in=[Rapport.Status.BEZIG, Rapport.Status.WACHTRIJ],
        ).update(status=Rapport.Status.MISLUKT, fout=fout, bijgewerkt_op=timezone.now())
    )


def _voortgang_melder(rapport_id: int, poging: int):
    def voortgang(procent: int) -> None:
        procent = max(0, min(99, int(procent)))
        Rapport.objects.filter(pk=rapport_id, pogingen=poging, status=Rapport.Status.BEZIG).update(
            voortgang=procent, bijgewerkt_op=timezone.now()
        )

    return voortgang


def rapport_maken(*, rapport_id: int, poging: int) -> bool:
    """Build the file of a claimed job and finish it; ``True`` when this attempt did."""
    rapport = Rapport.objects.select_related(
        "opgave", "ronde__opgave", "pot__opgave", "traject", "aangevraagd_door"
    ).get(pk=rapport_id)
    bouw = bouwer_voor(rapport.soort, rapport.formaat)
    with tempfile.TemporaryFile() as uit:
        try:
            if bouw is None:
                raise LookupError(f"no builder for {rapport.soort}/{rapport.formaat}")
            with translation.override(settings.LANGUAGE_CODE):
                bestandsnaam = bouw(rapport, uit, _voortgang_melder(rapport.pk, poging))
        except Exception:
            # The message for people stays general; the details go to the log.
            logger.exception("Report %s (attempt %s) failed", rapport.pk, poging)
            _mislukt(rapport.pk, poging, FOUT_ALGEMEEN)
            return False
        uit.seek(0)
        opgeslagen = rapport.bestand.storage.save(
            f"{timezone.now():%Y/%m}/{rapport.pk}-{poging}-{bestandsnaam}", File(uit)
        )
    nu = timezone.now()
    with transaction.atomic():
        klaar = Rapport.objects.filter(
            pk=rapport.pk, pogingen=poging, status=Rapport.Status.BEZIG
        ).update(
            status=Rapport.Status.KLAAR,
            voortgang=100,
            bestand=opgeslagen,
            bestandsnaam=bestandsnaam,
            fout="",
            klaar_op=nu,
            bijgewerkt_op=nu,
            verloopt_op=nu + timedelta(days=settings.RAPPORT_BEWAARDAGEN),
        )
        if klaar:
            rapport.refresh_from_db()
            _melden(rapport)
    if not klaar:
        # Another attempt took over (or finished) meanwhile: this file is not needed.
        rapport.bestand.storage.delete(opgeslagen)
    return bool(klaar)


def _melden(rapport: Rapport) -> None:
    """Tell who asked (or, for a scheduled report, the opgave's sponsors) that it is ready."""
    from meldingen.models import Soort as Meldingsoort
    from meldingen.services import notify

    if rapport.aangevraagd_door_id:
        ontvangers = [rapport.aangevraagd_door]
    elif rapport.opgave_id:
        ontvangers = list(opdrachtgevers(rapport.opgave))
    else:
        return
    with translation.override(settings.LANGUAGE_CODE):
        onderwerp = str(rapport.onderwerp) if rapport.onderwerp else _("all opgaven")
        notify(
            ontvangers=ontvangers,
            soort=Meldingsoort.RAPPORT_KLAAR,
            object=rapport,
            url=reverse("rapportage:rapport", kwargs={"pk": rapport.pk}),
            context={
                "soort": str(rapport.get_soort_display()).lower(),
                "onderwerp": onderwerp,
                "tot": date_format(timezone.localtime(rapport.verloopt_op), "j F Y"),
            },
        )


def opdrachtgevers(opgave):
    """The opgave's sponsors (political and administrative) with a role today."""
    from accounts.models import User
    from opgaven.models import Opgaverol

    vandaag = timezone.localdate()
    return (
        User.objects.filter(
            is_active=True,
            opgaverollen__opgave=opgave,
            opgaverollen__rol__in=[
                Opgaverol.Rol.BESTUURLIJK_OPDRACHTGEVER,
                Opgaverol.Rol.AMBTELIJK_OPDRACHTGEVER,
            ],
            opgaverollen__van__lte=vandaag,
        )
        .filter(Q(opgaverollen__tot__isnull=True) | Q(opgaverollen__tot__gt=vandaag))
        .distinct()
    )


def rapporten_vastgelopen(*, nu: datetime | None = None) -> int:
    """Beat: put jobs without a sign of life back in the queue (or end them ``mislukt``
    after ``MAX_POGINGEN``), and enqueue waiting jobs whose message was lost."""
    nu = nu or timezone.now()
    grens = nu - VASTGELOPEN_NA
    aantal = 0
    for rapport_id, pogingen in Rapport.objects.filter(
        status=Rapport.Status.BEZIG, bijgewerkt_op__lt=grens
    ).values_list("pk", "pogingen"):
        if pogingen >= MAX_POGINGEN:
            _mislukt(rapport_id, pogingen, FOUT_VASTGELOPEN.format(pogingen=MAX_POGINGEN))
        else:
            _enqueue_nu(rapport_id)
        aantal += 1
    wachtend = Rapport.objects.filter(status=Rapport.Status.WACHTRIJ).filter(
        Q(bijgewerkt_op__lt=grens) | Q(bijgewerkt_op__isnull=True, aangemaakt_op__lt=grens)
    )
    for rapport_id in wachtend.values_list("pk", flat=True):
        Rapport.objects.filter(pk=rapport_id).update(bijgewerkt_op=nu)
        _enqueue_nu(rapport_id)
        aantal += 1
    return aantal


def _enqueue_nu(rapport_id: int) -> None:
    from rapportage.tasks import rapport_bouwen

    rapport_bouwen.delay(rapport_id)


def rapporten_opruimen(*, nu: datetime | None = None) -> int:
    """Beat, nightly: delete reports past their retention, file and row."""
    nu = nu or timezone.now()
    verlopen = Rapport.objects.filter(
        Q(status=Rapport.Status.KLAAR, verloopt_op__lt=nu)
        | Q(
            status=Rapport.Status.MISLUKT,
            bijgewerkt_op__lt=nu - timedelta(days=settings.RAPPORT_BEWAARDAGEN),
        )
    )
    aantal = 0
    for rapport in verlopen.only("pk", "bestand").iterator():
        if rapport.bestand:
            rapport.bestand.storage.delete(rapport.bestand.name)
        rapport.delete()
        aantal += 1
    return aantal


def maandrapportages(*, vandaag: date | None = None) -> int:
    """Beat, daily: on the first working day of the month, queue the progress report of
    every active opgave, once per opgave per month. Returns how many were queued."""
    from opgaven.models import Fase, Opgave

    vandaag = vandaag or timezone.localdate()
    if vandaag != eerste_werkdag(vandaag.year, vandaag.month):
        return 0
    maand = vandaag.replace(day=1)
    actief = Opgave.objects.exclude(fase__in=[Fase.AFGEROND, Fase.GESTOPT]).exclude(
        rapporten__maand=maand
    )
    aantal = 0
    for opgave in actief.only("pk"):
        try:
            with transaction.atomic():
                rapport = Rapport.objects.create(
                    soort=Soort.VOORTGANG, formaat=Formaat.PDF, opgave=opgave, maand=maand
                )
        except IntegrityError:
            continue  # another run of beat got there first
        _enqueue(rapport.pk)
        aantal += 1
    return aantal


def rapport_bouwen(*, rapport_id: int) -> bool:
    """The task's body: claim, build, finish. ``False`` when there was nothing to do."""
    poging = rapport_claimen(rapport_id=rapport_id)
    if poging is None:
        return False
    return rapport_maken(rapport_id=rapport_id, poging=poging)
