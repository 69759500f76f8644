import threading
from datetime import date, timedelta

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest
import time_machine
from guardian.shortcuts import assign_perm

from opgaven.models import (
    Fase,
    Gebied,
    Opgave,
    Opgaverol,
    OpgaveUserObjectPermission,
    Thema,
    Zichtbaarheid,
)
from opgaven.services import (
    UPDATABLE_FIELDS,
    opgave_create,
    opgave_permissions_sync,
    opgave_permissions_sync_all,
    opgave_update,
    opgaverol_beeindigen,
    opgaverol_toekennen,
    opgaverol_verwijderen,
)
from opgaven.tasks import opgave_permissions_sync_daily
from tests.concurrency import run_together
from tests.factories import OpgaveFactory, UserFactory

pytestmark = pytest.mark.django_db

REGISSEUR = Opgaverol.Rol.OPGAVEREGISSEUR
KERNTEAMLID = Opgaverol.Rol.KERNTEAMLID


def create(door, titel, **fields):
    defaults = {"vraagstuk": "Wat speelt er?", "zichtbaarheid": Zichtbaarheid.OPENBAAR}
    return opgave_create(door=door, titel=titel, **{**defaults, **fields})


def perms(user, opgave) -> set[str]:
    """The object permissions ``user`` holds on ``opgave``, read fresh from the database."""
    rows = OpgaveUserObjectPermission.objects.filter(user=user, content_object=opgave)
    return set(rows.values_list("permission__codename", flat=True))


# --- opgave_create / opgave_update: slugs ------------------------------------------------


def test_slug_follows_the_title(ambtenaar):
    opgave = create(ambtenaar, "Samen tegen eenzaamheid")
    assert opgave.slug == "samen-tegen-eenzaamheid"
    assert opgave.aangemaakt_door == ambtenaar


def test_clashing_titles_get_numbered_slugs(ambtenaar):
    slugs = [create(ambtenaar, "Groen in de wijk").slug for _ in range(3)]
    assert slugs == ["groen-in-de-wijk", "groen-in-de-wijk-2", "groen-in-de-wijk-3"]


def test_a_longer_slug_with_the_same_start_does_not_count_as_a_clash(ambtenaar):
    create(ambtenaar, "Groen in de wijk Noord")
    assert create(ambtenaar, "Groen in de wijk").slug == "groen-in-de-wijk"


@pytest.mark.parametrize(
    ("titel", "slug"),
    [
        ("Café & cultuur", "cafe-cultuur"),
        ("!!!", "opgave"),  # nothing left to slugify
        ("Nieuw", "nieuw-2"),  # /opgaven/nieuw/ is the create page
    ],
)
def test_slug_edge_cases(ambtenaar, titel, slug):
    assert create(ambtenaar, titel).slug == slug


def test_long_titles_fit_the_slug_field(ambtenaar):
    titel = "woord " * 40  # 240 characters
    first, second = create(ambtenaar, titel[:200]), create(ambtenaar, titel[:200])
    assert len(first.slug) <= 200
    assert second.slug == f"{first.slug}-2"


def test_slug_never_changes_on_edit(ambtenaar, opgave):
    slug = opgave.slug
    opgave_update(opgave=opgave, door=ambtenaar, titel="Een heel andere titel")
    opgave.refresh_from_db()
    assert (opgave.titel, opgave.slug) == ("Een heel andere titel", slug)


def test_update_refuses_the_slug_and_unknown_fields(ambtenaar, opgave):
    with pytest.raises(TypeError, match="slug"):
        opgave_update(opgave=opgave, door=ambtenaar, slug="iets-anders")


def test_create_validates_choices(ambtenaar):
    with pytest.raises(ValidationError):
        create(ambtenaar, "Fout", zichtbaarheid="geheim")
    assert not Opgave.objects.exists()


# --- opgave_update ------------------------------------------------------------------------


def test_update_saves_only_the_given_fields(ambtenaar, opgave):
    stale = Opgave.objects.get(pk=opgave.pk)
    opgave_update(opgave=opgave, door=ambtenaar, titel="Nieuwe titel")
    opgave_update(opgave=stale, door=ambtenaar, vraagstuk="Nieuw vraagstuk")
    opgave.refresh_from_db()
    assert (opgave.titel, opgave.vraagstuk) == ("Nieuwe titel", "Nieuw vraagstuk")
    assert opgave.gewijzigd_door == ambtenaar


