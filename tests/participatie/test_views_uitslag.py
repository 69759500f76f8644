"""The result page, and the page where officials make voting codes."""

import csv
import hashlib
import io
import zipfile
from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from opgaven.models import Actie, Gebied, PlanVanAanpak
from participatie.models import Begroting, Stemcode
from participatie.services_begroting import (
    MAX_CODES_PER_KEER,
    begroting_instellen,
    code_normaliseren,
    fase_wijzigen,
    stemcode_controleren,
    uitslag_berekenen,
    voorstel_beoordelen,
    voorstel_gerealiseerd,
    voorstel_indienen,
)
from tests.conftest import _begroting
from tests.participatie.uitslag_hulp import (
    op_stembiljet,
    pdf_paginas,
    stem,
    uitslag_met_stemmen,
)
from tests.test_csp import inline_code

pytestmark = pytest.mark.django_db


def _url(naam: str, begroting) -> str:
    return reverse(f"participatie:{naam}", kwargs={"slug": begroting.ronde.slug})


def nl(tekst: str) -> str:
    with translation.override("nl"):
        return _(tekst)


@pytest.fixture
def uitslag(stemming):
    return uitslag_met_stemmen(stemming)


# --- Before the result ------------------------------------------------------------------------


def test_before_the_result_the_page_says_when_voting_ends(client, stemming):
    response = client.get(_url("uitslag", stemming))

    assert response.status_code == 200
    assertContains(response, nl("There is no result yet."))
    assertContains(response, "31 januari 2027")
    assertNotContains(response, "<table")
    assertNotContains(response, _url("stemcodes", stemming))


def test_before_the_result_officials_find_the_voting_codes(client, stemming, regisseur):
    client.force_login(regisseur)
    assertContains(client.get(_url("uitslag", stemming)), _url("stemcodes", stemming))


def test_a_draft_round_has_no_result_page(client, concept_ronde, regisseur, inwoner):
    begroting_instellen(
        ronde=concept_ronde,
        totaal=Decimal("5000"),
        indienen_tot=date(2026, 12, 1),
        stemmen_van=date(2026, 12, 10),
        stemmen_tot=date(2027, 1, 31),
    )
    url = reverse("participatie:uitslag", kwargs={"slug": concept_ronde.slug})

    assert client.get(url).status_code == 404
    client.force_login(inwoner)
    assert client.get(url).status_code == 404
    client.force_login(regisseur)
    assert client.get(url).status_code == 200


def test_a_round_without_a_budget_has_no_result_page(client, ronde):
    assert (
        client.get(reverse("participatie:uitslag", kwargs={"slug": ronde.slug})).status_code == 404
    )


def test_the_result_page_is_get_only(client, uitslag):
    assert client.post(_url("uitslag", uitslag)).status_code == 405


# --- The result -------------------------------------------------------------------------------


def _tabelrijen(html: str) -> list[list[str]]:
    """The cells of the result table(s) as text, row by row."""
    import re

    rijen = []
    for rij in re.findall(r"<tbody.*?</tbody>", html, flags=re.DOTALL):
        for tr in re.findall(r"<tr.*?</tr>", rij, flags=re.DOTALL):
            cellen = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, flags=re.DOTALL)
            rijen.append([re.sub(r"<[^>]+>", "", c).strip() for c in cellen])
    return rijen


def test_the_result_shows_turnout_votes_rank_and_what_was_chosen(client, uitslag):
    response = client.get(_url("uitslag", uitslag))
    html = response.content.decode()

    assert response.status_code == 200
    uitslag.refresh_from_db()
    assert uitslag.opkomst == 7
    assertContains(response, f"<dd>{uitslag.opkomst}</dd>", html=True)
    ja, nee = nl("Yes, chosen"), nl("No")
    assert [(r[0], r[1], r[3], r[4], r[5]) for r in _tabelrijen(html)] == [
        ("1", "Project 2", "€\xa05.000,00", "4", ja),
        ("2", "Project 3", "€\xa03.000,00", "3", ja),  # equal votes: the cheaper first
        ("3", "Project 1", "€\xa06.000,00", "3", nee),
    ]
    # Chosen against the budget, and the tie rule in words.
    assert "€\xa08.000,00" in html
    assert "€\xa010.000,00" in html
    regel = nl(
        "How the result is computed: per budget, the projects are taken in order of votes as "
        "long as they still fit in what is left; with equal votes the cheaper project goes "
        "first, and with equal cost the project that was submitted first."
    )
    assertContains(response, regel)
    # The chart is an image with a text alternative; the table carries the numbers.
    assertContains(response, 'src="data:image/svg+xml;base64,')
    assertContains(
        response,
        nl(
            "Bar chart of the votes per project, chosen and not chosen; the table below "
            "gives the same numbers."
        ),
    )
    assert inline_code(html) == []
    # Downloads.
    assertContains(response, _url("uitslag_csv", uitslag))
    assertContains(response, _url("uitslag_pabulib", uitslag))


