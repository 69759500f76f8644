"""Reads of an opgave's field of forces (krachtenveld), each scoped to one opgave,
and the geometry of the power/interest grid drawn from them.

Every object a URL names is fetched through ``..._get(opgave=..., pk=...)``:
an id of another opgave's object gives ``Http404`` (DESIGN §6.5).

The grid (``krachtenveld_raster``) is a pure function of the positions: it
returns coordinates for an inline SVG that the template draws, so the page
needs no script and the CSP no exception.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, JSONObject
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from opgaven.models import Betrokkenheid, Contactmoment, Opgave, Opgaverol, Positie, Toezegging

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


# --- Reads ----------------------------------------------------------------------------
#
# Each page of this area costs one query for its data, however many organisations
# and positions there are: the positions (and on an organisation's page its
# contacts and commitments) come along as arrays of JSON objects built by
# PostgreSQL (``ArraySubquery``), and are turned back into unsaved model
# instances here, so templates use them as usual.


def _posities_json(op: date | None = None) -> ArraySubquery:
    """The positions of the outer involvement, oldest first (up to ``op``)."""
    posities = Positie.objects.filter(betrokkenheid=OuterRef("pk"))
    if op is not None:
        posities = posities.filter(datum__lte=op)
    return ArraySubquery(
        posities.order_by("datum", "pk").values(
            json=JSONObject(
                pk="pk", datum="datum", invloed="invloed", belang="belang", houding="houding"
            )
        )
    )


def _positie(betrokkenheid: Betrokkenheid, rij: dict[str, Any]) -> Positie:
    return Positie(
        pk=rij["pk"],
        opgave_id=betrokkenheid.opgave_id,
        betrokkenheid=betrokkenheid,
        datum=date.fromisoformat(rij["datum"]),
        invloed=rij["invloed"],
        belang=rij["belang"],
        houding=rij["houding"],
    )


def betrokkenheden_van(*, opgave: Opgave, op: date | None = None) -> list[Betrokkenheid]:
    """The organisations involved in ``opgave``, by name, each with ``tijdlijn``: its
    positions oldest first, up to and including ``op`` when given. One query."""
    betrokkenheden = list(
        Betrokkenheid.objects.filter(opgave=opgave)
        .select_related("organisatie")
        .annotate(posities_json=_posities_json(op))
        .order_by("organisatie__naam", "pk")
    )
    for betrokkenheid in betrokkenheden:
        betrokkenheid.tijdlijn = [_positie(betrokkenheid, r) for r in betrokkenheid.posities_json]
    return betrokkenheden


def betrokkenheid_get(*, opgave: Opgave, pk: int) -> Betrokkenheid:
    """The involvement ``pk`` of ``opgave``; ``Http404`` for another opgave's."""
    return get_object_or_404(
        Betrokkenheid.objects.filter(opgave=opgave).select_related("organisatie"), pk=pk
    )


