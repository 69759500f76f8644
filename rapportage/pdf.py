"""HTML to PDF with WeasyPrint, in the platform's print style.

Every PDF report extends ``rapportage/pdf/basis.html``, which inlines
``rapportage/print.css`` (A4, page numbers, the NLDS colours and type scale).
Nothing is fetched from outside: charts are ``data:`` URIs, and any other URL is
refused, so a report can never leak a request or wait on the network.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import tempfile
import threading
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


class _Opmaker:
    """A ``rapportage.pdf_proces`` process that lays out one part after another.

    It imports WeasyPrint once: starting a process per part would cost almost a
    second each. Parts go in and come out length-prefixed (8 bytes, big-endian).
    A part that takes longer than ``DEEL_TIJDSLIMIET`` seconds gets the process
    killed, and the part fails with the last line the process wrote to stderr.
    """

    def __init__(self) -> None:
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in sluiten()
        # Our own module with fixed arguments; the HTML goes in on stdin.
        self._proces = subprocess.Popen(  # nosec B603
            [sys.executable, "-m", "rapportage.pdf_proces"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            cwd=settings.BASE_DIR,
        )

    def opmaken(self, html: str) -> bytes:
        invoer = html.encode("utf-8")
        bewaker = threading.Timer(DEEL_TIJDSLIMIET, self._proces.kill)
        bewaker.start()
        try:
            self._proces.stdin.write(len(invoer).to_bytes(8, "big") + invoer)
            self._proces.stdin.flush()
            kop = self._proces.stdout.read(8)
            lengte = int.from_bytes(kop, "big") if len(kop) == 8 else -1
            pdf = self._proces.stdout.read(lengte) if lengte >= 0 else b""
        except BrokenPipeError:
            lengte, pdf = -1, b""
        finally:
            bewaker.cancel()
        if lengte < 0 or len(pdf) != lengte:
            raise RuntimeError(self._fout())
        return pdf

    def _fout(self) -> str:
        self._proces.poll()
        self._stderr.seek(0)
        laatste = self._stderr.read().decode("utf-8", "replace").strip().splitlines()[-1:]
        return f"PDF part failed: {' '.join(laatste) or self._proces.returncode}"

    def sluiten(self) -> None:
        with contextlib.suppress(BrokenPipeError, OSError):
            self._proces.stdin.close()
        try:
            self._proces.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proces.kill()
            self._proces.wait()
        self._proces.stdout.close()
        self._stderr.close()


class _Opmakers:
    """One ``_Opmaker`` per thread of the pool, started on its first part."""

    def __init__(self) -> None:
        self._eigen = threading.local()
        self._alle: list[_Opmaker] = []
        self._slot = threading.Lock()

    def van_deze_thread(self) -> _Opmaker:
        opmaker = getattr(self._eigen, "opmaker", None)
        if opmaker is None:
            opmaker = self._eigen.opmaker = _Opmaker()
            with self._slot:
                self._alle.append(opmaker)
        return opmaker

    def sluiten(self) -> None:
        for opmaker in self._alle:
            opmaker.sluiten()


def _deel_opmaken(html: str, opmakers: _Opmakers) -> bytes:
    """One part's PDF, laid out by this thread's own ``rapportage.pdf_proces``."""
    return opmakers.van_deze_thread().opmaken(html)


def pdf_in_delen_schrijven(delen: Iterable[str], uit: BinaryIO, *, tegelijk: int = 2) -> int:
    """Lay out the HTML documents ``delen`` side by side and write them as one PDF.

    At most ``tegelijk`` parts are laid out at once, by as many processes (threads
    only wait on them), and at most that many HTML documents are held: the next part
    is rendered only when a process is free, so memory stays flat however long the
    report. The parts keep their order. Returns the number of pages.
    """
    from pypdf import PdfReader, PdfWriter

    schrijver = PdfWriter()
    bezig: deque[Future[bytes]] = deque()
    opmakers = _Opmakers()

    def toevoegen(klaar: Future[bytes]) -> None:
        schrijver.append(PdfReader(io.BytesIO(klaar.result())))

    try:
        with ThreadPoolExecutor(max_workers=tegelijk) as uitvoerder:
            for html in delen:
                if len(bezig) >= tegelijk:
                    toevoegen(bezig.popleft())
                bezig.append(uitvoerder.submit(_deel_opmaken, html, opmakers))
            while bezig:
                toevoegen(bezig.popleft())
    finally:
        opmakers.sluiten()
    schrijver.write(uit)
    return len(schrijver.pages)