def test_each_project_links_to_its_proposal(client, uitslag):
    response = client.get(_url("uitslag", uitslag))

    for voorstel in uitslag.voorstellen.all():
        assertContains(
            response,
            reverse(
                "participatie:voorstel", kwargs={"slug": uitslag.ronde.slug, "pk": voorstel.pk}
            ),
        )


def test_the_realisation_of_winners_is_shown(client, uitslag, opgave, organisatie):
    plan = PlanVanAanpak.objects.create(opgave=opgave, versie=1, samenvatting="Plan.")
    actie = Actie.objects.create(
        opgave=opgave, plan=plan, titel="Bankjes plaatsen", trekker=organisatie, status="bezig"
    )
    winnaar = uitslag.voorstellen.get(titel="Project 2")
    type(winnaar).objects.filter(pk=winnaar.pk).update(actie=actie)
    voorstel_gerealiseerd(voorstel=uitslag.voorstellen.get(titel="Project 3"))

    rijen = {r[1]: r for r in _tabelrijen(client.get(_url("uitslag", uitslag)).content.decode())}

    with translation.override("nl"):
        assert rijen["Project 2"][6] == str(Actie.Status.BEZIG.label)
        assert rijen["Project 3"][6] == str(type(winnaar).Status.GEREALISEERD.label)
    assert rijen["Project 1"][6] == ""


def test_a_winner_without_an_action_is_not_started_yet(client, uitslag):
    rijen = {r[1]: r for r in _tabelrijen(client.get(_url("uitslag", uitslag)).content.decode())}
    assert rijen["Project 2"][6] == nl("Not started yet")


def test_sub_budgets_each_have_their_table(client, opgave, regisseur, inwoner):
    noord = Gebied.objects.get(code="WK999902")
    oost = Gebied.objects.get(code="WK999903")
    begroting = _begroting(opgave, regisseur, titel="Per wijk")
    begroting_instellen(
        ronde=begroting.ronde, deelbudgetten=[(noord, Decimal("6000")), (oost, Decimal("4000"))]
    )
    for titel, wijk, bedrag in [
        ("Noord groot", noord, "5000"),
        ("Noord klein", noord, "2000"),
        ("Oost", oost, "3000"),
    ]:
        voorstel = voorstel_indienen(
            begroting=begroting,
            indiener=inwoner,
            titel=titel,
            beschrijving="Voor de wijk.",
            geraamde_kosten=Decimal(bedrag),
            gebied=wijk,
        )
        voorstel_beoordelen(
            voorstel=voorstel,
            door=regisseur,
            haalbaar=True,
            kosten=Decimal(bedrag),
            motivering="Ja.",
        )
    fase_wijzigen(begroting=begroting, naar="haalbaarheid", door=regisseur)
    begroting = fase_wijzigen(begroting=begroting, naar="stemmen", door=regisseur)
    uitslag_berekenen(begroting=begroting)

    html = client.get(_url("uitslag", begroting)).content.decode()

    with translation.override("nl"):
        assert _("Budget of %(wijk)s") % {"wijk": "Noorderpolder"} in html
        assert _("Budget of %(wijk)s") % {"wijk": "Oosterhout"} in html
    assert html.count("<table") == 2
    assert html.count('src="data:image/svg+xml') == 2
    rijen = _tabelrijen(html)
    # No votes at all: the cheaper first; then Noord groot no longer fits in Noord's 6000.
    assert [(r[0], r[1]) for r in rijen] == [
        ("1", "Noord klein"),
        ("2", "Noord groot"),
        ("1", "Oost"),
    ]
    assert "€\xa07.000,00" not in html  # Noord: 2000 + 5000 does not fit in 6000