def betrokkenheid_dossier(*, opgave: Opgave, pk: int) -> Betrokkenheid:
    """The involvement ``pk`` of ``opgave`` with everything about it, in one query:
    ``tijdlijn`` (positions, oldest first), ``contacten`` (newest first) and
    ``beloften`` (commitments made to it, open first). ``Http404`` for another opgave's."""
    contactmomenten = Contactmoment.objects.filter(betrokkenheid=OuterRef("pk")).order_by(
        "-datum", "-pk"
    )
    toezeggingen = Toezegging.objects.filter(betrokkenheid=OuterRef("pk")).order_by(
        _open_eerst(), "deadline", "pk"
    )
    betrokkenheid = get_object_or_404(
        Betrokkenheid.objects.filter(opgave=opgave)
        .select_related("organisatie")
        .annotate(
            posities_json=_posities_json(),
            contactmomenten_json=ArraySubquery(
                contactmomenten.values(
                    json=JSONObject(
                        pk="pk",
                        datum="datum",
                        kanaal="kanaal",
                        hoedanigheid="hoedanigheid",
                        onderwerp="onderwerp",
                        notitie="notitie",
                        door="vastgelegd_door__weergavenaam",
                    )
                )
            ),
            toezeggingen_json=ArraySubquery(
                toezeggingen.values(
                    json=JSONObject(
                        pk="pk",
                        omschrijving="omschrijving",
                        deadline="deadline",
                        status="status",
                        eigenaar_id="eigenaar_id",
                        eigenaar_naam="eigenaar__weergavenaam",
                        eigenaar_email="eigenaar__email",
                    )
                )
            ),
        ),
        pk=pk,
    )
    today = timezone.localdate()
    betrokkenheid.tijdlijn = [_positie(betrokkenheid, r) for r in betrokkenheid.posities_json]
    betrokkenheid.contacten = [
        Contactmoment(
            pk=r["pk"],
            opgave_id=betrokkenheid.opgave_id,
            betrokkenheid=betrokkenheid,
            datum=date.fromisoformat(r["datum"]),
            kanaal=r["kanaal"],
            hoedanigheid=r["hoedanigheid"],
            onderwerp=r["onderwerp"],
            notitie=r["notitie"],
            vastgelegd_door=get_user_model()(weergavenaam=r["door"]) if r["door"] else None,
        )
        for r in betrokkenheid.contactmomenten_json
    ]
    betrokkenheid.beloften = []
    for r in betrokkenheid.toezeggingen_json:
        toezegging = Toezegging(
            pk=r["pk"],
            opgave_id=betrokkenheid.opgave_id,
            betrokkenheid=betrokkenheid,
            omschrijving=r["omschrijving"],
            deadline=date.fromisoformat(r["deadline"]),
            status=r["status"],
            eigenaar=get_user_model()(
                pk=r["eigenaar_id"], weergavenaam=r["eigenaar_naam"], email=r["eigenaar_email"]
            ),
        )
        toezegging.verlopen = is_verlopen(toezegging, today)
        betrokkenheid.beloften.append(toezegging)
    return betrokkenheid


def betrokkenheid_met_aantallen(*, opgave: Opgave, pk: int) -> Betrokkenheid:
    """The involvement ``pk`` of ``opgave`` with how many positions, contacts and
    commitments would go with it (``aantal_...``), in one query; else ``Http404``."""

    def aantal(model) -> Coalesce:
        per_betrokkenheid = (
            model.objects.filter(betrokkenheid=OuterRef("pk"))
            .order_by()
            .values("betrokkenheid")
            .annotate(aantal=Count("pk"))
            .values("aantal")
        )
        return Coalesce(Subquery(per_betrokkenheid), 0)

    return get_object_or_404(
        Betrokkenheid.objects.filter(opgave=opgave)
        .select_related("organisatie")
        .annotate(
            aantal_posities=aantal(Positie),
            aantal_contactmomenten=aantal(Contactmoment),
            aantal_toezeggingen=aantal(Toezegging),
        ),
        pk=pk,
    )


def laatste_positie(*, betrokkenheid: Betrokkenheid) -> Positie | None:
    return (
        Positie.objects.filter(opgave_id=betrokkenheid.opgave_id, betrokkenheid=betrokkenheid)
        .order_by("-datum", "-pk")
        .first()
    )


def contactmomenten_van(*, opgave: Opgave) -> QuerySet[Contactmoment]:
    """The contacts of ``opgave``, newest first, with the organisation and who logged them."""
    return (
        Contactmoment.objects.filter(opgave=opgave)
        .select_related("betrokkenheid__organisatie", "vastgelegd_door")
        .order_by("-datum", "-pk")
    )


def is_verlopen(toezegging: Toezegging, op: date) -> bool:
    """Overdue: still open after its deadline. ``_verlopen`` is the same rule in SQL."""
    return toezegging.status == Toezegging.Status.OPEN and toezegging.deadline < op


def _open_eerst() -> Case:
    return Case(When(status=Toezegging.Status.OPEN, then=Value(0)), default=Value(1))


def _verlopen(today: date) -> ExpressionWrapper:
    """SQL: an open commitment whose deadline has passed."""
    return ExpressionWrapper(
        Q(status=Toezegging.Status.OPEN) & Q(deadline__lt=today), output_field=BooleanField()
    )


