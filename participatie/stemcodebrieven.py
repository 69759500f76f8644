"""Letters with voting codes, for an official to print and send to households.

``services_begroting.stemcodes_maken`` returns the new codes once; only their
hashes are kept. This module turns that list into the only copy there will
ever be: a ZIP with ``stembrieven.pdf`` (WeasyPrint, A4, one letter per page,
in Dutch whatever the official's language) and ``stemcodes.csv`` (one code per
row, numbered like the letters, for a mail merge or a printing house).

The letter says who sends it, what the vote is about and until when, where to
vote (``participatie:stemcode`` as an absolute URL on ``settings.SITE_URL``),
the code in large monospace type, and that it works once.

The PDF is rendered without any network or file access (``_geen_bestanden``):
everything it shows is in the HTML.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from config.bedragen import euro
from participatie.exports_begroting import csv_bestand
from participatie.models import Begroting

PDF_NAAM = "stembrieven.pdf"
CSV_NAAM = "stemcodes.csv"


def stem_url(begroting: Begroting) -> str:
    """Where a code is entered, as an absolute URL (the round's page until the
    code-entry page exists)."""
    slug = begroting.ronde.slug
    try:
        pad = reverse("participatie:stemcode", kwargs={"slug": slug})
    except NoReverseMatch:
        pad = reverse("participatie:ronde", kwargs={"slug": slug})
    return settings.SITE_URL.rstrip("/") + pad


def codes_csv(codes: Sequence[str]) -> bytes:
    """``Nummer;Stemcode`` and one numbered code per row (the letter's number)."""
    with translation.override(settings.LANGUAGE_CODE):
        kop = [_("Number"), _("Voting code")]
    return csv_bestand([kop, *([nummer, code] for nummer, code in enumerate(codes, start=1))])


def _geen_bestanden(url: str, *args, **kwargs):
    raise ValueError(f"The letters load nothing from outside: {url}")


def brieven_html(begroting: Begroting, codes: Sequence[str]) -> str:
    ronde = begroting.ronde
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "participatie/uitslag/stembrieven.html",
            {
                "gemeente": settings.GEMEENTE_NAAM,
                "ronde": ronde,
                "begroting": begroting,
                "budget": euro(begroting.totaal),
                "gebieden": ", ".join(g.naam for g in ronde.gebieden.all()),
                "van": date_format(begroting.stemmen_van, "j F Y"),
                "tot": date_format(begroting.stemmen_tot, "j F Y"),
                "url": stem_url(begroting),
                "codes": codes,
                "aantal": len(codes),
                "datum": date_format(timezone.localdate(), "j F Y"),
            },
        )


def brieven_pdf(begroting: Begroting, codes: Sequence[str]) -> bytes:
    """One A4 letter per code."""
    from weasyprint import HTML

    return HTML(string=brieven_html(begroting, codes), url_fetcher=_geen_bestanden).write_pdf()


def stemcodes_zip(begroting: Begroting, codes: Sequence[str]) -> bytes:
    """The letters and the CSV in one ZIP."""
    uitvoer = io.BytesIO()
    with zipfile.ZipFile(uitvoer, "w", compression=zipfile.ZIP_DEFLATED) as archief:
        archief.writestr(PDF_NAAM, brieven_pdf(begroting, codes))
        archief.writestr(CSV_NAAM, codes_csv(codes))
    return uitvoer.getvalue()


def zip_naam(begroting: Begroting) -> str:
    """``stemcodes-wijkbudget-noorderpolder-2026-03-05-1412.zip``: a new name each time,
    so a second batch never overwrites the first in a downloads folder."""
    return f"stemcodes-{begroting.ronde.slug}-{timezone.localtime():%Y-%m-%d-%H%M%S}.zip"
