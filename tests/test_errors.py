"""Bad input: every error is a Dutch page in the layout with a way forward, never a traceback.

This module doubles as a URLconf (``@pytest.mark.urls(__name__)``): the site's own
URLs plus three views that fail on purpose, with the site's own error handlers.
"""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import DatabaseError
from django.test import Client, RequestFactory
from django.urls import path

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from config import urls as site_urls
from config import views


def _verboden(request):
    raise PermissionDenied


def _ongeldig(request):
    raise SuspiciousOperation("kapot verzoek")


def _kapot(request):
    raise DatabaseError("de database is onbereikbaar")


def broken_context_processor(request):
    raise DatabaseError("de database is onbereikbaar")


urlpatterns = [
    *site_urls.urlpatterns,
    path("test/verboden/", _verboden),
    path("test/ongeldig/", _ongeldig),
    path("test/kapot/", _kapot),
]
handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500

pytestmark = pytest.mark.django_db


def assert_in_layout(response):
    """The page has the shell (skip link, header, footer), a way home, and no traceback."""
    html = response.content.decode()
    assert 'href="#inhoud">Naar de inhoud</a>' in html
    assert "Gemeente Demodam</span>" in html
    assert 'href="/privacy/">Privacyverklaring</a>' in html
    assert 'href="/">Naar de startpagina</a>' in html
    assert "Traceback" not in html


def test_unknown_url_gives_the_dutch_404_page(client):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assertContains(response, "Pagina niet gevonden</h1>", status_code=404)
    assertContains(response, 'href="/opgaven/">Naar de opgaven</a>', status_code=404)
    assert_in_layout(response)


def test_csrf_failure_on_the_language_switch_gives_the_dutch_403_page():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.status_code == 403
    assertContains(response, "Het formulier is verlopen</h1>", status_code=403)
    assertContains(response, "Laad die pagina opnieuw", status_code=403)
    assertNotContains(response, "CSRF cookie", status_code=403)
    assert_in_layout(response)
    assert "django_language" not in client.cookies
    # The POST URL cannot be opened again, so the forms on this page lead home.
    assertContains(response, '<input name="next" type="hidden" value="/">', status_code=403)
    assertContains(response, 'href="/accounts/login/?next=/">Inloggen</a>', status_code=403)


def test_csrf_failure_on_logout_keeps_the_user_logged_in(inwoner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(inwoner)

    response = client.post("/accounts/logout/")

    assert response.status_code == 403
    assertContains(response, "Het formulier is verlopen</h1>", status_code=403)
    assertContains(client.get("/"), "Ilse Inwoner</p>")


@pytest.mark.urls(__name__)
def test_permission_denied_gives_the_dutch_403_page_with_a_login_link(client):
    response = client.get("/test/verboden/")

    assert response.status_code == 403
    assertContains(response, "Geen toegang</h1>", status_code=403)
    assertContains(
        response, 'href="/accounts/login/?next=/test/verboden/">Inloggen</a>', status_code=403
    )
    assert_in_layout(response)


@pytest.mark.urls(__name__)
def test_permission_denied_tells_a_logged_in_user_whom_to_ask(client, inwoner):
    client.force_login(inwoner)

    response = client.get("/test/verboden/")

    assertContains(response, "Vraag de opgaveregisseur of de gemeente", status_code=403)
    assertNotContains(response, "?next=/test/verboden/", status_code=403)


@pytest.mark.urls(__name__)
def test_bad_request_gives_the_dutch_400_page(client):
    response = client.get("/test/ongeldig/")

    assert response.status_code == 400
    assertContains(response, "Ongeldig verzoek</h1>", status_code=400)
    assertNotContains(response, "kapot verzoek", status_code=400)
    assert_in_layout(response)


@pytest.mark.urls(__name__)
def test_server_error_gives_the_dutch_500_page_without_details():
    client = Client(raise_request_exception=False)

    response = client.get("/test/kapot/")

    assert response.status_code == 500
    assertContains(response, "Er ging iets mis</h1>", status_code=500)
    assertContains(response, "mailto:opgaven@demodam.nl", status_code=500)
    assertNotContains(response, "database is onbereikbaar", status_code=500)
    assertNotContains(response, "DatabaseError", status_code=500)
    assert_in_layout(response)


@pytest.mark.urls(__name__)
def test_500_page_survives_broken_context_processors(settings):
    """A broken database also breaks the context processors; the 500 page uses none."""
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "context_processors": [
                    *settings.TEMPLATES[0]["OPTIONS"]["context_processors"],
                    f"{__name__}.broken_context_processor",
                ],
            },
        }
    ]
    client = Client(raise_request_exception=False)

    response = client.get("/test/kapot/")

    assert response.status_code == 500
    assertContains(response, "Er ging iets mis</h1>", status_code=500)


def test_500_handler_needs_no_database_and_no_request_state(django_assert_num_queries):
    bare_request = RequestFactory().get("/")  # no session, no user, no messages

    with django_assert_num_queries(0):
        response = views.server_error(bare_request)

    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis</h1>" in html
    assert "Uitloggen" not in html