def toezeggingen_van(*, opgave: Opgave) -> QuerySet[Toezegging]:
    """The commitments of ``opgave``: open ones first, by deadline; each with
    ``verlopen`` (overdue) computed in SQL."""
    return (
        Toezegging.objects.filter(opgave=opgave)
        .select_related("eigenaar", "betrokkenheid__organisatie")
        .annotate(verlopen=_verlopen(timezone.localdate()))
        .order_by(_open_eerst(), "deadline", "pk")
    )


def aantal_verlopen(*, opgave: Opgave) -> int:
    """How many commitments of ``opgave`` are overdue (open, deadline passed)."""
    return Toezegging.objects.filter(
        opgave=opgave, status=Toezegging.Status.OPEN, deadline__lt=timezone.localdate()
    ).count()


def toezegging_get(*, opgave: Opgave, pk: int) -> Toezegging:
    """The commitment ``pk`` of ``opgave``; ``Http404`` for another opgave's."""
    return get_object_or_404(
        Toezegging.objects.filter(opgave=opgave).select_related(
            "eigenaar", "betrokkenheid__organisatie"
        ),
        pk=pk,
    )


def toezeggingen_verlopen(*, user: User | AnonymousUser) -> QuerySet[Toezegging]:
    """The open commitments owned by ``user`` whose deadline has passed, oldest deadline
    first, with their opgave: the officials' home page lists them."""
    if not (user.is_authenticated and user.is_active):
        return Toezegging.objects.none()
    return (
        Toezegging.objects.filter(
            eigenaar=user, status=Toezegging.Status.OPEN, deadline__lt=timezone.localdate()
        )
        .select_related("opgave", "betrokkenheid__organisatie")
        .order_by("deadline", "pk")
    )


def eigenaren_kiesbaar(*, opgave: Opgave) -> QuerySet[User]:
    """Who may own a commitment of ``opgave``: the people with a role on it today.

    They are the ones who may change the opgave, and so mark their commitment
    as kept; an owner who could not would see it stay overdue for ever.
    """
    today = timezone.localdate()
    rollen = Opgaverol.objects.filter(opgave=opgave, van__lte=today).filter(
        Q(tot__isnull=True) | Q(tot__gt=today)
    )
    return (
        get_user_model()
        .objects.filter(pk__in=rollen.values("user_id"), is_active=True)
        .order_by("weergavenaam", "email")
    )


# --- The power/interest grid ----------------------------------------------------------


@dataclass(frozen=True)
class Houding:
    """How an attitude is drawn: a shape, a colour and always a word."""

    waarde: int
    label: Promise
    vorm: str  # "cirkel", "vierkant" or "driehoek"
    kleur: str
    gevuld: bool

    @property
    def teken(self) -> str:
        """The value as people write it, with a real minus sign: -2 is written \u22122."""
        return f"+{self.waarde}" if self.waarde > 0 else str(self.waarde).replace("-", MIN)

    @property
    def tekstkleur(self) -> str:
        return "#ffffff" if self.gevuld else TEKST


MIN = "\u2212"  # the minus sign, wider and clearer than a hyphen
TEKST = "#1b2631"
LIJN = "#4a5866"
HOUDINGEN: dict[int, Houding] = {
    2: Houding(2, _("Strongly in favour"), "cirkel", "#1e7b3c", gevuld=True),
    1: Houding(1, _("In favour"), "cirkel", "#1e7b3c", gevuld=False),
    0: Houding(0, _("Neutral"), "vierkant", "#5c6b78", gevuld=True),
    -1: Houding(-1, _("Against"), "driehoek", "#b3261e", gevuld=False),
    -2: Houding(-2, _("Strongly against"), "driehoek", "#b3261e", gevuld=True),
}

# A score of HOOG or more counts as high: 3 lies on the middle line of the grid.
HOOG = 3


@dataclass(frozen=True)
class Kwadrant:
    naam: str
    label: Promise
    uitleg: Promise


KWADRANTEN: dict[tuple[bool, bool], Kwadrant] = {
    # (high power, high interest)
    (True, True): Kwadrant("nauw_betrekken", _("Manage closely"), _("High power, high interest")),
    (True, False): Kwadrant("tevreden_houden", _("Keep satisfied"), _("High power, low interest")),
    (False, True): Kwadrant("informeren", _("Keep informed"), _("Low power, high interest")),
    (False, False): Kwadrant("monitoren", _("Monitor"), _("Low power, low interest")),
}


