"""Voting under concurrency, on PostgreSQL (issue 7 "Quality bars").

CONSUL shipped a budget race (two choices at once overran the budget) and double
votes. Here threads are released together (``tests.concurrency.run_together``) and
the invariants are checked on the stored rows, not only on "no exception":

- exactly one ballot per resident and per voting code;
- exactly one confirmed vote per code: the other holder of the same code is refused
  with the same sentence as a wrong code;
- no ballot's concept or confirmed total exceeds its budget, counted from the
  ``Stemkeuze`` rows too, and the stored totals equal the sums of those rows.

At most ``VERBINDINGEN`` threads use the database at the same moment: PostgreSQL
allows 100 connections, and the test itself and other processes hold some too.
"""

import random  # a seeded, repeatable order for the test; nothing secret
import threading
from collections import Counter
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, Q, Sum

import pytest

from participatie.models import Stembiljet, Stemcode, Stemkeuze
from participatie.services import deelnemen
from participatie.services_begroting import (
    ONGELDIGE_CODE,
    keuze_toevoegen,
    stembiljet_bevestigen,
    stembiljet_openen,
    stemcode_controleren,
    stemcodes_maken,
)
from tests.concurrency import run_together
from tests.conftest import _begroting, _op_stembiljet
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

VERBINDINGEN = 40
INWONERS = 60
CODES = 20  # each used by two threads at once: 40 threads with reused codes


def _beperkt(werk, plekken: threading.BoundedSemaphore):
    """``werk`` with one of the limited connection places, closed before it is given back."""

    def call():
        with plekken:
            try:
                return werk()
            finally:
                connection.close()

    return call


def _kiezen(biljet: Stembiljet, voorstellen, volgorde: random.Random) -> Stembiljet:
    """Add the proposals in a random order; those that no longer fit are refused."""
    voorstellen = list(voorstellen)
    volgorde.shuffle(voorstellen)
    for voorstel in voorstellen:
        try:
            biljet = keuze_toevoegen(stembiljet=biljet, voorstel=voorstel)
        except ValidationError as fout:
            if fout.code != "past_niet":
                raise
    return biljet


