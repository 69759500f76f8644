from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

import pytest

from opgaven.models import Fase, Gebied, Opgaverol, Thema, Zichtbaarheid
from opgaven.permissions import can_change_opgave, can_view_opgave
from opgaven.selectors import (
    opgave_get_visible,
    opgaven_visible_to,
    opgaven_zoeken,
    opgaverollen_actief,
)
from opgaven.selectors.opgaven import MIJN_ORGANISATIE, MIJN_ROL, gebieden_per_wijk
from opgaven.services import opgaverol_beeindigen, opgaverol_toekennen
from tests.factories import OpgaveFactory, UserFactory
from tests.permission_matrix import PERSONAS

pytestmark = pytest.mark.django_db


def as_user(request, persona):
    return request.getfixturevalue(persona) or AnonymousUser()


@pytest.fixture
def opgaven(opgave, interne_opgave, regisseur):
    """Opgaven in every state that matters for the permission rules."""
    extra = [
        OpgaveFactory(titel="Afgerond en openbaar", fase=Fase.AFGEROND),
        OpgaveFactory(titel="Gestopt en intern", intern=True, gestopt=True),
        OpgaveFactory(titel="Gearchiveerd", archief=True),
        OpgaveFactory(titel="Intern zonder rollen", intern=True),
    ]
    for extra_opgave in extra[:3]:
        opgaverol_toekennen(opgave=extra_opgave, user=regisseur, rol=Opgaverol.Rol.OPGAVEREGISSEUR)
    return [opgave, interne_opgave, *extra]


@pytest.mark.parametrize("persona", PERSONAS)
def test_visible_opgaven_are_exactly_those_can_view_allows(request, persona, opgaven):
    user = as_user(request, persona)
    visible = set(opgaven_visible_to(user))
    assert visible == {o for o in opgaven if can_view_opgave(user, o)}


@pytest.mark.parametrize("persona", PERSONAS)
def test_kan_bewerken_agrees_with_can_change(request, persona, opgaven):
    """The SQL annotation mirrors permissions.can_change_opgave for every row."""
    user = as_user(request, persona)
    for opgave in opgaven_visible_to(user):
        assert opgave.kan_bewerken is can_change_opgave(user, opgave), opgave.titel


def test_scope_per_persona(request, opgaven):
    def titels(persona):
        return {o.titel for o in opgaven_visible_to(as_user(request, persona))}

    openbaar = {o.titel for o in opgaven if o.zichtbaarheid == Zichtbaarheid.OPENBAAR}
    assert titels("anoniem") == titels("inwoner") == titels("adviseur") == openbaar
    assert titels("partner_lid") == openbaar | {"Leefbaarheid Stationskwartier"}
    assert titels("ambtenaar") == {o.titel for o in opgaven}


def test_regisseur_may_edit_only_running_opgaven(regisseur, opgaven):
    bewerkbaar = {o.titel for o in opgaven_visible_to(regisseur) if o.kan_bewerken}
    assert bewerkbaar == {"Energietransitie Demodam-Noord", "Leefbaarheid Stationskwartier"}


def test_a_superuser_sees_and_may_edit_every_running_opgave(opgaven):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    rows = list(opgaven_visible_to(superuser))
    assert len(rows) == len(opgaven)
    assert {o.titel for o in rows if o.kan_bewerken} == {
        "Energietransitie Demodam-Noord",
        "Leefbaarheid Stationskwartier",
        "Intern zonder rollen",
    }


def test_visible_list_is_one_query(django_assert_num_queries, ambtenaar, partner_lid, opgaven):
    for user in (ambtenaar, partner_lid):
        user.has_perm("opgaven.view_interne_opgave")  # fill Django's per-user perm cache
        with django_assert_num_queries(1):
            list(opgaven_visible_to(user))


def test_get_visible_raises_404_for_an_invisible_opgave(inwoner, interne_opgave):
    with pytest.raises(Http404):
        opgave_get_visible(user=inwoner, slug=interne_opgave.slug)
    with pytest.raises(Http404):
        opgave_get_visible(user=inwoner, slug="bestaat-niet")


