"""One part of a long PDF, laid out in a process of its own.

``python -m rapportage.pdf_proces`` reads a complete HTML document on stdin and
writes its PDF to stdout. It imports WeasyPrint only (no Django), so it starts
in well under a second. ``rapportage.pdf.pdf_in_delen_schrijven`` runs several
at once: WeasyPrint lays out on one core and keeps every page of a document in
memory, so a report of thousands of inputs is laid out in parts, side by side,
each in a process that frees its memory when it exits.
"""

from __future__ import annotations

import sys


def alleen_data():
    """WeasyPrint's fetcher limited to ``data:`` URLs: any other URL raises, and
    WeasyPrint leaves that resource out (a report never fetches from outside)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def html_naar_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=alleen_data()).write_pdf()


def main() -> None:
    html = sys.stdin.buffer.read().decode("utf-8")
    sys.stdout.buffer.write(html_naar_pdf(html))


if __name__ == "__main__":
    main()
