"""The demo municipality: four opgaven with a year of history, loaded idempotently."""

import io
from datetime import timedelta
from itertools import pairwise

from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

import pytest

from accounts.models import User
from meldingen.models import Melding
from opgaven import demo as opgaven_demo
from opgaven.models import (
    Actie,
    Betrokkenheid,
    Contactmoment,
    Doel,
    Fase,
    Gebied,
    Indicator,
    Instemming,
    Meting,
    Opgave,
    Opgaverol,
    OpgaveUserObjectPermission,
    PlanVanAanpak,
    Positie,
    Toezegging,
    Zichtbaarheid,
)
from opgaven.permissions import can_change_opgave, can_view_opgave, can_view_werkruimte
from opgaven.policies import fase_overgang_is_toegestaan
from opgaven.selectors import opgaven_visible_to
from partners import demo as partners_demo
from partners.models import Lidmaatschap, Organisatie
from partners.selectors import organisaties_van

pytestmark = pytest.mark.django_db

DEMO_ACCOUNTS = {
    "beheerder@demodam.nl",
    "regisseur@demodam.nl",
    "ambtenaar@demodam.nl",
    "inwoner@demodam.nl",
    "partner@demodam.nl",
    "adviseur@demodam.nl",
}


def demo() -> None:
    call_command("demo", stdout=io.StringIO())


@pytest.fixture
def geladen():
    demo()
    return {o.titel: o for o in Opgave.objects.all()}


def snapshot():
    """Every row the demo writes, and every audit event: a second run adds none."""
    domein = [
        m
        for m in apps.get_models()
        if m._meta.app_label in ("opgaven", "partners", "accounts", "meldingen")
    ]
    return (
        sorted(
            Opgave.objects.values_list(
                "slug",
                "fase",
                "zichtbaarheid",
                "startdatum",
                "horizon",
                "score_impact",
                "gewijzigd_op",
            )
        ),
        sorted(Opgaverol.objects.values_list("opgave__slug", "user__email", "rol", "van", "tot")),
        sorted(Organisatie.objects.values_list("slug", "soort", "kvk_nummer")),
        sorted(Lidmaatschap.objects.values_list("organisatie__slug", "user__email", "rol", "van")),
        OpgaveUserObjectPermission.objects.count(),
        {m._meta.label: m.objects.count() for m in domein},
    )


def test_demo_opgaven_and_roles(geladen):
    assert {titel: (o.fase, o.zichtbaarheid) for titel, o in geladen.items()} == {
        "Energietransitie Demodam-Noord": (Fase.UITVOEREN, Zichtbaarheid.OPENBAAR),
        "Samen tegen eenzaamheid": (Fase.DELEN, Zichtbaarheid.OPENBAAR),
        "Leefbaarheid Stationskwartier": (Fase.VERKENNEN, Zichtbaarheid.INTERN),
        "Preventie verslaving jongeren": (Fase.OVEREENKOMEN, Zichtbaarheid.INTERN),
    }

    regisseur = User.objects.get(email="regisseur@demodam.nl")
    ambtenaar = User.objects.get(email="ambtenaar@demodam.nl")
    inwoner = User.objects.get(email="inwoner@demodam.nl")
    assert set(
        regisseur.opgaverollen.filter(rol=Opgaverol.Rol.OPGAVEREGISSEUR).values_list(
            "opgave__titel", flat=True
        )
    ) == {"Energietransitie Demodam-Noord", "Leefbaarheid Stationskwartier"}
    assert set(ambtenaar.opgaverollen.values_list("opgave__titel", "rol")) == {
        ("Energietransitie Demodam-Noord", Opgaverol.Rol.KERNTEAMLID),
        ("Samen tegen eenzaamheid", Opgaverol.Rol.KERNTEAMLID),
    }

    # The demo shows the permission rules at work.
    assert can_change_opgave(regisseur, geladen["Leefbaarheid Stationskwartier"])
    assert not can_change_opgave(regisseur, geladen["Samen tegen eenzaamheid"])
    assert can_change_opgave(ambtenaar, geladen["Energietransitie Demodam-Noord"])
    assert can_view_opgave(ambtenaar, geladen["Preventie verslaving jongeren"])
    assert not can_view_opgave(inwoner, geladen["Preventie verslaving jongeren"])


def test_demo_is_idempotent():
    demo()
    first = snapshot()
    demo()
    assert snapshot() == first


