"""The report pages: request, follow the progress bar, download, try again."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from rapportage.models import Formaat, Rapport, Soort

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def nederlands(settings):
    settings.LANGUAGE_CODE = "nl"
    with translation.override("nl"):
        yield


def aanvraag_url(**params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{reverse('rapportage:aanvragen')}?{query}"


def test_the_request_form_offers_the_formats_of_the_kind(client, ambtenaar, nepbouwer):
    client.force_login(ambtenaar)

    response = client.get(aanvraag_url(soort=Soort.PORTFOLIO))

    assertContains(response, "Portfolio-overzicht")
    assertContains(response, 'value="csv"')
    assertContains(response, 'name="soort" value="portfolio"')


def test_requesting_queues_the_report_and_shows_its_page(
    client, ambtenaar, nepbouwer, django_capture_on_commit_callbacks
):
    client.force_login(ambtenaar)

    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("rapportage:aanvragen"), {"soort": "portfolio", "formaat": "csv"}
        )

    rapport = Rapport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("rapportage:rapport", kwargs={"pk": rapport.pk})
    assert (rapport.status, rapport.aangevraagd_door) == (Rapport.Status.WACHTRIJ, ambtenaar)
    assert nepbouwer.aanroepen == []  # built by the worker, not in the request


def test_a_missing_format_is_a_dutch_error_and_changes_nothing(client, ambtenaar, nepbouwer):
    client.force_login(ambtenaar)

    response = client.post(reverse("rapportage:aanvragen"), {"soort": "portfolio"})

    assert response.status_code == 400
    assertContains(response, "Kies een formaat.", status_code=400)
    assert not Rapport.objects.exists()


def test_a_format_the_kind_has_not_is_refused(client, ambtenaar, nepbouwer):
    client.force_login(ambtenaar)

    response = client.post(
        reverse("rapportage:aanvragen"), {"soort": "portfolio", "formaat": "pdf"}
    )

    assertContains(response, "Dit rapport kan niet in dit formaat worden gemaakt.", status_code=400)
    assert not Rapport.objects.exists()


def test_a_running_report_polls_with_an_accessible_progress_bar(client, regisseur, rapport_bezig):
    client.force_login(regisseur)

    response = client.get(reverse("rapportage:rapport", kwargs={"pk": rapport_bezig.pk}))

    voortgang_url = reverse("rapportage:voortgang", kwargs={"pk": rapport_bezig.pk})
    assertContains(response, f'hx-get="{voortgang_url}"')
    assertContains(response, 'hx-trigger="every 2s"')
    assertContains(response, 'role="progressbar"')
    assertContains(response, 'aria-valuenow="40"')
    assertContains(response, 'aria-valuemin="0"')
    assertContains(response, 'aria-valuemax="100"')
    assertContains(response, "Je rapport wordt gemaakt: 40% klaar.")
    assertContains(response, 'aria-live="polite"')


def test_the_fragment_of_a_finished_report_stops_polling_and_offers_the_file(
    client, regisseur, rapport_klaar
):
    client.force_login(regisseur)

    response = client.get(reverse("rapportage:voortgang", kwargs={"pk": rapport_klaar.pk}))

    assertNotContains(response, "hx-trigger")
    assertNotContains(response, "<html")
    assertContains(response, 'aria-valuenow="100"')
    assertContains(response, reverse("rapportage:download", kwargs={"pk": rapport_klaar.pk}))
    assertContains(response, "Je rapport is klaar")


def test_the_fragment_of_a_failed_report_says_why_and_offers_a_retry(
    client, regisseur, rapport_mislukt
):
    client.force_login(regisseur)

    response = client.get(reverse("rapportage:voortgang", kwargs={"pk": rapport_mislukt.pk}))

    assertNotContains(response, "hx-trigger")
    assertContains(response, 'role="alert"')
    assertContains(response, "Het rapport kon niet worden gemaakt.")
    assertContains(response, reverse("rapportage:opnieuw", kwargs={"pk": rapport_mislukt.pk}))


def test_the_download_is_the_file_as_an_attachment_and_not_cached(client, regisseur, rapport_klaar):
    client.force_login(regisseur)

    response = client.get(reverse("rapportage:download", kwargs={"pk": rapport_klaar.pk}))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"
    assert response["Content-Disposition"] == 'attachment; filename="voortgangsrapportage.pdf"'
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("status", [Rapport.Status.BEZIG, Rapport.Status.MISLUKT])
def test_there_is_nothing_to_download_before_a_report_is_ready(
    client, regisseur, rapport_bezig, rapport_mislukt, status
):
    rapport = rapport_bezig if status == Rapport.Status.BEZIG else rapport_mislukt
    client.force_login(regisseur)

    response = client.get(reverse("rapportage:download", kwargs={"pk": rapport.pk}))

    assert response.status_code == 404


def test_an_expired_file_is_a_404_not_an_error(client, regisseur, rapport_klaar):
    rapport_klaar.bestand.storage.delete(rapport_klaar.bestand.name)
    client.force_login(regisseur)

    response = client.get(reverse("rapportage:download", kwargs={"pk": rapport_klaar.pk}))

    assert response.status_code == 404


def test_trying_again_puts_a_failed_report_back_in_the_queue(
    client, regisseur, rapport_mislukt, django_capture_on_commit_callbacks
):
    client.force_login(regisseur)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("rapportage:opnieuw", kwargs={"pk": rapport_mislukt.pk}))

    assert response.status_code == 302
    rapport_mislukt.refresh_from_db()
    assert rapport_mislukt.status == Rapport.Status.WACHTRIJ
    assert len(callbacks) == 1


def test_my_reports_lists_mine_newest_first_in_constant_queries(
    client, ambtenaar, regisseur, opgave, django_assert_num_queries
):
    client.force_login(regisseur)

    def maak(aantal: int) -> None:
        for _ in range(aantal):
            Rapport.objects.create(
                soort=Soort.VOORTGANG,
                formaat=Formaat.PDF,
                opgave=opgave,
                aangevraagd_door=regisseur,
            )

    maak(1)
    client.get(reverse("rapportage:rapporten"))  # warm up the session and permission caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as een:
        client.get(reverse("rapportage:rapporten"))
    maak(9)
    with CaptureQueriesContext(connection) as tien:
        response = client.get(reverse("rapportage:rapporten"))

    assert len(tien) == len(een)
    assert response.context["pagina"].paginator.count == 10
    Rapport.objects.create(soort=Soort.PORTFOLIO, formaat=Formaat.CSV, aangevraagd_door=ambtenaar)
    assert client.get(reverse("rapportage:rapporten")).context["pagina"].paginator.count == 10


def test_my_reports_has_an_empty_state(client, inwoner):
    client.force_login(inwoner)

    response = client.get(reverse("rapportage:rapporten"))

    assertContains(response, "Je hebt nog geen rapport aangevraagd.")
