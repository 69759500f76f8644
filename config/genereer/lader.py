"""Rows to PostgreSQL by ``COPY ... FROM STDIN`` (psycopg 3), on Django's own connection.

A ``Schrijver`` collects the rows of one table in a temporary file while the
generator makes them, so the generator can fill several tables at once (an
input, its supports and its comments); ``Lader.laden`` then copies each file in
one COPY and reports the rows and seconds. Nothing here commits: the caller's
transaction decides.
"""

from __future__ import annotations

import json
import tempfile
import time
from datetime import date, datetime
from decimal import Decimal

from django.db import connection

# COPY's text format: backslash, tab, newline and carriage return are escaped.
_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
NULL = "\\N"
_CHUNK = 1 << 20


def veld(waarde) -> str:
    """One value in COPY's text format."""
    if waarde is None:
        return NULL
    if waarde is True:
        return "t"
    if waarde is False:
        return "f"
    if isinstance(waarde, str):
        return waarde.translate(_ESCAPE)
    if isinstance(waarde, int | Decimal):
        return str(waarde)
    if isinstance(waarde, datetime | date):
        return waarde.isoformat()
    if isinstance(waarde, dict | list):
        return json.dumps(waarde, ensure_ascii=False, sort_keys=True).translate(_ESCAPE)
    return str(waarde).translate(_ESCAPE)


def tekst(waarde: str) -> str:
    """A text escaped once, to reuse in many rows (``Schrijver.regel``)."""
    return waarde.translate(_ESCAPE)


class Schrijver:
    """The rows of one table, in a temporary file until they are loaded."""

    def __init__(self, tabel: str, kolommen: list[str]):
        self.tabel = tabel
        self.kolommen = kolommen
        self.aantal = 0
        self.volgend_id = 1
        self._bestand = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 - closed in kopieer
        self._buffer: list[str] = []

    def nieuw_id(self) -> int:
        nieuw = self.volgend_id
        self.volgend_id += 1
        return nieuw

    def rij(self, *waarden) -> None:
        """A row of Python values, in the order of ``kolommen``."""
        self._buffer.append("\t".join(map(veld, waarden)))
        self.aantal += 1
        if len(self._buffer) >= 20000:
            self._spoel()

    def regel(self, regel: str) -> None:
        """A row already in COPY's text format (fields joined by tabs), for the big tables."""
        self._buffer.append(regel)
        self.aantal += 1
        if len(self._buffer) >= 20000:
            self._spoel()

    def _spoel(self) -> None:
        if self._buffer:
            self._bestand.write("\n".join(self._buffer))
            self._bestand.write("\n")
            self._buffer = []

    def kopieer(self) -> None:
        self._spoel()
        self._bestand.seek(0)
        kolommen = ", ".join(f'"{k}"' for k in self.kolommen)
        with connection.cursor() as cursor:
            pg_cursor = cursor.cursor  # psycopg's own cursor, in Django's transaction
            with pg_cursor.copy(f'COPY "{self.tabel}" ({kolommen}) FROM STDIN') as copy:
                while blok := self._bestand.read(_CHUNK):
                    copy.write(blok)
        self._bestand.close()


class Lader:
    """All tables of one run; prints a line per loaded table."""

    def __init__(self, uit):
        self.uit = uit
        self.schrijvers: dict[str, Schrijver] = {}
        self.geladen: dict[str, int] = {}

    def tabel(self, model, *velden: str) -> Schrijver:
        """The writer of ``model``'s table (or an auto-created through table), with the
        columns of ``velden`` (field names, or column names of a through table)."""
        meta = model._meta
        kolommen = []
        for naam in velden:
            try:
                kolommen.append(meta.get_field(naam).column)
            except Exception:
                kolommen.append(naam)
        schrijver = Schrijver(meta.db_table, kolommen)
        self.schrijvers[meta.db_table] = schrijver
        return schrijver

    def laden(self, *schrijvers: Schrijver) -> None:
        for schrijver in schrijvers:
            begin = time.monotonic()
            schrijver.kopieer()
            self.geladen[schrijver.tabel] = self.geladen.get(schrijver.tabel, 0) + schrijver.aantal
            self.uit(
                f"  {schrijver.tabel:<40} {schrijver.aantal:>10,} rijen  "
                f"{time.monotonic() - begin:6.1f} s".replace(",", ".")
            )