def test_the_counts_are_those_of_the_demo_definition(geladen):
    definitie = opgaven_demo.DEMO_OPGAVEN
    assert Opgave.objects.count() == len(definitie) == 4
    assert Organisatie.objects.count() == len(partners_demo.DEMO_ORGANISATIES) >= 8
    assert Lidmaatschap.objects.count() == len(partners_demo.DEMO_LEDEN)
    assert Betrokkenheid.objects.count() == sum(len(d.betrokkenen) for d in definitie)
    assert Positie.objects.count() == sum(len(b.posities) for d in definitie for b in d.betrokkenen)
    assert Contactmoment.objects.count() == sum(len(d.contactmomenten) for d in definitie)
    assert Toezegging.objects.count() == sum(len(d.toezeggingen) for d in definitie)
    assert Doel.objects.count() == sum(1 + len(d.doelen) for d in definitie)
    indicatoren = [i for d in definitie for doel in [d.effect, *d.doelen] for i in doel.indicatoren]
    assert Indicator.objects.count() == len(indicatoren)
    assert Meting.objects.count() == sum(len(i.maandwaarden) for i in indicatoren)
    assert PlanVanAanpak.objects.count() == sum(len(d.plannen) for d in definitie)
    assert Actie.objects.count() == sum(len(p.acties) for d in definitie for p in d.plannen)
    assert {o.titel: o.besluiten.count() for o in geladen.values()} == {
        d.titel: len(d.besluiten) for d in definitie
    }


def test_organisations_of_many_kinds_some_with_a_kvk_number():
    demo()
    assert Organisatie.objects.values("soort").distinct().count() >= 6
    assert Organisatie.objects.exclude(kvk_nummer="").count() >= 4


def test_every_opgave_has_its_charter_themes_and_cbs_areas(geladen):
    for opgave in geladen.values():
        for veld in (
            "vraagstuk",
            "huidige_situatie",
            "gewenste_situatie",
            "maatschappelijk_effect",
            "afbakening",
            "startdatum",
            "horizon",
            "score_impact",
            "score_krachtenveld",
            "score_verhoudingen",
            "score_tijdshorizon",
        ):
            assert getattr(opgave, veld) not in (None, ""), (opgave.titel, veld)
        assert opgave.startdatum < timezone.localdate() < opgave.horizon
        assert opgave.themas.exists(), opgave.titel
        codes = set(opgave.gebieden.values_list("code", flat=True))
        assert codes, opgave.titel
        assert all(code.startswith(("GM9999", "WK9999", "BU9999")) for code in codes)
    # The areas are the seeded rows of Demodam, not new ones.
    assert Gebied.objects.count() == 16


def test_the_phase_history_leads_to_the_current_phase_over_the_past_year(geladen):
    jaar_geleden = timezone.now() - timedelta(days=366)
    met_geschiedenis = 0
    for opgave in geladen.values():
        overgangen = list(opgave.faseovergangen.order_by("op"))
        if not overgangen:
            assert opgave.fase == Fase.VERKENNEN, opgave.titel
            continue
        met_geschiedenis += 1
        assert overgangen[-1].naar == opgave.fase
        for eerder, later in pairwise(overgangen):
            assert eerder.naar == later.van
        for overgang in overgangen:
            assert fase_overgang_is_toegestaan(van=overgang.van, naar=overgang.naar)
            assert jaar_geleden < overgang.op < timezone.now()
            assert overgang.reden
    assert met_geschiedenis == 3
    energie = geladen["Energietransitie Demodam-Noord"].faseovergangen.order_by("op")
    assert energie.first().van == Fase.VERKENNEN
    assert (energie.last().op - energie.first().op).days > 180


def test_the_krachtenveld_shifts_over_a_year(geladen):
    vandaag = timezone.localdate()
    energie = geladen["Energietransitie Demodam-Noord"]
    for betrokkenheid in energie.betrokkenheden.all():
        posities = list(betrokkenheid.posities.order_by("datum"))
        assert len(posities) >= 2
        assert all(vandaag - timedelta(days=366) < p.datum < vandaag for p in posities)
    woonstichting = energie.betrokkenheden.get(organisatie__naam="Woonstichting Demodam")
    houdingen = list(woonstichting.posities.order_by("datum").values_list("houding", flat=True))
    assert houdingen[0] < 0 < houdingen[-1]
    datums = energie.posities.values_list("datum", flat=True)
    assert (max(datums) - min(datums)).days > 300
    assert energie.contactmomenten.values("hoedanigheid").distinct().count() >= 3