def kwadrant_van(*, invloed: int, belang: int) -> Kwadrant:
    return KWADRANTEN[(invloed >= HOOG, belang >= HOOG)]


def houding_van(houding: int) -> Houding:
    return HOUDINGEN[houding]


# The drawing, in SVG user units (the SVG scales with the page).
LINKS, BOVEN, RECHTS, ONDER = 76, 16, 16, 64  # margins around the plot, for the axes
VLAK = 480  # the plot is a square of this size
BINNENRAND = 40  # from the plot's edge to the scores 1 and 5
STAP = (VLAK - 2 * BINNENRAND) / 4  # from one score to the next
MARKER = 12  # half the size of a current-position marker
BREEDTE = LINKS + VLAK + RECHTS
HOOGTE = BOVEN + VLAK + ONDER


def x_van(belang: float) -> float:
    """Interest runs from left (1) to right (5)."""
    return LINKS + BINNENRAND + (belang - 1) * STAP


def y_van(invloed: float) -> float:
    """Power runs from bottom (1) to top (5)."""
    return BOVEN + BINNENRAND + (5 - invloed) * STAP


@dataclass(frozen=True)
class Punt:
    """One dated position, placed on the grid."""

    positie: Positie
    x: float
    y: float

    @property
    def houding(self) -> Houding:
        return houding_van(self.positie.houding)

    @property
    def kwadrant(self) -> Kwadrant:
        return kwadrant_van(invloed=self.positie.invloed, belang=self.positie.belang)


@dataclass(frozen=True)
class Spoor:
    """One organisation on the grid: its trajectory, oldest first, ending in its
    current position, which carries its number."""

    nummer: int
    betrokkenheid: Betrokkenheid
    punten: list[Punt]

    @property
    def huidig(self) -> Punt:
        return self.punten[-1]

    @property
    def eerdere(self) -> list[Punt]:
        return self.punten[:-1]

    @property
    def lijn(self) -> str:
        """The ``points`` of the trajectory's polyline, oldest to newest."""
        return " ".join(f"{p.x:g},{p.y:g}" for p in self.punten)

    @property
    def marker(self) -> dict[str, Any]:
        """The shape of the current-position marker, as SVG element and attributes."""
        return marker_vorm(self.huidig.houding, self.huidig.x, self.huidig.y, MARKER)


def marker_vorm(houding: Houding, x: float, y: float, r: float) -> dict[str, Any]:
    """Element and attributes of the marker for ``houding`` centred on (x, y), and where
    its number goes (``tekst_y``)."""
    vorm: dict[str, Any] = {
        "fill": houding.kleur if houding.gevuld else "#ffffff",
        "stroke": houding.kleur,
        "tekst_x": round(x, 1),
        "tekst_y": round(y, 1),
        "tekstkleur": houding.tekstkleur,
    }
    if houding.vorm == "cirkel":
        vorm.update(element="circle", cx=round(x, 1), cy=round(y, 1), r=r)
    elif houding.vorm == "vierkant":
        zijde = r * 1.8
        vorm.update(
            element="rect", x=round(x - zijde / 2, 1), y=round(y - zijde / 2, 1), zijde=zijde
        )
    else:  # a triangle pointing down: "against"
        hoeken = [(x - r * 1.3, y - r * 0.9), (x + r * 1.3, y - r * 0.9), (x, y + r * 1.4)]
        vorm.update(
            element="polygon",
            points=" ".join(f"{hx:.1f},{hy:.1f}" for hx, hy in hoeken),
            tekst_y=round(y - r * 0.2, 1),
        )
    return vorm


@dataclass(frozen=True)
class Raster:
    """Everything the template needs to draw the grid."""

    sporen: list[Spoor]
    zonder_positie: list[Betrokkenheid]
    breedte: int = BREEDTE
    hoogte: int = HOOGTE
    vlak: dict[str, float] = field(default_factory=dict)
    kwadranten: list[dict[str, Any]] = field(default_factory=list)
    schaal: list[dict[str, float]] = field(default_factory=list)
    legenda: list[dict[str, Any]] = field(default_factory=list)


