"""Properties of the result computation (``participatie/uitslag.py``), with hypothesis.

The computation is pure, so no database: each example is a list of candidates (cost,
votes, the (sub-)budget they compete in) and the amounts of the budgets. For every
example:

- the winners of each budget never cost more than that budget;
- giving a winner more votes never makes it lose;
- the result does not depend on the order the candidates come in;
- every candidate that did not win had no votes (nobody wanted it) or did not fit in
  what was left of its budget when its turn came: the greedy rule leaves no money
  unused that it could have taken.
"""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from participatie.uitslag import Kandidaat, uitslag, volgorde, winnaars

POTTEN = [None, "noord", "zuid"]

bedragen = st.integers(min_value=1, max_value=20_000).map(lambda euro: Decimal(euro))


@st.composite
def stemmingen(draw):
    """Candidates with unique ids, and an amount for every pot they compete in."""
    aantal = draw(st.integers(min_value=0, max_value=25))
    kandidaten = [
        Kandidaat(
            id=nummer,
            kosten=draw(bedragen),
            stemmen=draw(st.integers(min_value=0, max_value=50)),
            pot=draw(st.sampled_from(POTTEN)),
        )
        for nummer in range(1, aantal + 1)
    ]
    budgetten = {pot: draw(st.integers(min_value=1, max_value=60_000)) for pot in POTTEN}
    return kandidaten, {pot: Decimal(bedrag) for pot, bedrag in budgetten.items()}


def _per_pot(kandidaten):
    potten: dict = {}
    for kandidaat in kandidaten:
        potten.setdefault(kandidaat.pot, []).append(kandidaat)
    return potten


@settings(max_examples=200, deadline=None)
@given(stemmingen())
def test_de_winnaars_passen_in_elk_budget(stemming):
    kandidaten, budgetten = stemming
    gekozen = uitslag(kandidaten, budgetten)
    assert gekozen <= {k.id for k in kandidaten}
    for pot, lijst in _per_pot(kandidaten).items():
        kosten = sum((k.kosten for k in lijst if k.id in gekozen), Decimal(0))
        assert kosten <= budgetten[pot]


@settings(max_examples=200, deadline=None)
@given(stemmingen(), st.data())
def test_meer_stemmen_voor_een_winnaar_laten_hem_winnen(stemming, data):
    kandidaten, budgetten = stemming
    gekozen = uitslag(kandidaten, budgetten)
    if not gekozen:
        return
    winnaar_id = data.draw(st.sampled_from(sorted(gekozen)))
    extra = data.draw(st.integers(min_value=1, max_value=100))
    meer = [
        Kandidaat(k.id, k.kosten, k.stemmen + extra, k.pot) if k.id == winnaar_id else k
        for k in kandidaten
    ]
    assert winnaar_id in uitslag(meer, budgetten)


@settings(max_examples=200, deadline=None)
@given(stemmingen(), st.randoms(use_true_random=False))
def test_de_volgorde_van_de_invoer_maakt_niet_uit(stemming, toeval):
    kandidaten, budgetten = stemming
    geschud = list(kandidaten)
    toeval.shuffle(geschud)
    assert uitslag(geschud, budgetten) == uitslag(kandidaten, budgetten)
    for pot, lijst in _per_pot(kandidaten).items():
        andersom = list(reversed(lijst))
        assert winnaars(andersom, budgetten[pot]) == winnaars(lijst, budgetten[pot])


@settings(max_examples=200, deadline=None)
@given(stemmingen())
def test_wie_niet_wint_had_geen_stemmen_of_paste_niet_toen_hij_aan_de_beurt_was(stemming):
    kandidaten, budgetten = stemming
    gekozen = uitslag(kandidaten, budgetten)
    for pot, lijst in _per_pot(kandidaten).items():
        over = budgetten[pot]
        for kandidaat in sorted(lijst, key=volgorde):
            if kandidaat.id in gekozen:
                assert kandidaat.stemmen > 0
                over -= kandidaat.kosten
            else:
                assert kandidaat.stemmen == 0 or kandidaat.kosten > over, (kandidaat, over)
        assert over >= 0


def test_gelijke_stemmen_eerst_de_goedkoopste_dan_het_oudste_voorstel():
    """The tie rule, spelled out on one example (documented in uitslag.py)."""
    kandidaten = [
        Kandidaat(3, Decimal(5000), 10),
        Kandidaat(2, Decimal(6000), 10),
        Kandidaat(1, Decimal(5000), 10),
    ]
    assert winnaars(kandidaten, Decimal(10000)) == [1, 3]
    # Nobody voted for it: it does not win, even though it fits.
    assert winnaars([Kandidaat(4, Decimal(1), 0)], Decimal(10000)) == []
