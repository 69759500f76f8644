"""meldingen.email: the message of one melding and of the daily digest, as sent."""

from urllib.parse import urlsplit

from django.urls import resolve

import pytest

from meldingen.email import melding_email, samenvatting_email
from meldingen.models import Soort
from meldingen.services import afmeld_token_lezen
from tests.factories import OpgaveFactory, UserFactory
from tests.meldingen.factories import MeldingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def melding():
    opgave = OpgaveFactory(titel="Samen tegen eenzaamheid")
    return MeldingFactory(
        direct=True,
        ontvanger=UserFactory(email="ilse@example.nl"),
        soort=Soort.ROL_TOEGEKEND,
        object_id=opgave.pk,
        url=opgave.get_absolute_url(),
        context={"rol": "kernteamlid", "opgave": opgave.titel, "door": "Bea Beheer"},
    )


def html_of(message) -> str:
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return html


def test_the_mail_of_a_melding_is_dutch_and_complete(melding, settings):
    settings.SITE_URL = "https://opgaven.demodam.nl"

    message = melding_email(melding)

    assert message.to == ["ilse@example.nl"]
    assert message.subject == (
        "[Gemeente Demodam] Je bent nu kernteamlid van Samen tegen eenzaamheid"
    )
    tekst = "Bea Beheer heeft je de rol kernteamlid gegeven in de opgave Samen tegen eenzaamheid."
    link = f"https://opgaven.demodam.nl{melding.url}"
    afmelden = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert afmelden.startswith("https://opgaven.demodam.nl/")
    for part in (message.body, html_of(message)):
        assert tekst in part
        assert link in part
        assert afmelden in part


def test_each_mail_carries_its_melding_id_and_a_one_click_unsubscribe(melding):
    mime = melding_email(melding).message()  # rendered as it goes over SMTP

    assert mime["X-Melding-Id"] == str(melding.pk)
    assert mime["Auto-Submitted"] == "auto-generated"
    assert mime["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    afmelden = mime["List-Unsubscribe"].strip("<>")
    match = resolve(urlsplit(afmelden).path)
    assert match.view_name == "meldingen:afmelden"
    assert afmeld_token_lezen(match.kwargs["token"]) == (melding.ontvanger_id, Soort.ROL_TOEGEKEND)


def test_a_title_with_a_line_break_still_makes_a_one_line_subject(melding):
    melding.context["opgave"] = "Twee\nregels"

    message = melding_email(melding)

    assert message.subject.endswith("van Twee regels")
    assert message.message()["Subject"]  # no BadHeaderError


def test_html_in_the_context_is_escaped_in_the_html_part(melding):
    melding.context["opgave"] = "<script>alert(1)</script>"

    html = html_of(melding_email(melding))

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_the_digest_lists_every_item_in_one_dutch_mail():
    user = UserFactory()
    meldingen = [
        MeldingFactory(ontvanger=user, dagelijks=True),
        MeldingFactory(
            ontvanger=user, dagelijks=True, soort=Soort.WELKOM, context={"gemeente": "Demodam"}
        ),
    ]

    message = samenvatting_email(user, meldingen)

    assert message.to == [user.email]
    assert message.subject == "[Gemeente Demodam] Je dagelijkse samenvatting: 2 meldingen"
    for part in (message.body, html_of(message)):
        assert "Testmelding" in part
        assert "Welkom bij Demodam" in part
    mime = message.message()
    assert mime["X-Melding-Id"] is None
    assert mime["List-Unsubscribe-Post"] is None  # no one-click: it names no single kind
    assert resolve(urlsplit(mime["List-Unsubscribe"].strip("<>")).path).view_name == (
        "meldingen:voorkeuren"
    )
