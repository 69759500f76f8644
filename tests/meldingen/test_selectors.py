from django.http import Http404

import pytest

from meldingen.models import Bezorging, Soort
from meldingen.selectors import (
    Filter,
    aantal_ongelezen,
    melding_van,
    meldingen_van,
    voorkeuren_van,
)
from meldingen.services import voorkeur_instellen
from meldingen.soorten import SOORTEN
from tests.meldingen.factories import MeldingFactory

pytestmark = pytest.mark.django_db


def test_meldingen_are_the_users_own_newest_first(inwoner, partner_lid):
    oud = MeldingFactory(ontvanger=inwoner)
    nieuw = MeldingFactory(ontvanger=inwoner)
    MeldingFactory(ontvanger=partner_lid)

    assert list(meldingen_van(user=inwoner)) == [nieuw, oud]


def test_filters_read_and_unread(inwoner):
    gelezen = MeldingFactory(ontvanger=inwoner, gelezen=True)
    ongelezen = MeldingFactory(ontvanger=inwoner)

    assert list(meldingen_van(user=inwoner, filter=Filter.ONGELEZEN)) == [ongelezen]
    assert list(meldingen_van(user=inwoner, filter=Filter.GELEZEN)) == [gelezen]
    assert list(meldingen_van(user=inwoner, filter=Filter.ALLE)) == [ongelezen, gelezen]


def test_someone_elses_melding_is_not_found(inwoner, partner_lid):
    melding = MeldingFactory(ontvanger=partner_lid)

    assert melding_van(user=partner_lid, pk=melding.pk) == melding
    with pytest.raises(Http404):
        melding_van(user=inwoner, pk=melding.pk)


def test_unread_count_is_one_query_on_the_partial_index(
    inwoner, partner_lid, django_assert_num_queries
):
    MeldingFactory.create_batch(3, ontvanger=inwoner)
    MeldingFactory(ontvanger=inwoner, gelezen=True)
    MeldingFactory(ontvanger=partner_lid)

    with django_assert_num_queries(1) as captured:
        assert aantal_ongelezen(user=inwoner) == 3
    assert '"gelezen_op" IS NULL' in captured.captured_queries[0]["sql"]


def test_preferences_give_the_choice_or_the_kinds_default(inwoner, django_assert_num_queries):
    voorkeur_instellen(user=inwoner, soort=Soort.TEST, bezorging=Bezorging.DAGELIJKS)

    with django_assert_num_queries(1):
        voorkeuren = voorkeuren_van(user=inwoner)

    assert list(voorkeuren) == list(SOORTEN)
    assert voorkeuren[Soort.TEST] == Bezorging.DAGELIJKS
    assert voorkeuren[Soort.WELKOM] == SOORTEN[Soort.WELKOM].standaard
