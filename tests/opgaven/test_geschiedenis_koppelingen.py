"""The many-to-many links in the History tab: themes, areas and an action's uitvoerders."""

from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

import pghistory
import pytest
from pytest_django.asserts import assertContains

from opgaven.models import (
    Actie,
    ActieUitvoerder,
    Betrokkenheid,
    Gebied,
    Opgave,
    OpgaveGebied,
    OpgaveThema,
    Thema,
    Zichtbaarheid,
)
from opgaven.selectors.geschiedenis import geschiedenis_van
from opgaven.services.plan import (
    actie_bijwerken,
    actie_toevoegen,
    actie_verwijderen,
    plan_aanmaken,
)
from partners.models import Organisatie
from partners.services import organisatie_create
from tests.factories import OpgaveFactory

pytestmark = pytest.mark.django_db


def nl(msgid):
    with translation.override("nl"):
        return gettext(msgid)


def veldnaam(model, veld):
    with translation.override("nl"):
        return capfirst(str(model._meta.get_field(veld).verbose_name))


def uitvoerders_van(titel):
    with translation.override("nl"):
        return gettext("Organisations carrying out action %(actie)s") % {"actie": titel}


def bewerk(client, opgave, **velden):
    data = {
        "titel": opgave.titel,
        "vraagstuk": opgave.vraagstuk,
        "zichtbaarheid": Zichtbaarheid.OPENBAAR,
        **velden,
    }
    response = client.post(reverse("opgaven:edit", kwargs={"slug": opgave.slug}), data)
    assert response.status_code == 302


def geschiedenis(client, opgave, **query):
    url = reverse("opgaven:geschiedenis", kwargs={"slug": opgave.slug})
    response = client.get(url, query)
    assert response.status_code == 200
    return response


def koppelingen(wijzigingen):
    """(what, object, action label, who) of the link rows: the rest has another kind."""
    soorten = {veldnaam(Opgave, "themas"), veldnaam(Opgave, "gebieden")}
    return {
        (w.soort, w.object, w.actie_label, w.wie)
        for w in wijzigingen
        if w.soort in soorten or w.soort.startswith(uitvoerders_van(""))
    }


def test_editing_the_themes_shows_what_was_added_and_removed(client, regisseur, opgave):
    wonen = Thema.objects.get(slug="wonen")
    energie = Thema.objects.get(slug="energie-en-klimaat")
    veiligheid = Thema.objects.get(slug="veiligheid")
    opgave.themas.set([wonen, energie])  # outside a request: the system
    client.force_login(regisseur)

    bewerk(client, opgave, themas=[energie.pk, veiligheid.pk])

    response = geschiedenis(client, opgave)
    themas = veldnaam(Opgave, "themas")
    assert koppelingen(response.context["pagina"].wijzigingen) == {
        (themas, "Wonen", nl("added"), nl("System")),
        (themas, "Energie en klimaat", nl("added"), nl("System")),
        (themas, "Wonen", nl("removed"), "Rutger Regie"),
        (themas, "Veiligheid", nl("added"), "Rutger Regie"),
    }
    assertContains(response, "Veiligheid")
    assertContains(response, nl("removed"))
    assertContains(response, "geschiedenis__actie--delete")


def test_editing_the_areas_shows_them_too(client, regisseur, opgave):
    centrum, noord = Gebied.objects.filter(niveau=Gebied.Niveau.WIJK).order_by("code")[:2]
    client.force_login(regisseur)
    bewerk(client, opgave, gebieden=[centrum.pk])
    bewerk(client, opgave, gebieden=[noord.pk])

    response = geschiedenis(client, opgave)

    gebieden = veldnaam(Opgave, "gebieden")
    assert koppelingen(response.context["pagina"].wijzigingen) == {
        (gebieden, centrum.naam, nl("added"), "Rutger Regie"),
        (gebieden, centrum.naam, nl("removed"), "Rutger Regie"),
        (gebieden, noord.naam, nl("added"), "Rutger Regie"),
    }


def test_saving_the_same_themes_again_records_nothing(client, regisseur, opgave):
    wonen = Thema.objects.get(slug="wonen")
    client.force_login(regisseur)
    bewerk(client, opgave, themas=[wonen.pk])
    bewerk(client, opgave, themas=[wonen.pk])

    rijen = koppelingen(geschiedenis(client, opgave).context["pagina"].wijzigingen)

    assert len(QuerySet(model=OpgaveThema.pgh_event_model).filter(opgave=opgave)) == 1
    assert rijen == {(veldnaam(Opgave, "themas"), "Wonen", nl("added"), "Rutger Regie")}


@pytest.fixture
def zorg(opgave):
    """A second organisation involved in ``opgave``."""
    zorg = organisatie_create(naam="Zorggroep Demodam", soort=Organisatie.Soort.ZORG_EN_WELZIJN)
    Betrokkenheid.objects.create(opgave=opgave, organisatie=zorg, aard=Betrokkenheid.Aard.VOERT_UIT)
    return zorg


def actie_met(opgave, trekker, uitvoerders):
    plan = plan_aanmaken(opgave=opgave)
    return actie_toevoegen(plan=plan, titel="Warmtescan", trekker=trekker, uitvoerders=uitvoerders)


