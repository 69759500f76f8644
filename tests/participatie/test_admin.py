"""The admin shows participation but cannot change it: rounds, input, feedback and
moderation change through the round's pages and ``participatie.services`` only."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains

from participatie.models import Inbreng, Markering, Ronde, Terugkoppeling
from participatie.services import deelnemen, inbreng_indienen, markeren, terugkoppelen
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODELLEN = (
    "ronde",
    "deelname",
    "inbreng",
    "reactie",
    "markering",
    "terugkoppeling",
    "sessie",
    "aanmelding",
)


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True, totp=True)


@pytest.mark.parametrize("model", MODELLEN)
def test_the_beheerder_reads_every_list_and_adds_nothing(client, beheerder, ronde, model):
    client.force_login(beheerder)
    assert client.get(reverse(f"admin:participatie_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:participatie_{model}_add")).status_code == 403


@pytest.mark.parametrize("persona", ["beheerder", "superuser"])
def test_a_round_is_read_only_in_the_admin(client, request, persona, ronde, inbreng, regisseur):
    terugkoppelen(inbreng=inbreng, door=regisseur, status="overgenomen", motivering="Komt er.")
    client.force_login(request.getfixturevalue(persona))

    lijst = client.get(reverse("admin:participatie_ronde_changelist"))
    assertContains(lijst, ronde.titel)
    assertContains(lijst, ronde.get_absolute_url())

    wijzigen = reverse("admin:participatie_ronde_change", args=[ronde.pk])
    pagina = client.get(wijzigen)
    assert pagina.status_code == 200
    assert 'name="_save"' not in pagina.content.decode()
    assert client.post(wijzigen, {"titel": "Anders", "status": "teruggekoppeld"}).status_code == 403
    verwijderen = reverse("admin:participatie_ronde_delete", args=[ronde.pk])
    assert client.post(verwijderen, {"post": "yes"}).status_code == 403

    terugkoppeling = Terugkoppeling.objects.get()
    url = reverse("admin:participatie_terugkoppeling_change", args=[terugkoppeling.pk])
    assert client.post(url, {"motivering": "Anders"}).status_code == 403
    ronde.refresh_from_db()
    assert (ronde.titel, ronde.status) == ("Samen tegen eenzaamheid in Noorderpolder", "open")
    assert Terugkoppeling.objects.get().motivering == "Komt er."


def test_the_search_and_filters_work(client, beheerder, ronde, inbreng):
    client.force_login(beheerder)
    gevonden = client.get(reverse("admin:participatie_inbreng_changelist"), {"q": "koffie"})
    assertContains(gevonden, inbreng.titel)
    gefilterd = client.get(
        reverse("admin:participatie_ronde_changelist"), {"status__exact": "ontwerp"}
    )
    assert gefilterd.status_code == 200
    assert ronde.titel not in gefilterd.content.decode()


@pytest.mark.parametrize("model", ["inbreng", "markering", "terugkoppeling"])
def test_the_lists_cost_the_same_for_1_and_10_rows(client, beheerder, regisseur, ronde, model):
    def maak():
        auteur = UserFactory()
        deelnemen(ronde=ronde, user=auteur)
        inbreng = inbreng_indienen(ronde=ronde, auteur=auteur, soort="idee", titel="I", tekst="T")
        markeren(melder=regisseur, reden="Reclame", inbreng=inbreng)
        terugkoppelen(inbreng=inbreng, door=regisseur, status="overgenomen", motivering="Ja.")

    def telling():
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse(f"admin:participatie_{model}_changelist")).status_code == 200
        return len(context)

    client.force_login(beheerder)
    maak()
    een = telling()
    for _nummer in range(9):
        maak()
    assert Inbreng.objects.count() == Markering.objects.count() == 10
    assert telling() == een
    assert Ronde.objects.count() == 1