def test_get_visible_returns_the_annotated_opgave(regisseur, interne_opgave):
    found = opgave_get_visible(user=regisseur, slug=interne_opgave.slug)
    assert found == interne_opgave
    assert found.kan_bewerken is True


def test_zoeken_matches_part_of_the_title_in_any_case(inwoner, opgave):
    OpgaveFactory(titel="Samen tegen eenzaamheid")
    assert [o.titel for o in opgaven_zoeken(user=inwoner, zoekterm="  EENZAAM ")] == [
        "Samen tegen eenzaamheid"
    ]
    assert opgaven_zoeken(user=inwoner, zoekterm="").count() == 2


def test_zoeken_stays_within_the_scope(inwoner, interne_opgave):
    assert not opgaven_zoeken(user=inwoner, zoekterm="Stationskwartier").exists()


def test_active_roles_in_role_order(opgave, regisseur, ambtenaar, partner_lid, inwoner):
    vandaag = timezone.localdate()
    opgaverol_toekennen(opgave=opgave, user=partner_lid, rol=Opgaverol.Rol.KERNTEAMLID)
    opgaverol_toekennen(opgave=opgave, user=ambtenaar, rol=Opgaverol.Rol.BESTUURLIJK_OPDRACHTGEVER)
    later = opgaverol_toekennen(
        opgave=opgave,
        user=inwoner,
        rol=Opgaverol.Rol.KERNTEAMLID,
        van=vandaag + timedelta(days=3),
    )
    gestopt = opgaverol_toekennen(
        opgave=opgave, user=inwoner, rol=Opgaverol.Rol.AMBTELIJK_OPDRACHTGEVER
    )
    opgaverol_beeindigen(opgaverol=gestopt)

    rollen = opgaverollen_actief(opgave=opgave)

    assert [(r.rol, r.user) for r in rollen] == [
        (Opgaverol.Rol.BESTUURLIJK_OPDRACHTGEVER, ambtenaar),
        (Opgaverol.Rol.OPGAVEREGISSEUR, regisseur),
        (Opgaverol.Rol.KERNTEAMLID, partner_lid),
    ]
    assert later not in rollen


# --- opgaven_zoeken: filters (the full-text search itself: test_zoeken.py) ----------------


@pytest.fixture
def centrum():
    return Gebied.objects.get(code="WK999901")


@pytest.fixture
def binnenstad():
    return Gebied.objects.get(code="BU99990101")


def zoek(user, **filters):
    return {o.titel for o in opgaven_zoeken(user=user or AnonymousUser(), **filters)}


def test_filter_on_phase(opgaven):
    assert zoek(None, fase=Fase.AFGEROND) == {"Afgerond en openbaar"}
    assert zoek(None, fase=Fase.GESTOPT) == set()  # the stopped one is internal


def test_filter_on_theme():
    wonen, zorg = Thema.objects.get(slug="wonen"), Thema.objects.get(slug="zorg-en-welzijn")
    beide = OpgaveFactory(titel="Wonen met zorg")
    beide.themas.set([wonen, zorg])
    OpgaveFactory(titel="Zonder thema")
    OpgaveFactory(titel="Alleen zorg").themas.set([zorg])
    assert zoek(None, thema=wonen) == {"Wonen met zorg"}
    assert zoek(None, thema=zorg) == {"Wonen met zorg", "Alleen zorg"}


def test_filter_on_an_area_finds_the_areas_inside_it(centrum, binnenstad):
    gemeente = Gebied.objects.get(code="GM9999")
    OpgaveFactory(titel="Hele gemeente").gebieden.set([gemeente])
    OpgaveFactory(titel="Hele wijk").gebieden.set([centrum])
    OpgaveFactory(titel="Eén buurt").gebieden.set([binnenstad])
    OpgaveFactory(titel="Andere wijk").gebieden.set([Gebied.objects.get(code="BU99990201")])
    assert zoek(None, gebied=centrum) == {"Hele wijk", "Eén buurt"}
    assert zoek(None, gebied=binnenstad) == {"Eén buurt"}
    assert zoek(None, gebied=gemeente) == {"Hele gemeente", "Hele wijk", "Eén buurt", "Andere wijk"}


