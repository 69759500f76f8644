"""Files for spreadsheets: formula-safe cells, streamed CSV, and XLSX with flat memory.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula (and a leading tab or carriage return can hide one). Anyone who may
write text that ends up in an export (an idea, an expense, a name) could plant
``=HYPERLINK(...)`` for an official to click. Every **text** cell therefore
passes ``cel()``, which puts a ``'`` in front of such a value; numbers stay
numbers, a negative one too.

- ``csv_stroom(koppen, rijen)`` yields CSV lines one at a time, for a
  ``StreamingHttpResponse``: memory stays flat however many rows there are.
  UTF-8 with a byte order mark, ``;`` between cells and a decimal comma, which
  Dutch Excel and LibreOffice open without an import dialog.
- ``xlsx_schrijven(uit, blad, koppen, rijen)`` writes a workbook with openpyxl's
  write-only mode, which streams rows to disk instead of keeping them; give it a
  temporary file and serve that (``FileResponse``).
- ``xlsx_bladen_schrijven(uit, bladen)`` does the same for a workbook of several
  sheets (``Blad``), one after the other, with the same cell logic.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, BinaryIO

from django.utils import timezone

# The first characters that make a spreadsheet read a cell as a formula.
FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")
EURO_FORMAAT = '"€" #,##0.00;"€" -#,##0.00'
DATUM_FORMAAT = "yyyy-mm-dd"
DATUMTIJD_FORMAAT = "yyyy-mm-dd hh:mm"
PROCENT_FORMAAT = "0.0%"
CSV_SCHEIDING = ";"


def cel(waarde: Any) -> Any:
    """``waarde`` safe for a spreadsheet cell: text that could start a formula gets a
    leading ``'``; numbers, dates and ``None`` pass unchanged."""
    if isinstance(waarde, str) and waarde.startswith(FORMULE_TEKENS):
        return "'" + waarde
    return waarde


def _csv_waarde(waarde: Any) -> Any:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, Decimal | float):
        return f"{waarde:.2f}".replace(".", ",")
    if isinstance(waarde, datetime):
        if waarde.tzinfo is not None:
            waarde = timezone.localtime(waarde)
        return waarde.replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")
    if isinstance(waarde, date):
        return waarde.isoformat()
    return cel(waarde)


class _Regel:
    """A file-like object whose ``write`` hands back the line, for streaming."""

    def write(self, value: str) -> str:
        return value


def csv_stroom(koppen: Sequence[str], rijen: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The header and the rows as CSV lines, one at a time (escaped, Dutch style)."""
    writer = csv.writer(_Regel(), delimiter=CSV_SCHEIDING)
    yield "\ufeff" + writer.writerow([cel(kop) for kop in koppen])
    for rij in rijen:
        yield writer.writerow([_csv_waarde(waarde) for waarde in rij])


@dataclass(frozen=True)
class Blad:
    """One sheet of a workbook: its title, headers and rows (any iterable, consumed
    once). ``euro_kolommen`` and ``procent_kolommen`` are 0-based; a percentage is a
    fraction (``0.125`` shows as ``12.5%``)."""

    titel: str
    koppen: Sequence[str]
    rijen: Iterable[Sequence[Any]]
    breedtes: Sequence[int] = ()
    euro_kolommen: Iterable[int] = ()
    procent_kolommen: Iterable[int] = ()


def xlsx_schrijven(
    uit: BinaryIO,
    blad: str,
    koppen: Sequence[str],
    rijen: Iterable[Sequence[Any]],
    *,
    breedtes: Sequence[int] = (),
    euro_kolommen: Iterable[int] = (),
) -> int:
    """Write one sheet to ``uit`` in write-only mode; return the number of rows.

    Text is escaped with ``cel()``; ``Decimal`` amounts in ``euro_kolommen``
    (0-based) get the euro format, dates and times a date format."""
    blad_ = Blad(blad, koppen, rijen, breedtes=breedtes, euro_kolommen=euro_kolommen)
    return xlsx_bladen_schrijven(uit, [blad_])[0]


def xlsx_bladen_schrijven(uit: BinaryIO, bladen: Iterable[Blad]) -> list[int]:
    """Write the sheets to ``uit`` in write-only mode, in order; return the number of
    rows of each. A sheet's rows are read only when its turn comes."""
    from openpyxl import Workbook

    werkboek = Workbook(write_only=True)
    aantallen = [_blad_schrijven(werkboek, blad) for blad in bladen]
    werkboek.save(uit)
    return aantallen


def _blad_schrijven(werkboek, blad: Blad) -> int:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = werkboek.create_sheet(title=blad.titel[:31])
    for index, breedte in enumerate(blad.breedtes, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = breedte
    sheet.freeze_panes = "A2"
    vet = Font(bold=True)
    kopcellen = []
    for kop in blad.koppen:
        kopcel = WriteOnlyCell(sheet, value=cel(kop))
        kopcel.font = vet
        kopcellen.append(kopcel)
    sheet.append(kopcellen)
    euro = set(blad.euro_kolommen)
    procent = set(blad.procent_kolommen)
    aantal = 0
    for rij in blad.rijen:
        cellen = []
        for index, waarde in enumerate(rij):
            if isinstance(waarde, datetime) and waarde.tzinfo is not None:
                waarde = timezone.localtime(waarde).replace(tzinfo=None)
            formaat = None
            if index in euro and isinstance(waarde, Decimal | int | float):
                formaat = EURO_FORMAAT
            elif index in procent and isinstance(waarde, Decimal | int | float):
                formaat = PROCENT_FORMAAT
            elif isinstance(waarde, datetime):
                formaat = DATUMTIJD_FORMAAT
            elif isinstance(waarde, date):
                formaat = DATUM_FORMAAT
            if formaat is None:
                # A plain value is much cheaper than a cell object (a quarter of the
                # time of a big export); cel() has made sure no text reads as a formula.
                cellen.append(cel(waarde))
            else:
                cell = WriteOnlyCell(sheet, value=cel(waarde))
                cell.number_format = formaat
                cellen.append(cell)
        sheet.append(cellen)
        aantal += 1
    return aantal
