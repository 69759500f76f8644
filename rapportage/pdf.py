"""HTML to PDF with WeasyPrint, in the platform's print style.

Every PDF report extends ``rapportage/pdf/basis.html``, which inlines
``rapportage/print.css`` (A4, page numbers, the NLDS colours and type scale).
Nothing is fetched from outside: charts are ``data:`` URIs, and any other URL is
refused, so a report can never leak a request or wait on the network.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone


def _alleen_data():
    """WeasyPrint's fetcher (an object since WeasyPrint 70) limited to ``data:`` URLs:
    any other URL raises, and WeasyPrint leaves that resource out."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def print_css() -> str:
    pad = finders.find("rapportage/print.css")
    with open(pad, encoding="utf-8") as bestand:
        return bestand.read()


def pdf_schrijven(template: str, context: dict[str, Any], uit: BinaryIO) -> None:
    """Render ``template`` with ``context`` (plus the print style) as PDF into ``uit``."""
    from weasyprint import HTML

    html = render_to_string(
        template,
        {
            "gemeente": settings.GEMEENTE_NAAM,
            "gemaakt_op": timezone.localtime(),
            "print_css": print_css(),
            **context,
        },
    )
    HTML(string=html, url_fetcher=_alleen_data()).write_pdf(target=uit)