def test_update_cannot_change_the_phase(ambtenaar, opgave):
    """The phase changes only through opgave_fase_wijzigen, which records who and why."""
    with pytest.raises(TypeError, match="fase"):
        opgave_update(opgave=opgave, door=ambtenaar, fase=Fase.EVALUEREN)
    opgave.refresh_from_db()
    assert opgave.fase == Fase.UITVOEREN


# --- opgave_create / opgave_update: all fields of DESIGN §5 ----------------------------------

ALLE_VELDEN = {
    "huidige_situatie": "Veel huizen zijn slecht geïsoleerd.",
    "gewenste_situatie": "Iedere woning is aardgasvrij.",
    "maatschappelijk_effect": "Lagere energierekening.",
    "afbakening": "Alleen bestaande bouw.",
    "startdatum": date(2026, 1, 1),
    "horizon": date(2030, 12, 31),
    "score_impact": 4,
    "score_krachtenveld": 5,
    "score_verhoudingen": 3,
    "score_tijdshorizon": 5,
}


def test_create_with_every_field(ambtenaar):
    themas = list(Thema.objects.filter(slug__in=["wonen", "energie-en-klimaat"]))
    gebieden = list(Gebied.objects.filter(code__in=["WK999902", "BU99990101"]))
    opgave = create(ambtenaar, "Van het gas af", themas=themas, gebieden=gebieden, **ALLE_VELDEN)

    opgave = Opgave.objects.get(pk=opgave.pk)
    for name, value in ALLE_VELDEN.items():
        assert getattr(opgave, name) == value, name
    assert set(opgave.themas.all()) == set(themas)
    assert set(opgave.gebieden.all()) == set(gebieden)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"score_impact": 6}, "score_impact", "Zorg ervoor dat deze waarde hoogstens 5 is."),
        (
            {"score_tijdshorizon": 0},
            "score_tijdshorizon",
            "Zorg ervoor dat deze waarde minstens 1 is.",
        ),
        (
            {"startdatum": date(2026, 6, 1), "horizon": date(2026, 5, 31)},
            "horizon",
            "De horizon kan niet vóór de startdatum liggen.",
        ),
    ],
)
def test_create_refuses_invalid_values_and_creates_nothing(ambtenaar, fields, field, message):
    with pytest.raises(ValidationError) as error:
        create(ambtenaar, "Fout", themas=Thema.objects.all(), opgaveregisseur=ambtenaar, **fields)
    assert message in " ".join(error.value.message_dict[field])
    assert not Opgave.objects.exists()
    assert not Opgaverol.objects.exists()


def test_a_horizon_on_the_start_date_is_fine(ambtenaar):
    opgave = create(ambtenaar, "Kort", startdatum=date(2026, 1, 1), horizon=date(2026, 1, 1))
    assert opgave.horizon == opgave.startdatum


def test_update_sets_the_themes_and_areas(ambtenaar, opgave):
    wonen, zorg = Thema.objects.get(slug="wonen"), Thema.objects.get(slug="zorg-en-welzijn")
    centrum = Gebied.objects.get(code="WK999901")
    opgave_update(opgave=opgave, door=ambtenaar, themas=[wonen, zorg], gebieden=[centrum])
    assert set(opgave.themas.all()) == {wonen, zorg}
    opgave_update(opgave=opgave, door=ambtenaar, themas=[zorg])
    opgave.refresh_from_db()
    assert list(opgave.themas.all()) == [zorg]
    assert list(opgave.gebieden.all()) == [centrum]  # not given, so not changed
    assert opgave.gewijzigd_door == ambtenaar
    opgave_update(opgave=opgave, door=ambtenaar, themas=[], gebieden=[])
    assert not opgave.themas.exists()
    assert not opgave.gebieden.exists()


def test_update_changes_every_updatable_field(ambtenaar, opgave):
    opgave_update(opgave=opgave, door=ambtenaar, **ALLE_VELDEN, gearchiveerd=True)
    opgave.refresh_from_db()
    for name, value in ALLE_VELDEN.items():
        assert getattr(opgave, name) == value, name
    assert opgave.gearchiveerd is True
    assert {*ALLE_VELDEN, "themas", "gebieden", "zichtbaarheid", "titel"} <= UPDATABLE_FIELDS