def test_proposals_that_were_not_feasible_are_counted(client, begroting, regisseur, inwoner):
    for titel, haalbaar in [("Kan", True), ("Kan niet", False)]:
        voorstel = voorstel_indienen(
            begroting=begroting,
            indiener=inwoner,
            titel=titel,
            beschrijving="Test",
            geraamde_kosten=Decimal(1000),
        )
        voorstel_beoordelen(
            voorstel=voorstel,
            door=regisseur,
            haalbaar=haalbaar,
            kosten=Decimal(1000) if haalbaar else None,
            motivering="Zo is het.",
        )
    fase_wijzigen(begroting=begroting, naar="haalbaarheid", door=regisseur)
    begroting = fase_wijzigen(begroting=begroting, naar="stemmen", door=regisseur)
    uitslag_berekenen(begroting=begroting)

    response = client.get(_url("uitslag", begroting))

    assert [r[1] for r in _tabelrijen(response.content.decode())] == ["Kan"]
    assertContains(response, nl("Not on the ballot"))


def test_a_title_is_escaped(client, opgave, regisseur, inwoner):
    begroting = _begroting(opgave, regisseur, titel="Veilig")
    begroting = op_stembiljet(begroting, regisseur, inwoner, ["100"], titel="<script>x</script>")
    uitslag_berekenen(begroting=begroting)

    html = client.get(_url("uitslag", begroting)).content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


# --- Query count ------------------------------------------------------------------------------


def _queries(client, begroting) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url("uitslag", begroting))
    assert response.status_code == 200
    return len(queries)


# Anonymous: the round, the budget, the proposals, the sub-budgets. Logged in adds the
# session, the user, the two permission sets, the bell and the roles of the header;
# staff (the regisseur) also the MFA check of RequireStaffMfaMiddleware.
MAX_QUERIES = {"anoniem": 4, "inwoner": 10, "regisseur": 11}


@pytest.mark.parametrize("persona", MAX_QUERIES)
def test_the_result_page_needs_the_same_queries_for_3_or_30_proposals(
    client, opgave, regisseur, inwoner, persona, request
):
    if (user := request.getfixturevalue(persona)) is not None:
        client.force_login(user)

    def met(aantal: int, titel: str):
        begroting = _begroting(opgave, regisseur, titel=titel, totaal=Decimal("100000"))
        begroting = op_stembiljet(begroting, regisseur, inwoner, ["1000"] * aantal)
        stem(begroting, "Project 1", "Project 2")
        begroting = uitslag_berekenen(begroting=begroting)
        # Half of the winners are carried out, one is realised.
        plan = PlanVanAanpak.objects.get_or_create(opgave=opgave, versie=1)[0]
        actie = Actie.objects.create(opgave=opgave, plan=plan, titel=titel, trekker=opgave_trekker)
        begroting.voorstellen.filter(
            pk__in=list(begroting.voorstellen.values_list("pk", flat=True)[::2])
        ).update(actie=actie)
        voorstel_gerealiseerd(voorstel=begroting.voorstellen.get(titel="Project 2"))
        return begroting

    from partners.services import organisatie_create

    opgave_trekker = organisatie_create(naam="Buurtteam", soort="maatschappelijk")
    drie = met(3, "Drie projecten")
    dertig = met(30, "Dertig projecten")
    _queries(client, drie)  # warm the caches (content types, permissions)

    aantal = _queries(client, drie)
    assert _queries(client, dertig) == aantal
    assert aantal <= MAX_QUERIES[persona]


# --- Voting codes -----------------------------------------------------------------------------


