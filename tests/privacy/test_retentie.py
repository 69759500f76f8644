"""Retention (issue 10 point 2): the nightly rules of ``participatie.retentie`` and the
report clean-up of ``rapportage``, each checked by moving the clock past its limit
(time-machine) and looking at the data, and at data just inside the limit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation

import pytest
import time_machine

from opgaven.models import Gebied
from participatie import retentie, tasks
from participatie.models import (
    Deelname,
    Inbreng,
    Leeftijdsgroep,
    Ronde,
    Stembiljet,
    Stemcode,
    Stemkeuze,
)
from participatie.policies import toon_naam
from participatie.selectors import met_auteursnaam
from participatie.services import (
    deelnemen,
    inbreng_indienen,
    ronde_status_wijzigen,
    terugkoppelen,
)
from participatie.services_begroting import (
    keuze_toevoegen,
    stembiljet_bevestigen,
    stembiljet_openen,
    stemcode_controleren,
    stemcodes_maken,
    uitslag_berekenen,
)
from rapportage import bouwers
from rapportage import tasks as rapportage_tasks
from rapportage.models import Formaat, Rapport, Soort
from rapportage.selectors_participatie import participatieverslag_ronde
from rapportage.services import rapport_aanvragen
from tests.conftest import _ronde
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# In UTC, so adding days adds elapsed time (2027-03-28 is the switch to summer time).
TERUGGEKOPPELD = datetime(2027, 3, 15, 13, 0, tzinfo=UTC)


@pytest.fixture
def wijken():
    noord = Gebied.objects.create(naam="Noorderpolder", code="WK099901", niveau="WK")
    zuid = Gebied.objects.create(naam="Zuiderhaven", code="WK099902", niveau="WK")
    return noord, zuid


def _terugkoppelen(ronde: Ronde, door, op: datetime) -> Ronde:
    with time_machine.travel(op, tick=False):
        ronde = ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.GESLOTEN, door=door)
        return ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.TERUGGEKOPPELD, door=door)


def _auteur(inbreng: Inbreng) -> str:
    """The author's name as pages and the participatieverslag show it."""
    rij = met_auteursnaam(Inbreng.objects.filter(pk=inbreng.pk)).get()
    with translation.override("nl"):
        return toon_naam(rij.auteur_weergavenaam, rij.auteur_wijk)


def _antwoorden(ronde: Ronde) -> list[tuple]:
    return sorted(
        Deelname.objects.filter(ronde=ronde).values_list("user_id", "wijk_id", "leeftijdsgroep")
    )


