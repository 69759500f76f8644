"""Participation's invariants under concurrent requests, on PostgreSQL (issue 6)."""

import threading

import pytest

from participatie.models import Aanmelding, Inbreng, Sessie, Steun
from participatie.services import aanmelden, steun_wisselen
from tests.concurrency import run_together
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_dertig_aanmeldingen_voor_tien_plaatsen(sessie):
    Sessie.objects.filter(pk=sessie.pk).update(capaciteit=10)
    mensen = iter(UserFactory.create_batch(30))
    lock = threading.Lock()

    def aanmelden_als_volgende():
        with lock:
            user = next(mensen)
        return aanmelden(sessie=sessie, user=user)

    uitkomsten = run_together(aanmelden_als_volgende, deelnemers=30)

    assert all(isinstance(u, Aanmelding) for u in uitkomsten), uitkomsten
    rijen = list(sessie.aanmeldingen.order_by("volgnummer"))
    assert [r.volgnummer for r in rijen] == list(range(1, 31))
    statussen = [r.status for r in rijen]
    # The first ten to arrive have a place; the other twenty wait, in arrival order.
    assert statussen == [Aanmelding.Status.AANGEMELD] * 10 + [Aanmelding.Status.WACHTLIJST] * 20
    sessie.refresh_from_db()
    assert sessie.aantal_aangemeld == 10


def test_vijftig_mensen_steunen_tegelijk(inbreng):
    mensen = iter(UserFactory.create_batch(50))
    lock = threading.Lock()

    def steunen():
        with lock:
            user = next(mensen)
        return steun_wisselen(inbreng=inbreng, user=user)

    uitkomsten = run_together(steunen, deelnemers=50)

    assert all(isinstance(u, tuple) and u[0] for u in uitkomsten), uitkomsten
    inbreng = Inbreng.objects.get(pk=inbreng.pk)
    assert inbreng.aantal_steun == Steun.objects.filter(inbreng=inbreng).count() == 50
