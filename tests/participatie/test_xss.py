"""Script in every text a resident or official types renders as text, on every page
and in the htmx fragments (issue 6 quality bar)."""

from datetime import date

from django.urls import reverse

import pytest

from opgaven.models import Besluit
from participatie.models import Ronde
from participatie.services import (
    deelnemen,
    inbreng_indienen,
    reactie_plaatsen,
    ronde_aanmaken,
    ronde_status_wijzigen,
    terugkoppelen,
    verbergen,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
HTMX = {"HX-Request": "true"}


@pytest.fixture
def besmet(opgave, regisseur):
    """A round, an input, a comment, feedback and hidden content, each full of script."""
    ronde = ronde_aanmaken(
        opgave=opgave,
        door=regisseur,
        titel=f"Ronde {XSS}",
        vraag=f"Vraag {XSS}",
        toelichting=f"Toelichting {XSS}",
        invloedsruimte=f"Ruimte {XSS}",
        trede="raadplegen",
        start=date(2026, 11, 1),
        eind=date(2027, 1, 31),
    )
    ronde = ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.OPEN, door=regisseur)
    auteur = UserFactory(weergavenaam=f"Naam {XSS}")
    deelnemen(ronde=ronde, user=auteur)
    inbreng = inbreng_indienen(
        ronde=ronde, auteur=auteur, soort="idee", titel=f"Titel {XSS}", tekst=f"Tekst {XSS}"
    )
    reactie_plaatsen(inbreng=inbreng, auteur=auteur, tekst=f"Reactie {XSS}")
    verborgen = reactie_plaatsen(inbreng=inbreng, auteur=auteur, tekst="Weg")
    verbergen(door=regisseur, reden=f"Reden {XSS}", reactie=verborgen)
    besluit = Besluit.objects.create(
        opgave=opgave,
        datum=date(2026, 12, 1),
        orgaan=Besluit.Orgaan.COLLEGE,
        titel=f"Besluit {XSS}",
        motivering="m",
    )
    terugkoppelen(
        inbreng=inbreng,
        door=regisseur,
        status="overgenomen",
        motivering=f"Motivering {XSS}",
        besluit=besluit,
    )
    return ronde, inbreng, auteur


def _veilig(response, minimaal: int):
    html = response.content.decode()
    assert response.status_code == 200
    assert XSS not in html
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert html.count(ESCAPED) >= minimaal


def test_every_page_escapes_what_was_typed(client, besmet):
    ronde, inbreng, auteur = besmet
    inbreng_url = reverse("participatie:inbreng", kwargs={"slug": ronde.slug, "pk": inbreng.pk})
    kwargs = {"slug": ronde.slug, "pk": inbreng.pk}

    _veilig(client.get(reverse("participatie:list")), 2)  # title, question
    # title, question, explanation, room, input title + text, name, motivation, decision
    _veilig(client.get(ronde.get_absolute_url()), 8)
    # input title + text, names, comment, reason, motivation, decision
    _veilig(client.get(inbreng_url), 7)

    client.force_login(auteur)
    _veilig(client.get(reverse("mijn_inbreng")), 4)
    _veilig(client.get(reverse("participatie:inbreng_bewerken", kwargs=kwargs)), 1)
    _veilig(client.get(reverse("participatie:inbreng_markeren", kwargs=kwargs)), 1)
    _veilig(client.get(reverse("participatie:meedoen", kwargs={"slug": ronde.slug})), 1)


def test_the_htmx_fragments_escape_too(client, besmet, partner_lid):
    ronde, inbreng, _auteur = besmet
    client.force_login(partner_lid)
    steun = reverse("participatie:steun", kwargs={"slug": ronde.slug, "pk": inbreng.pk})

    _veilig(client.post(steun, headers=HTMX), 2)  # the button's label and the message
    _veilig(client.get(ronde.get_absolute_url(), {"sorteer": "steun"}, headers=HTMX), 4)
    _veilig(client.get(reverse("participatie:list"), headers=HTMX), 2)


def test_a_comment_with_script_comes_back_escaped_in_the_error_page(client, besmet, partner_lid):
    ronde, inbreng, _auteur = besmet
    client.force_login(partner_lid)
    reageren = reverse("participatie:reageren", kwargs={"slug": ronde.slug, "pk": inbreng.pk})

    response = client.post(reageren, {"tekst": XSS * 40})  # too long: back with the text

    assert response.status_code == 400
    assert XSS not in response.content.decode()