def test_participants_district_and_age_are_removed_a_year_after_feedback_counts_kept(
    ronde, opgave, regisseur, inwoner, wijken
):
    noord, zuid = wijken
    # ``inwoner`` joined without answering; three more residents did answer.
    for wijk, leeftijd in [(noord, "18-26"), (noord, "66+"), (zuid, "18-26")]:
        deelnemen(ronde=ronde, user=UserFactory(), wijk=wijk, leeftijdsgroep=leeftijd)
    # One of them, without a display name, wrote an input: it shows their district.
    zonder_naam = Deelname.objects.get(ronde=ronde, leeftijdsgroep="66+").user
    zonder_naam.weergavenaam = ""
    zonder_naam.save(update_fields=["weergavenaam"])
    idee = inbreng_indienen(
        ronde=ronde, auteur=zonder_naam, soort="idee", titel="Bankje", tekst="Bij de bakker."
    )
    assert _auteur(idee) == "Inwoner uit Noorderpolder"
    terugkoppelen(inbreng=idee, door=regisseur, status="overgenomen", motivering="Komt er.")
    ronde = _terugkoppelen(ronde, regisseur, TERUGGEKOPPELD)
    # A second round fed back two days later: still inside its term at the first run.
    recent = _ronde(opgave, regisseur, titel="Buurtkamers in Zuiderhaven")
    recent = ronde_status_wijzigen(ronde=recent, naar=Ronde.Status.OPEN, door=regisseur)
    deelnemen(ronde=recent, user=inwoner, wijk=zuid, leeftijdsgroep="41-65")
    recent = _terugkoppelen(recent, regisseur, TERUGGEKOPPELD + timedelta(days=2))
    voor_oud, voor_recent = _antwoorden(ronde), _antwoorden(recent)
    assert settings.RETENTIE_DEELNEMERS_MAANDEN == 12

    # One minute before the year is up, the nightly task leaves everything alone.
    with time_machine.travel(TERUGGEKOPPELD.replace(year=2028) - timedelta(minutes=1)):
        assert tasks.deelnemers_anonimiseren() == 0
    assert _antwoorden(ronde) == voor_oud

    with time_machine.travel(TERUGGEKOPPELD + timedelta(days=366, hours=1)):
        assert tasks.deelnemers_anonimiseren() == 3
        assert tasks.deelnemers_anonimiseren() == 0  # a second night finds nothing

    # Who took part stays (consent, counted in the report); what they answered is gone.
    assert _antwoorden(ronde) == [(user, None, "") for user, _w, _lg in voor_oud]
    assert _antwoorden(recent) == voor_recent
    ronde.refresh_from_db()
    assert ronde.deelnemers_geanonimiseerd_op is not None
    assert ronde.deelnemerstelling == {
        "wijk": {str(noord.pk): 2, str(zuid.pk): 1, "": 1},
        "leeftijdsgroep": {"18-26": 2, "66+": 1, "": 1},
    }
    recent.refresh_from_db()
    assert recent.deelnemers_geanonimiseerd_op is None
    assert _auteur(idee) == "Inwoner"  # no longer "Inwoner uit Noorderpolder"
    # The participatieverslag reads the same before and after: it counts from the
    # totals the round kept, not from the wiped answers.
    verslag = participatieverslag_ronde(ronde)
    assert verslag.deelname["deelnames"] == 4
    assert (verslag.wijken.beantwoord, verslag.wijken.onbekend) == (3, 1)
    assert (verslag.leeftijden.beantwoord, verslag.leeftijden.onbekend) == (3, 1)
    per_wijk = {groep.label: groep.deelnemers for groep in verslag.wijken.groepen}
    assert per_wijk[noord.naam] == 2 and per_wijk[zuid.naam] == 1
    per_leeftijd = {str(groep.label): groep.deelnemers for groep in verslag.leeftijden.groepen}
    assert per_leeftijd[str(Leeftijdsgroep.VAN_18.label)] == 2
    assert per_leeftijd[str(Leeftijdsgroep.VANAF_66.label)] == 1


def test_anonymising_works_in_batches_and_finishes_a_round_a_crashed_run_marked(
    settings, ronde, regisseur, wijken
):
    settings.RETENTIE_DEELNEMERS_MAANDEN = 1
    noord, _zuid = wijken
    for _ in range(4):
        deelnemen(ronde=ronde, user=UserFactory(), wijk=noord, leeftijdsgroep="27-40")
    ronde = _terugkoppelen(ronde, regisseur, TERUGGEKOPPELD)
    # A run that stored the counts and then stopped before wiping anything.
    telling = {"wijk": {str(noord.pk): 4, "": 1}, "leeftijdsgroep": {"27-40": 4, "": 1}}
    Ronde.objects.filter(pk=ronde.pk).update(
        deelnemerstelling=telling, deelnemers_geanonimiseerd_op=TERUGGEKOPPELD
    )

    een_maand_later = TERUGGEKOPPELD + timedelta(days=31)
    assert retentie.deelnemers_anonimiseren(nu=een_maand_later, batch=3) == 4

    assert not Deelname.objects.filter(ronde=ronde).exclude(wijk=None).exists()
    assert not Deelname.objects.filter(ronde=ronde).exclude(leeftijdsgroep="").exists()
    ronde.refresh_from_db()
    assert ronde.deelnemerstelling == telling  # never recounted from half-wiped rows


def test_months_are_calendar_months():
    assert retentie.maanden_eerder(datetime(2028, 3, 31, 12, tzinfo=AMSTERDAM), 1) == datetime(
        2028, 2, 29, 12, tzinfo=AMSTERDAM
    )
    assert retentie.maanden_eerder(datetime(2028, 1, 15, 12, tzinfo=AMSTERDAM), 12) == datetime(
        2027, 1, 15, 12, tzinfo=AMSTERDAM
    )


