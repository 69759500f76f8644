"""The demo participatory budgets: a vote in progress and a finished round."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

import pytest

from participatie.demo_begroting import AFGEROND, STEMMING, demo_stemcodes
from participatie.exports_begroting import pabulib
from participatie.models import Begroting, Stembiljet, Stemcode, Stemkeuze, Voorstel
from participatie.services_begroting import stemcode_controleren
from tests.participatie.uitslag_hulp import pabulib_lezen

pytestmark = pytest.mark.django_db

# The codes that docs/burgerbegroting.md names: they work in every demo.
DOCS_CODES = ["R9AQ-YHS9-8Q67", "RMKH-VD7N-2KDA", "WPF9-7MK5-GWKU"]


@pytest.fixture
def demo(mailoutbox):
    call_command("demo", verbosity=0)


def _tellingen() -> tuple:
    return (
        Begroting.objects.count(),
        Voorstel.objects.count(),
        Stembiljet.objects.count(),
        Stemkeuze.objects.count(),
        Stemcode.objects.count(),
    )


def test_the_vote_in_progress(demo):
    begroting = Begroting.objects.get(ronde__titel=STEMMING)

    assert begroting.fase == Begroting.Fase.STEMMEN
    assert begroting.ronde.status == "open"
    assert begroting.totaal == 50000
    assert begroting.is_knapsack
    assert begroting.voorstellen.count() == 12
    assert begroting.voorstellen.filter(status="op_stembiljet").count() == 9
    niet_haalbaar = begroting.voorstellen.filter(status="niet_haalbaar")
    assert niet_haalbaar.count() == 3
    assert all(v.motivering for v in niet_haalbaar)
    bevestigd = begroting.stembiljetten.filter(bevestigd_op__isnull=False)
    assert bevestigd.count() == 200
    assert bevestigd.filter(user__email__endswith="@demo.demodam.nl").count() == 30
    assert bevestigd.filter(stemcode__isnull=False).count() == 170
    assert begroting.stemcodes.filter(gebruikt_op__isnull=True).count() == 100
    assert begroting.stemcodes.filter(gebruikt_op__isnull=False).count() == 170
    # Every ballot fits the budget, and its stored totals are its choices.
    for biljet in bevestigd.prefetch_related("keuzes"):
        keuzes = [k for k in biljet.keuzes.all() if k.bevestigd]
        assert biljet.totaal == sum(k.kosten for k in keuzes) <= begroting.totaal
        assert biljet.aantal == len(keuzes) >= 1

    # The demo codes that the docs name work, also typed in lower case with spaces.
    assert demo_stemcodes()[:3] == DOCS_CODES
    docs = (Path(settings.BASE_DIR) / "docs" / "burgerbegroting.md").read_text()
    for code in DOCS_CODES:
        assert code in docs
        assert stemcode_controleren(begroting=begroting, code=code).gebruikt_op is None
        assert stemcode_controleren(begroting=begroting, code=code.lower().replace("-", " "))


def test_the_finished_round_shows_its_result_and_realisation(demo, client):
    begroting = Begroting.objects.get(ronde__titel=AFGEROND)

    assert begroting.fase == Begroting.Fase.UITVOERING
    assert begroting.ronde.status == "gesloten"
    assert begroting.opkomst == 60
    gekozen = begroting.voorstellen.filter(status__in=["gekozen", "gerealiseerd"])
    assert gekozen.filter(status="gerealiseerd", indiener__email="inwoner@demodam.nl").exists()
    assert gekozen.filter(actie__isnull=False).exists()
    assert begroting.voorstellen.filter(status="niet_gekozen").exists()
    assert sum(v.kosten for v in gekozen) <= begroting.totaal

    response = client.get(reverse("participatie:uitslag", kwargs={"slug": begroting.ronde.slug}))
    assert response.status_code == 200
    gelezen = pabulib_lezen(pabulib(begroting))
    assert gelezen.meta["num_votes"] == "60"
    assert len(gelezen.projecten) == 6


def test_the_demo_is_idempotent(demo):
    voor = _tellingen()
    call_command("demo", verbosity=0)
    assert _tellingen() == voor
    assert Begroting.objects.get(ronde__titel=STEMMING).stembiljetten.count() == 200
