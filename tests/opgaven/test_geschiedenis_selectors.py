"""geschiedenis_van: every recorded change of an opgave and its parts, readable."""

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext

import pytest

from accounts.roles import Rol
from opgaven.models import (
    Actie,
    Besluit,
    Betrokkenheid,
    Contactmoment,
    Doel,
    Fase,
    Indicator,
    Instemming,
    Meting,
    Opgaverol,
    PlanVanAanpak,
    Positie,
    Toezegging,
)
from opgaven.selectors.geschiedenis import (
    GEVOLGDE_MODELLEN,
    WIJZIGINGEN_PER_PAGINA,
    geschiedenis_van,
)
from opgaven.services import opgave_fase_wijzigen, opgave_update, opgaverol_beeindigen
from partners.models import Organisatie
from partners.services import organisatie_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _nederlands():
    with translation.override("nl"):
        yield


def alle(opgave):
    """Every change of ``opgave``, over all pages."""
    wijzigingen, pagina = [], 1
    while True:
        deel = geschiedenis_van(opgave=opgave, pagina=pagina)
        wijzigingen += deel.wijzigingen
        if not deel.heeft_volgende:
            return wijzigingen
        pagina += 1


def van(opgave, model, actie=None):
    return [
        w for w in alle(opgave) if w.soort == soort(model) and (actie is None or w.actie == actie)
    ]


def soort(model):
    return capfirst(str(model._meta.verbose_name))


def veld(model, naam):
    """The (translated) name a field has in the history."""
    return str(model._meta.get_field(naam).verbose_name)


def velden(wijziging):
    return {veld.veld: (veld.oud, veld.nieuw) for veld in wijziging.velden}


def verplaats(event_model, when, **filters):
    """Set the recorded time of events (the test runs in one transaction: one NOW())."""
    QuerySet(model=event_model).filter(**filters).update(pgh_created_at=when)


def test_a_new_opgave_has_its_creation_in_its_history(opgave):
    wijzigingen = alle(opgave)
    soorten = {(w.soort, w.object, w.actie) for w in wijzigingen}
    assert ("Opgave", "Energietransitie Demodam-Noord", "insert") in soorten
    assert ("Opgaverol", "Opgaveregisseur: Rutger Regie", "insert") in soorten
    assert all(w.actie_label == gettext("created") for w in wijzigingen)
    # Made outside a request (the fixture calls services): the system did it.
    assert {w.wie for w in wijzigingen} == {gettext("System")}


def test_every_part_of_the_opgave_is_in_its_history(opgave, organisatie, regisseur):
    betrokkenheid = opgave.betrokkenheden.get()
    doel = Doel.objects.create(opgave=opgave, titel="Minder gasverbruik")
    indicator = Indicator.objects.create(
        opgave=opgave,
        doel=doel,
        naam="Woningen van het gas",
        eenheid="woningen",
        nulmeting=0,
        streefwaarde=500,
        streefdatum=date(2030, 1, 1),
    )
    Meting.objects.create(opgave=opgave, indicator=indicator, datum=date(2026, 3, 3), waarde=12)
    Positie.objects.create(
        opgave=opgave,
        betrokkenheid=betrokkenheid,
        datum=date(2026, 1, 1),
        invloed=4,
        belang=5,
        houding=1,
    )
    Contactmoment.objects.create(
        opgave=opgave,
        betrokkenheid=betrokkenheid,
        datum=date(2026, 2, 1),
        kanaal=Contactmoment.Kanaal.GESPREK,
        hoedanigheid=Contactmoment.Hoedanigheid.NAMENS_ORGANISATIE,
        onderwerp="Isolatie van de flats",
    )
    Toezegging.objects.create(
        opgave=opgave, omschrijving="Offerte sturen", eigenaar=regisseur, deadline=date(2026, 4, 1)
    )
    plan = PlanVanAanpak.objects.create(opgave=opgave, versie=1)
    Instemming.objects.create(opgave=opgave, plan=plan, organisatie=organisatie)
    Actie.objects.create(opgave=opgave, plan=plan, titel="Warmtescan", trekker=organisatie)
    Besluit.objects.create(
        opgave=opgave,
        datum=date(2026, 5, 1),
        orgaan=Besluit.Orgaan.COLLEGE,
        titel="Budget vrijgemaakt",
        motivering="Omdat het moet.",
    )

    beschreven = {(w.soort, w.object) for w in alle(opgave)}

    assert {soort for soort, _ in beschreven} == {
        capfirst(str(model._meta.verbose_name)) for model in GEVOLGDE_MODELLEN
    }
    assert (soort(Meting), "Woningen van het gas: 12,00 (3 maart 2026)") in beschreven
    assert (soort(Positie), "Woonstichting Demodam (1 januari 2026)") in beschreven
    assert (soort(PlanVanAanpak), gettext("version %(versie)s") % {"versie": 1}) in beschreven
    assert (soort(Instemming), "Woonstichting Demodam") in beschreven
    assert (soort(Actie), "Warmtescan") in beschreven


