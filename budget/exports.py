"""The pot's ledger as a file: CSV (streamed) and XLSX (openpyxl).

Both hold the same columns, with Dutch headers, oldest row first (the order in
which the ledger was written, so every row's totals follow from the one above).

- **CSV** is for other software: comma-separated, UTF-8 with a byte order mark
  (so spreadsheet programs read the accents), amounts as plain numbers with a
  decimal point and no thousands separator (``1234.56``), times in ISO 8601.
- **XLSX** is for people: amounts are numbers with a euro number format, so
  they add up in a spreadsheet. It is written in openpyxl's write-only mode
  (``config.spreadsheets.xlsx_schrijven``) into a file, so memory stays flat
  however long the ledger is; the view serves a temporary file.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula (and a leading tab or carriage return can hide one). Anyone who may
write a description (an expense, a contribution) could plant
``=HYPERLINK(...)`` for the fund holder to click. Every **text** cell therefore
passes ``cel()`` (``config.spreadsheets``), which puts a ``'`` in front of such
a value; numbers stay numbers, a negative one too.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import datetime
from decimal import Decimal
from io import BytesIO
from typing import Any, BinaryIO

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from budget.models import Boeking, Budgetpot
from config.spreadsheets import EURO_FORMAAT, cel, xlsx_schrijven  # noqa: F401 (EURO_FORMAAT)


def kolommen() -> list[str]:
    """The Dutch column headers (the site's language, whatever the reader's)."""
    with translation.override(settings.LANGUAGE_CODE):
        return [
            _("Number"),
            _("Date and time"),
            _("By"),
            _("Event"),
            _("Description"),
            _("Organisation"),
            _("Amount"),
            _("Contributed after"),
            _("Allocated after"),
            _("Spent after"),
            _("Available after"),
        ]


def boekingen_voor_export(pot: Budgetpot) -> QuerySet[Boeking]:
    """The pot's ledger, oldest first, with who and which organisation: one query."""
    return (
        Boeking.objects.filter(pot=pot).select_related("door", "organisatie").order_by("volgnummer")
    )


def _rij(boeking: Boeking) -> list[Any]:
    door = boeking.door.weergavenaam or _("a colleague")
    return [
        boeking.volgnummer,
        timezone.localtime(boeking.op).replace(tzinfo=None, microsecond=0),
        door,
        str(boeking.get_soort_display()),
        boeking.omschrijving,
        boeking.organisatie.naam if boeking.organisatie else "",
        boeking.bedrag,
        boeking.bijgedragen_na,
        boeking.toegewezen_na,
        boeking.besteed_na,
        boeking.beschikbaar_na,
    ]


def rijen(boekingen: Iterable[Boeking]) -> Iterator[list[Any]]:
    """The ledger rows as cell values (escaped), in the site's language."""
    for boeking in boekingen:
        # The language is switched per row, not across the ``yield``: a paused
        # generator must not leave it switched for whatever runs in between.
        with translation.override(settings.LANGUAGE_CODE):
            rij = [cel(waarde) for waarde in _rij(boeking)]
        yield rij


def _csv_waarde(waarde: Any) -> Any:
    if isinstance(waarde, Decimal):
        return f"{waarde:.2f}"
    if isinstance(waarde, datetime):
        return waarde.isoformat(sep=" ", timespec="minutes")
    return waarde


class _Regel:
    """A file-like object whose ``write`` hands back the line, for streaming."""

    def write(self, value: str) -> str:
        return value


def csv_regels(pot: Budgetpot) -> Iterator[str]:
    """The ledger as CSV lines, one at a time (for a ``StreamingHttpResponse``).

    The header and every text cell are escaped too: a header is text as well."""
    writer = csv.writer(_Regel())
    yield "\ufeff" + writer.writerow([cel(kop) for kop in kolommen()])
    for rij in rijen(boekingen_voor_export(pot).iterator(chunk_size=500)):
        yield writer.writerow([_csv_waarde(waarde) for waarde in rij])


def xlsx_schrijven_naar(pot: Budgetpot, uit: BinaryIO) -> int:
    """Write the ledger as an XLSX workbook to ``uit`` (one sheet, amounts as euro
    numbers) in write-only mode; return the number of rows."""
    with translation.override(settings.LANGUAGE_CODE):
        blad = _("Ledger")
    return xlsx_schrijven(
        uit,
        blad,
        kolommen(),
        rijen(boekingen_voor_export(pot).iterator(chunk_size=500)),
        breedtes=(8, 18, 24, 26, 60, 28, 14, 16, 16, 14, 16),
        euro_kolommen=range(6, 11),
    )


def xlsx_bestand(pot: Budgetpot) -> bytes:
    """The ledger as XLSX bytes (for tests and small pots; the view writes to a file)."""
    uitvoer = BytesIO()
    xlsx_schrijven_naar(pot, uitvoer)
    return uitvoer.getvalue()


def bestandsnaam(pot: Budgetpot, formaat: str) -> str:
    """``grootboek-samen-van-het-gas-af-2026-03-05.csv``: the pot and today's date."""
    naam = slugify(pot.naam) or f"pot-{pot.pk}"
    return f"grootboek-{naam}-{timezone.localdate():%Y-%m-%d}.{formaat}"
