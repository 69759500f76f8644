"""Parts of a long PDF, laid out in a process of its own.

``python -m rapportage.pdf_proces`` reads complete HTML documents from stdin and
writes their PDFs to stdout, one after another, each prefixed with its length
(8 bytes, big-endian); it stops at the end of its input. It imports WeasyPrint
only (no Django). ``rapportage.pdf.pdf_in_delen_schrijven`` runs several at once:
WeasyPrint lays out on one core and keeps every page of a document in memory, so
a report of thousands of inputs is laid out in parts, side by side, in processes
whose memory is that of one part.
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
    invoer, uitvoer = sys.stdin.buffer, sys.stdout.buffer
    while len(kop := invoer.read(8)) == 8:
        html = invoer.read(int.from_bytes(kop, "big")).decode("utf-8")
        pdf = html_naar_pdf(html)
        uitvoer.write(len(pdf).to_bytes(8, "big") + pdf)
        uitvoer.flush()


if __name__ == "__main__":
    main()
