"""The report builders, one module per kind, found when the app is ready.

A builder is a function ``bouw(rapport, uit, voortgang) -> str``: it writes the
file for ``rapport`` to the binary file ``uit``, calls ``voortgang(procent)`` now
and then (0 to 99; the engine sets 100), and returns the file name to offer for
download. It reads through selectors and never changes data. It runs in a Celery
worker, in the site's language (``rapportage.services`` switches to it).

Register one with ``@bouwer(Soort.X, Formaat.PDF, ...)``; ``formaten(soort)``
tells the request form which formats a kind offers.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import BinaryIO, Protocol

from rapportage.models import Formaat, Rapport, Soort


class Voortgang(Protocol):
    def __call__(self, procent: int) -> None: ...


Bouwer = Callable[[Rapport, BinaryIO, Voortgang], str]

BOUWERS: dict[tuple[str, str], Bouwer] = {}


def bouwer(soort: Soort, *formaten_: Formaat) -> Callable[[Bouwer], Bouwer]:
    def registreer(functie: Bouwer) -> Bouwer:
        for formaat in formaten_:
            BOUWERS[(Soort(soort).value, Formaat(formaat).value)] = functie
        return functie

    return registreer


def bouwer_voor(soort: str, formaat: str) -> Bouwer | None:
    return BOUWERS.get((soort, formaat))


def formaten(soort: str) -> list[str]:
    """The formats a kind of report can be made in, in the order of ``Formaat``."""
    return [f.value for f in Formaat if (soort, f.value) in BOUWERS]


def laden() -> None:
    """Import every module of this package, so their ``@bouwer``s register."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
