"""The result of a participatory budget as a file: CSV for people, Pabulib for research.

**CSV** (``uitslag.csv``) is for opening in a spreadsheet: one row per proposal,
UTF-8 with a byte order mark, separated by ``;`` and with a decimal comma
(``1234,56``, no thousands separator), which is what Dutch Excel and
LibreOffice read without an import dialog. Headers and yes/no are Dutch (the
site's language). Every text cell passes ``cel()``: a cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, so
a proposal titled ``=HYPERLINK(...)`` stays text (``config.spreadsheets.cel``, which
every export of the platform uses).

**Pabulib** (``uitslag.pb``) is the open format of participatory-budgeting data
(pabulib.org): three sections ``META``, ``PROJECTS`` and ``VOTES``, each a
``;``-separated table with a header row. META says what the vote was (approval
ballots, counted greedily: ``vote_type=approval``, ``rule=greedy``) and its
limits (``max_sum_cost`` for a knapsack ballot, ``max_length`` for "at most N");
PROJECTS holds the proposals that were on the ballot with their cost, votes and
``selected`` (1 or 0); VOTES holds one row per confirmed ballot with the ids
of the proposals on it. Voters are numbered 1, 2, 3, … after sorting the
ballots by their content, so neither a user, a voting code nor the order of
voting can be read from a number. Costs are in euros: whole amounts as
integers, others with a decimal point. Text is stripped of ``;`` and line
breaks, so every line splits cleanly.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from config.spreadsheets import cel
from participatie.models import Begroting, Stemkeuze
from participatie.selectors_uitslag import Uitslag, realisatie_van, uitslag_van, wijk_van

CSV_SCHEIDING = ";"


def _decimaal(bedrag: Decimal | None) -> str:
    return "" if bedrag is None else f"{bedrag:.2f}".replace(".", ",")


def bestandsnaam(begroting: Begroting, extensie: str) -> str:
    """``uitslag-wijkbudget-noorderpolder-2027.csv``."""
    return f"uitslag-{begroting.ronde.slug}.{extensie}"


def csv_bestand(rijen: Iterable[Iterable[Any]]) -> bytes:
    """Rows as the CSV this module describes (BOM, ``;``, every cell escaped)."""
    uitvoer = io.StringIO()
    writer = csv.writer(uitvoer, delimiter=CSV_SCHEIDING, lineterminator="\r\n")
    for rij in rijen:
        writer.writerow([cel(waarde) for waarde in rij])
    return ("\ufeff" + uitvoer.getvalue()).encode("utf-8")


# --- CSV ------------------------------------------------------------------------------------


def uitslag_csv(begroting: Begroting, uitslag: Uitslag | None = None) -> bytes:
    """One row per proposal: those on the ballot in ranking order per (sub-)budget,
    then those that were not (not feasible), with their status."""
    uitslag = uitslag or uitslag_van(begroting)
    with translation.override(settings.LANGUAGE_CODE):
        rijen: list[list[Any]] = [
            [
                _("Number"),
                _("Title"),
                _("District"),
                _("Cost"),
                _("Votes"),
                _("Chosen"),
                _("Status"),
                _("Realisation"),
            ]
        ]
        regels = [(rij.voorstel, rij.wijk, rij.gekozen) for rij in uitslag.rijen]
        regels += [(v, wijk_van(v), False) for v in uitslag.niet_op_stembiljet]
        rijen.extend(
            [
                voorstel.pk,
                voorstel.titel,
                wijk,
                _decimaal(voorstel.kosten),
                voorstel.aantal_stemmen,
                _("yes") if gekozen else _("no"),
                str(voorstel.get_status_display()),
                realisatie_van(voorstel),
            ]
            for voorstel, wijk, gekozen in regels
        )
    return csv_bestand(rijen)


# --- Pabulib --------------------------------------------------------------------------------


def _pb_tekst(tekst: str) -> str:
    """Text for a Pabulib cell: no separator, no line break, no leading formula sign."""
    schoon = " ".join(str(tekst).replace(";", ",").split())
    return cel(schoon)


def _pb_bedrag(bedrag: Decimal) -> str:
    if bedrag == bedrag.to_integral_value():
        return str(int(bedrag))
    return f"{bedrag:.2f}"


def _pb_datum(dag) -> str:
    return f"{dag:%d.%m.%Y}"


def _gemeente() -> str:
    naam = settings.GEMEENTE_NAAM
    return naam.removeprefix("Gemeente ").strip() or naam


def stembiljetten_van(begroting: Begroting) -> list[list[int]]:
    """The confirmed choices of every confirmed ballot as sorted lists of proposal ids,
    sorted themselves: the order says nothing about who voted, or when."""
    per_biljet: dict[int, list[int]] = defaultdict(list)
    keuzes = Stemkeuze.objects.filter(
        stembiljet__begroting=begroting,
        stembiljet__bevestigd_op__isnull=False,
        bevestigd=True,
    ).values_list("stembiljet_id", "voorstel_id")
    for biljet_id, voorstel_id in keuzes.iterator(chunk_size=2000):
        per_biljet[biljet_id].append(voorstel_id)
    return sorted(sorted(ids) for ids in per_biljet.values())


def pabulib(begroting: Begroting, uitslag: Uitslag | None = None) -> str:
    """The result in the Pabulib format (see the module's docstring)."""
    uitslag = uitslag or uitslag_van(begroting)
    ronde = begroting.ronde
    stembiljetten = stembiljetten_van(begroting)
    rijen = uitslag.rijen
    meta: list[tuple[str, str]] = [
        ("description", _pb_tekst(ronde.titel)),
        ("country", "Netherlands"),
        ("unit", _pb_tekst(_gemeente())),
        ("instance", str(begroting.stemmen_tot.year)),
        ("num_projects", str(len(rijen))),
        ("num_votes", str(len(stembiljetten))),
        ("budget", _pb_bedrag(begroting.totaal)),
        ("vote_type", "approval"),
        ("rule", "greedy"),
        ("date_begin", _pb_datum(begroting.stemmen_van)),
        ("date_end", _pb_datum(begroting.stemmen_tot)),
    ]
    if uitslag.met_deelbudgetten:
        meta += [
            ("neighbourhoods", ",".join(_pb_tekst(pot.naam) for pot in uitslag.potten if pot.naam)),
            (
                "budget_per_neighbourhood",
                ",".join(_pb_bedrag(pot.budget) for pot in uitslag.potten if pot.naam),
            ),
        ]
    meta.append(("min_length", "1"))
    if begroting.is_knapsack:
        meta.append(("max_sum_cost", _pb_bedrag(begroting.totaal)))
        if begroting.min_besteding_pct:
            minimum = (begroting.totaal * begroting.min_besteding_pct / 100).quantize(
                Decimal("0.01")
            )
            meta.append(("min_sum_cost", _pb_bedrag(minimum)))
    else:
        meta.append(("max_length", str(begroting.max_keuzes)))
    meta += [("language", "nl"), ("currency", "EUR")]

    regels = ["META", "key;value"]
    regels += [f"{sleutel};{waarde}" for sleutel, waarde in meta]
    regels += ["PROJECTS", "project_id;cost;votes;name;selected;neighbourhood"]
    for rij in rijen:
        voorstel = rij.voorstel
        regels.append(
            ";".join(
                [
                    str(voorstel.pk),
                    _pb_bedrag(voorstel.kosten),
                    str(voorstel.aantal_stemmen),
                    _pb_tekst(voorstel.titel),
                    "1" if rij.gekozen else "0",
                    _pb_tekst(rij.wijk),
                ]
            )
        )
    regels += ["VOTES", "voter_id;vote"]
    for nummer, ids in enumerate(stembiljetten, start=1):
        regels.append(f"{nummer};{','.join(str(i) for i in ids)}")
    return "\n".join(regels) + "\n"