def test_update_refuses_a_horizon_before_the_start_and_changes_nothing(ambtenaar, opgave):
    opgave_update(opgave=opgave, door=ambtenaar, startdatum=date(2026, 1, 1))
    centrum = Gebied.objects.get(code="WK999901")
    with pytest.raises(ValidationError) as error:
        opgave_update(
            opgave=opgave,
            door=ambtenaar,
            titel="Andere titel",
            horizon=date(2025, 12, 31),
            gebieden=[centrum],
        )
    assert error.value.message_dict == {
        "horizon": ["De horizon kan niet vóór de startdatum liggen."]
    }
    # Neither the database nor the caller's object took the bad values.
    assert (opgave.titel, opgave.horizon) == ("Energietransitie Demodam-Noord", None)
    stored = Opgave.objects.get(pk=opgave.pk)
    assert (stored.titel, stored.horizon) == ("Energietransitie Demodam-Noord", None)
    assert not stored.gebieden.exists()


def test_an_edit_from_an_old_copy_is_checked_against_the_stored_row(ambtenaar, opgave):
    oud = Opgave.objects.get(pk=opgave.pk)  # read before the start date was set
    opgave_update(opgave=opgave, door=ambtenaar, startdatum=date(2027, 1, 1))
    with pytest.raises(ValidationError) as error:
        opgave_update(opgave=oud, door=ambtenaar, horizon=date(2026, 1, 1))
    assert "horizon" in error.value.message_dict
    stored = Opgave.objects.get(pk=opgave.pk)
    assert (stored.startdatum, stored.horizon) == (date(2027, 1, 1), None)
    assert oud.horizon is None


@pytest.mark.django_db(transaction=True)
def test_two_edits_at_once_cannot_together_put_the_horizon_before_the_start(ambtenaar):
    """One sets the start date, the other the horizon, both from the same old copy:
    the row lock makes the second check what the first saved, so one is refused."""
    opgave = create(ambtenaar, "Tegelijk bewerkt")
    wijzigingen = iter([{"startdatum": date(2027, 1, 1)}, {"horizon": date(2026, 1, 1)}])
    lock = threading.Lock()

    def bewerk():
        with lock:
            velden = next(wijzigingen)
        return opgave_update(opgave=Opgave.objects.get(pk=opgave.pk), door=ambtenaar, **velden)

    uitkomsten = run_together(bewerk)

    fouten = [u for u in uitkomsten if isinstance(u, BaseException)]
    assert len(fouten) == 1
    assert isinstance(fouten[0], ValidationError)
    assert "horizon" in fouten[0].message_dict
    stored = Opgave.objects.get(pk=opgave.pk)
    assert stored.startdatum is None or stored.horizon is None  # never both: one was refused
    assert not (stored.startdatum and stored.horizon and stored.horizon < stored.startdatum)


# --- roles and derived guardian permissions ---------------------------------------------------


def test_create_makes_the_opgaveregisseur(regisseur, opgave):
    assert list(opgave.rollen.values_list("user", "rol")) == [(regisseur.pk, REGISSEUR)]
    assert perms(regisseur, opgave) == {"view_opgave", "change_opgave"}
    assert regisseur.has_perm("opgaven.change_opgave", opgave)


def test_create_without_opgaveregisseur_gives_no_roles(ambtenaar):
    opgave = create(ambtenaar, "Zonder regie")
    assert not opgave.rollen.exists()
    assert not OpgaveUserObjectPermission.objects.filter(content_object=opgave).exists()


def test_granting_a_role_gives_the_rights_at_once(opgave, partner_lid):
    assert not partner_lid.has_perm("opgaven.change_opgave", opgave)
    opgaverol_toekennen(opgave=opgave, user=partner_lid, rol=KERNTEAMLID)
    assert partner_lid.has_perm("opgaven.change_opgave", opgave)
    assert partner_lid.has_perm("opgaven.view_opgave", opgave)


def test_granting_is_idempotent(opgave, regisseur):
    rol = opgave.rollen.get()
    assert opgaverol_toekennen(opgave=opgave, user=regisseur, rol=REGISSEUR) == rol
    assert opgave.rollen.count() == 1


def test_ending_a_role_removes_the_rights_at_once(opgave, regisseur):
    opgaverol_beeindigen(opgaverol=opgave.rollen.get())
    assert not regisseur.has_perm("opgaven.change_opgave", opgave)
    assert perms(regisseur, opgave) == set()
    assert opgave.rollen.get().tot == timezone.localdate()


