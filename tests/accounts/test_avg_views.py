"""The page "Mijn gegevens" (/mijn/gegevens/): download, erase, undo (issue 10 point 1)."""

import io
import json
import zipfile

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.models import Gegevensexport
from accounts.services import gegevensexport_maken
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

GEGEVENS = "/mijn/gegevens/"


@pytest.fixture(autouse=True)
def _eigen_map(settings, tmp_path):
    settings.GEGEVENS_ROOT = tmp_path


def _tekst(response) -> str:
    return " ".join(response.content.decode().split())


def _klare_export(user) -> Gegevensexport:
    export = Gegevensexport.objects.create(user=user)
    gegevensexport_maken(export_id=export.pk)
    export.refresh_from_db()
    return export


def test_the_page_explains_what_is_kept_in_dutch_and_is_in_the_account_menu(client, inwoner):
    client.force_login(inwoner)

    response = client.get(reverse("gegevens"))

    assert response.status_code == 200
    html = _tekst(response)
    assert '<h1 class="utrecht-heading-1">Mijn gegevens</h1>' in html
    assert "Wat we van je bewaren" in html
    assert "Download mijn gegevens" in html
    assert "Verwijder mijn account" in html
    assert f'href="{GEGEVENS}" aria-current="page">Mijn gegevens</a>' in html


def test_the_account_pages_link_to_my_data(client, inwoner):
    client.force_login(inwoner)

    response = client.get(reverse("account_email"))

    assert f'href="{GEGEVENS}">Mijn gegevens</a>' in _tekst(response)


def test_asking_for_the_download_makes_it_and_only_its_owner_can_fetch_it(
    client, inwoner, partner_lid, django_capture_on_commit_callbacks
):
    client.force_login(inwoner)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("gegevens_exporteren"), follow=True)
        # While it is made, the page says so instead of offering the button again.
        assert "We verzamelen je gegevens" in _tekst(response)
        assert "Download mijn gegevens</button>" not in _tekst(response)

    response = client.get(reverse("gegevens"))
    export = Gegevensexport.objects.get(user=inwoner)
    assert export.status == Gegevensexport.Status.KLAAR
    url = reverse("gegevens_download", kwargs={"pk": export.pk})
    assert f'href="{url}"' in _tekst(response)

    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert download["Cache-Control"] == "private, no-store"
    assert "attachment" in download["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))) as zip:
        gegevens = json.loads(zip.read("gegevens.json"))
    assert gegevens["accounts"]["profiel"]["email"] == inwoner.email

    ander = Client()
    ander.force_login(partner_lid)
    assert ander.get(url).status_code == 404


def test_an_expired_or_unfinished_download_is_a_404(client, inwoner):
    client.force_login(inwoner)
    wachtend = Gegevensexport.objects.create(user=inwoner)
    verlopen = _klare_export(inwoner)
    Gegevensexport.objects.filter(pk=verlopen.pk).update(verloopt_op=timezone.now())

    for export in (wachtend, verlopen):
        assert client.get(reverse("gegevens_download", kwargs={"pk": export.pk})).status_code == 404


def test_posts_need_the_csrf_token(inwoner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(inwoner)

    for name in ("gegevens_exporteren", "account_verwijderen", "account_verwijderen_annuleren"):
        assert client.post(reverse(name)).status_code == 403
    assert not Gegevensexport.objects.exists()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("gegevens_exporteren", "get"),
        ("account_verwijderen_annuleren", "get"),
        ("gegevens", "post"),
        ("account_verwijderen", "put"),
    ],
)
def test_wrong_methods_are_refused(client, inwoner, name, method):
    client.force_login(inwoner)

    assert getattr(client, method)(reverse(name)).status_code == 405


def test_erasing_needs_the_own_address_and_the_box_and_changes_nothing_otherwise(client, inwoner):
    client.force_login(inwoner)

    response = client.post(
        reverse("account_verwijderen"), {"email": "iemand@anders.nl", "begrepen": ""}
    )

    assert response.status_code == 200
    html = _tekst(response)
    assert "Dit is niet het e-mailadres van je account." in html
    assert "Vink het vakje aan om te bevestigen." in html
    inwoner.refresh_from_db()
    assert inwoner.verwijderen_op is None


def test_erasing_schedules_it_and_the_undo_button_takes_it_back(client, inwoner):
    client.force_login(inwoner)
    assert "Weet je het zeker?" in _tekst(client.get(reverse("account_verwijderen")))

    response = client.post(
        reverse("account_verwijderen"),
        {"email": inwoner.email.upper(), "begrepen": "on"},
        follow=True,
    )

    inwoner.refresh_from_db()
    assert inwoner.verwijderen_op is not None
    html = _tekst(response)
    assert "Je account wordt verwijderd op" in html
    assert "Mijn account niet verwijderen" in html
    # Asking again leads back to the page.
    assert client.get(reverse("account_verwijderen")).status_code == 302

    response = client.post(reverse("account_verwijderen_annuleren"), follow=True)

    assert "Je account wordt niet verwijderd." in _tekst(response)
    inwoner.refresh_from_db()
    assert inwoner.verwijderen_op is None


def test_logging_in_during_the_grace_period_works_and_shows_a_warning(client, inwoner):
    from accounts.services import account_verwijderen_aanvragen

    account_verwijderen_aanvragen(user=inwoner)

    response = client.post(
        reverse("account_login"), {"login": inwoner.email, "password": PASSWORD}, follow=True
    )

    assert response.wsgi_request.user == inwoner
    assert "Je account wordt verwijderd op" in _tekst(response)
    assert "Mijn gegevens" in _tekst(response)


def test_the_page_takes_the_same_queries_for_one_and_for_five_downloads(
    client, inwoner, django_assert_num_queries
):
    client.force_login(inwoner)
    _klare_export(inwoner)
    client.get(reverse("gegevens"))  # warm up (session, content types, roles in the cache)
    with django_assert_num_queries(4) as een:
        client.get(reverse("gegevens"))

    for _ in range(4):
        _klare_export(inwoner)
    with django_assert_num_queries(len(een.captured_queries)):
        response = client.get(reverse("gegevens"))
    assert _tekst(response).count("Downloaden (tot") == 5
