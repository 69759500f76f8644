"""The change history of one opgave: who changed what, when, from which value to which.

django-pghistory records every insert, update and delete of the tracked models
in an event table per model (``config/audit.py``), with the request's user in
the event's context. ``geschiedenis_van`` reads the events of the opgave itself
and of every part with an ``opgave`` key, newest first, one page at a time.

One query per page, however many changes: a UNION ALL over the event tables in
which each event carries its own snapshot and that of the previous event of the
same object, both with the readable names of what their foreign keys point at
(an organisation's name, a person's display name). Python only compares the
two snapshots. A window count gives the number of changes in the same query.

The many-to-many links (the opgave's themes and areas, an action's
uitvoerders) have event tables of their own (``gevolgd_koppeling``): a link
is added or removed, never changed. They join the same UNION with the names
of both ends in their snapshot.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.db.models import Case, CharField, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, JSONObject
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from opgaven.models import (
    Actie,
    ActieUitvoerder,
    Besluit,
    Betrokkenheid,
    Contactmoment,
    Doel,
    Gebied,
    Indicator,
    Instemming,
    Meting,
    Opgave,
    OpgaveGebied,
    Opgaverol,
    OpgaveThema,
    PlanVanAanpak,
    Positie,
    Thema,
    Toezegging,
)
from partners.models import Organisatie

WIJZIGINGEN_PER_PAGINA = 25
# Longer texts are cut off here, with an ellipsis.
MAX_TEKST = 80

# The tracked models whose changes belong to an opgave: the opgave itself and
# every model with an ``opgave`` foreign key.
GEVOLGDE_MODELLEN: tuple[type[models.Model], ...] = (
    Opgave,
    Opgaverol,
    Doel,
    Indicator,
    Meting,
    Betrokkenheid,
    Positie,
    Contactmoment,
    Toezegging,
    PlanVanAanpak,
    Instemming,
    Actie,
    Besluit,
)

# The many-to-many links whose changes belong to an opgave: proxies of the
# through tables, tracked with ``gevolgd_koppeling``. Their owner (the model
# with the many-to-many field) is the opgave itself or has an ``opgave`` key.
GEVOLGDE_KOPPELINGEN: tuple[type[models.Model], ...] = (OpgaveThema, OpgaveGebied, ActieUitvoerder)

# Fields that change with every save and say nothing themselves. An update of
# only these fields is left out of the history.
RUISVELDEN: dict[type[models.Model], frozenset[str]] = {
    Opgave: frozenset({"gewijzigd_op", "gewijzigd_door"}),
}

# What a foreign key shows instead of its id, per model it points at.
_LABELS: dict[type[models.Model], Any] = {
    get_user_model(): F("weergavenaam"),
    Organisatie: F("naam"),
    Opgave: F("titel"),
    Thema: F("naam"),
    Gebied: F("naam"),
    Doel: F("titel"),
    Indicator: F("naam"),
    Betrokkenheid: F("organisatie__naam"),
    PlanVanAanpak: Cast("versie", CharField()),
    Actie: F("titel"),  # also read from its own events, once deleted
}

# How an object is described ("what"): a format string over its displayed field
# values, or a function of those values.
_BESCHRIJVINGEN: dict[type[models.Model], str | Callable[[Mapping[str, str]], str]] = {
    Opgave: "{titel}",
    Opgaverol: "{rol}: {user_id}",
    Doel: "{titel}",
    Indicator: "{naam}",
    Meting: "{indicator_id}: {waarde} ({datum})",
    Betrokkenheid: "{organisatie_id}",
    Positie: "{betrokkenheid_id} ({datum})",
    Contactmoment: "{onderwerp}",
    Toezegging: "{omschrijving}",
    PlanVanAanpak: lambda waarden: _("version %(versie)s") % {"versie": waarden["versie"]},
    Instemming: "{organisatie_id}",
    Actie: "{titel}",
    Besluit: "{titel}",
}

# What a link is called ("what"), by its owner's displayed name. A link of the
# opgave itself is called by its field: "Themes".
_KOPPELINGSOORTEN: dict[type[models.Model], Callable[[str], str]] = {
    ActieUitvoerder: lambda actie: (
        _("Organisations carrying out action %(actie)s") % {"actie": actie}
    ),
}

INSERT, UPDATE, DELETE = "insert", "update", "delete"


@dataclass(frozen=True)
class Veldwijziging:
    """One changed field: its name and the old and new value, readable."""

    veld: str
    oud: str
    nieuw: str


@dataclass(frozen=True)
class Wijziging:
    """One recorded change, as the history page shows it."""

    wanneer: datetime
    wie: str  # the display name of who made it, or "System"
    soort: str  # the model's name, e.g. "Doel"
    object: str  # the object's description, e.g. the goal's title
    actie: str  # "insert", "update" or "delete"
    actie_label: str  # "created", "changed", "deleted"
    velden: tuple[Veldwijziging, ...] = ()


@dataclass(frozen=True)
class GeschiedenisPagina:
    """One page of the history, newest change first."""

    wijzigingen: list[Wijziging]
    nummer: int
    aantal: int  # all changes of the opgave
    per_pagina: int = WIJZIGINGEN_PER_PAGINA

    @property
    def aantal_paginas(self) -> int:
        return max(1, -(-self.aantal // self.per_pagina))

    @property
    def heeft_vorige(self) -> bool:
        return self.nummer > 1

    @property
    def heeft_volgende(self) -> bool:
        return self.nummer < self.aantal_paginas

    @property
    def vorige(self) -> int:
        return self.nummer - 1

    @property
    def volgende(self) -> int:
        return self.nummer + 1

    @property
    def bestaat(self) -> bool:
        """Page 1 always exists; a later page only with changes on it."""
        return self.nummer == 1 or bool(self.wijzigingen)


def geschiedenis_van(*, opgave: Opgave, pagina: int = 1) -> GeschiedenisPagina:
    """Page ``pagina`` of the changes to ``opgave`` and its parts, newest first (one query)."""
    pagina = max(1, pagina)
    sql, params = _union_voor(opgave)
    # ``sql`` is Django's own compiled query; every value goes in as a parameter.
    pagina_sql = (
        f"SELECT *, COUNT(*) OVER () AS h_aantal FROM ({sql}) AS wijzigingen "  # noqa: S608
        "ORDER BY h_wanneer DESC, h_model DESC, h_id DESC LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            pagina_sql,
            [*params, WIJZIGINGEN_PER_PAGINA, (pagina - 1) * WIJZIGINGEN_PER_PAGINA],
        )
        kolommen = [kolom.name for kolom in cursor.description]
        rijen = [dict(zip(kolommen, rij, strict=True)) for rij in cursor.fetchall()]
    return GeschiedenisPagina(
        wijzigingen=[_wijziging(rij) for rij in rijen],
        nummer=pagina,
        aantal=rijen[0]["h_aantal"] if rijen else 0,
    )


# --- The query ---------------------------------------------------------------------------

# A primary key no opgave has: it marks where the opgave's id goes in the cached query.
_MERKTEKEN = -7_654_321_098


def _union(opgave: Opgave) -> tuple[str, list]:
    """The UNION of every branch for ``opgave``, compiled: (sql, params)."""
    takken = [_events(model, opgave) for model in GEVOLGDE_MODELLEN]
    takken += [_koppeling_events(proxy, opgave) for proxy in GEVOLGDE_KOPPELINGEN]
    sql, params = takken[0].union(*takken[1:], all=True).query.sql_with_params()
    return sql, list(params)


@functools.cache
def _union_sjabloon() -> tuple[str, tuple]:
    """The UNION compiled once per process, for an opgave with the id ``_MERKTEKEN``.
    Building it costs about 80 ms of Python, running it about 15 ms (issue 12); only
    the opgave's id differs from one opgave to the next."""
    sql, params = _union(Opgave(pk=_MERKTEKEN))
    return sql, tuple(params)


