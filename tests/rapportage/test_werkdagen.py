from datetime import date

import pytest

from rapportage.werkdagen import eerste_werkdag, is_werkdag


@pytest.mark.parametrize(
    ("jaar", "maand", "verwacht"),
    [
        (2027, 1, date(2027, 1, 4)),  # Friday 1 January is Nieuwjaarsdag
        (2026, 11, date(2026, 11, 2)),  # Sunday
        (2026, 12, date(2026, 12, 1)),  # Tuesday
        (2024, 4, date(2024, 4, 2)),  # Monday 1 April 2024 was Easter Monday
        (2027, 5, date(2027, 5, 3)),  # Saturday
        (2008, 5, date(2008, 5, 2)),  # Thursday 1 May 2008 was Ascension Day
        (2009, 6, date(2009, 6, 2)),  # Monday 1 June 2009 was Whit Monday
    ],
)
def test_the_first_working_day_of_a_month(jaar, maand, verwacht):
    assert eerste_werkdag(jaar, maand) == verwacht


def test_koningsdag_on_a_sunday_moves_to_saturday_and_is_no_working_day():
    assert not is_werkdag(date(2025, 4, 26))  # a Saturday anyway
    assert not is_werkdag(date(2026, 4, 27))  # Monday
    assert is_werkdag(date(2026, 4, 28))
