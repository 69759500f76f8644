"""The progress report (voortgangsrapportage) of one opgave, as PDF.

For the council: the phase and its history, then the three W-questions: what did we
want to achieve (the goal tree with each goal's red/amber/green status and the
indicators with their charts), what did we do (actions per status, participation,
decisions), what did it cost (the pot per partner). Then the field of forces.

The data comes from ``rapportage.selectors_voortgang``, one section at a time, with
``voortgang`` reported in between; every chart has a table with the same numbers.
"""

from __future__ import annotations

from typing import BinaryIO

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

import pygal

from budget.grafieken import bijdragen_per_partner
from opgaven.grafieken import als_data_uri, basis_config, metingen_grafiek
from rapportage import selectors_voortgang as selectors
from rapportage.bouwers import Voortgang, bouwer
from rapportage.models import Formaat, Rapport, Soort
from rapportage.pdf import pdf_schrijven


def acties_grafiek(per_status: list[tuple[str, str, int]]) -> str:
    """A horizontal bar per action status: how many actions have it."""
    chart = pygal.HorizontalBar(
        **basis_config(
            width=800,
            height=120 + 45 * len(per_status),
            show_legend=False,
            truncate_label=-1,
            margin=12,
            margin_right=24,
            spacing=8,
            value_formatter=lambda waarde: f"{waarde:.0f}",
        )
    )
    rijen = per_status[::-1]  # pygal draws the first label at the bottom
    chart.x_labels = [label for _status, label, _aantal in rijen]
    chart.add(gettext("Actions"), [aantal for _status, _label, aantal in rijen])
    return als_data_uri(chart)


def _indicatorgrafieken(doelen: selectors.Doelen) -> None:
    for indicator in doelen.boom.indicatoren():
        indicator.grafiek = metingen_grafiek(
            metingen=[(meting.datum, meting.waarde) for meting in indicator.metingen],
            nulmeting=indicator.nulmeting,
            streefwaarde=indicator.streefwaarde,
            streefdatum=indicator.streefdatum,
        )


@bouwer(Soort.VOORTGANG, Formaat.PDF)
def voortgangsrapportage(rapport: Rapport, uit: BinaryIO, voortgang: Voortgang) -> str:
    opgave = rapport.opgave
    voortgang(5)
    fasen = selectors.fasegeschiedenis(opgave=opgave)
    doelen = selectors.doelen_met_status(opgave=opgave)
    _indicatorgrafieken(doelen)
    voortgang(20)
    acties = selectors.acties_van_opgave(opgave=opgave)
    besluiten = selectors.besluiten(opgave=opgave)
    voortgang(30)
    participatie = selectors.participatie_van(opgave=opgave)
    voortgang(40)
    budget = selectors.budget_van(opgave=opgave)
    budget_grafiek = ""
    if budget is not None and budget.overzicht.partners:
        budget_grafiek = bijdragen_per_partner(budget.overzicht.partners)
    voortgang(50)
    krachtenveld = selectors.krachtenveld_van(opgave=opgave)
    voortgang(60)
    pdf_schrijven(
        "rapportage/pdf/voortgang.html",
        {
            "opgave": opgave,
            "fasen": fasen,
            "doelen": doelen,
            "acties": acties,
            "acties_grafiek": acties_grafiek(acties.per_status) if acties.totaal else "",
            "besluiten": besluiten,
            "participatie": participatie,
            "budget": budget,
            "budget_grafiek": budget_grafiek,
            "krachtenveld": krachtenveld,
        },
        uit,
    )
    voortgang(95)
    return f"voortgangsrapportage-{slugify(opgave.titel)}-{timezone.localdate():%Y-%m-%d}.pdf"