def _union_voor(opgave: Opgave) -> tuple[str, list]:
    sql, params = _union_sjabloon()
    return sql, [opgave.pk if param == _MERKTEKEN else param for param in params]


def _velden(model: type[models.Model]) -> list[models.Field]:
    """The fields of ``model`` the history shows: recorded, not the key, no noise."""
    event_velden = {veld.attname for veld in model.pgh_event_model._meta.fields}
    ruis = RUISVELDEN.get(model, frozenset())
    return [
        veld
        for veld in model._meta.concrete_fields
        if not veld.primary_key
        and veld.name not in ruis
        and veld.name != "opgave"
        and veld.attname in event_velden
    ]


def _momentopname(model: type[models.Model]) -> JSONObject:
    """The event row as JSON: its field values, and under "_labels" the readable
    names of what its foreign keys point at (looked up now, so they stay current)."""
    velden = _velden(model)
    labels = {
        veld.attname: Subquery(
            veld.related_model._default_manager.filter(pk=OuterRef(veld.attname))
            .order_by()
            .values(label=_LABELS[veld.related_model])[:1]
        )
        for veld in velden
        if veld.is_relation and veld.related_model in _LABELS
    }
    return JSONObject(
        **{veld.attname: veld.attname for veld in velden}, _labels=JSONObject(**labels)
    )


