"""Services of the goal tree: doelen, indicatoren and metingen (opgaven/services/doelen.py)."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from opgaven.models import Doel, Indicator, Meting
from opgaven.selectors.doelen import doelenboom, voortgang_procent
from opgaven.services.doelen import (
    doel_create,
    doel_delete,
    doel_update,
    indicator_create,
    indicator_delete,
    indicator_update,
    meting_create,
    meting_delete,
)
from tests.concurrency import run_together

pytestmark = pytest.mark.django_db

CYCLUS = "Een doel kan niet onder zichzelf of onder een van de doelen eronder staan."


def fout(excinfo, veld: str) -> list[str]:
    return excinfo.value.message_dict[veld]


@pytest.fixture
def effect(opgave):
    return doel_create(opgave=opgave, titel="Minder eenzaamheid", soort=Doel.Soort.EFFECT)


@pytest.fixture
def doel(opgave, effect):
    return doel_create(opgave=opgave, titel="Meer ontmoeting", bovenliggend=effect)


@pytest.fixture
def subdoel(opgave, doel):
    return doel_create(opgave=opgave, titel="Buurthuis open in het weekend", bovenliggend=doel)


@pytest.fixture
def indicator(doel):
    return indicator_create(
        doel=doel,
        naam="Inwoners die zich eenzaam voelen",
        eenheid="%",
        nulmeting=Decimal("40"),
        streefwaarde=Decimal("30"),
        streefdatum=date(2030, 1, 1),
    )


# --- Doel -----------------------------------------------------------------------------


def test_a_goal_serves_an_effect_of_the_same_opgave(opgave, effect, doel):
    assert doel.opgave == opgave
    assert doel.bovenliggend == effect
    assert list(effect.subdoelen.all()) == [doel]


def test_an_effect_serves_no_other_goal(opgave, effect):
    with pytest.raises(ValidationError) as excinfo:
        doel_create(
            opgave=opgave, titel="Tweede effect", soort=Doel.Soort.EFFECT, bovenliggend=effect
        )
    assert fout(excinfo, "bovenliggend") == [
        "Een effect staat bovenaan de boom: het dient geen ander doel."
    ]
    assert Doel.objects.filter(opgave=opgave).count() == 1


def test_a_goal_cannot_serve_a_goal_of_another_opgave(opgave, andere_opgave):
    vreemd = doel_create(opgave=andere_opgave, titel="Minder drugsgebruik")
    with pytest.raises(ValidationError) as excinfo:
        doel_create(opgave=opgave, titel="Meer ontmoeting", bovenliggend=vreemd)
    assert fout(excinfo, "bovenliggend") == [
        "Een doel kan alleen dienen aan een doel van dezelfde opgave."
    ]
    assert not Doel.objects.filter(opgave=opgave).exists()


def test_an_empty_title_is_refused(opgave):
    with pytest.raises(ValidationError) as excinfo:
        doel_create(opgave=opgave, titel="")
    assert fout(excinfo, "titel") == ["Dit veld kan niet leeg zijn"]
    assert not Doel.objects.exists()


def test_a_goal_moves_elsewhere_in_the_tree(opgave, effect, doel, subdoel):
    doel_update(doel=subdoel, bovenliggend=effect, titel="Buurthuis ook 's avonds open")
    subdoel.refresh_from_db()
    assert subdoel.bovenliggend == effect
    assert subdoel.titel == "Buurthuis ook 's avonds open"


@pytest.mark.parametrize("onder", ["zichzelf", "subdoel"])
def test_a_goal_cannot_move_under_itself_or_a_goal_below_it(doel, subdoel, effect, onder):
    nieuw = doel if onder == "zichzelf" else subdoel
    with pytest.raises(ValidationError) as excinfo:
        doel_update(doel=Doel.objects.get(pk=doel.pk), bovenliggend=nieuw, titel="Iets anders")
    assert fout(excinfo, "bovenliggend") == [CYCLUS]
    doel.refresh_from_db()
    assert doel.bovenliggend == effect
    assert doel.titel == "Meer ontmoeting"


def test_a_cycle_deeper_down_is_found_too(opgave, doel, subdoel):
    dieper = doel_create(
        opgave=opgave, titel="Vrijwilligers voor het buurthuis", bovenliggend=subdoel
    )
    with pytest.raises(ValidationError) as excinfo:
        doel_update(doel=Doel.objects.get(pk=doel.pk), bovenliggend=dieper)
    assert fout(excinfo, "bovenliggend") == [CYCLUS]


def test_an_effect_with_a_parent_is_refused_on_update(doel, effect):
    with pytest.raises(ValidationError) as excinfo:
        doel_update(doel=doel, soort=Doel.Soort.EFFECT)
    assert "bovenliggend" in excinfo.value.message_dict
    doel.refresh_from_db()
    assert doel.soort == Doel.Soort.DOEL


def test_doel_update_only_changes_known_fields(doel):
    with pytest.raises(TypeError):
        doel_update(doel=doel, opgave_id=123)


def test_deleting_a_goal_deletes_what_is_below_it(effect, doel, subdoel, indicator):
    meting_create(indicator=indicator, datum=date(2025, 1, 1), waarde=Decimal(38))
    doel_delete(doel=doel)
    assert list(Doel.objects.all()) == [effect]
    assert not Indicator.objects.exists()
    assert not Meting.objects.exists()


# --- Indicator --------------------------------------------------------------------------


def test_an_indicator_belongs_to_the_opgave_of_its_goal(opgave, doel, indicator):
    assert indicator.opgave == opgave
    assert indicator.doel == doel


def test_a_target_equal_to_the_baseline_is_refused(doel):
    with pytest.raises(ValidationError) as excinfo:
        indicator_create(
            doel=doel,
            naam="Bezoekers",
            eenheid="mensen",
            nulmeting=Decimal(5),
            streefwaarde=Decimal(5),
            streefdatum=date(2030, 1, 1),
        )
    assert fout(excinfo, "streefwaarde") == [
        "De streefwaarde moet verschillen van de nulmeting, anders is er geen weg te gaan."
    ]
    assert not Indicator.objects.exists()


def test_an_indicator_changes_and_keeps_its_measurements(indicator):
    meting_create(indicator=indicator, datum=date(2025, 1, 1), waarde=Decimal(38))
    indicator_update(indicator=indicator, streefwaarde=Decimal(25), naam="Eenzame inwoners")
    indicator.refresh_from_db()
    assert indicator.streefwaarde == Decimal(25)
    assert indicator.naam == "Eenzame inwoners"
    assert indicator.metingen.count() == 1


def test_an_invalid_indicator_update_changes_nothing(indicator):
    with pytest.raises(ValidationError):
        indicator_update(indicator=indicator, streefwaarde=Decimal(40))
    indicator.refresh_from_db()
    assert indicator.streefwaarde == Decimal(30)


def test_deleting_an_indicator_deletes_its_measurements(indicator):
    meting_create(indicator=indicator, datum=date(2025, 1, 1), waarde=Decimal(38))
    indicator_delete(indicator=indicator)
    assert not Indicator.objects.exists()
    assert not Meting.objects.exists()


# --- Meting ---------------------------------------------------------------------------


def test_a_measurement_records_who(indicator, regisseur, opgave):
    meting = meting_create(
        indicator=indicator, datum=date(2025, 1, 1), waarde=Decimal("37.5"), door=regisseur
    )
    assert meting.opgave == opgave
    assert meting.vastgelegd_door == regisseur
    assert meting.waarde == Decimal("37.5")


def test_a_second_measurement_on_the_same_day_is_refused(indicator):
    meting_create(indicator=indicator, datum=date(2025, 1, 1), waarde=Decimal(38))
    with pytest.raises(ValidationError) as excinfo:
        meting_create(indicator=indicator, datum=date(2025, 1, 1), waarde=Decimal(20))
    assert fout(excinfo, "datum") == ["Deze indicator heeft al een meting op deze datum."]
    assert list(Meting.objects.values_list("waarde", flat=True)) == [Decimal(38)]


def test_a_measurement_in_the_future_is_refused(indicator):
    morgen = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        meting_create(indicator=indicator, datum=morgen, waarde=Decimal(38))
    assert fout(excinfo, "datum") == ["Een meting kan niet in de toekomst liggen."]
    assert not Meting.objects.exists()


def test_deleting_a_measurement(indicator):
    meting = meting_create(indicator=indicator, datum=date(2025, 1, 1), waarde=Decimal(38))
    meting_delete(meting=meting)
    assert not Meting.objects.exists()
    assert Indicator.objects.filter(pk=indicator.pk).exists()


# --- Progress and the tree read --------------------------------------------------------


@pytest.mark.parametrize(
    ("nulmeting", "streefwaarde", "waarde", "procent"),
    [
        ("40", "30", "40", 0),
        ("40", "30", "33.8", 62),  # a target below the baseline counts down
        ("0", "50", "31", 62),
        ("10", "20", "25", 150),
        ("10", "20", "5", -50),
        ("10", "20", None, None),
        ("10", "10", "12", None),
    ],
)
def test_progress_from_baseline_to_target(nulmeting, streefwaarde, waarde, procent):
    assert (
        voortgang_procent(
            nulmeting=Decimal(nulmeting),
            streefwaarde=Decimal(streefwaarde),
            waarde=Decimal(waarde) if waarde else None,
        )
        == procent
    )


def test_the_tree_nests_goals_and_orders_measurements(opgave, effect, doel, subdoel, indicator):
    meting_create(indicator=indicator, datum=date(2025, 6, 1), waarde=Decimal("33.8"))
    meting_create(indicator=indicator, datum=date(2025, 1, 1), waarde=Decimal(38))
    boom = doelenboom(opgave=opgave)
    assert [k.pk for k in boom.wortels] == [effect.pk]
    assert [k.pk for k in boom.wortels[0].kinderen] == [doel.pk]
    assert [k.pk for k in boom.wortels[0].kinderen[0].kinderen] == [subdoel.pk]
    [stand] = boom.per_pk[doel.pk].indicatoren
    assert [m.datum for m in stand.metingen] == [date(2025, 1, 1), date(2025, 6, 1)]
    assert stand.voortgang == 62
    assert stand.voortgang_tekst == "62% van de weg van nulmeting naar streefwaarde"


def test_the_tree_of_one_opgave_leaves_out_other_opgaven(opgave, andere_opgave, effect):
    doel_create(opgave=andere_opgave, titel="Minder drugsgebruik")
    assert list(doelenboom(opgave=opgave).per_pk) == [effect.pk]


# --- Concurrency ------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_measurements_on_the_same_day_at_once_leave_one(indicator):
    uitkomsten = run_together(
        lambda: meting_create(indicator=indicator, datum=date(2025, 1, 1), waarde=Decimal(38))
    )
    assert Meting.objects.filter(indicator=indicator).count() == 1
    fouten = [u for u in uitkomsten if isinstance(u, Exception)]
    assert len(fouten) == 1
    assert isinstance(fouten[0], ValidationError)
    assert fouten[0].message_dict["datum"] == ["Deze indicator heeft al een meting op deze datum."]


@pytest.mark.django_db(transaction=True)
def test_two_moves_at_once_never_make_a_cycle(opgave, effect):
    a = doel_create(opgave=opgave, titel="A", bovenliggend=effect)
    b = doel_create(opgave=opgave, titel="B", bovenliggend=effect)
    zetten = iter([(a.pk, b.pk), (b.pk, a.pk)])

    def verhangen():
        doel_pk, onder_pk = next(zetten)
        return doel_update(
            doel=Doel.objects.get(pk=doel_pk), bovenliggend=Doel.objects.get(pk=onder_pk)
        )

    uitkomsten = run_together(verhangen)
    fouten = [u for u in uitkomsten if isinstance(u, Exception)]
    assert len(fouten) == 1
    assert fouten[0].message_dict["bovenliggend"] == [CYCLUS]
    ouders = dict(Doel.objects.filter(pk__in=[a.pk, b.pk]).values_list("pk", "bovenliggend"))
    assert not (ouders[a.pk] == b.pk and ouders[b.pk] == a.pk)
