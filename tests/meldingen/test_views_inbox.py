"""The inbox: the list with its filter and pages, and marking meldingen read."""

import datetime
import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from meldingen.models import Melding, Soort
from tests.meldingen.factories import MeldingFactory
from tests.test_csp import inline_code

pytestmark = pytest.mark.django_db

INBOX = reverse("meldingen:inbox")
ALLES_GELEZEN = reverse("meldingen:alles_gelezen")
HTMX = {"HX-Request": "true"}


def gelezen_url(melding):
    return reverse("meldingen:gelezen", args=[melding.pk])


def openen_url(melding):
    return reverse("meldingen:openen", args=[melding.pk])


def rol_melding(user, opgave="Groen Stationsplein", **kwargs):
    context = {"rol": "kernteamlid", "opgave": opgave, "door": "Rutger Regie"}
    return MeldingFactory(ontvanger=user, soort=Soort.ROL_TOEGEKEND, context=context, **kwargs)


def is_gelezen(melding) -> bool:
    melding.refresh_from_db()
    return melding.gelezen_op is not None


# --- The list ---------------------------------------------------------------------------


def test_the_inbox_shows_the_users_own_meldingen(client, inwoner, partner_lid):
    moment = datetime.datetime(2026, 3, 3, 13, 5, tzinfo=datetime.UTC)  # 14:05 in Amsterdam
    melding = rol_melding(inwoner, aangemaakt_op=moment, url="/opgaven/groen-stationsplein/")
    vreemd = MeldingFactory(ontvanger=partner_lid, soort=Soort.WELKOM, context={"gemeente": "X"})
    client.force_login(inwoner)

    response = client.get(INBOX)

    assert response.status_code == 200
    assertContains(response, "<title>Meldingen · ", count=1)
    assertContains(response, '<h1 class="utrecht-heading-1">Meldingen</h1>', html=True)
    assertContains(response, melding.titel)
    assertContains(response, "Rutger Regie")  # the text, with its context filled in
    assertContains(
        response, '<time datetime="2026-03-03T14:05:00+01:00">3 maart 2026 om 14:05</time>'
    )
    badge = "utrecht-status-badge utrecht-status-badge--active meldingen-item__ongelezen"
    assertContains(response, f'<span class="{badge}">Ongelezen</span>')
    assertContains(response, f'action="{openen_url(melding)}"')
    assertContains(response, f'hx-post="{gelezen_url(melding)}"')
    assertContains(response, "Je hebt 1 ongelezen melding")
    assertNotContains(response, vreemd.titel)
    assertNotContains(response, openen_url(vreemd))


def test_read_meldingen_have_no_unread_marker_and_no_mark_button(client, inwoner):
    melding = MeldingFactory(ontvanger=inwoner, gelezen=True)
    client.force_login(inwoner)

    response = client.get(INBOX)

    assertContains(response, melding.titel)
    assertNotContains(response, "meldingen-item__ongelezen")
    assertNotContains(response, gelezen_url(melding))
    assertNotContains(response, ALLES_GELEZEN)  # nothing left to mark
    assertContains(response, "Je hebt al je meldingen gelezen")


def test_view_button_only_for_a_melding_with_a_link(client, inwoner):
    zonder = MeldingFactory(ontvanger=inwoner)
    met = MeldingFactory(ontvanger=inwoner, url="/opgaven/")
    client.force_login(inwoner)

    response = client.get(INBOX)

    assertContains(response, f'action="{openen_url(met)}"')
    assertNotContains(response, openen_url(zonder))


def test_filter_unread_and_read(client, inwoner):
    gelezen = rol_melding(inwoner, opgave="Speeltuin Zuidpark", gelezen=True)
    ongelezen = rol_melding(inwoner)
    client.force_login(inwoner)

    response = client.get(INBOX, {"filter": "ongelezen"})
    assertContains(response, ongelezen.titel)
    assertNotContains(response, gelezen.titel)
    assertContains(
        response,
        '<a id="filter-ongelezen" class="meldingen-filter__link"'
        ' href="/meldingen/?filter=ongelezen" hx-get="/meldingen/?filter=ongelezen"'
        ' hx-target="#meldingen-lijst" hx-push-url="true"'
        ' aria-current="page">Ongelezen</a>',
        html=True,
    )

    response = client.get(INBOX, {"filter": "gelezen"})
    assertContains(response, gelezen.titel)
    assertNotContains(response, ongelezen.titel)


def test_an_unknown_filter_shows_everything(client, inwoner):
    MeldingFactory(ontvanger=inwoner, gelezen=True)
    client.force_login(inwoner)

    response = client.get(INBOX, {"filter": "<script>"})

    assert response.status_code == 200
    assert len(response.context["pagina"].object_list) == 1
    assertContains(response, 'href="/meldingen/?filter=alle"')


