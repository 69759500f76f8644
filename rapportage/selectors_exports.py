"""The rows of the exports (issue 9 point 7): a round's input and participants, and an
opgave's actions. (Helper "exports".)

Each function returns an ``Export``: Dutch headers (the site's language, whatever the
reader's) and a generator of rows. The rows come from ONE query, read with
``.iterator(chunk_size=CHUNK)`` (a server-side cursor), so neither the number of
queries nor the memory grows with the number of rows; ``config.spreadsheets`` streams
them out as CSV or write-only XLSX. Everything a row needs (support count, author
name and district, area, feedback, decision, action, uitvoerders) is a column of
that query: a stored counter, a join or a subquery, never a query per row.

Privacy (DESIGN §6.7): the input export names an author only as they appear on the
site, their display name or "Inwoner uit <wijk>"; never an e-mail address. Only the
participants export holds personal data (name, e-mail), for the round's owners, and
its view logs every download (``rapportage.services_exports``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.aggregates import StringAgg
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from opgaven.models import Actie, Opgave, PlanVanAanpak
from participatie.models import Deelname, Inbreng, Leeftijdsgroep, Ronde, Terugkoppeling
from participatie.selectors import met_auteursnaam
from partners.models import Organisatie

CHUNK = 2000
User = get_user_model()


@dataclass
class Export:
    """What a file holds: its sheet name, headers, rows and column layout."""

    blad: str
    koppen: list[str]
    rijen: Iterator[Sequence[Any]]
    breedtes: Sequence[int] = field(default_factory=tuple)
    euro_kolommen: Sequence[int] = field(default_factory=tuple)


def _nl(maak: Callable[[], Any]) -> Any:
    """``maak()`` in the site's language (Dutch headers and labels)."""
    with translation.override(settings.LANGUAGE_CODE):
        return maak()


def _velden(model, *namen: str) -> list[str]:
    """Column headers: the fields' verbose names, capitalised (call inside ``_nl``)."""
    return [capfirst(str(model._meta.get_field(naam).verbose_name)) for naam in namen]


def _labels(choices) -> dict[str, str]:
    """The labels of a ``TextChoices`` as plain Dutch strings (no lazy object per row)."""
    return _nl(lambda: {waarde: str(label) for waarde, label in choices.choices})


# --- The input of a round -------------------------------------------------------------------


def inbreng_rijen_queryset(ronde: Ronde) -> QuerySet:
    """The round's input, oldest first, as tuples with everything a row needs (one query).

    Hidden input is included (marked): the export is the record for the round's owners."""
    return (
        met_auteursnaam(Inbreng.objects.filter(ronde=ronde))
        .order_by("aangemaakt_op", "pk")
        .values_list(
            "pk",
            "aangemaakt_op",
            "titel",
            "tekst",
            "soort",
            "status",
            "aantal_steun",
            "aantal_reacties",
            "gebied__naam",
            "auteur_weergavenaam",
            "auteur_wijk",
            "verborgen_op",
            "terugkoppeling__status",
            "terugkoppeling__motivering",
            "terugkoppeling__besluit__titel",
            "terugkoppeling__actie__titel",
            "terugkoppeling__op",
        )
    )


def inbreng_export(ronde: Ronde) -> Export:
    koppen = _nl(
        lambda: [
            _("Number"),
            *_velden(Inbreng, "aangemaakt_op", "titel", "tekst", "soort", "status"),
            *_velden(Inbreng, "aantal_steun", "aantal_reacties", "gebied", "auteur"),
            _("Hidden"),
            capfirst(str(Terugkoppeling._meta.verbose_name)),
            *_velden(Terugkoppeling, "motivering", "besluit", "actie"),
            capfirst(_("feedback given at")),
        ]
    )
    soorten = _labels(Inbreng.Soort)
    statussen = _labels(Inbreng.Status)
    terugkoppelingen = _labels(Terugkoppeling.Status)
    inwoner, inwoner_uit = _nl(lambda: (_("Resident"), _("Resident of %(wijk)s")))

    def auteur(weergavenaam: str | None, wijk: str | None) -> str:
        # ``participatie.policies.toon_naam``, with its two sentences translated once.
        if weergavenaam:
            return weergavenaam
        return inwoner_uit % {"wijk": wijk} if wijk else inwoner

    def rijen() -> Iterator[list[Any]]:
        for (
            pk,
            op,
            titel,
            tekst,
            soort,
            status,
            steun,
            reacties,
            gebied,
            naam,
            wijk,
            verborgen_op,
            tk_status,
            motivering,
            besluit,
            actie,
            tk_op,
        ) in inbreng_rijen_queryset(ronde).iterator(chunk_size=CHUNK):
            yield [
                pk,
                op,
                titel,
                tekst,
                soorten.get(soort, soort),
                statussen.get(status, status),
                steun,
                reacties,
                gebied or "",
                auteur(naam, wijk),
                verborgen_op is not None,
                terugkoppelingen.get(tk_status, "") if tk_status else "",
                motivering or "",
                besluit or "",
                actie or "",
                tk_op,
            ]

    return Export(
        blad=_nl(lambda: capfirst(str(Inbreng._meta.verbose_name_plural))),
        koppen=koppen,
        rijen=rijen(),
        breedtes=(8, 17, 40, 60, 12, 18, 9, 9, 20, 26, 9, 20, 60, 30, 30, 17),
    )


