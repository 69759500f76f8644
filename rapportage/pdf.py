"""HTML to PDF with WeasyPrint, in the platform's print style.

Every PDF report extends ``rapportage/pdf/basis.html``, which inlines
``rapportage/print.css`` (A4, page numbers, the NLDS colours and type scale).
Nothing is fetched from outside: charts are ``data:`` URIs, and any other URL is
refused, so a report can never leak a request or wait on the network.
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, BinaryIO

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from rapportage.pdf_proces import alleen_data

# Seconds one part may take before its process is stopped and the report fails.
DEEL_TIJDSLIMIET = 300


def print_css() -> str:
    pad = finders.find("rapportage/print.css")
    with open(pad, encoding="utf-8") as bestand:
        return bestand.read()


def html_maken(template: str, context: dict[str, Any]) -> str:
    """``template`` with ``context`` and what every report page needs (print style)."""
    return render_to_string(
        template,
        {
            "gemeente": settings.GEMEENTE_NAAM,
            "gemaakt_op": timezone.localtime(),
            "print_css": print_css(),
            **context,
        },
    )


def pdf_schrijven(template: str, context: dict[str, Any], uit: BinaryIO) -> None:
    """Render ``template`` with ``context`` (plus the print style) as PDF into ``uit``."""
    from weasyprint import HTML

    HTML(string=html_maken(template, context), url_fetcher=alleen_data()).write_pdf(target=uit)


def _deel_opmaken(html: str) -> bytes:
    """One part's PDF, laid out by ``rapportage.pdf_proces`` in a process of its own."""
    proces = subprocess.run(  # nosec B603 - our own module, fixed arguments, HTML on stdin
        [sys.executable, "-m", "rapportage.pdf_proces"],
        input=html.encode("utf-8"),
        capture_output=True,
        cwd=settings.BASE_DIR,
        timeout=DEEL_TIJDSLIMIET,
        check=False,
    )
    if proces.returncode != 0:
        fout = proces.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise RuntimeError(f"PDF part failed: {' '.join(fout) or proces.returncode}")
    return proces.stdout


def pdf_in_delen_schrijven(delen: Iterable[str], uit: BinaryIO, *, tegelijk: int = 2) -> int:
    """Lay out the HTML documents ``delen`` side by side and write them as one PDF.

    At most ``tegelijk`` parts are laid out at once, each in its own process (threads
    only wait on them), and at most that many HTML documents are held: the next part
    is rendered only when a process is free, so memory stays flat however long the
    report. The parts keep their order. Returns the number of pages.
    """
    from pypdf import PdfReader, PdfWriter

    schrijver = PdfWriter()
    bezig: deque[Future[bytes]] = deque()

    def toevoegen(klaar: Future[bytes]) -> None:
        schrijver.append(PdfReader(io.BytesIO(klaar.result())))

    with ThreadPoolExecutor(max_workers=tegelijk) as uitvoerder:
        for html in delen:
            if len(bezig) >= tegelijk:
                toevoegen(bezig.popleft())
            bezig.append(uitvoerder.submit(_deel_opmaken, html))
        while bezig:
            toevoegen(bezig.popleft())
    schrijver.write(uit)
    return len(schrijver.pages)
