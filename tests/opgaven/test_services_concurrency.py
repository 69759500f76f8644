"""Two requests creating an opgave with the same title at the same moment (PostgreSQL)."""

import threading

import pytest

from opgaven.models import Opgave, Zichtbaarheid
from opgaven.services import opgaven as services
from tests.concurrency import run_together


def create_in_threads(user, titel: str, count: int) -> list[BaseException]:
    """Create ``count`` opgaven with the same title at once; the errors raised."""

    def create():
        return services.opgave_create(
            door=user,
            titel=titel,
            vraagstuk="Tegelijk aangemaakt.",
            zichtbaarheid=Zichtbaarheid.INTERN,
            opgaveregisseur=user,
        )

    return [
        uitkomst for uitkomst in run_together(create, count) if isinstance(uitkomst, BaseException)
    ]


@pytest.mark.django_db(transaction=True)
def test_same_title_at_once_gives_distinct_slugs(ambtenaar):
    assert create_in_threads(ambtenaar, "Samen tegen eenzaamheid", 2) == []
    slugs = sorted(Opgave.objects.values_list("slug", flat=True))
    assert slugs == ["samen-tegen-eenzaamheid", "samen-tegen-eenzaamheid-2"]
    for opgave in Opgave.objects.all():
        assert ambtenaar.has_perm("opgaven.change_opgave", opgave)


@pytest.mark.django_db(transaction=True)
def test_a_slug_taken_after_the_check_is_retried_with_the_next_number(ambtenaar, monkeypatch):
    """Both threads see the slug free, then both insert it: the loser retries cleanly."""
    look_ups = threading.Barrier(2, timeout=10)
    original = services._slug_candidates

    def candidates_after_both_looked(base):
        look_ups.wait()  # both have read the taken slugs before either inserts
        yield from original(base)

    monkeypatch.setattr(services, "_slug_candidates", candidates_after_both_looked)

    assert create_in_threads(ambtenaar, "Groen in de wijk", 2) == []
    assert sorted(Opgave.objects.values_list("slug", flat=True)) == [
        "groen-in-de-wijk",
        "groen-in-de-wijk-2",
    ]
