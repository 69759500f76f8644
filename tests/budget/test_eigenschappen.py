"""Property test (hypothesis): any sequence of budget operations keeps every invariant.

Each example starts from the ``budgetpot`` fixture (€ 80.000 from two funders),
runs a random sequence of contribute / withdraw / receive / propose / answer /
withdraw allocation / close / spend, and after every step checks:

- the pot's totals: 0 <= spent <= allocated <= contributed;
- every allocation: 0 <= spent <= amount;
- the stored totals equal the totals recomputed from the rows and replayed from
  the ledger (``pot_controleren``);
- a refusal changed nothing, and a proposal is refused exactly when it does not fit.

Each example runs in a savepoint that is rolled back, so examples do not meet.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget.models import Bijdrage, Budgetpot, Goedkeuring, Toewijzing
from budget.selectors import pot_controleren
from budget.services import (
    bijdrage_intrekken,
    bijdrage_ontvangen,
    bijdrage_toevoegen,
    toewijzing_afsluiten,
    toewijzing_beantwoorden,
    toewijzing_intrekken,
    toewijzing_voorstellen,
    uitgave_boeken,
)

pytestmark = pytest.mark.django_db

bedragen = st.integers(min_value=1, max_value=6_000_000).map(lambda cent: Decimal(cent) / 100)
index = st.integers(min_value=0, max_value=20)

stappen = st.lists(
    st.one_of(
        st.tuples(
            st.just("bijdragen"), st.booleans(), st.sampled_from(["geld", "natura"]), bedragen
        ),
        st.tuples(st.just("uren"), st.booleans(), st.integers(1, 400), st.integers(1, 15000)),
        st.tuples(st.just("intrekken"), index),
        st.tuples(st.just("ontvangen"), index),
        st.tuples(st.just("voorstellen"), bedragen),
        st.tuples(st.just("antwoorden"), index, st.booleans()),
        st.tuples(st.just("toewijzing_intrekken"), index),
        st.tuples(st.just("afsluiten"), index),
        st.tuples(st.just("uitgeven"), index, bedragen),
    ),
    min_size=1,
    max_size=14,
)


class Terugdraaien(Exception):
    pass


def kies(queryset, i):
    rijen = list(queryset.order_by("pk"))
    return rijen[i % len(rijen)] if rijen else None


def invarianten(pot: Budgetpot) -> None:
    pot.refresh_from_db()
    assert 0 <= pot.besteed <= pot.toegewezen <= pot.bijgedragen
    for bedrag, besteed in pot.toewijzingen.values_list("bedrag", "besteed"):
        assert 0 <= besteed <= bedrag
    controle = pot_controleren(pot)
    assert controle.klopt, controle


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(stappen=stappen)
def test_elke_reeks_houdt_de_invarianten(
    stappen, budgetpot, actie, regisseur, partner_lid, gemeente, organisatie
):
    door_van = {gemeente.pk: regisseur, organisatie.pk: partner_lid}
    try:
        with transaction.atomic():
            for stap in stappen:
                _uitvoeren(stap, budgetpot, actie, regisseur, gemeente, organisatie, door_van)
                invarianten(budgetpot)
            raise Terugdraaien
    except Terugdraaien:
        pass


def _uitvoeren(stap, pot, actie, regisseur, gemeente, organisatie, door_van):
    soort, *args = stap
    voor = pot_controleren(pot).opgeslagen
    try:
        with transaction.atomic():
            if soort == "bijdragen":
                van_gemeente, bijdragesoort, bedrag = args
                org = gemeente if van_gemeente else organisatie
                bijdrage_toevoegen(
                    pot=pot,
                    organisatie=org,
                    soort=bijdragesoort,
                    waarde=bedrag,
                    door=door_van[org.pk],
                )
            elif soort == "uren":
                van_gemeente, kwartieren, tarief_cent = args
                org = gemeente if van_gemeente else organisatie
                bijdrage_toevoegen(
                    pot=pot,
                    organisatie=org,
                    soort=Bijdrage.Soort.UREN,
                    uren=Decimal(kwartieren) / 4,
                    uurtarief=Decimal(tarief_cent) / 100,
                    door=door_van[org.pk],
                )
            elif soort == "intrekken":
                bijdrage = kies(pot.bijdragen.all(), args[0])
                if bijdrage:
                    bijdrage_intrekken(bijdrage=bijdrage, door=regisseur)
            elif soort == "ontvangen":
                bijdrage = kies(pot.bijdragen.all(), args[0])
                if bijdrage:
                    bijdrage_ontvangen(bijdrage=bijdrage, door=regisseur)
            elif soort == "voorstellen":
                (bedrag,) = args
                pot.refresh_from_db()
                past = bedrag <= pot.beschikbaar
                try:
                    toewijzing_voorstellen(pot=pot, actie=actie, bedrag=bedrag, door=regisseur)
                except ValidationError:
                    assert not past
                    raise
                assert past
            elif soort == "antwoorden":
                i, akkoord = args
                goedkeuring = kies(
                    Goedkeuring.objects.filter(toewijzing__pot=pot, besluit="open"), i
                )
                if goedkeuring:
                    toewijzing_beantwoorden(
                        goedkeuring=goedkeuring,
                        akkoord=akkoord,
                        reden="" if akkoord else "Past niet",
                        door=door_van[goedkeuring.organisatie_id],
                    )
            elif soort == "toewijzing_intrekken":
                toewijzing = kies(pot.toewijzingen.all(), args[0])
                if toewijzing:
                    toewijzing_intrekken(toewijzing=toewijzing, door=regisseur)
            elif soort == "afsluiten":
                toewijzing = kies(pot.toewijzingen.all(), args[0])
                if toewijzing:
                    toewijzing_afsluiten(toewijzing=toewijzing, door=regisseur)
            elif soort == "uitgeven":
                i, bedrag = args
                toewijzing = kies(pot.toewijzingen.filter(status=Toewijzing.Status.GOEDGEKEURD), i)
                if toewijzing:
                    past = bedrag <= toewijzing.bedrag - toewijzing.besteed
                    try:
                        uitgave_boeken(
                            toewijzing=toewijzing,
                            bedrag=bedrag,
                            datum=date(2026, 1, 1),
                            omschrijving="Factuur",
                            door=regisseur,
                        )
                    except ValidationError:
                        assert not past
                        raise
                    assert past
    except ValidationError as fout:
        assert fout.messages, "a refusal explains itself"
        # A refusal changes nothing.
        assert pot_controleren(pot).opgeslagen == voor
