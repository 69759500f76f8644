"""The report engine (rapportage.services): request, build, fail and retry, revive a
job whose worker died, clean up, and the monthly schedule exactly once."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

import pytest

from meldingen.models import Melding
from meldingen.models import Soort as Meldingsoort
from opgaven.models import Fase, Opgave, Opgaverol
from opgaven.services.opgaven import opgaverol_toekennen
from rapportage import services
from rapportage.models import Formaat, Rapport, Soort
from tests.concurrency import run_together

pytestmark = pytest.mark.django_db


def bestanden() -> set[str]:
    root = Path(settings.RAPPORT_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def aanvragen(door, **velden) -> Rapport:
    return services.rapport_aanvragen(
        door=door,
        soort=velden.pop("soort", Soort.PORTFOLIO),
        formaat=velden.pop("formaat", Formaat.CSV),
        **velden,
    )


def test_a_requested_report_is_built_after_commit_and_the_requester_is_notified(
    ambtenaar, nepbouwer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rapport = aanvragen(ambtenaar)
    assert rapport.status == Rapport.Status.WACHTRIJ
    assert nepbouwer.aanroepen == []  # never in the request itself

    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()

    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.KLAAR
    assert rapport.voortgang == 100
    assert rapport.bestandsnaam == f"portfolio-{rapport.pk}.csv"
    assert rapport.bestand.read() == f"rapport {rapport.pk}\n".encode()
    verwacht = rapport.klaar_op + timedelta(days=settings.RAPPORT_BEWAARDAGEN)
    assert rapport.verloopt_op == verwacht
    melding = Melding.objects.get(soort=Meldingsoort.RAPPORT_KLAAR)
    assert melding.ontvanger == ambtenaar
    assert melding.url == f"/rapportage/rapporten/{rapport.pk}/"


def test_a_format_without_a_builder_is_refused_in_dutch(ambtenaar):
    with translation.override("nl"), pytest.raises(ValidationError) as fout:
        aanvragen(ambtenaar, formaat=Formaat.PDF)
    assert fout.value.message_dict["formaat"] == [
        "Dit rapport kan niet in dit formaat worden gemaakt."
    ]
    assert not Rapport.objects.exists()


def test_a_period_that_ends_before_it_starts_is_refused(ambtenaar, nepbouwer):
    with translation.override("nl"), pytest.raises(ValidationError) as fout:
        aanvragen(ambtenaar, periode_van=date(2026, 5, 1), periode_tot=date(2026, 4, 1))
    assert fout.value.message_dict["periode_tot"] == [
        "Het einde van de periode ligt voor het begin."
    ]
    assert not Rapport.objects.exists()


def test_a_failing_builder_ends_mislukt_with_a_dutch_message_and_can_be_retried(
    ambtenaar, nepbouwer
):
    nepbouwer.fout = RuntimeError("kapot")
    rapport = aanvragen(ambtenaar)

    assert services.rapport_bouwen(rapport_id=rapport.pk) is False
    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.MISLUKT
    assert rapport.fout == services.FOUT_ALGEMEEN
    assert "kapot" not in rapport.fout  # details go to the log, not to people
    assert not rapport.bestand
    assert bestanden() == set()  # nothing half-written is kept

    nepbouwer.fout = None
    services.rapport_opnieuw(rapport=rapport)
    rapport.refresh_from_db()
    assert (rapport.status, rapport.voortgang, rapport.fout) == (Rapport.Status.WACHTRIJ, 0, "")
    assert services.rapport_bouwen(rapport_id=rapport.pk) is True
    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.KLAAR


def test_only_a_failed_report_can_be_retried(rapport_klaar, rapport_bezig):
    for rapport in (rapport_klaar, rapport_bezig):
        with pytest.raises(ValidationError):
            services.rapport_opnieuw(rapport=rapport)
        status = rapport.status
        rapport.refresh_from_db()
        assert rapport.status == status


def test_a_job_being_built_by_a_live_worker_is_not_taken_twice(ambtenaar, nepbouwer):
    rapport = aanvragen(ambtenaar)
    assert services.rapport_claimen(rapport_id=rapport.pk) == 1

    # The message is delivered again while the first worker is still busy: nothing happens.
    assert services.rapport_bouwen(rapport_id=rapport.pk) is False
    assert nepbouwer.aanroepen == []


def test_a_killed_worker_is_replaced_and_the_job_ends_klaar_exactly_once(ambtenaar, nepbouwer):
    """Attempt 1 claims the job and its worker dies; the sweeper revives the job after
    VASTGELOPEN_NA; attempt 2 finishes it. When attempt 1 comes back to life and
    finishes too, it is refused and its file removed: one file, one notification."""
    rapport = aanvragen(ambtenaar)
    eerste = services.rapport_claimen(rapport_id=rapport.pk)
    later = timezone.now() + services.VASTGELOPEN_NA + timedelta(seconds=1)

    # Nothing to revive yet; after the grace period the sweeper enqueues it (eager here).
    assert services.rapporten_vastgelopen() == 0
    Rapport.objects.filter(pk=rapport.pk).update(
        bijgewerkt_op=timezone.now() - services.VASTGELOPEN_NA - timedelta(seconds=1)
    )
    assert services.rapporten_vastgelopen(nu=later) == 1
    rapport.refresh_from_db()
    assert (rapport.status, rapport.pogingen) == (Rapport.Status.KLAAR, 2)

    # The first attempt finishes late: refused, and its file does not stay behind.
    assert services.rapport_maken(rapport_id=rapport.pk, poging=eerste) is False
    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.KLAAR
    assert rapport.bestand.name.split("/")[-1].startswith(f"{rapport.pk}-2-")
    assert bestanden() == {rapport.bestand.name}
    assert Melding.objects.filter(soort=Meldingsoort.RAPPORT_KLAAR).count() == 1


def test_a_job_that_keeps_dying_ends_mislukt_instead_of_staying_bezig(ambtenaar, nepbouwer):
    rapport = aanvragen(ambtenaar)
    oud = timezone.now() - services.VASTGELOPEN_NA - timedelta(minutes=1)
    Rapport.objects.filter(pk=rapport.pk).update(
        status=Rapport.Status.BEZIG, pogingen=services.MAX_POGINGEN, bijgewerkt_op=oud
    )

    services.rapporten_vastgelopen()

    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.MISLUKT
    assert rapport.fout == services.FOUT_VASTGELOPEN.format(pogingen=services.MAX_POGINGEN)
    assert nepbouwer.aanroepen == []


def test_a_waiting_job_whose_message_was_lost_is_enqueued_again(ambtenaar, nepbouwer):
    rapport = aanvragen(ambtenaar)  # on_commit never runs inside the test transaction
    Rapport.objects.filter(pk=rapport.pk).update(
        aangemaakt_op=timezone.now() - services.VASTGELOPEN_NA - timedelta(minutes=1)
    )

    assert services.rapporten_vastgelopen() == 1

    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.KLAAR


def test_expired_reports_are_deleted_with_their_file(
    rapport_klaar, rapport_mislukt, opgave, regisseur
):
    pad = rapport_klaar.bestand.name
    assert pad in bestanden()
    vers = Rapport.objects.create(
        soort=Soort.VOORTGANG, formaat=Formaat.PDF, opgave=opgave, aangevraagd_door=regisseur
    )
    later = rapport_klaar.verloopt_op + timedelta(seconds=1)
    # The failed one expires between the two moments below too.
    Rapport.objects.filter(pk=rapport_mislukt.pk).update(
        bijgewerkt_op=later - timedelta(days=settings.RAPPORT_BEWAARDAGEN, milliseconds=500)
    )

    assert services.rapporten_opruimen(nu=rapport_klaar.verloopt_op - timedelta(seconds=1)) == 0
    assert services.rapporten_opruimen(nu=later) == 2

    assert list(Rapport.objects.all()) == [vers]
    assert pad not in bestanden()


@pytest.fixture
def opdrachtgever(opgave, ambtenaar, regisseur):
    opgaverol_toekennen(
        opgave=opgave, user=ambtenaar, rol=Opgaverol.Rol.AMBTELIJK_OPDRACHTGEVER, door=regisseur
    )
    return ambtenaar


def test_monthly_reports_only_on_the_first_working_day(opgave, opdrachtgever):
    assert services.maandrapportages(vandaag=date(2027, 1, 1)) == 0  # Nieuwjaarsdag
    assert services.maandrapportages(vandaag=date(2027, 1, 5)) == 0  # not the first
    assert not Rapport.objects.exists()

    assert services.maandrapportages(vandaag=date(2027, 1, 4)) == 1

    rapport = Rapport.objects.get()
    assert (rapport.soort, rapport.formaat, rapport.opgave, rapport.maand) == (
        Soort.VOORTGANG,
        Formaat.PDF,
        opgave,
        date(2027, 1, 1),
    )
    assert rapport.aangevraagd_door is None


def test_monthly_reports_skip_finished_opgaven_and_beat_firing_twice(opgave, andere_opgave):
    Opgave.objects.filter(pk=andere_opgave.pk).update(fase=Fase.AFGEROND)

    assert services.maandrapportages(vandaag=date(2026, 12, 1)) == 1
    assert services.maandrapportages(vandaag=date(2026, 12, 1)) == 0

    assert list(Rapport.objects.values_list("opgave", flat=True)) == [opgave.pk]
    assert services.maandrapportages(vandaag=date(2027, 1, 4)) == 1  # a new month
    assert Rapport.objects.count() == 2


def test_a_scheduled_report_notifies_the_sponsors(opgave, opdrachtgever, monkeypatch):
    from rapportage import bouwers

    def bouw(rapport, uit, voortgang):
        uit.write(b"%PDF")
        return "voortgangsrapportage.pdf"

    monkeypatch.setitem(bouwers.BOUWERS, (Soort.VOORTGANG.value, Formaat.PDF.value), bouw)
    services.maandrapportages(vandaag=date(2026, 12, 1))
    rapport = Rapport.objects.get()

    assert services.rapport_bouwen(rapport_id=rapport.pk) is True

    meldingen = Melding.objects.filter(soort=Meldingsoort.RAPPORT_KLAAR)
    assert [m.ontvanger for m in meldingen] == [opdrachtgever]


@pytest.mark.django_db(transaction=True)
def test_beat_firing_twice_at_once_makes_one_report_per_opgave(opgave, andere_opgave):
    uitkomsten = run_together(lambda: services.maandrapportages(vandaag=date(2026, 12, 1)))

    assert sorted(uitkomsten) in ([0, 2], [1, 1])
    assert Rapport.objects.filter(maand=date(2026, 12, 1)).count() == 2
    assert set(Rapport.objects.values_list("opgave", flat=True)) == {opgave.pk, andere_opgave.pk}


@pytest.mark.django_db(transaction=True)
def test_two_deliveries_of_one_job_at_once_build_it_once(ambtenaar, nepbouwer):
    # Made directly: outside a transaction, aanvragen() would run the (eager) task at once.
    rapport = Rapport.objects.create(
        soort=Soort.PORTFOLIO, formaat=Formaat.CSV, aangevraagd_door=ambtenaar
    )

    uitkomsten = run_together(lambda: services.rapport_bouwen(rapport_id=rapport.pk))

    assert sorted(uitkomsten) == [False, True]
    assert nepbouwer.aanroepen == [rapport.pk]
    rapport.refresh_from_db()
    assert (rapport.status, rapport.pogingen) == (Rapport.Status.KLAAR, 1)