def _events(model: type[models.Model], opgave: Opgave) -> models.QuerySet:
    """The events of ``model`` that belong to ``opgave``, in the columns all branches share."""
    event = model.pgh_event_model
    events = (
        event.objects.filter(pgh_obj=opgave)
        if model is Opgave
        else event.objects.filter(opgave=opgave)
    )
    vorige = (
        event.objects.filter(pgh_obj=OuterRef("pgh_obj"), pgh_id__lt=OuterRef("pgh_id"))
        .order_by("-pgh_id")
        .values(snapshot=_momentopname(model))[:1]
    )
    events = events.annotate(
        h_model=Value(model._meta.label, output_field=CharField()),
        h_id=F("pgh_id"),
        h_wanneer=F("pgh_created_at"),
        h_label=F("pgh_label"),
        h_wie=KeyTextTransform("user", "pgh_context__metadata"),
        h_nu=_momentopname(model),
        h_vorige=Subquery(vorige, output_field=models.JSONField()),
    )
    if model in RUISVELDEN:
        # An update in which only noise fields changed has no visible change.
        events = events.filter(
            Q(h_label__in=[INSERT, DELETE]) | Q(h_vorige__isnull=True) | ~Q(h_nu=F("h_vorige"))
        )
    return _met_wie(events)


def _met_wie(events: models.QuerySet) -> models.QuerySet:
    """``events`` (annotated with ``h_wie``) with who made them, in the shared columns."""
    gebruikers = get_user_model()._default_manager
    events = events.annotate(
        h_wie_id=Case(
            When(h_wie__regex=r"^[0-9]{1,18}$", then=Cast("h_wie", models.BigIntegerField())),
            default=None,
            output_field=models.BigIntegerField(),
        ),
    ).annotate(
        h_wie_naam=Subquery(
            gebruikers.filter(pk=OuterRef("h_wie_id")).order_by().values("weergavenaam")[:1]
        ),
    )
    return events.values(
        "h_model", "h_id", "h_wanneer", "h_label", "h_wie_id", "h_wie_naam", "h_nu", "h_vorige"
    )


def _koppelveld(proxy: type[models.Model]) -> models.ManyToManyField:
    """The many-to-many field whose through table ``proxy`` is a proxy of."""
    through = proxy._meta.concrete_model
    eigenaar = through._meta.auto_created
    return next(
        veld for veld in eigenaar._meta.many_to_many if veld.remote_field.through is through
    )


