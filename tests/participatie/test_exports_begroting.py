"""The result as CSV (for a spreadsheet) and as a Pabulib file (for research)."""

import csv
import io
from collections import Counter
from decimal import Decimal

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

import pytest

from opgaven.models import Gebied
from participatie.exports_begroting import cel, pabulib, uitslag_csv
from participatie.models import Stemcode
from participatie.services_begroting import (
    begroting_instellen,
    uitslag_berekenen,
    voorstel_beoordelen,
    voorstel_indienen,
)
from tests.conftest import _begroting
from tests.participatie.uitslag_hulp import (
    op_stembiljet,
    pabulib_lezen,
    stem,
    uitslag_met_stemmen,
)

pytestmark = pytest.mark.django_db


def _csv_rijen(inhoud: bytes) -> list[list[str]]:
    assert inhoud.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def uitslag(stemming):
    return uitslag_met_stemmen(stemming)


# --- CSV --------------------------------------------------------------------------------------


def test_the_csv_has_a_row_per_proposal_in_the_order_of_the_result(uitslag, regisseur, inwoner):
    with translation.override("nl"):
        kop = [_("Number"), _("Title"), _("District"), _("Cost"), _("Votes"), _("Chosen")]
        ja, nee = _("yes"), _("no")
    kop_gelezen, *rijen = _csv_rijen(uitslag_csv(uitslag))

    assert kop_gelezen[:6] == kop
    assert [(r[1], r[3], r[4], r[5]) for r in rijen] == [
        ("Project 2", "5000,00", "4", ja),
        ("Project 3", "3000,00", "3", ja),
        ("Project 1", "6000,00", "3", nee),
    ]
    assert {r[0] for r in rijen} == {str(v.pk) for v in uitslag.voorstellen.all()}


def test_the_csv_is_in_dutch_whatever_the_language_of_the_visitor(uitslag):
    with translation.override("en"):
        inhoud = uitslag_csv(uitslag)
    with translation.override("nl"):
        assert _csv_rijen(inhoud)[0][0] == _("Number")
        assert _("Number") != "Number"


def test_a_title_that_looks_like_a_formula_stays_text(begroting, regisseur, inwoner):
    for titel in ('=HYPERLINK("https://kwaad.example";"klik")', "+31 bankjes", "@SOM(A1)"):
        voorstel = voorstel_indienen(
            begroting=begroting,
            indiener=inwoner,
            titel=titel,
            beschrijving="Test",
            geraamde_kosten=Decimal(100),
        )
        voorstel_beoordelen(voorstel=voorstel, door=regisseur, haalbaar=False, motivering="Nee.")
    _kop, *rijen = _csv_rijen(uitslag_csv(begroting))

    titels = {rij[1] for rij in rijen}
    assert titels == {'\'=HYPERLINK("https://kwaad.example";"klik")', "'+31 bankjes", "'@SOM(A1)"}
    assert all(rij[3] == "" for rij in rijen)  # no cost of the municipality: not feasible


@pytest.mark.parametrize(
    ("waarde", "veilig"),
    [
        ("=1+1", "'=1+1"),
        ("-2", "'-2"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Gewoon", "Gewoon"),
        (-2, -2),
        (None, None),
    ],
)
def test_cel(waarde, veilig):
    assert cel(waarde) == veilig


def test_the_csv_download(client, uitslag):
    response = client.get(reverse("participatie:uitslag_csv", kwargs={"slug": uitslag.ronde.slug}))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="uitslag-{uitslag.ronde.slug}.csv"'
    )
    assert len(_csv_rijen(response.content)) == 4


# --- Pabulib ----------------------------------------------------------------------------------


def test_the_pabulib_file_reads_back_with_the_counts_of_the_result(uitslag):
    uitslag.refresh_from_db()
    gelezen = pabulib_lezen(pabulib(uitslag))

    meta = gelezen.meta
    assert meta["description"] == uitslag.ronde.titel
    assert meta["country"] == "Netherlands"
    assert meta["unit"] == "Demodam"
    assert meta["instance"] == "2027"
    assert meta["vote_type"] == "approval"
    assert meta["rule"] == "greedy"
    assert meta["budget"] == "10000"
    assert meta["max_sum_cost"] == "10000"
    assert (meta["date_begin"], meta["date_end"]) == ("10.12.2026", "31.01.2027")
    assert int(meta["num_projects"]) == len(gelezen.projecten) == 3
    assert int(meta["num_votes"]) == len(gelezen.stemmen) == uitslag.opkomst == 7

    assert gelezen.kop_projecten[:5] == ["project_id", "cost", "votes", "name", "selected"]
    projecten = {p["name"]: p for p in gelezen.projecten}
    assert {naam: (p["cost"], p["votes"], p["selected"]) for naam, p in projecten.items()} == {
        "Project 1": ("6000", "3", "0"),
        "Project 2": ("5000", "4", "1"),
        "Project 3": ("3000", "3", "1"),
    }
    # The votes per project are exactly the ballots that hold it.
    geteld = Counter(pid for s in gelezen.stemmen for pid in s["vote"].split(","))
    assert {p["project_id"]: int(p["votes"]) for p in gelezen.projecten} == dict(geteld)


