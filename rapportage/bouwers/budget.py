"""The budgetverantwoording of a pot over a period (issue 9 point 4), as PDF and XLSX.

The numbers come from ``rapportage.selectors_budget`` (its docstring holds the
definitions of begroot, gerealiseerd and afwijking); the charts are those of the
budget page (``budget.grafieken``), each with a table of the same numbers; the
ledger appendix is read in chunks.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, BinaryIO

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from budget import exports, grafieken
from budget.models import Bijdrage
from config.spreadsheets import Blad, xlsx_bladen_schrijven
from rapportage.bouwers import Voortgang, bouwer
from rapportage.models import Formaat, Rapport, Soort
from rapportage.pdf import pdf_schrijven
from rapportage.selectors_budget import (
    Budgetverantwoording,
    budgetverantwoording,
    grootboek_in_periode,
)

TEMPLATE = "rapportage/pdf/budgetverantwoording.html"
CHUNK = 500


def _cijfers(rapport: Rapport) -> Budgetverantwoording:
    return budgetverantwoording(rapport.pot, van=rapport.periode_van, tot=rapport.periode_tot)


def bestandsnaam(rapport: Rapport, formaat: str) -> str:
    """``budgetverantwoording-samen-van-het-gas-af-2026-11-28.pdf``."""
    naam = slugify(rapport.pot.naam) or f"pot-{rapport.pot_id}"
    return f"budgetverantwoording-{naam}-{timezone.localdate():%Y-%m-%d}.{formaat}"


def pdf_context(cijfers: Budgetverantwoording) -> dict[str, Any]:
    """The template context, without the ledger (see ``bouw_pdf``)."""
    acties = cijfers.actie_bedragen()
    cofinanciering = cijfers.cofinanciering
    return {
        "pot": cijfers.pot,
        "opgave": cijfers.pot.opgave,
        "cijfers": cijfers,
        "periode": cijfers.periode,
        "grafiek_acties": grafieken.acties_toegewezen_besteed(acties) if acties else None,
        "grafiek_cofinanciering": grafieken.bijdragen_per_partner(cofinanciering.partners)
        if cofinanciering.partners
        else None,
    }


@bouwer(Soort.BUDGET, Formaat.PDF)
def bouw_pdf(rapport: Rapport, uit: BinaryIO, voortgang: Voortgang) -> str:
    voortgang(5)
    cijfers = _cijfers(rapport)
    voortgang(25)
    context = pdf_context(cijfers)
    voortgang(45)
    context["grootboek"] = grootboek_in_periode(cijfers.pot, cijfers.periode).iterator(
        chunk_size=CHUNK
    )
    pdf_schrijven(TEMPLATE, context, uit)
    voortgang(95)
    return bestandsnaam(rapport, Formaat.PDF)


# --- XLSX ------------------------------------------------------------------------------


def _fractie(deel: Decimal, geheel: Decimal) -> Decimal | None:
    """A share as a fraction for a percentage cell (``0.125`` is 12.5 %)."""
    return deel / geheel if geheel else None


def _per_actie(cijfers: Budgetverantwoording) -> Iterator[list[Any]]:
    for rij in cijfers.acties:
        yield [
            rij.titel,
            rij.begroot,
            rij.gerealiseerd,
            rij.afwijking,
            _fractie(rij.afwijking, rij.begroot),
        ]
    yield [
        _("All actions"),
        cijfers.begroot,
        cijfers.gerealiseerd,
        cijfers.afwijking,
        _fractie(cijfers.afwijking, cijfers.begroot),
    ]


def _per_partner(cijfers: Budgetverantwoording) -> Iterator[list[Any]]:
    for rij in cijfers.partners:
        yield [
            rij.naam,
            rij.toegezegd,
            rij.ingetrokken,
            rij.begroot,
            rij.gerealiseerd,
            rij.afwijking,
            _fractie(rij.afwijking, rij.begroot),
        ]
    yield [
        _("All partners"),
        cijfers.partners_toegezegd,
        cijfers.partners_ingetrokken,
        cijfers.partners_begroot,
        cijfers.partners_ontvangen,
        cijfers.partners_afwijking,
        _fractie(cijfers.partners_afwijking, cijfers.partners_begroot),
    ]


def _cofinanciering(cijfers: Budgetverantwoording) -> Iterator[list[Any]]:
    cofinanciering = cijfers.cofinanciering
    totaal = cofinanciering.totaal
    for rij in cofinanciering.partners:
        yield [
            rij.naam,
            rij.geld,
            rij.uren,
            rij.natura,
            rij.totaal,
            rij.ontvangen,
            _fractie(rij.totaal, totaal),
        ]
    per_soort = cofinanciering.per_soort
    yield [
        _("All partners"),
        *(per_soort[soort] for soort in Bijdrage.Soort.values),
        totaal,
        sum((rij.ontvangen for rij in cofinanciering.partners), Decimal(0)),
        Decimal(1) if totaal else None,
    ]
    # The split by kind: the amount in the Total column, its share in the Share column.
    for soort, label in Bijdrage.Soort.choices:
        yield [
            _("All partners: %(kind)s") % {"kind": str(label).lower()},
            None,
            None,
            None,
            per_soort[soort],
            None,
            _fractie(per_soort[soort], totaal),
        ]


@bouwer(Soort.BUDGET, Formaat.XLSX)
def bouw_xlsx(rapport: Rapport, uit: BinaryIO, voortgang: Voortgang) -> str:
    voortgang(5)
    cijfers = _cijfers(rapport)
    voortgang(30)
    verschil = _("Difference")
    verschil_procent = f"{verschil} (%)"
    bladen = [
        Blad(
            _("Per action"),
            [_("Action"), _("Budgeted"), _("Realised"), verschil, verschil_procent],
            _per_actie(cijfers),
            breedtes=(48, 16, 16, 16, 14),
            euro_kolommen=(1, 2, 3),
            procent_kolommen=(4,),
        ),
        Blad(
            _("Per partner"),
            [
                _("Partner"),
                _("Pledged"),
                _("Withdrawn"),
                _("Budgeted (pledged - withdrawn)"),
                _("Realised (received)"),
                verschil,
                verschil_procent,
            ],
            _per_partner(cijfers),
            breedtes=(36, 16, 16, 20, 20, 16, 14),
            euro_kolommen=(1, 2, 3, 4, 5),
            procent_kolommen=(6,),
        ),
        Blad(
            _("Cofinancing"),
            [
                _("Partner"),
                *(str(label) for label in Bijdrage.Soort.labels),
                _("Total"),
                _("Of which received"),
                _("Share"),
            ],
            _cofinanciering(cijfers),
            breedtes=(36, 16, 16, 16, 16, 18, 12),
            euro_kolommen=(1, 2, 3, 4, 5),
            procent_kolommen=(6,),
        ),
        Blad(
            _("Ledger"),
            exports.kolommen(),
            exports.rijen(
                grootboek_in_periode(cijfers.pot, cijfers.periode).iterator(chunk_size=CHUNK)
            ),
            breedtes=(8, 18, 24, 26, 60, 28, 14, 16, 16, 14, 16),
            euro_kolommen=range(6, 11),
        ),
    ]
    xlsx_bladen_schrijven(uit, bladen)
    voortgang(95)
    return bestandsnaam(rapport, Formaat.XLSX)