def _koppeling_events(proxy: type[models.Model], opgave: Opgave) -> models.QuerySet:
    """The added and removed links of ``proxy`` that belong to ``opgave``, in the shared columns.

    Removals of the links of an owner that was deleted at the same moment (a
    deleted action takes its uitvoerders along) are left out: the deletion of
    the owner says it all.
    """
    event = proxy.pgh_event_model
    veld = _koppelveld(proxy)
    eigenaar, doel = veld.model, veld.related_model
    bron_id = f"{veld.m2m_field_name()}_id"
    doel_id = f"{veld.m2m_reverse_field_name()}_id"
    eigenaar_events = eigenaar.pgh_event_model.objects
    if eigenaar is Opgave:
        events = event.objects.filter(**{bron_id: opgave.pk})
        eigenaar_label: Any = Value(None, output_field=CharField())
    else:
        # The owners in the opgave now, and through their own events the deleted ones.
        eigenaars = eigenaar._default_manager.filter(opgave=opgave).values("pk")
        events = event.objects.filter(
            Q(**{f"{bron_id}__in": eigenaars})
            | Q(**{f"{bron_id}__in": eigenaar_events.filter(opgave=opgave).values("pgh_obj_id")})
        )
        eigenaar_label = Coalesce(
            Subquery(
                eigenaar._default_manager.filter(pk=OuterRef(bron_id))
                .order_by()
                .values(label=_LABELS[eigenaar])[:1]
            ),
            Subquery(
                eigenaar_events.filter(pgh_obj_id=OuterRef(bron_id))
                .order_by("-pgh_id")
                .values(label=_LABELS[eigenaar])[:1]
            ),
        )
    meegenomen = eigenaar_events.filter(
        pgh_obj_id=OuterRef(bron_id), pgh_label=DELETE, pgh_created_at=OuterRef("pgh_created_at")
    )
    events = events.filter(Q(pgh_label=INSERT) | ~Exists(meegenomen))
    doel_label = Subquery(
        doel._default_manager.filter(pk=OuterRef(doel_id))
        .order_by()
        .values(label=_LABELS[doel])[:1]
    )
    events = events.annotate(
        h_model=Value(proxy._meta.label, output_field=CharField()),
        h_id=F("pgh_id"),
        h_wanneer=F("pgh_created_at"),
        h_label=F("pgh_label"),
        h_wie=KeyTextTransform("user", "pgh_context__metadata"),
        h_nu=JSONObject(
            doel_id=doel_id,
            eigenaar=eigenaar_label,
            _labels=JSONObject(doel=doel_label),
        ),
        h_vorige=Value(None, output_field=models.JSONField()),
    )
    return _met_wie(events)


# --- Readable rows -------------------------------------------------------------------------


def _wijziging(rij: dict[str, Any]) -> Wijziging:
    model = apps.get_model(rij["h_model"])
    if model in GEVOLGDE_KOPPELINGEN:
        return _koppelwijziging(model, rij)
    nu = _json(rij["h_nu"])
    vorige = _json(rij["h_vorige"])
    actie = rij["h_label"]
    velden: tuple[Veldwijziging, ...] = ()
    if actie == UPDATE and vorige is not None:
        velden = tuple(
            Veldwijziging(
                veld=str(veld.verbose_name),
                oud=_weergave(veld, vorige),
                nieuw=_weergave(veld, nu),
            )
            for veld in _velden(model)
            if nu.get(veld.attname) != vorige.get(veld.attname)
        )
    return Wijziging(
        wanneer=rij["h_wanneer"],
        wie=_wie(rij),
        soort=capfirst(str(model._meta.verbose_name)),
        object=_beschrijving(model, nu),
        actie=actie,
        actie_label=_actie_label(actie),
        velden=velden,
    )