def test_uitvoerders_added_and_removed_by_the_plan_service_show(
    client, regisseur, opgave, organisatie, zorg
):
    with pghistory.context(user=regisseur.pk):
        actie = actie_met(opgave, organisatie, [organisatie])
        actie_bijwerken(actie=actie, titel="Warmtescan", trekker=organisatie, uitvoerders=[zorg])
    client.force_login(regisseur)

    response = geschiedenis(client, opgave)

    soort = uitvoerders_van("Warmtescan")
    assert koppelingen(response.context["pagina"].wijzigingen) == {
        (soort, "Woonstichting Demodam", nl("added"), "Rutger Regie"),
        (soort, "Woonstichting Demodam", nl("removed"), "Rutger Regie"),
        (soort, "Zorggroep Demodam", nl("added"), "Rutger Regie"),
    }
    assertContains(response, "Zorggroep Demodam")


def test_the_uitvoerders_of_a_deleted_action_are_not_repeated(client, regisseur, opgave, zorg):
    actie = actie_met(opgave, zorg, [zorg])
    actie_verwijderen(actie=actie)
    client.force_login(regisseur)

    wijzigingen = geschiedenis(client, opgave).context["pagina"].wijzigingen

    # The deletion of the action removed the link too: recorded, not shown twice.
    assert QuerySet(model=ActieUitvoerder.pgh_event_model).filter(pgh_label="delete").exists()
    assert koppelingen(wijzigingen) == {
        (uitvoerders_van("Warmtescan"), "Zorggroep Demodam", nl("added"), nl("System")),
    }
    verwijderd = [w for w in wijzigingen if w.actie == "delete"]
    assert [(w.object, w.actie_label) for w in verwijderd] == [("Warmtescan", nl("deleted"))]


def test_an_action_from_before_the_audit_trail_still_shows_its_uitvoerders(
    client, regisseur, opgave, organisatie
):
    actie = actie_met(opgave, organisatie, [organisatie])
    # As if the action were made before its events were recorded: only the link's event is left.
    QuerySet(model=Actie.pgh_event_model).filter(pgh_obj_id=actie.pk).delete()
    client.force_login(regisseur)

    rijen = koppelingen(geschiedenis(client, opgave).context["pagina"].wijzigingen)

    assert rijen == {
        (uitvoerders_van("Warmtescan"), "Woonstichting Demodam", nl("added"), nl("System"))
    }


def test_links_of_another_opgave_are_not_shown(client, regisseur, opgave, andere_opgave):
    andere_opgave.themas.set([Thema.objects.get(slug="wonen")])
    andere_opgave.gebieden.set(Gebied.objects.all()[:1])
    client.force_login(regisseur)

    assert koppelingen(geschiedenis(client, opgave).context["pagina"].wijzigingen) == set()
    assert koppelingen(geschiedenis_van(opgave=andere_opgave).wijzigingen)


def test_a_deleted_theme_stays_readable(client, regisseur, opgave):
    thema = Thema.objects.create(naam="Tijdelijk", slug="tijdelijk")
    opgave.themas.add(thema)
    nummer = thema.pk
    thema.delete()  # takes the link along: a removal
    client.force_login(regisseur)

    rijen = koppelingen(geschiedenis(client, opgave).context["pagina"].wijzigingen)

    deleted = nl("deleted (no. %(nummer)s)") % {"nummer": nummer}
    themas = veldnaam(Opgave, "themas")
    assert rijen == {
        (themas, deleted, nl("added"), nl("System")),
        (themas, deleted, nl("removed"), nl("System")),
    }


def test_the_number_of_queries_does_not_grow_with_the_links(client, regisseur, organisatie):
    opgave = OpgaveFactory()
    Betrokkenheid.objects.create(
        opgave=opgave, organisatie=organisatie, aard=Betrokkenheid.Aard.VOERT_UIT
    )
    client.force_login(regisseur)
    geschiedenis(client, opgave)  # warm the process-wide caches
    with CaptureQueriesContext(connection) as weinig:
        response = geschiedenis(client, opgave)
    aantal = response.context["pagina"].aantal

    opgave.themas.set(Thema.objects.all())
    opgave.gebieden.set(Gebied.objects.all()[:20])
    andere = [
        organisatie_create(naam=f"Partner {n}", soort=Organisatie.Soort.MAATSCHAPPELIJK)
        for n in range(10)
    ]
    for partner in andere:
        Betrokkenheid.objects.create(
            opgave=opgave, organisatie=partner, aard=Betrokkenheid.Aard.VOERT_UIT
        )
    actie_met(opgave, organisatie, andere)
    with CaptureQueriesContext(connection) as veel:
        response = geschiedenis(client, opgave)
        tweede = geschiedenis(client, opgave, pagina=2)

    assert response.context["pagina"].aantal > aantal + 40
    assert len(koppelingen(response.context["pagina"].wijzigingen)) > 0
    assert len(tweede.context["pagina"].wijzigingen) == 25
    assert len(veel) == 2 * len(weinig)
    assert len(weinig) <= 12


def test_every_link_kind_is_tracked():
    """A new many-to-many field on a tracked model needs a proxy here too."""
    gevolgd = {proxy._meta.concrete_model for proxy in (OpgaveThema, OpgaveGebied, ActieUitvoerder)}
    velden = {
        veld.remote_field.through for model in (Opgave, Actie) for veld in model._meta.many_to_many
    }
    assert gevolgd == velden