def _assert_biljetten_kloppen(begroting) -> None:
    """Every ballot within its budget, by its stored totals and by its rows."""
    rijen = {
        rij["pk"]: rij
        for rij in Stembiljet.objects.filter(begroting=begroting)
        .annotate(
            som_concept=Sum("keuzes__kosten", filter=Q(keuzes__bevestigd=False), default=0),
            n_concept=Count("keuzes", filter=Q(keuzes__bevestigd=False)),
            som_bevestigd=Sum("keuzes__kosten", filter=Q(keuzes__bevestigd=True), default=0),
            n_bevestigd=Count("keuzes", filter=Q(keuzes__bevestigd=True)),
        )
        .values(
            "pk",
            "limiet",
            "concept_totaal",
            "concept_aantal",
            "totaal",
            "aantal",
            "som_concept",
            "n_concept",
            "som_bevestigd",
            "n_bevestigd",
        )
    }
    for rij in rijen.values():
        assert rij["concept_totaal"] <= rij["limiet"], rij
        assert rij["totaal"] <= rij["limiet"], rij
        assert rij["som_concept"] <= rij["limiet"], rij
        assert rij["som_bevestigd"] <= rij["limiet"], rij
        assert rij["som_concept"] == rij["concept_totaal"], rij
        assert rij["n_concept"] == rij["concept_aantal"], rij
        assert rij["som_bevestigd"] == rij["totaal"], rij
        assert rij["n_bevestigd"] == rij["aantal"], rij
    # No proposal twice in one set of a ballot.
    dubbel = (
        Stemkeuze.objects.filter(stembiljet__begroting=begroting)
        .values("stembiljet", "voorstel", "bevestigd")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not dubbel.exists()


def test_honderd_kiezers_tegelijk_met_zestig_inwoners_en_veertig_codegebruikers(opgave, regisseur):
    indiener = UserFactory()
    begroting = _op_stembiljet(
        _begroting(opgave, regisseur, titel="Wijkbudget Zuid"),
        regisseur,
        indiener,
        ["4000", "3500", "3000", "2500", "2000", "1500"],  # € 16.500 for € 10.000
    )
    voorstellen = list(begroting.voorstellen.all())
    inwoners = UserFactory.create_batch(INWONERS)
    codes = stemcodes_maken(begroting=begroting, aantal=CODES)

    taken = [("inwoner", inwoner) for inwoner in inwoners]
    taken += [("code", code) for code in codes for _keer in range(2)]
    random.Random(7).shuffle(taken)  # noqa: S311
    volgende = iter(enumerate(taken))
    lock = threading.Lock()

    def stemmen():
        with lock:
            nummer, (soort, wie) = next(volgende)
        volgorde = random.Random(nummer)  # noqa: S311
        if soort == "inwoner":
            deelnemen(ronde=begroting.ronde, user=wie)
            biljet = stembiljet_openen(begroting=begroting, user=wie)
        else:
            try:
                stemcode = stemcode_controleren(begroting=begroting, code=wie)
                biljet = stembiljet_openen(begroting=begroting, stemcode=stemcode)
            except ValidationError as fout:
                return (soort, wie, fout)
        try:
            biljet = _kiezen(biljet, voorstellen, volgorde)
            biljet = stembiljet_bevestigen(stembiljet=biljet)
        except ValidationError as fout:
            return (soort, wie, fout)
        return (soort, wie, biljet)

    uitkomsten = run_together(
        _beperkt(stemmen, threading.BoundedSemaphore(VERBINDINGEN)),
        deelnemers=INWONERS + 2 * CODES,
    )

    assert len(uitkomsten) == INWONERS + 2 * CODES
    onverwacht = [u for u in uitkomsten if not isinstance(u, tuple)]
    assert onverwacht == [], onverwacht[:3]

    # Every resident voted once: one ballot each, confirmed.
    inwoner_uitkomsten = [u for u in uitkomsten if u[0] == "inwoner"]
    assert all(isinstance(u[2], Stembiljet) for u in inwoner_uitkomsten), inwoner_uitkomsten
    per_inwoner = Counter(
        Stembiljet.objects.filter(begroting=begroting, user__isnull=False).values_list(
            "user_id", flat=True
        )
    )
    assert per_inwoner == Counter({inwoner.pk: 1 for inwoner in inwoners})
    assert (
        Stembiljet.objects.filter(
            begroting=begroting, user__isnull=False, bevestigd_op__isnull=False
        ).count()
        == INWONERS
    )

    # Every code counted once: one of its two holders confirmed, the other was refused
    # with the sentence of a wrong code.
    with_code = [u for u in uitkomsten if u[0] == "code"]
    per_code = {code: [u[2] for u in with_code if u[1] == code] for code in codes}
    for code, twee in per_code.items():
        gelukt = [u for u in twee if isinstance(u, Stembiljet)]
        geweigerd = [u for u in twee if isinstance(u, ValidationError)]
        assert len(gelukt) == 1, (code, twee)
        assert len(geweigerd) == 1, (code, twee)
        assert geweigerd[0].messages == [ONGELDIGE_CODE()]
    code_biljetten = Stembiljet.objects.filter(begroting=begroting, stemcode__isnull=False)
    assert code_biljetten.count() == CODES
    assert code_biljetten.filter(bevestigd_op__isnull=False).count() == CODES
    assert not Stemcode.objects.filter(begroting=begroting, gebruikt_op__isnull=True).exists()
    for code in codes:
        with pytest.raises(ValidationError):
            stemcode_controleren(begroting=begroting, code=code)

    assert Stembiljet.objects.filter(begroting=begroting).count() == INWONERS + CODES
    _assert_biljetten_kloppen(begroting)


def test_twee_keuzes_tegelijk_op_hetzelfde_biljet_overschrijden_het_budget_niet(opgave, regisseur):
    """€ 10.000, projects of € 6.000 and € 5.000: of two choices made at the same
    moment on one ballot, exactly one is taken. Ten ballots, ten races."""
    indiener = UserFactory()
    begroting = _op_stembiljet(
        _begroting(opgave, regisseur, titel="Wijkbudget Oost"),
        regisseur,
        indiener,
        ["6000", "5000"],
    )
    duur, minder_duur = begroting.voorstellen.order_by("-kosten")
    for inwoner in UserFactory.create_batch(10):
        biljet = stembiljet_openen(begroting=begroting, user=inwoner)
        voorstellen = iter([duur, minder_duur])
        lock = threading.Lock()

        def kiezen(biljet=biljet, voorstellen=voorstellen, lock=lock):
            with lock:
                voorstel = next(voorstellen)
            return keuze_toevoegen(stembiljet=biljet, voorstel=voorstel)

        uitkomsten = run_together(kiezen, deelnemers=2)

        gelukt = [u for u in uitkomsten if isinstance(u, Stembiljet)]
        geweigerd = [u for u in uitkomsten if isinstance(u, ValidationError)]
        assert (len(gelukt), len(geweigerd)) == (1, 1), uitkomsten
        assert geweigerd[0].code == "past_niet"
        biljet.refresh_from_db()
        assert biljet.concept_aantal == 1
        assert biljet.concept_totaal in {Decimal(6000), Decimal(5000)}
        assert biljet.keuzes.get().kosten == biljet.concept_totaal
    _assert_biljetten_kloppen(begroting)


def test_dezelfde_inwoner_in_twintig_tabbladen_tegelijk(stemming, inwoner):
    """One resident, twenty requests at once: one ballot, and what is on it fits."""
    voorstellen = list(stemming.voorstellen.all())
    teller = iter(range(20))
    lock = threading.Lock()

    def openen_en_kiezen():
        with lock:
            nummer = next(teller)
        biljet = stembiljet_openen(begroting=stemming, user=inwoner)
        return _kiezen(biljet, voorstellen, random.Random(nummer))  # noqa: S311

    uitkomsten = run_together(openen_en_kiezen, deelnemers=20)

    assert all(isinstance(u, Stembiljet) for u in uitkomsten), uitkomsten
    assert Stembiljet.objects.filter(begroting=stemming, user=inwoner).count() == 1
    assert len({u.pk for u in uitkomsten}) == 1
    _assert_biljetten_kloppen(stemming)