@pytest.mark.parametrize(
    ("filter", "tekst"),
    [
        ("alle", "Je hebt nog geen meldingen."),
        ("ongelezen", "Je hebt geen ongelezen meldingen."),
        ("gelezen", "Je hebt nog geen meldingen gelezen."),
    ],
)
def test_empty_states_are_in_dutch(client, inwoner, filter, tekst):
    client.force_login(inwoner)

    assertContains(client.get(INBOX, {"filter": filter}), tekst)


def test_pages_of_25_keep_the_filter(client, inwoner):
    MeldingFactory.create_batch(30, ontvanger=inwoner)
    client.force_login(inwoner)

    response = client.get(INBOX, {"filter": "ongelezen", "pagina": 2})

    assert len(response.context["pagina"].object_list) == 5
    assertContains(response, 'aria-current="page">2<')
    assertContains(response, 'href="/meldingen/?filter=ongelezen&amp;pagina=1"')
    assertContains(response, 'hx-get="/meldingen/?filter=ongelezen&amp;pagina=1"')


def test_htmx_gets_only_the_list(client, inwoner):
    melding = MeldingFactory(ontvanger=inwoner)
    client.force_login(inwoner)

    response = client.get(INBOX, {"filter": "ongelezen"}, headers=HTMX)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert "<h1" not in content
    assert melding.titel in content
    assert 'aria-current="page">Ongelezen<' in content
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, inwoner):
    client.force_login(inwoner)
    headers = {**HTMX, "HX-History-Restore-Request": "true"}

    assert "<html" in client.get(INBOX, headers=headers).content.decode()


def test_a_visitor_is_sent_to_log_in(client):
    assertRedirects(
        client.get(INBOX), f"{reverse('account_login')}?next={INBOX}", fetch_redirect_response=False
    )


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_are_not_allowed(client, inwoner, method):
    client.force_login(inwoner)

    assert getattr(client, method)(INBOX).status_code == 405


def test_queries_do_not_grow_with_the_number_of_meldingen(
    client, inwoner, django_assert_num_queries
):
    rol_melding(inwoner)
    client.force_login(inwoner)
    client.get(INBOX)  # warm the caches that live for the whole process (content types)
    with CaptureQueriesContext(connection) as one_row:
        client.get(INBOX)

    for _ in range(24):
        rol_melding(inwoner)
    with django_assert_num_queries(len(one_row)):
        response = client.get(INBOX)
    assert len(response.context["pagina"].object_list) == 25


# --- Marking one read --------------------------------------------------------------------


def test_marking_read_goes_back_to_the_same_list(client, inwoner):
    melding = MeldingFactory(ontvanger=inwoner)
    client.force_login(inwoner)

    response = client.post(gelezen_url(melding), {"filter": "ongelezen", "pagina": "1"})

    assertRedirects(response, f"{INBOX}?filter=ongelezen&pagina=1", fetch_redirect_response=False)
    assert is_gelezen(melding)
    assertContains(client.get(response.url), "is als gelezen gemarkeerd.")


def test_marking_read_with_htmx_answers_the_list_and_refreshes_the_bell(client, inwoner):
    melding = MeldingFactory(ontvanger=inwoner)
    ander = MeldingFactory(ontvanger=inwoner)
    client.force_login(inwoner)

    response = client.post(gelezen_url(melding), {"filter": "ongelezen"}, headers=HTMX)

    assert response.status_code == 200
    assert json.loads(response["HX-Trigger"]) == {"meldingen-gewijzigd": {}}
    content = response.content.decode()
    assert "<html" not in content
    assert ander.titel in content  # still unread, so still in this list
    assert gelezen_url(melding) not in content
    assert "Je hebt 1 ongelezen melding" in content
    assert 'id="meldingen-status" hx-swap-oob="innerHTML"' in content
    assert "is als gelezen gemarkeerd." in content
    assert is_gelezen(melding)


def test_marking_a_read_melding_again_keeps_its_time(client, inwoner):
    melding = MeldingFactory(ontvanger=inwoner, gelezen=True)
    gelezen_op = melding.gelezen_op
    client.force_login(inwoner)

    assert client.post(gelezen_url(melding)).status_code == 302
    melding.refresh_from_db()
    assert melding.gelezen_op == gelezen_op


def test_marking_someone_elses_melding_gives_404_and_changes_nothing(client, inwoner, partner_lid):
    melding = MeldingFactory(ontvanger=partner_lid)
    client.force_login(inwoner)

    assert client.post(gelezen_url(melding)).status_code == 404
    assert client.post(gelezen_url(melding), headers=HTMX).status_code == 404
    assert not is_gelezen(melding)