def krachtenveld_raster(betrokkenheden: list[Betrokkenheid]) -> Raster:
    """Place each organisation with at least one position on the power/interest grid.

    ``betrokkenheden`` come from ``betrokkenheden_van`` (with ``tijdlijn``).
    Organisations whose current positions share a cell are spread on a small
    circle around it, and their whole trajectory moves with them, so markers do
    not hide each other and each line still ends in its own marker.
    """
    met_positie = [b for b in betrokkenheden if b.tijdlijn]
    zonder_positie = [b for b in betrokkenheden if not b.tijdlijn]

    cellen = Counter((b.tijdlijn[-1].invloed, b.tijdlijn[-1].belang) for b in met_positie)
    gezien: Counter = Counter()
    sporen = []
    for nummer, betrokkenheid in enumerate(met_positie, start=1):
        laatste = betrokkenheid.tijdlijn[-1]
        cel = (laatste.invloed, laatste.belang)
        dx, dy = _uitwijking(gezien[cel], cellen[cel])
        gezien[cel] += 1
        punten = [
            Punt(
                positie=positie,
                x=round(x_van(positie.belang) + dx, 1),
                y=round(y_van(positie.invloed) + dy, 1),
            )
            for positie in betrokkenheid.tijdlijn
        ]
        sporen.append(Spoor(nummer=nummer, betrokkenheid=betrokkenheid, punten=punten))

    midden = LINKS + VLAK / 2, BOVEN + VLAK / 2
    half = VLAK / 2
    kwadranten = [
        {
            "kwadrant": KWADRANTEN[(True, False)],
            "x": LINKS, "y": BOVEN, "fill": "#f2f7f9",
            "label_x": LINKS + 8, "label_y": BOVEN + 20, "anchor": "start",
        },
        {
            "kwadrant": KWADRANTEN[(True, True)],
            "x": midden[0], "y": BOVEN, "fill": "#e6f3f6",
            "label_x": LINKS + VLAK - 8, "label_y": BOVEN + 20, "anchor": "end",
        },
        {
            "kwadrant": KWADRANTEN[(False, False)],
            "x": LINKS, "y": midden[1], "fill": "#ffffff",
            "label_x": LINKS + 8, "label_y": BOVEN + VLAK - 10, "anchor": "start",
        },
        {
            "kwadrant": KWADRANTEN[(False, True)],
            "x": midden[0], "y": midden[1], "fill": "#f2f7f9",
            "label_x": LINKS + VLAK - 8, "label_y": BOVEN + VLAK - 10, "anchor": "end",
        },
    ]  # fmt: skip
    for kwadrant in kwadranten:
        kwadrant.update(breedte=half, hoogte=half)
    schaal = [{"waarde": waarde, "x": x_van(waarde), "y": y_van(waarde)} for waarde in range(1, 6)]
    legenda = [
        {"houding": houding, "marker": marker_vorm(houding, 14, 14, 9)}
        for houding in sorted(HOUDINGEN.values(), key=lambda h: -h.waarde)
    ]
    return Raster(
        sporen=sporen,
        zonder_positie=zonder_positie,
        vlak={
            "x": LINKS,
            "y": BOVEN,
            "grootte": VLAK,
            "rechts": LINKS + VLAK,
            "onder": BOVEN + VLAK,
            "midden_x": midden[0],
            "midden_y": midden[1],
            "as_x_label_y": BOVEN + VLAK + 48,
            "schaal_x_y": BOVEN + VLAK + 22,
            "schaal_y_x": LINKS - 12,
            "as_y_label_x": LINKS - 44,
        },
        kwadranten=kwadranten,
        schaal=schaal,
        legenda=legenda,
    )


def _uitwijking(index: int, aantal: int) -> tuple[float, float]:
    """Offset of the ``index``-th of ``aantal`` markers sharing one cell: none when alone,
    else evenly on a circle big enough for the markers, within the cell."""
    if aantal <= 1:
        return 0.0, 0.0
    straal = min(max(MARKER * 1.8, aantal * (MARKER * 2.8) / (2 * math.pi)), STAP / 2 - 4)
    hoek = 2 * math.pi * index / aantal - math.pi / 2
    return round(straal * math.cos(hoek), 1), round(straal * math.sin(hoek), 1)