def test_an_opgave_in_several_matching_areas_is_listed_once(centrum, binnenstad):
    OpgaveFactory(titel="Twee keer raak").gebieden.set(
        [centrum, binnenstad, Gebied.objects.get(code="BU99990102")]
    )
    rows = list(opgaven_zoeken(user=AnonymousUser(), gebied=centrum))
    assert [o.titel for o in rows] == ["Twee keer raak"]


def test_mijn_rol_is_the_opgaven_with_a_role_active_today(opgaven, regisseur, ambtenaar):
    vandaag = timezone.localdate()
    opgave, interne_opgave = opgaven[0], opgaven[1]
    assert zoek(regisseur, mijn=MIJN_ROL) == {
        "Energietransitie Demodam-Noord",
        "Leefbaarheid Stationskwartier",
        "Afgerond en openbaar",
        "Gestopt en intern",
        "Gearchiveerd",
    }
    assert zoek(ambtenaar, mijn=MIJN_ROL) == set()
    rol = opgaverol_toekennen(opgave=opgave, user=ambtenaar, rol=Opgaverol.Rol.KERNTEAMLID)
    opgaverol_toekennen(
        opgave=interne_opgave,
        user=ambtenaar,
        rol=Opgaverol.Rol.KERNTEAMLID,
        van=vandaag + timedelta(days=1),
    )
    assert zoek(ambtenaar, mijn=MIJN_ROL) == {"Energietransitie Demodam-Noord"}
    opgaverol_beeindigen(opgaverol=rol)
    assert zoek(ambtenaar, mijn=MIJN_ROL) == set()


def test_mijn_organisatie_is_where_my_organisation_is_involved(
    opgaven, partner_lid, partner_buitenstaander, regisseur
):
    expected = {"Energietransitie Demodam-Noord", "Leefbaarheid Stationskwartier"}
    assert zoek(partner_lid, mijn=MIJN_ORGANISATIE) == expected
    assert zoek(partner_buitenstaander, mijn=MIJN_ORGANISATIE) == set()
    assert zoek(regisseur, mijn=MIJN_ORGANISATIE) == set()  # works for no organisation
    assert zoek(None, mijn=MIJN_ROL) == zoek(None, mijn=MIJN_ORGANISATIE) == set()


def test_filters_combine(opgaven, regisseur):
    assert zoek(regisseur, mijn=MIJN_ROL, fase=Fase.VERKENNEN, zoekterm="station") == {
        "Leefbaarheid Stationskwartier"
    }
    assert zoek(regisseur, mijn=MIJN_ROL, fase=Fase.UITVOEREN, zoekterm="station") == set()


def test_zoeken_is_one_query_with_the_names_of_themes_and_areas(
    django_assert_num_queries, opgaven, regisseur
):
    opgave = opgaven[0]
    opgave.themas.set(Thema.objects.filter(slug__in=["wonen", "energie-en-klimaat"]))
    opgave.gebieden.set(Gebied.objects.filter(code__in=["WK999902", "BU99990201"]))
    regisseur.has_perm("opgaven.view_interne_opgave")  # fill Django's per-user perm cache
    with django_assert_num_queries(1):
        rows = list(opgaven_zoeken(user=regisseur, zoekterm="energie", mijn=MIJN_ROL))
    assert [o.titel for o in rows] == ["Energietransitie Demodam-Noord"]
    assert rows[0].thema_namen == ["Energie en klimaat", "Wonen"]
    assert rows[0].gebied_namen == ["Molenbuurt", "Noorderpolder"]
    assert [o.thema_namen for o in opgaven_zoeken(user=regisseur, zoekterm="station")] == [[]]


def test_gebieden_per_wijk_groups_buurten_under_their_wijk():
    groepen = gebieden_per_wijk()
    assert [hoofd.code for hoofd, _groep in groepen] == [
        "GM9999",
        "WK999901",  # Centrum
        "WK999902",  # Noorderpolder
        "WK999903",  # Oosterhout
        "WK999905",  # Westerdijk
        "WK999904",  # Zuiderpark
    ]
    centrum = dict(groepen)[Gebied.objects.get(code="WK999901")]
    assert [g.naam for g in centrum] == ["Centrum", "Binnenstad", "Havenkwartier"]
    assert sum(len(groep) for _hoofd, groep in groepen) == Gebied.objects.count()
