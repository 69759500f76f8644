"""Stopping e-mails of one kind from the link in a mail: no login, a signed token."""

from django.core import signing
from django.test import Client
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from meldingen.models import Bezorging, Soort, Voorkeur
from meldingen.services import AFMELD_SALT, afmeld_token, voorkeur_instellen
from tests.test_csp import inline_code

pytestmark = pytest.mark.django_db


def url(token: str) -> str:
    return reverse("meldingen:afmelden", kwargs={"token": token})


def link(user, soort=Soort.ROL_TOEGEKEND) -> str:
    return url(afmeld_token(user=user, soort=soort))


def gekozen(user, soort=Soort.ROL_TOEGEKEND) -> str | None:
    return (
        Voorkeur.objects.filter(user=user, soort=soort).values_list("bezorging", flat=True).first()
    )


def test_the_link_asks_first_and_changes_nothing(client, inwoner):
    afmelden = link(inwoner)

    response = client.get(afmelden)

    assert response.status_code == 200
    assertContains(response, f"Geen e-mails meer over “{Soort.ROL_TOEGEKEND.label}”?")
    assertContains(response, f'<form method="post" action="{afmelden}">')
    assertContains(response, "Ja, stop deze e-mails")
    assertContains(response, f'href="{reverse("meldingen:voorkeuren")}"')
    assert gekozen(inwoner) is None


def test_confirming_switches_this_kind_off(client, inwoner):
    voorkeur_instellen(user=inwoner, soort=Soort.TEST, bezorging=Bezorging.DIRECT)

    response = client.post(link(inwoner))

    assert response.status_code == 200
    assertContains(response, '<h1 class="utrecht-heading-1">E-mails gestopt</h1>', html=True)
    assertContains(response, f"Je krijgt geen e-mails meer over “{Soort.ROL_TOEGEKEND.label}”.")
    assertContains(response, f'href="{reverse("meldingen:voorkeuren")}"')
    assert gekozen(inwoner) == Bezorging.UIT
    assert gekozen(inwoner, Soort.TEST) == Bezorging.DIRECT  # other kinds stay as they were


def test_one_click_unsubscribe_works_without_csrf_token_or_cookies(inwoner):
    """RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click", nothing else."""
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        link(inwoner),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert gekozen(inwoner) == Bezorging.UIT


def test_unsubscribing_twice_is_harmless(client, inwoner):
    client.post(link(inwoner))
    response = client.post(link(inwoner))

    assert response.status_code == 200
    assert Voorkeur.objects.filter(user=inwoner).count() == 1


def test_works_while_logged_in_as_someone_else(client, inwoner, partner_lid):
    """The token decides whose mail stops, never the session."""
    client.force_login(partner_lid)

    client.post(link(inwoner))

    assert gekozen(inwoner) == Bezorging.UIT
    assert gekozen(partner_lid) is None


def verwisseld(user, ander) -> str:
    """``ander``'s token with ``user``'s signature: an attempt to stop someone else's mail."""
    eigen = afmeld_token(user=user, soort=Soort.ROL_TOEGEKEND).split(":")
    vreemd = afmeld_token(user=ander, soort=Soort.ROL_TOEGEKEND).split(":")
    return ":".join([vreemd[0], *eigen[1:]])


BAD_TOKENS = {
    "garbage": lambda user, ander: "onzin",
    "payload-swapped": verwisseld,
    "other-salt": lambda user, ander: signing.dumps({"u": user.pk, "s": "welkom"}, salt="x"),
    "unknown-kind": lambda user, ander: signing.dumps(
        {"u": user.pk, "s": "reclame"}, salt=AFMELD_SALT
    ),
    "no-user": lambda user, ander: signing.dumps({"s": "welkom"}, salt=AFMELD_SALT),
}


@pytest.mark.parametrize("bad", BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_bad_token_gives_a_dutch_error_and_changes_nothing(
    client, inwoner, partner_lid, bad, method
):
    response = getattr(client, method)(url(bad(inwoner, partner_lid)))

    assert response.status_code == 400
    assertContains(response, "<title>Deze link werkt niet · ", status_code=400)
    assertContains(response, "Er is niets gewijzigd", status_code=400)
    assertContains(response, 'class="utrecht-heading-1"', status_code=400)  # in the layout
    assert not Voorkeur.objects.exists()


def test_a_token_of_a_removed_user_gives_the_error_page(client, inwoner):
    token = afmeld_token(user=inwoner, soort=Soort.WELKOM)
    inwoner.delete()

    assert client.post(url(token)).status_code == 400
    assert not Voorkeur.objects.exists()


def test_the_page_does_not_show_whose_link_it_is(client, inwoner):
    assertNotContains(client.get(link(inwoner)), inwoner.email)


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_not_allowed(client, inwoner, method):
    response = getattr(client, method)(link(inwoner))

    assert response.status_code == 405
    assert gekozen(inwoner) is None


def test_pages_have_no_inline_script_or_style(client, inwoner):
    assert inline_code(client.get(link(inwoner)).content.decode()) == []
    assert inline_code(client.post(link(inwoner)).content.decode()) == []
    assert inline_code(client.get(url("onzin")).content.decode()) == []
