"""The result is computed once, even when beat and an official close the vote at the
same moment (PostgreSQL, threads released together)."""

import pytest

from meldingen.models import Melding, Soort
from participatie.models import Begroting, Voorstel
from participatie.services_begroting import (
    keuze_toevoegen,
    stembiljet_bevestigen,
    stembiljet_openen,
    uitslag_berekenen,
)
from tests.concurrency import run_together

pytestmark = pytest.mark.django_db(transaction=True)


def test_twee_keer_tegelijk_sluiten_geeft_een_uitslag(stemming, inwoner):
    biljet = stembiljet_openen(begroting=stemming, user=inwoner)
    project3 = stemming.voorstellen.get(titel="Project 3")
    stembiljet_bevestigen(stembiljet=keuze_toevoegen(stembiljet=biljet, voorstel=project3))

    uitkomsten = run_together(lambda: uitslag_berekenen(begroting=stemming), deelnemers=2)

    assert all(isinstance(u, Begroting) for u in uitkomsten), uitkomsten
    stemming.refresh_from_db()
    assert stemming.fase == Begroting.Fase.UITSLAG
    assert stemming.opkomst == 1
    assert Voorstel.objects.get(pk=project3.pk).aantal_stemmen == 1
    assert Melding.objects.filter(soort=Soort.UITSLAG_GEPUBLICEERD, ontvanger=inwoner).count() == 1