def test_the_codes_page_counts_and_warns(client, regisseur, stemming):
    from participatie.services_begroting import stemcodes_maken

    (code, *_rest) = stemcodes_maken(begroting=stemming, aantal=4)
    stem(stemming, "Project 3", code=code)
    client.force_login(regisseur)

    response = client.get(_url("stemcodes", stemming))

    assert response.status_code == 200
    html = response.content.decode()
    assert [n for n in ("<dd>4</dd>", "<dd>1</dd>", "<dd>3</dd>") if n not in html] == []
    assertContains(response, nl("The codes are shown only once."))
    assertContains(response, 'name="aantal"')
    assertContains(response, f'max="{MAX_CODES_PER_KEER}"')
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_making_codes_downloads_letters_and_csv_and_keeps_only_hashes(client, regisseur, stemming):
    client.force_login(regisseur)

    response = client.post(_url("stemcodes", stemming), {"aantal": "4"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="stemcodes-')
    assert "no-store" in response["Cache-Control"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archief:
        assert sorted(archief.namelist()) == ["stembrieven.pdf", "stemcodes.csv"]
        pdf = archief.read("stembrieven.pdf")
        rijen = list(
            csv.reader(
                io.StringIO(archief.read("stemcodes.csv").decode("utf-8-sig")), delimiter=";"
            )
        )
    codes = [rij[1] for rij in rijen[1:]]
    assert len(codes) == 4
    assert pdf_paginas(pdf) == 4
    for code in codes:
        assert stemcode_controleren(begroting=stemming, code=code)
    # The database holds a hash of each code, never the code.
    opgeslagen = set(
        Stemcode.objects.filter(begroting=stemming).values_list("code_hash", flat=True)
    )
    assert opgeslagen == {
        hashlib.sha256(code_normaliseren(code).encode()).hexdigest() for code in codes
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM participatie_stemcode")
        alles = repr(cursor.fetchall())
    assert not any(code_normaliseren(c) in alles or c in alles for c in codes)


@pytest.mark.parametrize("aantal", ["0", "-3", str(MAX_CODES_PER_KEER + 1), "veel", "2.5", ""])
def test_a_wrong_number_makes_nothing(client, regisseur, stemming, aantal):
    client.force_login(regisseur)

    response = client.post(_url("stemcodes", stemming), {"aantal": aantal})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assertContains(response, "error-summary", status_code=400)
    assert not Stemcode.objects.exists()


def test_a_wrong_number_gets_a_dutch_message(client, regisseur, stemming):
    client.force_login(regisseur)
    response = client.post(_url("stemcodes", stemming), {"aantal": "0"})
    with translation.override("nl"):
        bericht = _("Make between 1 and %(max)s codes at a time.") % {"max": MAX_CODES_PER_KEER}
    assertContains(response, bericht, status_code=400)


def test_no_codes_after_voting(client, regisseur, uitslag):
    client.force_login(regisseur)
    aantal = Stemcode.objects.count()

    assertContains(
        client.get(_url("stemcodes", uitslag)), nl("Voting is over: no more codes are needed.")
    )
    response = client.post(_url("stemcodes", uitslag), {"aantal": "5"})

    assert response.status_code == 400
    assert Stemcode.objects.count() == aantal


def test_only_the_officials_of_the_round_make_codes(client, stemming, ambtenaar, inwoner):
    url = _url("stemcodes", stemming)
    assert client.get(url)["Location"].startswith(reverse("account_login"))
    for user in (inwoner, ambtenaar):  # ambtenaar manages another opgave only
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"aantal": "2"}).status_code == 403
    assert not Stemcode.objects.exists()


def test_a_failing_letter_makes_no_codes(client, regisseur, stemming, monkeypatch):
    from participatie import stemcodebrieven

    def kapot(*args, **kwargs):
        raise RuntimeError("printer on fire")

    monkeypatch.setattr(stemcodebrieven, "brieven_pdf", kapot)
    client.raise_request_exception = False
    client.force_login(regisseur)

    response = client.post(_url("stemcodes", stemming), {"aantal": "2"})

    assert response.status_code == 500
    assert not Stemcode.objects.exists()


def test_the_codes_page_of_a_round_in_the_result_phase_is_still_readable(
    client, regisseur, uitslag
):
    client.force_login(regisseur)
    response = client.get(_url("stemcodes", uitslag))
    assert response.status_code == 200
    assert uitslag.fase == Begroting.Fase.UITSLAG
    assertNotContains(response, 'name="aantal"')


# --- Admin ------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["begroting", "voorstel", "stembiljet", "stemcode"])
def test_the_beheerder_reads_the_budget_in_the_admin_and_changes_nothing(
    client, beheerder, uitslag, model
):
    client.force_login(beheerder)
    assert client.get(reverse(f"admin:participatie_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:participatie_{model}_add")).status_code == 403


def test_the_admin_never_shows_a_code_hash_or_a_voter(client, beheerder, uitslag, inwoner):
    from participatie.models import Stembiljet

    client.force_login(beheerder)
    hashes = list(Stemcode.objects.values_list("code_hash", flat=True))
    kiezers = [b.user for b in Stembiljet.objects.filter(user__isnull=False).select_related("user")]
    paginas = [reverse("admin:participatie_stemcode_changelist")]
    for code in Stemcode.objects.all():
        paginas += [
            reverse("admin:participatie_stemcode_change", args=[code.pk]),
            reverse("admin:participatie_stemcode_history", args=[code.pk]),
        ]
    paginas.append(reverse("admin:participatie_stembiljet_changelist"))
    for biljet in Stembiljet.objects.all():
        paginas.append(reverse("admin:participatie_stembiljet_change", args=[biljet.pk]))

    for url in paginas:
        html = client.get(url).content.decode()
        assert not any(h[:8] in html for h in hashes), url
        assert not any(k.email in html for k in kiezers), url
    # Blanked on the page only: the stored hashes are untouched.
    assert set(Stemcode.objects.values_list("code_hash", flat=True)) == set(hashes)