def test_the_regisseur_has_an_overdue_commitment(geladen):
    te_laat = Toezegging.objects.filter(
        eigenaar__email="regisseur@demodam.nl",
        status=Toezegging.Status.OPEN,
        deadline__lt=timezone.localdate(),
    )
    assert te_laat.count() == 1
    assert te_laat.get().opgave.titel == "Energietransitie Demodam-Noord"
    assert Toezegging.objects.filter(
        status=Toezegging.Status.OPEN, deadline__gte=timezone.localdate()
    ).exists()


def test_goals_have_indicators_with_monthly_measurements(geladen):
    vandaag = timezone.localdate()
    for opgave in geladen.values():
        effect = opgave.doelen.get(soort=Doel.Soort.EFFECT)
        assert opgave.doelen.filter(bovenliggend=effect).count() >= 2
        assert opgave.indicatoren.exists()
    maandelijks = Indicator.objects.filter(metingen__isnull=False).distinct()
    assert maandelijks.count() >= 6
    for indicator in maandelijks:
        datums = list(indicator.metingen.order_by("datum").values_list("datum", flat=True))
        assert len(datums) == 12
        assert all(d.day == 1 for d in datums)
        assert len({(d.year, d.month) for d in datums}) == 12
        assert datums[-1] == vandaag.replace(day=1)


def test_the_partner_sees_the_internal_opgave_of_its_organisation(geladen):
    partner = User.objects.get(email="partner@demodam.nl")
    intern = geladen["Leefbaarheid Stationskwartier"]

    assert list(organisaties_van(user=partner, rol=Lidmaatschap.Rol.CONTACTPERSOON)) == [
        Organisatie.objects.get(naam="Woonstichting Demodam")
    ]
    assert Organisatie.objects.get(naam="Woonstichting Demodam").lidmaatschappen.count() >= 3
    assert opgaven_visible_to(partner).filter(pk=intern.pk).exists()
    assert can_view_werkruimte(partner, intern)
    assert not opgaven_visible_to(partner).filter(titel="Preventie verslaving jongeren").exists()


def test_plan_v1_adopted_and_v2_waits_for_the_woonstichting(geladen):
    energie = geladen["Energietransitie Demodam-Noord"]
    v1, v2 = energie.plannen.get(versie=1), energie.plannen.get(versie=2)
    betrokken = set(energie.betrokkenheden.values_list("organisatie_id", flat=True))

    assert v1.status == PlanVanAanpak.Status.VASTGESTELD
    assert v1.ingediend_op < v1.vastgesteld_op < timezone.now()
    assert set(v1.instemmingen.values_list("organisatie_id", "besluit")) == {
        (organisatie, Instemming.Besluit.INGESTEMD) for organisatie in betrokken
    }
    assert v2.status == PlanVanAanpak.Status.TER_INSTEMMING
    open_ = v2.instemmingen.get(besluit=Instemming.Besluit.OPEN)
    assert open_.organisatie.naam == "Woonstichting Demodam"
    assert (open_.door, open_.op) == (None, None)
    assert set(v2.instemmingen.values_list("organisatie_id", flat=True)) == betrokken
    assert (
        v2.instemmingen.filter(besluit=Instemming.Besluit.INGESTEMD).count() == len(betrokken) - 1
    )
    # partner@ answered version 1 for the woonstichting, and can answer version 2.
    assert v1.instemmingen.get(organisatie=open_.organisatie).door.email == "partner@demodam.nl"


def test_actions_have_lead_organisations_one_of_them_the_woonstichting(geladen):
    energie = geladen["Energietransitie Demodam-Noord"]
    acties = Actie.objects.filter(opgave=energie, plan__versie=1)
    assert acties.filter(trekker__naam="Woonstichting Demodam").exists()
    assert acties.values("status").distinct().count() >= 4
    assert acties.filter(doel__opgave=energie).exists()
    assert Actie.objects.filter(uitvoerders__isnull=False).exists()
    # A draft plan elsewhere: nobody is asked for consent yet.
    concept = PlanVanAanpak.objects.get(status=PlanVanAanpak.Status.CONCEPT)
    assert concept.acties.exists()
    assert not concept.instemmingen.exists()


def test_only_the_demo_accounts_are_notified(django_capture_on_commit_callbacks, mailoutbox):
    """The members without a login have made-up addresses: they are never told anything."""
    with django_capture_on_commit_callbacks(execute=True):
        demo()

    assert not Melding.objects.exclude(ontvanger__email__in=DEMO_ACCOUNTS).exists()
    assert mailoutbox == []
