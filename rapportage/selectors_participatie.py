"""The data of the participatieverslag (issue 9 point 3): who could take part and how,
who took part, what came in, and what was done with every input and why.

The Omgevingswet asks an applicant to report on participation (the
*aanvraagvereiste*) and the municipality to give reasons for what it did with the
input (the *motiveringsplicht*). This module reads everything for one round
(``participatieverslag_ronde``) or for all rounds of an opgave
(``participatieverslag_opgave``; drafts are left out) with a fixed number of
queries, whatever the number of inputs: counts come from ``GROUP BY`` queries,
and the per-input and per-proposal lists are lazy querysets that the PDF builder
walks with ``.iterator()`` and the HTML page paginates.

Privacy (DESIGN §6.7): an author shows as their display name or "Inwoner uit
<wijk>" (``participatie.policies.toon_naam``); proposals show no submitter.
Hidden (moderated) input is counted, never listed.

Representativeness compares the participants' district and age group (given
voluntarily when joining, ``participatie.Deelname``) with the population:
per district from ``opgaven.Gebied.inwoners`` of the districts the round is
about, per age group from ``BEVOLKING_NAAR_LEEFTIJD`` below.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opgaven.models import Gebied, Opgave
from participatie.models import (
    Aanmelding,
    Deelname,
    Inbreng,
    Leeftijdsgroep,
    Markering,
    Ronde,
    Sessie,
    Steun,
    Uitkomst,
    Voorstel,
)
from participatie.policies import toon_naam
from participatie.selectors import met_auteursnaam

# Share of the population per age group, in percent, for Demodam.
#
# Demodam is fictional and has no age statistics of its own, so these figures stand in
# for a mid-size Dutch municipality: they approximate the national population on
# 1 January 2024 from CBS StatLine, table 7461BEV "Bevolking; geslacht, leeftijd en
# burgerlijke staat, 1 januari", regrouped into the age groups of the participation
# form (``participatie.Leeftijdsgroep``) and rounded to one decimal so they add up to
# 100. A real municipality puts its own figures here (CBS "Kerncijfers wijken en
# buurten" gives them per municipality).
BEVOLKING_NAAR_LEEFTIJD: dict[str, float] = {
    Leeftijdsgroep.TOT_18: 19.2,
    Leeftijdsgroep.VAN_18: 11.0,
    Leeftijdsgroep.VAN_27: 17.7,
    Leeftijdsgroep.VAN_41: 32.7,
    Leeftijdsgroep.VANAF_66: 19.4,
}
BRON_LEEFTIJD = gettext_lazy(
    "Population per age group: an approximation of the population of the Netherlands on "
    "1 January 2024 (CBS StatLine, table 7461BEV), grouped into the age groups of the "
    "participation form. Demodam is fictional and has no figures of its own."
)
BRON_WIJK = gettext_lazy(
    "Population per district: the number of residents of each district of Demodam that "
    "the round is about, as registered with the areas (CBS district codes)."
)

# The ways to take part a round offers: flag on the round -> what it means.
METHODEN = {
    "met_inbreng": gettext_lazy("Submitting ideas, concerns and questions online"),
    "met_steun": gettext_lazy("Supporting other people's input"),
    "met_sessies": gettext_lazy("Co-creation sessions"),
    "met_burgerbegroting": gettext_lazy("Participatory budget: proposing projects and voting"),
}


@dataclass
class Groep:
    """One row of a representativeness table: participants against population."""

    label: str
    deelnemers: int
    aandeel_deelnemers: float | None  # percent of the participants who answered
    aandeel_bevolking: float | None  # percent of the population
    # True for a row outside the comparison (e.g. districts the round is not about).
    buiten: bool = False

    @property
    def verschil(self) -> float | None:
        """Participants' share minus the population's, in percentage points."""
        if self.aandeel_deelnemers is None or self.aandeel_bevolking is None:
            return None
        return round(self.aandeel_deelnemers - self.aandeel_bevolking, 1)


@dataclass
class Vertegenwoordiging:
    """Representativeness by one characteristic (district or age group)."""

    groepen: list[Groep]
    beantwoord: int  # participants who gave the characteristic
    onbekend: int  # participants who did not
    bron: Any

    @property
    def vergeleken(self) -> list[Groep]:
        """The rows with a population share (what the chart shows)."""
        return [g for g in self.groepen if g.aandeel_bevolking is not None]


@dataclass
class Telling:
    waarde: str
    label: str
    aantal: int


@dataclass
class Participatieverslag:
    opgave: Opgave
    ronde: Ronde | None
    rondes: list[Ronde]
    deelname: dict[str, int]
    wijken: Vertegenwoordiging
    leeftijden: Vertegenwoordiging
    inbreng_telling: dict[str, int]
    per_soort: list[Telling]
    per_status: list[Telling]
    markeringen: dict[str, int]
    uitkomsten: list[Uitkomst]
    voorstellen_telling: list[Telling]
    inbreng: QuerySet[Inbreng]
    voorstellen: QuerySet[Voorstel]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def titel(self) -> str:
        return self.ronde.titel if self.ronde else self.opgave.titel

    @property
    def slug(self) -> str:
        return self.ronde.slug if self.ronde else self.opgave.slug

    @property
    def aantal_voorstellen(self) -> int:
        return sum(t.aantal for t in self.voorstellen_telling)


def participatieverslag_ronde(ronde: Ronde) -> Participatieverslag:
    """The report of one round (a draft too: it then shows that nothing came in yet)."""
    return _verslag(None, Q(pk=ronde.pk), ronde=ronde)


def participatieverslag_opgave(opgave: Opgave) -> Participatieverslag:
    """The report of every round of ``opgave`` that is no draft."""
    return _verslag(opgave, Q(opgave=opgave) & ~Q(status=Ronde.Status.ONTWERP), ronde=None)


def inbreng_rijen(inbreng: QuerySet[Inbreng], chunk_size: int = 500) -> Iterator[Inbreng]:
    """Walk the inputs with a flat memory, giving each its public ``auteursnaam``."""
    for rij in inbreng.iterator(chunk_size=chunk_size):
        rij.auteursnaam = toon_naam(rij.auteur_weergavenaam or "", rij.auteur_wijk)
        yield rij


def _verslag(opgave: Opgave | None, rondefilter: Q, *, ronde: Ronde | None) -> Participatieverslag:
    rondes = list(
        Ronde.objects.filter(rondefilter)
        .select_related("opgave", "begroting")
        .annotate(
            gebied_namen=ArraySubquery(
                Gebied.objects.filter(rondes=OuterRef("pk")).order_by("naam").values("naam")
            )
        )
        .order_by("start", "pk")
    )
    ids = [r.pk for r in rondes]
    if opgave is None:  # the report of a round: its opgave came with it
        opgave = rondes[0].opgave
    _sessies_koppelen(rondes, ids)

    deelnames = Deelname.objects.filter(ronde_id__in=ids)
    totaal = deelnames.aggregate(n=Count("pk"), personen=Count("user", distinct=True))
    zichtbaar = Inbreng.objects.filter(ronde_id__in=ids, verborgen_op__isnull=True)
    auteurs = zichtbaar.aggregate(n=Count("auteur", distinct=True))["n"]
    steun = Steun.objects.filter(
        inbreng__ronde_id__in=ids, inbreng__verborgen_op__isnull=True
    ).aggregate(n=Count("pk"), personen=Count("user", distinct=True))
    sessies = [s for r in rondes for s in r.verslag_sessies]
    deelname = {
        "deelnames": totaal["n"],
        "personen": totaal["personen"],
        "auteurs": auteurs,
        "steunbetuigingen": steun["n"],
        "steuners": steun["personen"],
        "aanmeldingen": sum(s.aantal_aangemeld for s in sessies),
        "aanwezig": sum(s.aantal_aanwezig for s in sessies),
        "wachtlijst": sum(s.aantal_wachtlijst for s in sessies),
        "stembiljetten": sum(r.begroting.opkomst for r in rondes if hasattr(r, "begroting")),
    }

    inbreng_telling, per_soort, per_status = _inbreng_tellen(ids)
    markeringen = _markeringen_tellen(ids)

    uitkomsten = list(
        Uitkomst.objects.filter(sessie__ronde_id__in=ids)
        .select_related("sessie", "actie", "toezegging")
        .order_by("sessie__start", "sessie_id", "vastgelegd_op", "pk")
    )
    voorstellen = Voorstel.objects.filter(begroting__ronde_id__in=ids)
    voorstellen_telling = _tellingen(
        voorstellen.order_by().values("status").annotate(n=Count("pk")),
        "status",
        Voorstel.Status,
    )

    return Participatieverslag(
        opgave=opgave,
        ronde=ronde,
        rondes=rondes,
        deelname=deelname,
        wijken=_wijken(rondes, deelnames),
        leeftijden=_leeftijden(rondes, deelnames),
        inbreng_telling=inbreng_telling,
        per_soort=per_soort,
        per_status=per_status,
        markeringen=markeringen,
        uitkomsten=uitkomsten,
        voorstellen_telling=voorstellen_telling,
        inbreng=met_auteursnaam(
            zichtbaar.select_related(
                "ronde",
                "gebied",
                "terugkoppeling",
                "terugkoppeling__besluit",
                "terugkoppeling__actie",
            )
        ).order_by("ronde__start", "ronde_id", "aangemaakt_op", "pk"),
        voorstellen=voorstellen.select_related("begroting__ronde", "gebied", "actie").order_by(
            "begroting__ronde__start", "begroting__ronde_id", "-aantal_stemmen", "pk"
        ),
    )


def _sessies_koppelen(rondes: list[Ronde], ids: list[int]) -> None:
    """Give each round ``verslag_sessies``: its sessions with their attendance (one query)."""
    sessies = (
        Sessie.objects.filter(ronde_id__in=ids)
        .annotate(
            aantal_aanwezig=Count(
                "aanmeldingen", filter=Q(aanmeldingen__status=Aanmelding.Status.AANWEZIG)
            ),
            aantal_wachtlijst=Count(
                "aanmeldingen", filter=Q(aanmeldingen__status=Aanmelding.Status.WACHTLIJST)
            ),
        )
        .order_by("start", "pk")
    )
    per_ronde: dict[int, list[Sessie]] = defaultdict(list)
    for sessie in sessies:
        per_ronde[sessie.ronde_id].append(sessie)
    for ronde in rondes:
        ronde.verslag_sessies = per_ronde[ronde.pk]
        ronde.verslag_methoden = [label for veld, label in METHODEN.items() if getattr(ronde, veld)]


def _tellingen(rijen, veld: str, keuzes) -> list[Telling]:
    """Counts per choice, in the order of the choices, zeros included."""
    aantallen = {rij[veld]: rij["n"] for rij in rijen}
    return [Telling(waarde, label, aantallen.get(waarde, 0)) for waarde, label in keuzes.choices]


def _inbreng_tellen(ids: list[int]) -> tuple[dict[str, int], list[Telling], list[Telling]]:
    """Totals of the input, and the visible input per kind and per status (one query)."""
    zichtbaar = Q(verborgen_op__isnull=True)
    rijen = list(
        Inbreng.objects.filter(ronde_id__in=ids)
        .order_by()
        .values("soort", "status")
        .annotate(
            n=Count("pk", filter=zichtbaar),
            verborgen=Count("pk", filter=~zichtbaar),
            steun=Coalesce(Sum("aantal_steun", filter=zichtbaar), 0),
            reacties=Coalesce(Sum("aantal_reacties", filter=zichtbaar), 0),
            met_terugkoppeling=Count("pk", filter=zichtbaar & Q(terugkoppeling__isnull=False)),
        )
    )
    soorten: dict[str, int] = defaultdict(int)
    statussen: dict[str, int] = defaultdict(int)
    for rij in rijen:
        soorten[rij["soort"]] += rij["n"]
        statussen[rij["status"]] += rij["n"]
    zichtbaar_n = sum(r["n"] for r in rijen)
    met_terugkoppeling = sum(r["met_terugkoppeling"] for r in rijen)
    telling = {
        "totaal": zichtbaar_n + sum(r["verborgen"] for r in rijen),
        "zichtbaar": zichtbaar_n,
        "verborgen": sum(r["verborgen"] for r in rijen),
        "steun": sum(r["steun"] for r in rijen),
        "reacties": sum(r["reacties"] for r in rijen),
        "met_terugkoppeling": met_terugkoppeling,
        "zonder_terugkoppeling": zichtbaar_n - met_terugkoppeling,
    }
    per_soort = [Telling(w, lbl, soorten.get(w, 0)) for w, lbl in Inbreng.Soort.choices]
    per_status = [Telling(w, lbl, statussen.get(w, 0)) for w, lbl in Inbreng.Status.choices]
    return telling, per_soort, per_status


def _markeringen_tellen(ids: list[int]) -> dict[str, int]:
    """The flags on input and comments of the rounds, per handling (one query)."""
    rijen = (
        Markering.objects.filter(
            Q(inbreng__ronde_id__in=ids) | Q(reactie__inbreng__ronde_id__in=ids)
        )
        .order_by()
        .values("afhandeling")
        .annotate(n=Count("pk"))
    )
    telling = dict.fromkeys(Markering.Afhandeling.values, 0)
    for rij in rijen:
        telling[rij["afhandeling"]] = rij["n"]
    telling["totaal"] = sum(telling.values())
    return telling


def _procent(deel: int, geheel: int | float) -> float | None:
    return round(100 * deel / geheel, 1) if geheel else None


def _wijken_in_scope(rondes: list[Ronde], wijken: dict[int, dict]) -> set[int]:
    """The districts the rounds are about: a neighbourhood counts as its district; a
    round without areas or about the whole municipality covers every district."""
    koppelingen = Ronde.gebieden.through.objects.filter(
        ronde_id__in=[r.pk for r in rondes]
    ).values_list("ronde_id", "gebied_id", "gebied__niveau", "gebied__ligt_in_id")
    per_ronde: dict[int, list[tuple[int, str, int | None]]] = defaultdict(list)
    for ronde_id, gebied_id, niveau, ligt_in in koppelingen:
        per_ronde[ronde_id].append((gebied_id, niveau, ligt_in))
    scope: set[int] = set()
    for ronde in rondes:
        gebieden = per_ronde[ronde.pk]
        if not gebieden or any(niveau == Gebied.Niveau.GEMEENTE for _g, niveau, _l in gebieden):
            return set(wijken)
        for gebied_id, niveau, ligt_in in gebieden:
            scope.add(gebied_id if niveau == Gebied.Niveau.WIJK else ligt_in)
    return scope & set(wijken)


def _per_antwoord(
    rondes: list[Ronde], deelnames: QuerySet[Deelname], veld: str, sleutel: str
) -> Counter:
    """Participations per answer to ``veld`` (district or age group; ``None`` or ``""``:
    not given). A round whose participants' answers were removed by the retention
    rule (``participatie.retentie``) counts from the totals it kept, not from the
    wiped rows, so the report reads the same before and after."""
    geanonimiseerd = {r.pk: r for r in rondes if r.deelnemers_geanonimiseerd_op is not None}
    if geanonimiseerd:
        deelnames = deelnames.exclude(ronde_id__in=geanonimiseerd)
    telling: Counter = Counter(
        {rij[veld]: rij["n"] for rij in deelnames.order_by().values(veld).annotate(n=Count("pk"))}
    )
    for ronde in geanonimiseerd.values():
        for antwoord, aantal in ronde.deelnemerstelling.get(sleutel, {}).items():
            if veld == "wijk_id":  # JSON keys are strings: a Gebied id, "" for none
                antwoord = int(antwoord) if antwoord else None
            telling[antwoord] += aantal
    return telling


def _wijken(rondes: list[Ronde], deelnames: QuerySet[Deelname]) -> Vertegenwoordiging:
    wijken = {
        w["pk"]: w
        for w in Gebied.objects.filter(niveau=Gebied.Niveau.WIJK)
        .order_by("naam")
        .values("pk", "naam", "inwoners")
    }
    scope = _wijken_in_scope(rondes, wijken) if rondes else set()
    per_wijk = _per_antwoord(rondes, deelnames, "wijk_id", "wijk")
    onbekend = per_wijk.pop(None, 0)
    beantwoord = sum(per_wijk.values())
    bevolking = sum(wijken[pk]["inwoners"] or 0 for pk in scope)
    groepen = [
        Groep(
            label=wijk["naam"],
            deelnemers=per_wijk.get(pk, 0),
            aandeel_deelnemers=_procent(per_wijk.get(pk, 0), beantwoord),
            aandeel_bevolking=_procent(wijk["inwoners"], bevolking)
            if wijk["inwoners"] is not None
            else None,
        )
        for pk, wijk in wijken.items()
        if pk in scope
    ]
    buiten = sum(n for pk, n in per_wijk.items() if pk not in scope)
    if buiten:
        groepen.append(
            Groep(
                label=_("Other districts"),
                deelnemers=buiten,
                aandeel_deelnemers=_procent(buiten, beantwoord),
                aandeel_bevolking=None,
                buiten=True,
            )
        )
    return Vertegenwoordiging(groepen, beantwoord, onbekend, BRON_WIJK)


def _leeftijden(rondes: list[Ronde], deelnames: QuerySet[Deelname]) -> Vertegenwoordiging:
    per_groep = _per_antwoord(rondes, deelnames, "leeftijdsgroep", "leeftijdsgroep")
    onbekend = per_groep.pop(None, 0) + per_groep.pop("", 0)
    beantwoord = sum(per_groep.values())
    groepen = [
        Groep(
            label=label,
            deelnemers=per_groep.get(waarde, 0),
            aandeel_deelnemers=_procent(per_groep.get(waarde, 0), beantwoord),
            aandeel_bevolking=BEVOLKING_NAAR_LEEFTIJD[waarde],
        )
        for waarde, label in Leeftijdsgroep.choices
    ]
    return Vertegenwoordiging(groepen, beantwoord, onbekend, BRON_LEEFTIJD)