def test_ending_one_role_keeps_the_rights_of_another(opgave, regisseur):
    opgaverol_toekennen(opgave=opgave, user=regisseur, rol=KERNTEAMLID)
    opgaverol_beeindigen(opgaverol=opgave.rollen.get(rol=REGISSEUR))
    assert perms(regisseur, opgave) == {"view_opgave", "change_opgave"}


def test_ending_keeps_an_earlier_end_date(opgave):
    rol = opgave.rollen.get()
    today = timezone.localdate()
    opgaverol_beeindigen(opgaverol=rol, tot=today + timedelta(days=10))
    opgaverol_beeindigen(opgaverol=rol, tot=today + timedelta(days=30))
    rol.refresh_from_db()
    assert rol.tot == today + timedelta(days=10)


def test_a_future_role_gives_no_rights_yet_and_ends_on_its_first_day(opgave, partner_lid):
    start = timezone.localdate() + timedelta(days=7)
    rol = opgaverol_toekennen(opgave=opgave, user=partner_lid, rol=KERNTEAMLID, van=start)
    assert perms(partner_lid, opgave) == set()
    opgaverol_beeindigen(opgaverol=rol)
    rol.refresh_from_db()
    assert rol.tot == start


def test_deleting_a_role_removes_its_rights(opgave, regisseur):
    opgaverol_verwijderen(opgaverol=opgave.rollen.get())
    assert perms(regisseur, opgave) == set()
    assert not opgave.rollen.exists()


def test_sync_is_idempotent(opgave, regisseur, partner_lid):
    opgaverol_toekennen(opgave=opgave, user=partner_lid, rol=KERNTEAMLID)
    before = list(OpgaveUserObjectPermission.objects.order_by("pk").values_list())
    opgave_permissions_sync(opgave=opgave)
    opgave_permissions_sync(opgave=opgave)
    assert list(OpgaveUserObjectPermission.objects.order_by("pk").values_list()) == before
    assert len(before) == 4


def test_sync_removes_derived_permissions_no_role_explains(opgave, inwoner):
    assign_perm("opgaven.change_opgave", inwoner, opgave)  # by hand: not from a role
    opgave_permissions_sync(opgave=opgave)
    assert perms(inwoner, opgave) == set()


def test_sync_leaves_other_permissions_alone(opgave, inwoner):
    delete = Permission.objects.get(codename="delete_opgave")
    OpgaveUserObjectPermission.objects.create(
        user=inwoner, permission=delete, content_object=opgave
    )
    opgave_permissions_sync(opgave=opgave)
    assert perms(inwoner, opgave) == {"delete_opgave"}


def test_roles_that_end_by_date_lose_their_rights_in_the_daily_sync(opgave, regisseur):
    today = timezone.localdate()
    opgaverol_beeindigen(opgaverol=opgave.rollen.get(), tot=today + timedelta(days=1))
    other = OpgaveFactory()  # an opgave without roles is skipped
    assert perms(regisseur, opgave) == {"view_opgave", "change_opgave"}

    with time_machine.travel(timezone.now() + timedelta(days=1, hours=1)):
        assert opgave_permissions_sync_all() == 1
    assert perms(regisseur, opgave) == set()
    assert not OpgaveUserObjectPermission.objects.filter(content_object=other).exists()


def test_roles_that_start_by_date_get_their_rights_from_the_daily_task(opgave, partner_lid):
    tomorrow = timezone.localdate() + timedelta(days=1)
    opgaverol_toekennen(opgave=opgave, user=partner_lid, rol=KERNTEAMLID, van=tomorrow)
    with time_machine.travel(timezone.now() + timedelta(days=1, hours=1)):
        opgave_permissions_sync_daily.delay()
    assert perms(partner_lid, opgave) == {"view_opgave", "change_opgave"}


def test_roles_are_unique_while_open(opgave, regisseur):
    rol = Opgaverol(opgave=opgave, user=regisseur, rol=REGISSEUR, van=timezone.localdate())
    with pytest.raises(ValidationError) as error:
        rol.full_clean()
    assert "Deze persoon heeft deze rol al bij deze opgave." in str(error.value)


def test_role_holders_can_be_anyone(opgave):
    gast = UserFactory()
    opgaverol_toekennen(opgave=opgave, user=gast, rol=KERNTEAMLID)
    assert gast.has_perm("opgaven.view_opgave", opgave)
