"""The last two consents at the same moment (PostgreSQL): the plan is adopted exactly once."""

import contextlib
import threading

from django.apps import apps

import pytest

from meldingen.models import Melding, Soort
from opgaven.models import Instemming, PlanVanAanpak
from opgaven.services import plan as services
from partners.models import Lidmaatschap
from partners.services import lidmaatschap_toevoegen
from tests.concurrency import run_together
from tests.factories import UserFactory
from tests.matrix.plan import zorggroep


@pytest.fixture
def voorgelegd(opgave, organisatie, regisseur):
    """Version 1 of ``opgave``'s plan, awaiting consent of two organisations."""
    zorggroep(opgave)
    plan = services.plan_aanmaken(opgave=opgave)
    services.plan_ter_instemming_voorleggen(plan=plan, door=regisseur)
    plan.refresh_from_db()
    return plan


@pytest.mark.django_db(transaction=True)
def test_two_last_consents_at_once_adopt_the_plan_exactly_once(
    voorgelegd, partner_lid, regisseur, monkeypatch
):
    zorg_contact = UserFactory()
    zorg = zorggroep(voorgelegd.opgave)
    lidmaatschap_toevoegen(organisatie=zorg, user=zorg_contact, rol=Lidmaatschap.Rol.CONTACTPERSOON)
    wie = {
        Instemming.objects.get(plan=voorgelegd, organisatie=zorg).pk: zorg_contact,
        Instemming.objects.exclude(organisatie=zorg).get(plan=voorgelegd).pk: partner_lid,
    }
    wachtrij = list(wie)

    # Hold each thread after it saved its own answer, until the other one has too (or
    # a second passed). Without the lock on the plan row both would then count the
    # other's answer as still open (not committed yet), and neither would adopt the
    # plan. With the lock the second thread waits at the lock instead: the first one
    # gives up waiting here, commits, and the second counts both consents.
    samen = threading.Barrier(2)
    tellen = services._alle_ingestemd

    def tellen_als_beide_antwoorden_er_zijn(plan):
        with contextlib.suppress(threading.BrokenBarrierError):
            samen.wait(timeout=1)
        return tellen(plan)

    monkeypatch.setattr(services, "_alle_ingestemd", tellen_als_beide_antwoorden_er_zijn)

    def instemmen():
        instemming = Instemming.objects.select_related("plan").get(pk=wachtrij.pop())
        return services.instemming_beantwoorden(
            instemming=instemming, besluit="ingestemd", door=wie[instemming.pk]
        )

    uitkomsten = run_together(instemmen)

    assert all(isinstance(u, Instemming) for u in uitkomsten), uitkomsten
    voorgelegd.refresh_from_db()
    assert voorgelegd.status == PlanVanAanpak.Status.VASTGESTELD
    assert voorgelegd.vastgesteld_op is not None
    assert set(Instemming.objects.values_list("besluit", flat=True)) == {"ingestemd"}
    # Exactly one update set "vastgesteld" (the audit trail records every update).
    events = apps.get_model("opgaven", "PlanVanAanpakEvent").objects.filter(
        pgh_obj_id=voorgelegd.pk, pgh_label="update", status=PlanVanAanpak.Status.VASTGESTELD
    )
    assert events.count() == 1
    assert list(
        Melding.objects.filter(soort=Soort.PLAN_VASTGESTELD).values_list("ontvanger", flat=True)
    ) == [regisseur.pk]