def test_voters_are_anonymous_sequential_numbers(uitslag):
    tekst = pabulib(uitslag)
    gelezen = pabulib_lezen(tekst)

    assert gelezen.kop_stemmen == ["voter_id", "vote"]
    assert [s["voter_id"] for s in gelezen.stemmen] == [str(n) for n in range(1, 8)]
    # Numbered after sorting by content: the number says nothing about who or when.
    stembiljetten = [[int(i) for i in s["vote"].split(",")] for s in gelezen.stemmen]
    assert stembiljetten == sorted(stembiljetten)
    assert all(ids == sorted(ids) for ids in stembiljetten)
    assert not any(code.code_hash in tekst for code in Stemcode.objects.all())


def test_an_unconfirmed_ballot_is_not_in_the_file(stemming):
    stem(stemming, "Project 1")
    from participatie.services_begroting import keuze_toevoegen, stembiljet_openen
    from tests.factories import UserFactory

    twijfelaar = UserFactory()
    biljet = stembiljet_openen(begroting=stemming, user=twijfelaar)
    keuze_toevoegen(stembiljet=biljet, voorstel=stemming.voorstellen.get(titel="Project 2"))
    uitslag_berekenen(begroting=stemming)

    gelezen = pabulib_lezen(pabulib(stemming))
    assert gelezen.meta["num_votes"] == "1"
    assert [s["vote"] for s in gelezen.stemmen] == [
        str(stemming.voorstellen.get(titel="Project 1").pk)
    ]


def test_approval_voting_says_how_many_projects_a_ballot_may_hold(opgave, regisseur, inwoner):
    begroting = _begroting(
        opgave, regisseur, titel="Kies er twee", stemregel="approval", max_keuzes=2
    )
    begroting = op_stembiljet(begroting, regisseur, inwoner, ["100", "200", "300"])
    stem(begroting, "Project 1", "Project 3")
    uitslag_berekenen(begroting=begroting)

    meta = pabulib_lezen(pabulib(begroting)).meta
    assert meta["max_length"] == "2"
    assert "max_sum_cost" not in meta


def test_text_never_breaks_a_line_or_a_cell(opgave, regisseur, inwoner):
    begroting = _begroting(opgave, regisseur, titel="Puntkomma; en meer")
    begroting = op_stembiljet(begroting, regisseur, inwoner, ["100.50"], titel="Bank; of\ntwee")
    stem(begroting, "Bank; of\ntwee 1")
    uitslag_berekenen(begroting=begroting)

    gelezen = pabulib_lezen(pabulib(begroting))
    assert gelezen.meta["description"] == "Puntkomma, en meer"
    (project,) = gelezen.projecten
    assert project["name"] == "Bank, of twee 1"
    assert project["cost"] == "100.50"


def test_sub_budgets_are_neighbourhoods(opgave, regisseur, inwoner):
    noord = Gebied.objects.get(code="WK999902")
    oost = Gebied.objects.get(code="WK999903")
    begroting = _begroting(opgave, regisseur, titel="Per wijk")
    begroting_instellen(
        ronde=begroting.ronde,
        deelbudgetten=[(noord, Decimal("6000")), (oost, Decimal("4000"))],
    )
    for titel, wijk, bedrag in [("Noord", noord, "5000"), ("Oost", oost, "3000")]:
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
    from participatie.services_begroting import fase_wijzigen

    fase_wijzigen(begroting=begroting, naar="haalbaarheid", door=regisseur)
    begroting = fase_wijzigen(begroting=begroting, naar="stemmen", door=regisseur)
    uitslag_berekenen(begroting=begroting)

    gelezen = pabulib_lezen(pabulib(begroting))
    assert gelezen.meta["neighbourhoods"] == "Noorderpolder,Oosterhout"
    assert gelezen.meta["budget_per_neighbourhood"] == "6000,4000"
    assert {p["name"]: p["neighbourhood"] for p in gelezen.projecten} == {
        "Noord": "Noorderpolder",
        "Oost": "Oosterhout",
    }


def test_the_pabulib_download(client, uitslag):
    response = client.get(
        reverse("participatie:uitslag_pabulib", kwargs={"slug": uitslag.ronde.slug})
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="uitslag-{uitslag.ronde.slug}.pb"'
    )
    assert pabulib_lezen(response.content.decode()).meta["num_votes"] == "7"


@pytest.mark.parametrize("naam", ["participatie:uitslag_csv", "participatie:uitslag_pabulib"])
def test_no_export_before_the_result(client, regisseur, stemming, naam):
    client.force_login(regisseur)
    assert client.get(reverse(naam, kwargs={"slug": stemming.ronde.slug})).status_code == 404
