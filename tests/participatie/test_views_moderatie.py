"""Moderation through the pages (issue 6 point 6, the officials' half): the queue of
open flags on a round's input and comments, hiding with a reason, dismissing.
Who may do what, IDOR, privacy, no writes on GET and query counts."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from meldingen.models import Melding, Soort
from participatie.models import Inbreng, Markering, Reactie
from participatie.services import deelnemen, inbreng_indienen, markeren, reactie_plaatsen
from tests.factories import UserFactory
from tests.test_csp import inline_code

pytestmark = pytest.mark.django_db


def wachtrij(ronde):
    return reverse("participatie:moderatie", kwargs={"slug": ronde.slug})


def afhandelen(ronde, markering):
    return reverse(
        "participatie:markering_afhandelen", kwargs={"slug": ronde.slug, "pk": markering.pk}
    )


def vlag(reden="Reclame", **doel):
    return markeren(melder=UserFactory(), reden=reden, **doel)


@pytest.fixture
def reactie(inbreng, inwoner):
    return reactie_plaatsen(inbreng=inbreng, auteur=inwoner, tekst="Ik kom ook, met taart.")


# --- The queue --------------------------------------------------------------------------------


def test_the_queue_groups_the_flags_per_content_with_reasons_and_count(
    client, regisseur, ronde, inbreng, reactie, inwoner
):
    eerste = vlag("Dit is reclame", inbreng=inbreng)
    vlag("Spam", inbreng=inbreng)
    op_reactie = vlag("Grof taalgebruik", reactie=reactie)
    afgewezen = vlag("Niks mis mee", inbreng=inbreng)
    Markering.objects.filter(pk=afgewezen.pk).update(afhandeling=Markering.Afhandeling.AFGEWEZEN)
    client.force_login(regisseur)

    response = client.get(wachtrij(ronde))

    rijen = response.context["wachtrij"]
    assert [(r.inhoud, len(r.markeringen)) for r in rijen] == [(inbreng, 2), (reactie, 1)]
    for tekst in ("Dit is reclame", "Spam", "Grof taalgebruik", inbreng.tekst, reactie.tekst):
        assertContains(response, tekst)
    assertNotContains(response, "Niks mis mee")
    assertContains(response, afhandelen(ronde, eerste))
    assertContains(response, afhandelen(ronde, op_reactie))
    assertContains(response, inwoner.weergavenaam)
    assertNotContains(response, inwoner.email)
    assert inline_code(response.content.decode()) == []


def test_an_empty_queue(client, regisseur, ronde):
    client.force_login(regisseur)
    response = client.get(wachtrij(ronde))
    assert response.status_code == 200
    assert response.context["wachtrij"] == []


def test_the_queue_costs_the_same_for_1_and_30_flags(client, regisseur, ronde, inbreng, inwoner):
    def telling():
        with CaptureQueriesContext(connection) as context:
            response = client.get(wachtrij(ronde))
        assert response.status_code == 200
        return len(context)

    vlag(inbreng=inbreng)
    client.force_login(regisseur)
    een = telling()
    for nummer in range(29):
        if nummer % 3 == 0:
            vlag(inbreng=inbreng)
        elif nummer % 3 == 1:
            auteur = UserFactory()
            deelnemen(ronde=ronde, user=auteur)
            nieuw = inbreng_indienen(
                ronde=ronde, auteur=auteur, soort="idee", titel=f"Idee {nummer}", tekst="T."
            )
            vlag(inbreng=nieuw)
        else:
            vlag(reactie=reactie_plaatsen(inbreng=inbreng, auteur=inwoner, tekst=f"R {nummer}"))
    assert Markering.objects.filter(afhandeling="open").count() == 30
    assert telling() == een
    assert een <= 15


def test_flags_of_another_round_are_not_in_this_queue(
    client, regisseur, ronde, inbreng, andere_ronde
):
    vlag("Van elders", inbreng=andere_ronde.inbreng.get())
    client.force_login(regisseur)
    assertNotContains(client.get(wachtrij(ronde)), "Van elders")


# --- Handling a flag ------------------------------------------------------------------------


def test_the_confirm_page_changes_nothing_on_get(client, regisseur, ronde, inbreng):
    markering = vlag(inbreng=inbreng)
    client.force_login(regisseur)

    response = client.get(afhandelen(ronde, markering), {"besluit": "verbergen", "reden": "x"})

    assertContains(response, inbreng.tekst)
    assert inline_code(response.content.decode()) == []
    markering.refresh_from_db()
    assert markering.afhandeling == Markering.Afhandeling.OPEN
    assert not Inbreng.objects.get(pk=inbreng.pk).is_verborgen


def test_hiding_keeps_the_content_closes_the_flags_and_tells_the_author(
    client, regisseur, ronde, inbreng
):
    eerste, tweede = vlag(inbreng=inbreng), vlag("Spam", inbreng=inbreng)
    client.force_login(regisseur)

    response = client.post(
        afhandelen(ronde, tweede), {"besluit": "verbergen", "reden": "Reclame hoort hier niet."}
    )

    assert response.status_code == 302
    assert response["Location"] == wachtrij(ronde)
    inbreng = Inbreng.objects.get(pk=inbreng.pk)
    assert inbreng.is_verborgen
    assert (inbreng.verborgen_reden, inbreng.verborgen_door) == (
        "Reclame hoort hier niet.",
        regisseur,
    )
    assert inbreng.tekst == "Elke dinsdag koffie en een praatje, voor wie wil."  # kept
    assert set(
        Markering.objects.filter(pk__in=[eerste.pk, tweede.pk]).values_list(
            "afhandeling", flat=True
        )
    ) == {Markering.Afhandeling.VERBORGEN}
    assert Melding.objects.filter(soort=Soort.INBRENG_VERBORGEN, ontvanger=inbreng.auteur).exists()
    assert client.get(wachtrij(ronde)).context["wachtrij"] == []


def test_hiding_a_comment(client, regisseur, ronde, reactie):
    markering = vlag(reactie=reactie)
    client.force_login(regisseur)

    client.post(afhandelen(ronde, markering), {"besluit": "verbergen", "reden": "Grof."})

    reactie = Reactie.objects.get(pk=reactie.pk)
    assert (reactie.is_verborgen, reactie.verborgen_reden) == (True, "Grof.")
    assert not Inbreng.objects.get(pk=reactie.inbreng_id).is_verborgen


def test_hiding_needs_a_reason(client, regisseur, ronde, inbreng):
    markering = vlag(inbreng=inbreng)
    client.force_login(regisseur)

    response = client.post(afhandelen(ronde, markering), {"besluit": "verbergen", "reden": " "})

    assertContains(response, gettext("Give the reason for hiding it."), status_code=400)
    assertContains(response, "error-summary", status_code=400)
    assert not Inbreng.objects.get(pk=inbreng.pk).is_verborgen
    markering.refresh_from_db()
    assert markering.afhandeling == Markering.Afhandeling.OPEN


def test_dismissing_closes_every_open_flag_and_the_content_stays(client, regisseur, ronde, inbreng):
    eerste, tweede = vlag(inbreng=inbreng), vlag("Spam", inbreng=inbreng)
    client.force_login(regisseur)

    response = client.post(afhandelen(ronde, eerste), {"besluit": "afwijzen"})

    assert response.status_code == 302
    assert set(
        Markering.objects.filter(pk__in=[eerste.pk, tweede.pk]).values_list(
            "afhandeling", "afgehandeld_door"
        )
    ) == {(Markering.Afhandeling.AFGEWEZEN, regisseur.pk)}
    assert not Inbreng.objects.get(pk=inbreng.pk).is_verborgen
    assert not Melding.objects.filter(soort=Soort.INBRENG_VERBORGEN).exists()


def test_a_handled_flag_sends_back_to_the_queue(client, regisseur, ronde, inbreng):
    markering = vlag(inbreng=inbreng)
    client.force_login(regisseur)
    client.post(afhandelen(ronde, markering), {"besluit": "afwijzen"})

    response = client.post(afhandelen(ronde, markering), {"besluit": "verbergen", "reden": "X"})

    assert response.status_code == 302
    assert response["Location"] == wachtrij(ronde)
    assert not Inbreng.objects.get(pk=inbreng.pk).is_verborgen


def test_a_choice_that_does_not_exist_gives_400(client, regisseur, ronde, inbreng):
    markering = vlag(inbreng=inbreng)
    client.force_login(regisseur)
    response = client.post(afhandelen(ronde, markering), {"besluit": "verwijderen"})
    assert response.status_code == 400
    assert Inbreng.objects.filter(pk=inbreng.pk).exists()


def test_a_flag_of_another_round_is_a_404(client, regisseur, ronde, andere_ronde):
    markering = vlag(inbreng=andere_ronde.inbreng.get())
    client.force_login(regisseur)
    assert client.get(afhandelen(ronde, markering)).status_code == 404
    data = {"besluit": "verbergen", "reden": "Weg ermee."}
    assert client.post(afhandelen(ronde, markering), data).status_code == 404
    assert not andere_ronde.inbreng.get().is_verborgen


@pytest.mark.parametrize("persona", ["ambtenaar", "partner_lid", "inwoner", "beheerder"])
def test_only_managers_moderate(client, request, ronde, inbreng, persona):
    markering = vlag(inbreng=inbreng)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(wachtrij(ronde)).status_code == 403
    data = {"besluit": "verbergen", "reden": "Weg ermee."}
    assert client.post(afhandelen(ronde, markering), data).status_code == 403
    assert not Inbreng.objects.get(pk=inbreng.pk).is_verborgen


def test_wrong_methods_give_405(client, regisseur, ronde, inbreng):
    markering = vlag(inbreng=inbreng)
    client.force_login(regisseur)
    assert client.post(wachtrij(ronde)).status_code == 405
    assert client.delete(afhandelen(ronde, markering)).status_code == 405