# --- The participants of a round (personal data) ----------------------------------------------


def deelnemers_queryset(ronde: Ronde) -> QuerySet:
    """The round's participants, in the order they joined, as tuples (one query)."""
    return (
        Deelname.objects.filter(ronde=ronde)
        .order_by("toestemming_op", "pk")
        .values_list(
            "user__weergavenaam", "user__email", "wijk__naam", "leeftijdsgroep", "toestemming_op"
        )
    )


def deelnemers_export(ronde: Ronde) -> Export:
    koppen = _nl(
        lambda: [
            *_velden(User, "weergavenaam", "email"),
            *_velden(Deelname, "wijk", "leeftijdsgroep", "toestemming_op"),
        ]
    )
    groepen = _labels(Leeftijdsgroep)

    def rijen() -> Iterator[list[Any]]:
        for naam, email, wijk, groep, toestemming_op in deelnemers_queryset(ronde).iterator(
            chunk_size=CHUNK
        ):
            yield [naam, email, wijk or "", groepen.get(groep, ""), toestemming_op]

    return Export(
        blad=_nl(lambda: capfirst(str(Deelname._meta.verbose_name_plural))),
        koppen=koppen,
        rijen=rijen(),
        breedtes=(28, 34, 22, 16, 17),
    )


# --- The actions of an opgave -----------------------------------------------------------------


def huidig_plan(opgave: Opgave) -> PlanVanAanpak | None:
    """The newest version of the opgave's plan (the actions page shows it first)."""
    return PlanVanAanpak.objects.filter(opgave=opgave).order_by("-versie").first()


def acties_queryset(plan: PlanVanAanpak) -> QuerySet:
    """The plan's actions in the order of the actions page, as tuples (one query: the
    uitvoerders' names are aggregated in a subquery)."""
    uitvoerders = (
        Organisatie.objects.filter(uitgevoerde_acties=OuterRef("pk"))
        .order_by()
        .values("uitgevoerde_acties")
        .annotate(namen=StringAgg("naam", delimiter=", ", order_by="naam"))
        .values("namen")
    )
    return (
        Actie.objects.filter(opgave_id=plan.opgave_id, plan=plan)
        .annotate(uitvoerder_namen=Subquery(uitvoerders), plan_versie=F("plan__versie"))
        .order_by("start", "pk")
        .values_list(
            "pk",
            "titel",
            "omschrijving",
            "status",
            "trekker__naam",
            "uitvoerder_namen",
            "doel__titel",
            "start",
            "eind",
            "plan_versie",
        )
    )


def acties_export(opgave: Opgave) -> Export:
    koppen = _nl(
        lambda: [
            _("Number"),
            *_velden(Actie, "titel", "omschrijving", "status", "trekker", "uitvoerders", "doel"),
            *_velden(Actie, "start", "eind"),
            *_velden(PlanVanAanpak, "versie"),
        ]
    )
    statussen = _labels(Actie.Status)
    plan = huidig_plan(opgave)

    def rijen() -> Iterator[list[Any]]:
        if plan is None:
            return
        for (
            pk,
            titel,
            omschrijving,
            status,
            trekker,
            uitvoerders,
            doel,
            start,
            eind,
            versie,
        ) in acties_queryset(plan).iterator(chunk_size=CHUNK):
            yield [
                pk,
                titel,
                omschrijving,
                statussen.get(status, status),
                trekker,
                uitvoerders or "",
                doel or "",
                start,
                eind,
                versie,
            ]

    return Export(
        blad=_nl(lambda: capfirst(str(Actie._meta.verbose_name_plural))),
        koppen=koppen,
        rijen=rijen(),
        breedtes=(8, 40, 60, 14, 28, 40, 30, 12, 12, 8),
    )
