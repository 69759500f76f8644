"""The portfolio report: one row per opgave with the figures of the dashboard
(``rapportage.selectors_portfolio``), as a spreadsheet (XLSX) or plain data (CSV).

The rows come from one query, read in chunks, and are written as they come
(``config.spreadsheets``): memory stays flat however many opgaven there are.
Every text cell passes ``cel()``, so a title like ``=HYPERLINK(...)`` stays text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from django.utils import timezone
from django.utils.translation import gettext, ngettext

from config.spreadsheets import csv_stroom, xlsx_schrijven
from opgaven.models import Fase
from rapportage.bouwers import Voortgang, bouwer
from rapportage.models import Formaat, Rapport, Soort
from rapportage.selectors_portfolio import ACTIVITEIT_DAGEN, portfolio_export, rag_label

CHUNK = 500
EURO_KOLOMMEN = (5, 6, 7)


def koppen() -> list[str]:
    return [
        gettext("Opgave"),
        gettext("Phase"),
        gettext("Status of the goals"),
        gettext("Themes"),
        gettext("Areas"),
        gettext("Contributed"),
        gettext("Allocated"),
        gettext("Spent"),
        gettext("Spent of contributed (%)"),
        ngettext(
            "Inputs in the last %(dagen)s day",
            "Inputs in the last %(dagen)s days",
            ACTIVITEIT_DAGEN,
        )
        % {"dagen": ACTIVITEIT_DAGEN},
        gettext("Open rounds"),
        gettext("Overdue commitments"),
        gettext("Archived"),
    ]


def rijen(voortgang: Voortgang | None = None) -> Iterator[list[Any]]:
    """One row per opgave, by title. Without a pot the amounts stay empty."""
    fasen = dict(Fase.choices)
    for nummer, opgave in enumerate(portfolio_export().iterator(chunk_size=CHUNK), start=1):
        yield [
            opgave.titel,
            str(fasen.get(opgave.fase, opgave.fase)),
            rag_label(opgave.rag),
            ", ".join(opgave.thema_namen),
            ", ".join(opgave.gebied_namen),
            opgave.bijgedragen if opgave.heeft_pot else None,
            opgave.toegewezen if opgave.heeft_pot else None,
            opgave.besteed if opgave.heeft_pot else None,
            int(opgave.besteed_pct) if opgave.besteed_pct is not None else None,
            opgave.inbreng_recent,
            opgave.rondes_open,
            opgave.toezeggingen_verlopen,
            opgave.gearchiveerd,
        ]
        if voortgang is not None and nummer % CHUNK == 0:
            voortgang(min(90, 10 + nummer // CHUNK))


@bouwer(Soort.PORTFOLIO, Formaat.XLSX, Formaat.CSV)
def portfolio(rapport: Rapport, uit: BinaryIO, voortgang: Voortgang) -> str:
    voortgang(5)
    if rapport.formaat == Formaat.XLSX:
        xlsx_schrijven(
            uit,
            gettext("Portfolio"),
            koppen(),
            ([*rij[:-1], gettext("yes") if rij[-1] else gettext("no")] for rij in rijen(voortgang)),
            breedtes=(48, 16, 20, 30, 30, 16, 16, 16, 12, 14, 12, 14, 12),
            euro_kolommen=EURO_KOLOMMEN,
        )
    else:
        for regel in csv_stroom(koppen(), rijen(voortgang)):
            uit.write(regel.encode("utf-8"))
    voortgang(95)
    return f"portfolio-{timezone.localdate():%Y-%m-%d}.{rapport.formaat}"