def test_an_update_shows_old_and_new_values_readably(opgave, organisatie, regisseur, coachee):
    andere = Betrokkenheid.objects.create(
        opgave=opgave,
        organisatie=organisatie_create(
            naam="Energiecoöperatie Noord", soort=Organisatie.Soort.BEDRIJF
        ),
        aard=Betrokkenheid.Aard.BESLIST,
    )
    plan = PlanVanAanpak.objects.create(opgave=opgave, versie=1)
    actie = Actie.objects.create(opgave=opgave, plan=plan, titel="Warmtescan", trekker=organisatie)
    toezegging = Toezegging.objects.create(
        opgave=opgave, omschrijving="Offerte sturen", eigenaar=regisseur, deadline=date(2026, 4, 1)
    )
    betrokkenheid = opgave.betrokkenheden.get(organisatie=organisatie)

    Actie.objects.filter(pk=actie.pk).update(
        trekker=andere.organisatie, status=Actie.Status.BEZIG, start=date(2026, 3, 3)
    )
    Toezegging.objects.filter(pk=toezegging.pk).update(eigenaar=coachee)
    Betrokkenheid.objects.filter(pk=betrokkenheid.pk).update(aard=Betrokkenheid.Aard.BESLIST)

    (actie_update,) = van(opgave, Actie, "update")
    assert actie_update.actie_label == gettext("changed")
    assert velden(actie_update) == {
        veld(Actie, "trekker"): ("Woonstichting Demodam", "Energiecoöperatie Noord"),
        veld(Actie, "status"): (Actie.Status.GEPLAND.label, Actie.Status.BEZIG.label),
        veld(Actie, "start"): (gettext("(empty)"), "3 maart 2026"),
    }
    (toezegging_update,) = van(opgave, Toezegging, "update")
    assert velden(toezegging_update) == {
        veld(Toezegging, "eigenaar"): ("Rutger Regie", "Coen Coachee")
    }
    (betrokkenheid_update,) = [
        w for w in van(opgave, Betrokkenheid, "update") if w.object == "Woonstichting Demodam"
    ]
    assert velden(betrokkenheid_update) == {
        veld(Betrokkenheid, "aard"): (
            Betrokkenheid.Aard.LEVERT_MIDDELEN.label,
            Betrokkenheid.Aard.BESLIST.label,
        )
    }


def test_people_appear_by_display_name_never_by_email(opgave):
    zonder_naam = UserFactory(rollen=[Rol.AMBTENAAR], weergavenaam="")
    toezegging = Toezegging.objects.create(
        opgave=opgave, omschrijving="Bellen", eigenaar=zonder_naam, deadline=date(2026, 4, 1)
    )
    Toezegging.objects.filter(pk=toezegging.pk).update(eigenaar=opgave.aangemaakt_door)

    (update,) = van(opgave, Toezegging, "update")
    assert velden(update) == {
        veld(Toezegging, "eigenaar"): (gettext("a user without a display name"), "Rutger Regie")
    }
    assert zonder_naam.email not in repr(alle(opgave))


def test_decimals_booleans_and_long_texts_are_readable(opgave, regisseur):
    doel = Doel.objects.create(opgave=opgave, titel="Doel")
    indicator = Indicator.objects.create(
        opgave=opgave,
        doel=doel,
        naam="Aandeel",
        eenheid="%",
        nulmeting=Decimal("10.50"),
        streefwaarde=Decimal("50.00"),
        streefdatum=date(2030, 1, 1),
    )
    Indicator.objects.filter(pk=indicator.pk).update(streefwaarde=Decimal("1234.75"))
    lang = "Een heel lang verhaal over de wijk. " * 10
    opgave_update(opgave=opgave, door=regisseur, vraagstuk=lang, gearchiveerd=True)

    (indicator_update,) = van(opgave, Indicator, "update")
    assert velden(indicator_update) == {veld(Indicator, "streefwaarde"): ("50,00", "1.234,75")}
    (opgave_wijziging,) = van(opgave, type(opgave), "update")
    _, nieuw = velden(opgave_wijziging)[veld(type(opgave), "vraagstuk")]
    assert len(nieuw) <= 80
    assert nieuw.endswith("…")
    assert velden(opgave_wijziging)[veld(type(opgave), "gearchiveerd")] == (
        gettext("no"),
        gettext("yes"),
    )


def test_saving_without_changes_adds_no_row(opgave, regisseur):
    voor = len(alle(opgave))
    opgave_update(opgave=opgave, door=regisseur)  # only gewijzigd_op changes
    assert len(alle(opgave)) == voor