def _koppelwijziging(proxy: type[models.Model], rij: dict[str, Any]) -> Wijziging:
    """An added or removed link: "Themes: Wonen added"."""
    nu = _json(rij["h_nu"])
    veld = _koppelveld(proxy)
    soort = _KOPPELINGSOORTEN.get(proxy)
    doel = (nu.get("_labels") or {}).get("doel")
    actie = rij["h_label"]
    return Wijziging(
        wanneer=rij["h_wanneer"],
        wie=_wie(rij),
        soort=(
            soort(Truncator(nu.get("eigenaar") or _("(empty)")).chars(MAX_TEKST))
            if soort
            else capfirst(str(veld.verbose_name))
        ),
        object=(
            Truncator(doel).chars(MAX_TEKST)
            if doel is not None
            else _("deleted (no. %(nummer)s)") % {"nummer": nu.get("doel_id")}
        ),
        actie=actie,
        actie_label={INSERT: _("added"), DELETE: _("removed")}.get(actie, actie),
    )


def _json(waarde: Any) -> Any:
    # Keep decimals exact: 12.50 stays 12.50, not the float 12.5.
    return json.loads(waarde, parse_float=Decimal) if isinstance(waarde, str) else waarde


def _wie(rij: dict[str, Any]) -> str:
    """Who made the change: a display name, never an e-mail address."""
    if rij["h_wie_id"] is None:
        return _("System")
    if rij["h_wie_naam"] is None:
        return _("a deleted user")
    return rij["h_wie_naam"] or _("a user without a display name")


def _actie_label(actie: str) -> str:
    return {INSERT: _("created"), UPDATE: _("changed"), DELETE: _("deleted")}.get(actie, actie)


def _beschrijving(model: type[models.Model], momentopname: dict[str, Any]) -> str:
    velden = {veld.attname: veld for veld in _velden(model)}
    sjabloon = _BESCHRIJVINGEN.get(model)
    if sjabloon is None:
        return capfirst(str(model._meta.verbose_name))
    waarden = _Waarden(lambda attname: _weergave(velden[attname], momentopname))
    tekst = sjabloon(waarden) if callable(sjabloon) else sjabloon.format_map(waarden)
    return Truncator(tekst).chars(MAX_TEKST)


class _Waarden(dict):
    """Looks the displayed value of a field up only when a description asks for it."""

    def __init__(self, weergave: Callable[[str], str]) -> None:
        super().__init__()
        self._weergave = weergave

    def __missing__(self, attname: str) -> str:
        return self._weergave(attname)


def _weergave(veld: models.Field, momentopname: dict[str, Any]) -> str:
    """The value of ``veld`` in ``momentopname`` as a person reads it."""
    waarde = momentopname.get(veld.attname)
    if waarde is None or waarde == "":
        return _("(empty)")
    if veld.is_relation:
        return _relatie(veld, waarde, momentopname.get("_labels") or {})
    if veld.choices:
        return str(dict(veld.flatchoices).get(waarde, waarde))
    if isinstance(veld, models.BooleanField):
        return _("yes") if waarde else _("no")
    if isinstance(veld, models.DateTimeField):
        moment = parse_datetime(str(waarde))
        return (
            formats.date_format(timezone.localtime(moment), "j F Y H:i") if moment else str(waarde)
        )
    if isinstance(veld, models.DateField):
        dag = parse_date(str(waarde))
        return formats.date_format(dag, "j F Y") if dag else str(waarde)
    if isinstance(veld, models.DecimalField):
        return formats.number_format(Decimal(str(waarde)), use_l10n=True, force_grouping=True)
    return Truncator(str(waarde)).chars(MAX_TEKST)


def _relatie(veld: models.Field, waarde: Any, labels: dict[str, Any]) -> str:
    label = labels.get(veld.attname)
    if label is None:
        return _("deleted (no. %(nummer)s)") % {"nummer": waarde}
    if veld.related_model is get_user_model():
        return label or _("a user without a display name")
    if veld.related_model is PlanVanAanpak:
        return _("version %(versie)s") % {"versie": label}
    return Truncator(label).chars(MAX_TEKST)
