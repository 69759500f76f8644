"""Working days in the Netherlands: Monday to Friday, except the public holidays on
which government offices close (Nieuwjaarsdag, Easter Monday, Koningsdag,
Ascension Day, Whit Monday and Christmas; Bevrijdingsdag only in a lustrum year,
and Good Friday is no general day off, so both are left out)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from dateutil.easter import easter


@cache
def feestdagen(jaar: int) -> frozenset[date]:
    pasen = easter(jaar)
    koningsdag = date(jaar, 4, 27)
    if koningsdag.weekday() == 6:  # on a Sunday it moves to the Saturday before
        koningsdag -= timedelta(days=1)
    return frozenset(
        {
            date(jaar, 1, 1),
            pasen + timedelta(days=1),
            koningsdag,
            pasen + timedelta(days=39),  # Hemelvaartsdag
            pasen + timedelta(days=50),  # Tweede Pinksterdag
            date(jaar, 12, 25),
            date(jaar, 12, 26),
        }
    )


def is_werkdag(dag: date) -> bool:
    return dag.weekday() < 5 and dag not in feestdagen(dag.year)


def eerste_werkdag(jaar: int, maand: int) -> date:
    dag = date(jaar, maand, 1)
    while not is_werkdag(dag):
        dag += timedelta(days=1)
    return dag
