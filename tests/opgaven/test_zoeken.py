"""Dutch full-text search on opgaven (selectors.opgaven_zoeken, Opgave.zoekvector).

The search vector is weighted title (A) > vraagstuk (B) > the other texts (C)
with the "dutch" stemmer. A plain term is also matched as word prefixes (for
the live search box, where the last word is often unfinished) and as a part of
the title (for compound words).
"""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

import pytest

from opgaven.selectors import opgaven_zoeken
from tests.factories import OpgaveFactory

pytestmark = pytest.mark.django_db


def titels(zoekterm, user=None):
    return [o.titel for o in opgaven_zoeken(user=user or AnonymousUser(), zoekterm=zoekterm)]


def test_dutch_stemming_finds_other_forms_of_a_word():
    OpgaveFactory(titel="Samen sterk", vraagstuk="Veel oudere bewoners komen de deur niet uit.")
    OpgaveFactory(titel="Fietspaden", vraagstuk="Het fietspad langs de dijk is te smal.")
    assert titels("ouderen") == ["Samen sterk"]
    assert titels("fietspaden") == ["Fietspaden"]


def test_a_title_hit_ranks_above_a_vraagstuk_hit_above_the_rest():
    OpgaveFactory(
        titel="Wonen in de wijk",
        vraagstuk="Er zijn te weinig woningen.",
        afbakening="Niet: eenzaamheid, dat is een andere opgave.",
    )
    OpgaveFactory(titel="Buurthuizen", vraagstuk="Eenzaamheid neemt toe in de buurt.")
    OpgaveFactory(titel="Eenzaamheid in Demodam", vraagstuk="Mensen voelen zich alleen.")
    assert titels("eenzaamheid") == [
        "Eenzaamheid in Demodam",
        "Buurthuizen",
        "Wonen in de wijk",
    ]


def test_every_text_of_the_opgave_is_searched():
    OpgaveFactory(titel="A", vraagstuk="Iets.", huidige_situatie="De bibliotheek sluit.")
    OpgaveFactory(titel="B", vraagstuk="Iets.", gewenste_situatie="Een volle speeltuin.")
    OpgaveFactory(titel="C", vraagstuk="Iets.", maatschappelijk_effect="Minder schooluitval.")
    assert titels("bibliotheek") == ["A"]
    assert titels("speeltuinen") == ["B"]
    assert titels("schooluitval") == ["C"]


def test_an_unfinished_word_still_finds_what_it_starts():
    """While typing: "eenza" is no word, but the start of one in the vraagstuk."""
    OpgaveFactory(titel="Buurthuizen", vraagstuk="Eenzaamheid neemt toe.")
    OpgaveFactory(titel="Fietspaden", vraagstuk="Te smal.")
    assert titels("eenza") == ["Buurthuizen"]
    assert titels("buurthuiz neem") == ["Buurthuizen"]  # every word, as a prefix


def test_part_of_a_compound_word_in_the_title():
    OpgaveFactory(titel="Aardgasvrij Oosterhout", vraagstuk="Van het fossiel af.")
    assert titels("gas") == ["Aardgasvrij Oosterhout"]
    assert titels("GASVRIJ") == ["Aardgasvrij Oosterhout"]


def test_web_search_syntax_leaves_words_out_and_keeps_phrases():
    OpgaveFactory(titel="Energie en gas", vraagstuk="Weg van het gas.")
    OpgaveFactory(titel="Energie besparen", vraagstuk="Isoleren helpt.")
    assert titels("energie -gas") == ["Energie besparen"]
    assert titels('"energie besparen"') == ["Energie besparen"]
    assert sorted(titels("isoleren or gas")) == ["Energie besparen", "Energie en gas"]


@pytest.mark.parametrize(
    "zoekterm", ["a & | ! :* ( ' \"", "de", "!!!", "'s avonds", "x:* | y", "\\", "ö" * 300]
)
def test_any_input_is_safe(zoekterm):
    """Odd input never reaches to_tsquery unescaped, so no database error (500)."""
    OpgaveFactory(titel="Iets", vraagstuk="Over iets.")
    assert isinstance(titels(zoekterm), list)


def test_no_match_gives_nothing():
    OpgaveFactory(titel="Energie besparen", vraagstuk="Isoleren helpt.")
    assert titels("voetbal") == []


def test_the_list_page_shows_the_best_match_first(client):
    OpgaveFactory(titel="Buurthuizen", vraagstuk="Eenzaamheid neemt toe in de buurt.")
    OpgaveFactory(titel="Eenzaamheid in Demodam", vraagstuk="Mensen voelen zich alleen.")
    response = client.get(reverse("opgaven:list"), {"q": "eenzaamheid"})
    assert [o.titel for o in response.context["pagina"]] == [
        "Eenzaamheid in Demodam",
        "Buurthuizen",
    ]
    content = response.content.decode()
    assert content.index("Eenzaamheid in Demodam") < content.index("Buurthuizen")


def test_searching_does_not_widen_the_scope(client, interne_opgave):
    assert titels("Stationskwartier") == []
    response = client.get(reverse("opgaven:list"), {"q": "station"})
    assert list(response.context["pagina"]) == []
