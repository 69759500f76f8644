"""The admin changes opgaven and roles through the services, so guardian stays derived."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

import pytest
from pytest_django.asserts import assertContains

from opgaven.models import (
    Actie,
    Besluit,
    Betrokkenheid,
    Contactmoment,
    Doel,
    Fase,
    FaseOvergang,
    Gebied,
    Indicator,
    Instemming,
    Meting,
    Opgave,
    Opgaverol,
    OpgaveUserObjectPermission,
    PlanVanAanpak,
    Positie,
    Thema,
    Toezegging,
)
from partners.models import Organisatie
from partners.services import organisatie_create
from tests.factories import OpgaveFactory, UserFactory

pytestmark = pytest.mark.django_db


def perms(user, opgave) -> set[str]:
    rows = OpgaveUserObjectPermission.objects.filter(user=user, content_object=opgave)
    return set(rows.values_list("permission__codename", flat=True))


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True, totp=True)


def test_adding_a_role_in_the_admin_grants_the_rights(client, beheerder, opgave, partner_lid):
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:opgaven_opgaverol_add"),
        {
            "opgave": opgave.pk,
            "user": partner_lid.pk,
            "rol": Opgaverol.Rol.KERNTEAMLID,
            "van": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert perms(partner_lid, opgave) == {"view_opgave", "change_opgave"}


def test_ending_a_role_in_the_admin_removes_the_rights(client, beheerder, opgave, regisseur):
    rol = opgave.rollen.get()
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:opgaven_opgaverol_change", args=[rol.pk]),
        {"tot": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    rol.refresh_from_db()
    assert rol.tot == timezone.localdate()
    assert perms(regisseur, opgave) == set()


def test_an_end_before_the_start_is_refused_in_dutch(client, beheerder, opgave):
    rol = opgave.rollen.get()
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:opgaven_opgaverol_change", args=[rol.pk]),
        {"tot": (rol.van - timedelta(days=1)).isoformat()},
    )
    assertContains(response, "Een rol kan niet eindigen voordat hij begint.")


def test_deleting_a_role_in_the_admin_removes_the_rights(client, superuser, opgave, regisseur):
    rol = opgave.rollen.get()
    client.force_login(superuser)
    response = client.post(
        reverse("admin:opgaven_opgaverol_delete", args=[rol.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert perms(regisseur, opgave) == set()


def test_bulk_deleting_roles_removes_the_rights(client, superuser, opgave, interne_opgave):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:opgaven_opgaverol_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(Opgaverol.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not OpgaveUserObjectPermission.objects.exists()


def test_creating_an_opgave_in_the_admin_gives_it_a_unique_slug(client, superuser, opgave):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:opgaven_opgave_add"),
        {
            "titel": opgave.titel,
            "vraagstuk": "Nog een keer.",
            "zichtbaarheid": "intern",
            "fase": Fase.VERKENNEN,
            "rollen-TOTAL_FORMS": "0",
            "rollen-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    created = Opgave.objects.exclude(pk=opgave.pk).get()
    assert created.slug == f"{opgave.slug}-2"
    assert created.aangemaakt_door == superuser


def test_editing_an_opgave_in_the_admin_leaves_the_phase_to_the_opgave_page(
    client, beheerder, opgave
):
    """The phase is read-only here: it changes only through opgave_fase_wijzigen,
    which records who, when and why. A posted phase is ignored."""
    client.force_login(beheerder)
    url = reverse("admin:opgaven_opgave_change", args=[opgave.pk])
    data = {
        "titel": "Andere titel",
        "vraagstuk": opgave.vraagstuk,
        "zichtbaarheid": opgave.zichtbaarheid,
        "fase": Fase.EVALUEREN,
        "rollen-TOTAL_FORMS": "1",
        "rollen-INITIAL_FORMS": "1",
        "rollen-0-id": opgave.rollen.get().pk,
        "rollen-0-opgave": opgave.pk,
    }
    assert 'name="fase"' not in client.get(url).content.decode()

    response = client.post(url, data)

    assert response.status_code == 302
    opgave.refresh_from_db()
    assert (opgave.titel, opgave.fase, opgave.gewijzigd_door) == (
        "Andere titel",
        Fase.UITVOEREN,
        beheerder,
    )
    assert not opgave.faseovergangen.exists()
    assert opgave.slug == "energietransitie-demodam-noord"


# --- Every model of the workspace in the admin -------------------------------------------
#
# One maker per admin model: it creates a complete row (with a fresh opgave,
# organisation and user where the row points at one, so a missing
# select_related shows up as extra queries) whose searchable text is ``tekst``.


def _opgave(tekst: str = "") -> Opgave:
    return OpgaveFactory(titel=f"Opgave {tekst} {Opgave.objects.count()}")


def _organisatie(naam: str) -> Organisatie:
    return organisatie_create(naam=naam, soort=Organisatie.Soort.MAATSCHAPPELIJK)


def _betrokkenheid(naam: str = "Buurtvereniging") -> Betrokkenheid:
    return Betrokkenheid.objects.create(
        opgave=_opgave(), organisatie=_organisatie(naam), aard=Betrokkenheid.Aard.VOERT_UIT
    )


def _doel(titel: str = "Minder eenzaamheid", opgave: Opgave | None = None) -> Doel:
    opgave = opgave or _opgave()
    effect = Doel.objects.create(opgave=opgave, soort=Doel.Soort.EFFECT, titel="Het effect")
    return Doel.objects.create(opgave=opgave, bovenliggend=effect, titel=titel)


def _indicator(naam: str = "Deelnemers") -> Indicator:
    doel = _doel()
    return Indicator.objects.create(
        opgave=doel.opgave,
        doel=doel,
        naam=naam,
        eenheid="mensen",
        nulmeting=10,
        streefwaarde=50,
        streefdatum=date(2030, 12, 31),
    )


def _plan(samenvatting: str = "", opgave: Opgave | None = None) -> PlanVanAanpak:
    opgave = opgave or _opgave()
    versie = opgave.plannen.count() + 1
    return PlanVanAanpak.objects.create(opgave=opgave, versie=versie, samenvatting=samenvatting)


def _meting(tekst: str) -> Meting:
    indicator = _indicator()
    return Meting.objects.create(
        opgave=indicator.opgave,
        indicator=indicator,
        datum=date(2025, 3, 1),
        waarde=12,
        toelichting=tekst,
        vastgelegd_door=UserFactory(),
    )


def _positie(tekst: str) -> Positie:
    betrokkenheid = _betrokkenheid()
    return Positie.objects.create(
        opgave=betrokkenheid.opgave,
        betrokkenheid=betrokkenheid,
        datum=date(2025, 3, 1),
        invloed=3,
        belang=4,
        houding=1,
        toelichting=tekst,
    )


def _contactmoment(tekst: str) -> Contactmoment:
    betrokkenheid = _betrokkenheid()
    return Contactmoment.objects.create(
        opgave=betrokkenheid.opgave,
        betrokkenheid=betrokkenheid,
        datum=date(2025, 3, 1),
        kanaal=Contactmoment.Kanaal.GESPREK,
        hoedanigheid=Contactmoment.Hoedanigheid.ALS_PROFESSIONAL,
        onderwerp=tekst,
    )


def _toezegging(tekst: str) -> Toezegging:
    betrokkenheid = _betrokkenheid()
    return Toezegging.objects.create(
        opgave=betrokkenheid.opgave,
        betrokkenheid=betrokkenheid,
        omschrijving=tekst,
        eigenaar=UserFactory(),
        deadline=date(2025, 3, 1),
    )


def _instemming(tekst: str) -> Instemming:
    plan = _plan()
    return Instemming.objects.create(
        opgave=plan.opgave, plan=plan, organisatie=_organisatie(tekst), door=UserFactory()
    )


def _actie(tekst: str) -> Actie:
    plan = _plan()
    actie = Actie.objects.create(
        opgave=plan.opgave,
        plan=plan,
        titel=tekst,
        trekker=_organisatie(f"Trekker {tekst}"),
        doel=_doel(opgave=plan.opgave),
    )
    actie.uitvoerders.add(_organisatie(f"Uitvoerder {tekst}"))
    return actie


def _gebied(tekst: str) -> Gebied:
    volgnummer = Gebied.objects.filter(code__startswith="BU9998").count() + 1
    return Gebied.objects.create(
        code=f"BU9998{volgnummer:04d}",
        naam=tekst,
        niveau=Gebied.Niveau.BUURT,
        ligt_in=Gebied.objects.get(code="WK999901"),
    )


def _opgaverol(tekst: str) -> Opgaverol:
    return Opgaverol.objects.create(
        opgave=_opgave(tekst),
        user=UserFactory(),
        rol=Opgaverol.Rol.KERNTEAMLID,
        van=date(2025, 1, 1),
    )


MAKERS = {
    "opgave": lambda tekst: OpgaveFactory(titel=f"{tekst} {Opgave.objects.count()}"),
    "opgaverol": _opgaverol,
    "thema": lambda tekst: Thema.objects.create(naam=tekst, slug=slugify(tekst)),
    "gebied": _gebied,
    "faseovergang": lambda tekst: FaseOvergang.objects.create(
        opgave=_opgave(),
        van=Fase.VERKENNEN,
        naar=Fase.DELEN,
        door=UserFactory(),
        reden=tekst,
    ),
    "doel": _doel,
    "indicator": _indicator,
    "meting": _meting,
    "betrokkenheid": _betrokkenheid,
    "positie": _positie,
    "contactmoment": _contactmoment,
    "toezegging": _toezegging,
    "planvanaanpak": lambda tekst: _plan(samenvatting=tekst),
    "instemming": _instemming,
    "actie": _actie,
    "besluit": lambda tekst: Besluit.objects.create(
        opgave=_opgave(),
        datum=date(2025, 3, 1),
        orgaan=Besluit.Orgaan.COLLEGE,
        titel=tekst,
        motivering="Omdat het nodig is.",
        vastgelegd_door=UserFactory(),
    ),
}


def queries(client, url: str, data: dict | None = None) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data or {})
    assert response.status_code == 200, url
    return len(captured), response


@pytest.fixture(params=["beheerder", "superuser"])
def beheer(request):
    """Who uses the admin: the beheerder role (MFA set up) or a superuser."""
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("model", MAKERS)
def test_changelist_has_constant_queries_and_search_finds_the_row(client, beheer, model):
    client.force_login(beheer)
    url = reverse(f"admin:opgaven_{model}_changelist")
    gezocht = MAKERS[model]("Kwelwater")
    client.get(url)  # fill the caches (content types, sessions) before counting

    een, _ = queries(client, url)
    for nummer in range(6):
        MAKERS[model](f"Rij {nummer}")
    zeven, response = queries(client, url)

    assert een == zeven, f"{model}: {een} queries for one row, {zeven} for seven"
    assert response.context["cl"].result_count >= 7
    _, gevonden = queries(client, url, {"q": "kwelwater"})
    assert list(gevonden.context["cl"].result_list) == [gezocht]


@pytest.mark.parametrize("model", MAKERS)
def test_change_page_loads(client, beheer, model):
    obj = MAKERS[model]("Kwelwater")
    client.force_login(beheer)

    response = client.get(reverse(f"admin:opgaven_{model}_change", args=[obj.pk]))

    assert response.status_code == 200
    assertContains(response, "Kwelwater" if model != "betrokkenheid" else str(obj.organisatie))


WERKRUIMTE_MODELLEN = [
    "faseovergang",
    "doel",
    "indicator",
    "meting",
    "betrokkenheid",
    "positie",
    "contactmoment",
    "toezegging",
    "planvanaanpak",
    "instemming",
    "actie",
    "besluit",
]


@pytest.mark.parametrize("model", WERKRUIMTE_MODELLEN)
def test_workspace_rows_are_read_only_even_for_a_superuser(client, superuser, model):
    """The workspace services keep these rows consistent; the admin only shows them."""
    obj = MAKERS[model]("Kwelwater")
    client.force_login(superuser)
    change_url = reverse(f"admin:opgaven_{model}_change", args=[obj.pk])

    page = client.get(change_url).content.decode()
    post = client.post(change_url, {"opgave": obj.opgave_id})
    add = client.get(reverse(f"admin:opgaven_{model}_add"))
    delete = client.post(reverse(f"admin:opgaven_{model}_delete", args=[obj.pk]), {"post": "yes"})

    assert 'type="submit"' not in page.split('id="content-main"')[1]
    assert (post.status_code, add.status_code, delete.status_code) == (403, 403, 403)
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_a_workspace_row_links_to_its_section_of_the_workspace(client, beheerder):
    toezegging = MAKERS["toezegging"]("Kwelwater")
    client.force_login(beheerder)

    response = client.get(reverse("admin:opgaven_toezegging_change", args=[toezegging.pk]))

    sectie = reverse("opgaven:krachtenveld", kwargs={"slug": toezegging.opgave.slug})
    assertContains(response, f'href="{sectie}"')


def test_the_consent_answer_and_plan_status_cannot_be_changed_in_the_admin(client, superuser):
    instemming = MAKERS["instemming"]("Kwelwater")
    client.force_login(superuser)

    response = client.post(
        reverse("admin:opgaven_instemming_change", args=[instemming.pk]),
        {"besluit": Instemming.Besluit.INGESTEMD},
    )
    plan_response = client.post(
        reverse("admin:opgaven_planvanaanpak_change", args=[instemming.plan_id]),
        {"status": PlanVanAanpak.Status.VASTGESTELD},
    )

    assert (response.status_code, plan_response.status_code) == (403, 403)
    instemming.refresh_from_db()
    instemming.plan.refresh_from_db()
    assert instemming.besluit == Instemming.Besluit.OPEN
    assert instemming.plan.status == PlanVanAanpak.Status.CONCEPT


def test_plan_page_shows_consents_and_actions_with_constant_queries(client, beheerder):
    plan = _plan(samenvatting="Eerst isoleren.")
    url = reverse("admin:opgaven_planvanaanpak_change", args=[plan.pk])

    def erbij(nummer: int) -> None:
        Instemming.objects.create(
            opgave=plan.opgave,
            plan=plan,
            organisatie=_organisatie(f"Partner {nummer}"),
            door=UserFactory(),
        )
        Actie.objects.create(
            opgave=plan.opgave,
            plan=plan,
            titel=f"Actie {nummer}",
            trekker=_organisatie(f"Trekker {nummer}"),
        )

    client.force_login(beheerder)
    erbij(0)
    client.get(url)
    een, _ = queries(client, url)
    for nummer in range(1, 6):
        erbij(nummer)
    zes, response = queries(client, url)

    assert een == zes
    assertContains(response, "Partner 5")
    assertContains(response, "Actie 5")
    assertContains(response, "Trekker 5")


def test_an_opgave_page_shows_the_charter_read_only(client, beheerder, opgave):
    opgave.themas.set(Thema.objects.filter(naam="Wonen"))
    Opgave.objects.filter(pk=opgave.pk).update(afbakening="Alleen de Molenbuurt.")
    client.force_login(beheerder)

    response = client.get(reverse("admin:opgaven_opgave_change", args=[opgave.pk]))

    assertContains(response, "Alleen de Molenbuurt.")
    assertContains(response, "Wonen")
    assert 'name="afbakening"' not in response.content.decode()


def test_a_neighbourhood_must_lie_in_a_district(client, beheerder):
    client.force_login(beheerder)
    data = {"code": "BU99990103", "naam": "Kadebuurt", "niveau": Gebied.Niveau.BUURT}

    in_gemeente = client.post(
        reverse("admin:opgaven_gebied_add"),
        {**data, "ligt_in": Gebied.objects.get(code="GM9999").pk},
    )
    in_wijk = client.post(
        reverse("admin:opgaven_gebied_add"),
        {**data, "ligt_in": Gebied.objects.get(code="WK999901").pk},
    )

    assert in_gemeente.status_code == 200
    assert "ligt_in" in in_gemeente.context["adminform"].form.errors
    assert in_wijk.status_code == 302
    assert Gebied.objects.get(code="BU99990103").ligt_in.code == "WK999901"


def test_a_theme_added_in_the_admin_is_offered_to_opgaven(client, beheerder):
    client.force_login(beheerder)

    response = client.post(
        reverse("admin:opgaven_thema_add"), {"naam": "Digitalisering", "slug": "digitalisering"}
    )

    assert response.status_code == 302
    assert Thema.objects.filter(naam="Digitalisering").exists()


def test_involvement_page_shows_its_positions_with_constant_queries(client, beheerder):
    betrokkenheid = _betrokkenheid("Zorggroep De Linde")
    url = reverse("admin:opgaven_betrokkenheid_change", args=[betrokkenheid.pk])

    def positie(dag: int) -> None:
        Positie.objects.create(
            opgave=betrokkenheid.opgave,
            betrokkenheid=betrokkenheid,
            datum=date(2025, 1, dag),
            invloed=3,
            belang=4,
            houding=dag % 5 - 2,
            toelichting=f"Stand van dag {dag}",
            vastgelegd_door=UserFactory(),
        )

    client.force_login(beheerder)
    positie(1)
    client.get(url)
    een, _ = queries(client, url)
    for dag in range(2, 8):
        positie(dag)
    zeven, response = queries(client, url)

    assert een == zeven
    assertContains(response, "Stand van dag 7")


def test_opgave_page_shows_its_roles_with_constant_queries(client, beheerder, opgave):
    url = reverse("admin:opgaven_opgave_change", args=[opgave.pk])
    client.force_login(beheerder)
    client.get(url)

    een, _ = queries(client, url)
    for _nummer in range(5):
        Opgaverol.objects.create(
            opgave=opgave, user=UserFactory(), rol=Opgaverol.Rol.KERNTEAMLID, van=date(2025, 1, 1)
        )
    zes, _ = queries(client, url)

    assert een == zes


def test_a_role_someone_already_holds_is_refused_in_dutch(client, beheerder, opgave, regisseur):
    client.force_login(beheerder)

    response = client.post(
        reverse("admin:opgaven_opgaverol_add"),
        {
            "opgave": opgave.pk,
            "user": regisseur.pk,
            "rol": Opgaverol.Rol.OPGAVEREGISSEUR,
            "van": timezone.localdate().isoformat(),
        },
    )

    assertContains(response, "Deze persoon heeft deze rol al bij deze opgave.")
    assert opgave.rollen.count() == 1