def test_noise_fields_are_left_out_of_a_change(opgave, ambtenaar, regisseur):
    opgave_fase_wijzigen(opgave=opgave, naar=Fase.EVALUEREN, door=regisseur, reden="Klaar.")
    (update,) = van(opgave, type(opgave), "update")
    assert velden(update) == {veld(type(opgave), "fase"): ("Uitvoeren", "Evalueren")}


def test_a_deleted_object_and_a_deleted_target_stay_readable(opgave, organisatie):
    besluit = Besluit.objects.create(
        opgave=opgave,
        datum=date(2026, 5, 1),
        orgaan=Besluit.Orgaan.COLLEGE,
        titel="Budget vrijgemaakt",
        motivering="Omdat het moet.",
    )
    besluit.delete()
    doel = Doel.objects.create(opgave=opgave, titel="Weg ermee")
    plan = PlanVanAanpak.objects.create(opgave=opgave, versie=1)
    Actie.objects.create(opgave=opgave, plan=plan, titel="Scan", trekker=organisatie, doel=doel)
    doel_pk = doel.pk
    doel.delete()  # the action keeps going without a goal (SET_NULL)

    (verwijderd,) = van(opgave, Besluit, "delete")
    assert verwijderd.object == "Budget vrijgemaakt"
    assert verwijderd.actie_label == gettext("deleted")
    (actie_update,) = van(opgave, Actie, "update")
    verdwenen = gettext("deleted (no. %(nummer)s)") % {"nummer": doel_pk}
    assert velden(actie_update) == {veld(Actie, "doel"): (verdwenen, gettext("(empty)"))}


def test_changes_of_another_opgave_are_not_shown(opgave, andere_opgave, ambtenaar):
    opgave_update(opgave=andere_opgave, door=ambtenaar, titel="Iets heel anders")
    Besluit.objects.create(
        opgave=andere_opgave,
        datum=date(2026, 5, 1),
        orgaan=Besluit.Orgaan.COLLEGE,
        titel="Niet van ons",
        motivering="-",
    )
    beschreven = repr(alle(opgave))
    assert "Iets heel anders" not in beschreven
    assert "Niet van ons" not in beschreven
    assert "Verslavingspreventie" not in beschreven


def test_newest_first_25_per_page(opgave):
    morgen = timezone.now() + timedelta(days=1)
    for nummer in range(1, 31):
        besluit = Besluit.objects.create(
            opgave=opgave,
            datum=date(2026, 5, 1),
            orgaan=Besluit.Orgaan.COLLEGE,
            titel=f"Besluit {nummer}",
            motivering="-",
        )
        verplaats(Besluit.pgh_event_model, morgen + timedelta(minutes=nummer), pgh_obj=besluit)
    eerste = geschiedenis_van(opgave=opgave)
    tweede = geschiedenis_van(opgave=opgave, pagina=2)

    assert eerste.aantal == tweede.aantal == 33  # 30 decisions, the opgave, its role, Betrokkenheid
    assert (eerste.aantal_paginas, eerste.heeft_vorige, eerste.heeft_volgende) == (2, False, True)
    assert len(eerste.wijzigingen) == WIJZIGINGEN_PER_PAGINA
    assert [w.object for w in eerste.wijzigingen] == [f"Besluit {n}" for n in range(30, 5, -1)]
    assert [w.object for w in tweede.wijzigingen][:5] == [f"Besluit {n}" for n in range(5, 0, -1)]
    assert len(tweede.wijzigingen) == 8
    assert not tweede.heeft_volgende
    assert not geschiedenis_van(opgave=opgave, pagina=3).bestaat


def test_an_ended_role_shows_its_end_date(opgave, regisseur):
    opgaverol = Opgaverol.objects.get(opgave=opgave, user=regisseur)
    opgaverol_beeindigen(opgaverol=opgaverol, tot=opgaverol.van + timedelta(days=3))
    (update,) = van(opgave, Opgaverol, "update")
    tot = formats.date_format(opgaverol.van + timedelta(days=3), "j F Y")
    assert update.object == "Opgaveregisseur: Rutger Regie"
    assert velden(update) == {"tot": (gettext("(empty)"), tot)}


@pytest.mark.django_db
def test_the_query_compiled_once_is_the_query_of_every_opgave(opgave, andere_opgave):
    """The UNION is compiled once per process with a marker id (issue 12: building it
    cost more than running it). For any opgave it must equal a fresh compilation."""
    from opgaven.selectors import geschiedenis

    def waarden(params):
        return [getattr(param, "obj", param) for param in params]  # Jsonb wraps a value

    for eigen in (opgave, andere_opgave):
        vers_sql, vers_params = geschiedenis._union(eigen)
        sql, params = geschiedenis._union_voor(eigen)
        assert sql == vers_sql
        assert waarden(params) == waarden(vers_params)
        assert eigen.pk in params
