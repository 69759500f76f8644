"""The demo participation: an open round full of input, a closed one fully fed back."""

from django.core.management import call_command

import pytest

from participatie.models import Aanmelding, Inbreng, Markering, Ronde, Steun
from participatie.services import inbreng_zonder_terugkoppeling

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(mailoutbox):
    call_command("demo", verbosity=0)


def test_de_open_ronde_over_eenzaamheid(demo):
    ronde = Ronde.objects.get(opgave__titel="Samen tegen eenzaamheid", status=Ronde.Status.OPEN)
    zichtbaar = ronde.inbreng.filter(verborgen_op__isnull=True)
    assert zichtbaar.count() == 40
    assert ronde.inbreng.filter(verborgen_op__isnull=False).count() == 1
    assert Steun.objects.filter(inbreng__ronde=ronde).exists()
    for item in ronde.inbreng.all():
        assert item.aantal_steun == item.steunbetuigingen.count()
        assert item.aantal_reacties == item.reacties.count()
    assert set(
        Markering.objects.filter(inbreng__ronde=ronde).values_list("afhandeling", flat=True)
    ) >= {"verborgen", "afgewezen"}
    assert Markering.objects.filter(reactie__inbreng__ronde=ronde, afhandeling="open").exists()
    vol, ruim = ronde.sessies.order_by("start")
    assert vol.aantal_aangemeld == vol.capaciteit
    assert vol.aanmeldingen.filter(status=Aanmelding.Status.WACHTLIJST).count() == 4
    assert vol.aanmeldingen.get(user__email="inwoner@demodam.nl").status == "wachtlijst"
    assert ruim.aantal_aangemeld < ruim.capaciteit


def test_de_gesloten_ronde_is_helemaal_teruggekoppeld(demo):
    ronde = Ronde.objects.get(status=Ronde.Status.TERUGGEKOPPELD)
    assert ronde.inbreng.count() >= 6
    assert not inbreng_zonder_terugkoppeling(ronde).exists()
    ilse = Inbreng.objects.get(ronde=ronde, auteur__email="inwoner@demodam.nl")
    assert ilse.terugkoppeling.motivering
    assert ronde.inbreng.filter(terugkoppeling__actie__isnull=False).exists()


def test_de_demo_is_idempotent(demo):
    aantallen = (Ronde.objects.count(), Inbreng.objects.count(), Steun.objects.count())
    call_command("demo", verbosity=0)
    assert (Ronde.objects.count(), Inbreng.objects.count(), Steun.objects.count()) == aantallen