def _voorstel(begroting, titel):
    return begroting.voorstellen.get(titel=titel)


def test_unused_voting_codes_are_deleted_once_the_result_is_published(stemming, andere_stemming):
    gebruikt, geopend, _ongeopend = stemcodes_maken(begroting=stemming, aantal=3)
    biljet = stembiljet_openen(
        begroting=stemming, stemcode=stemcode_controleren(begroting=stemming, code=gebruikt)
    )
    biljet = keuze_toevoegen(stembiljet=biljet, voorstel=_voorstel(stemming, "Project 3"))
    stembiljet_bevestigen(stembiljet=biljet)
    # A second code opened a ballot with a choice, never confirmed: it does not count.
    half = stembiljet_openen(
        begroting=stemming, stemcode=stemcode_controleren(begroting=stemming, code=geopend)
    )
    keuze_toevoegen(stembiljet=half, voorstel=_voorstel(stemming, "Project 1"))
    stemcodes_maken(begroting=andere_stemming, aantal=2)  # that vote is still open
    assert Stemcode.objects.count() == 5

    # While voting is open nothing goes, whatever the date.
    with time_machine.travel(TERUGGEKOPPELD):
        assert tasks.stemcodes_opruimen() == 0
        stemming = uitslag_berekenen(begroting=stemming)
    assert stemming.opkomst == 1

    with time_machine.travel(TERUGGEKOPPELD + timedelta(days=1)):
        assert retentie.stemcodes_opruimen(batch=1) == 2
        assert tasks.stemcodes_opruimen() == 0

    over = Stemcode.objects.filter(begroting=stemming)
    assert list(over.values_list("gebruikt_op", flat=True)) != [None]
    assert over.count() == 1
    assert over.get().stembiljet == biljet
    assert not Stembiljet.objects.filter(pk=half.pk).exists()
    assert not Stemkeuze.objects.filter(stembiljet_id=half.pk).exists()
    assert Stemcode.objects.filter(begroting=andere_stemming).count() == 2
    # The result stands: the counted ballot and its vote are kept.
    stemming.refresh_from_db()
    assert stemming.opkomst == 1
    assert _voorstel(stemming, "Project 3").aantal_stemmen == 1


@pytest.fixture
def rapport_root(settings, tmp_path):
    settings.RAPPORT_ROOT = tmp_path / "rapporten"
    return settings.RAPPORT_ROOT


def test_report_files_are_deleted_after_their_retention_days(
    rapport_root, ambtenaar, monkeypatch, django_capture_on_commit_callbacks
):
    def bouwer(rapport, uit, voortgang) -> str:
        uit.write(b"naam;e-mail\n")
        return f"portfolio-{rapport.pk}.csv"

    monkeypatch.setitem(bouwers.BOUWERS, (Soort.PORTFOLIO.value, Formaat.CSV.value), bouwer)
    with (
        time_machine.travel(TERUGGEKOPPELD, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        rapport = rapport_aanvragen(door=ambtenaar, soort=Soort.PORTFOLIO, formaat=Formaat.CSV)
    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.KLAAR
    bestand = rapport_root / rapport.bestand.name
    assert bestand.read_bytes() == b"naam;e-mail\n"
    termijn = timedelta(days=settings.RAPPORT_BEWAARDAGEN)

    with time_machine.travel(TERUGGEKOPPELD + termijn - timedelta(minutes=1)):
        assert rapportage_tasks.rapporten_opruimen() == 0
    assert bestand.exists()

    with time_machine.travel(TERUGGEKOPPELD + termijn + timedelta(minutes=1)):
        assert rapportage_tasks.rapporten_opruimen() == 1
        assert rapportage_tasks.rapporten_opruimen() == 0
    assert not bestand.exists()
    assert not Rapport.objects.filter(pk=rapport.pk).exists()


def test_the_retention_tasks_are_on_the_nightly_schedule():
    taken = {regel["task"] for regel in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "participatie.tasks.deelnemers_anonimiseren",
        "participatie.tasks.stemcodes_opruimen",
        "rapportage.tasks.rapporten_opruimen",
    } <= taken