def test_marking_read_needs_a_login(client, inwoner):
    melding = MeldingFactory(ontvanger=inwoner)

    response = client.post(gelezen_url(melding))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not is_gelezen(melding)


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_marking_read_is_post_only(client, inwoner, method):
    melding = MeldingFactory(ontvanger=inwoner)
    client.force_login(inwoner)

    assert getattr(client, method)(gelezen_url(melding)).status_code == 405
    assert not is_gelezen(melding)


# --- Marking all read --------------------------------------------------------------------


def test_mark_all_read_marks_only_the_users_own(client, inwoner, partner_lid):
    eigen = MeldingFactory.create_batch(3, ontvanger=inwoner)
    vreemd = MeldingFactory(ontvanger=partner_lid)
    client.force_login(inwoner)

    response = client.post(ALLES_GELEZEN, {"filter": "alle"})

    assertRedirects(response, f"{INBOX}?filter=alle&pagina=1", fetch_redirect_response=False)
    assert (
        Melding.objects.filter(pk__in=[m.pk for m in eigen], gelezen_op__isnull=True).count() == 0
    )
    assert not is_gelezen(vreemd)
    assertContains(client.get(response.url), "Alle meldingen zijn als gelezen gemarkeerd.")


def test_mark_all_read_with_htmx(client, inwoner):
    MeldingFactory.create_batch(2, ontvanger=inwoner)
    client.force_login(inwoner)

    response = client.post(ALLES_GELEZEN, {"filter": "ongelezen"}, headers=HTMX)

    assert json.loads(response["HX-Trigger"]) == {"meldingen-gewijzigd": {}}
    assertContains(response, "Je hebt geen ongelezen meldingen.")
    assertContains(response, "Alle meldingen zijn als gelezen gemarkeerd.")


def test_mark_all_read_with_nothing_unread_says_so(client, inwoner):
    client.force_login(inwoner)

    response = client.post(ALLES_GELEZEN, follow=True)

    assertContains(response, "Je had geen ongelezen meldingen.")


def test_mark_all_read_needs_a_login_and_post(client, inwoner):
    melding = MeldingFactory(ontvanger=inwoner)

    assert client.post(ALLES_GELEZEN).url.startswith(reverse("account_login"))
    client.force_login(inwoner)
    assert client.get(ALLES_GELEZEN).status_code == 405
    assert not is_gelezen(melding)


# --- Opening ---------------------------------------------------------------------------


def test_opening_marks_read_and_goes_to_the_object(client, inwoner):
    melding = MeldingFactory(ontvanger=inwoner, url="/opgaven/groen-stationsplein/")
    client.force_login(inwoner)

    response = client.post(openen_url(melding))

    assertRedirects(response, "/opgaven/groen-stationsplein/", fetch_redirect_response=False)
    assert is_gelezen(melding)


@pytest.mark.parametrize(
    "url", ["", "https://kwaadaardig.example/", "//kwaadaardig.example/", "javascript:alert(1)"]
)
def test_opening_follows_only_a_path_on_this_site(client, inwoner, url):
    melding = MeldingFactory(ontvanger=inwoner, url=url)
    client.force_login(inwoner)

    response = client.post(openen_url(melding))

    assertRedirects(response, INBOX, fetch_redirect_response=False)
    assert is_gelezen(melding)


def test_opening_someone_elses_melding_gives_404(client, inwoner, partner_lid):
    melding = MeldingFactory(ontvanger=partner_lid, url="/opgaven/")
    client.force_login(inwoner)

    assert client.post(openen_url(melding)).status_code == 404
    assert not is_gelezen(melding)


def test_opening_needs_a_login_and_post(client, inwoner):
    melding = MeldingFactory(ontvanger=inwoner, url="/opgaven/")

    assert client.post(openen_url(melding)).url.startswith(reverse("account_login"))
    client.force_login(inwoner)
    assert client.get(openen_url(melding)).status_code == 405
    assert not is_gelezen(melding)


@pytest.mark.parametrize(
    "path",
    [INBOX, reverse("meldingen:voorkeuren"), reverse("meldingen:teller")],
)
def test_pages_have_no_inline_script_or_style(client, inwoner, path):
    """The CSP allows no inline code (tests/test_csp.py); the bell is on every page."""
    MeldingFactory(ontvanger=inwoner, url="/opgaven/")
    client.force_login(inwoner)

    response = client.get(path)

    assert response.status_code == 200
    assert inline_code(response.content.decode()) == []
