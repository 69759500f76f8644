"""Voting-code letters: the ZIP with one A4 letter per code (PDF) and the codes (CSV)."""

import csv
import io
import zipfile

from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

import pytest

from participatie.services_begroting import stemcode_controleren, stemcodes_maken
from participatie.stemcodebrieven import (
    CSV_NAAM,
    PDF_NAAM,
    brieven_html,
    codes_csv,
    stem_url,
    stemcodes_zip,
)
from tests.participatie.uitslag_hulp import pdf_paginas

pytestmark = pytest.mark.django_db


@override_settings(SITE_URL="https://stem.demodam.nl/", GEMEENTE_NAAM="Gemeente Demodam")
def test_a_letter_says_who_what_until_when_where_and_the_code(stemming):
    codes = ["ABCD-EFGH-JKLM", "NPQR-STUV-WXYZ"]
    with translation.override("en"):  # the official's language; the letter stays Dutch
        html = brieven_html(stemming, codes)

    with translation.override("nl"):
        eenmalig = _("This code can be used once.")
    assert html.count(eenmalig) == 2
    assert html.count('class="brief"') == 2
    assert "Gemeente Demodam" in html
    assert stemming.ronde.titel in html
    assert stemming.ronde.vraag in html
    assert "€\xa010.000,00" in html
    assert "10 december 2026" in html
    assert "31 januari 2027" in html
    url = "https://stem.demodam.nl" + reverse(
        "participatie:stemcode", kwargs={"slug": stemming.ronde.slug}
    )
    assert url in html
    for code in codes:
        assert f'<p class="code">{code}</p>' in html


@override_settings(SITE_URL="https://stem.demodam.nl")
def test_the_url_is_absolute(stemming):
    assert stem_url(stemming).startswith("https://stem.demodam.nl/participatie/")
    assert stemming.ronde.slug in stem_url(stemming)


def test_the_zip_holds_one_page_per_code_and_the_csv(stemming):
    codes = stemcodes_maken(begroting=stemming, aantal=3)
    with zipfile.ZipFile(io.BytesIO(stemcodes_zip(stemming, codes))) as archief:
        assert sorted(archief.namelist()) == sorted([PDF_NAAM, CSV_NAAM])
        pdf = archief.read(PDF_NAAM)
        rijen = list(
            csv.reader(io.StringIO(archief.read(CSV_NAAM).decode("utf-8-sig")), delimiter=";")
        )

    assert pdf.startswith(b"%PDF-")
    assert pdf_paginas(pdf) == 3
    assert [rij[1] for rij in rijen[1:]] == codes
    assert [rij[0] for rij in rijen[1:]] == ["1", "2", "3"]
    for code in codes:
        assert stemcode_controleren(begroting=stemming, code=code).begroting_id == stemming.pk


def test_the_page_count_reader_counts(stemming):
    from participatie.stemcodebrieven import brieven_pdf

    assert pdf_paginas(brieven_pdf(stemming, ["ABCD-EFGH-JKLM"])) == 1
    assert pdf_paginas(brieven_pdf(stemming, ["ABCD-EFGH-JKLM"] * 7)) == 7


def test_the_csv_is_formula_safe_and_dutch():
    with translation.override("en"):
        inhoud = codes_csv(["=1+1", "ABCD-EFGH-JKLM"])
    rijen = list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))
    with translation.override("nl"):
        assert rijen[0] == [_("Number"), _("Voting code")]
    assert rijen[1] == ["1", "'=1+1"]
    assert rijen[2] == ["2", "ABCD-EFGH-JKLM"]


def test_the_letters_load_nothing_from_outside(stemming):
    from participatie.stemcodebrieven import _geen_bestanden

    with pytest.raises(ValueError, match="load nothing"):
        _geen_bestanden("file:///etc/passwd")
