"""Participation: rounds (a few hot ones, a long tail), inputs with supports,
comments, feedback and its notification, flags, sessions with registrations, and
participatory budgets with ballots. Stored counters are written from the rows
made here, so they are true by construction (the tests recount them in SQL)."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django.urls import reverse

from config.genereer import kenmerken
from config.genereer.basis import Context
from config.genereer.lader import Lader, tekst, veld
from config.genereer.teksten import (
    INBRENG,
    INBRENG_AANVULLINGEN,
    INVLOEDSRUIMTE,
    REACTIES,
    RONDE_VRAGEN,
    SESSIE_TITELS,
    TERUGKOPPELINGEN,
    VOORSTELLEN,
)
from meldingen.models import Melding
from participatie.models import (
    Aanmelding,
    Begroting,
    Deelname,
    Inbreng,
    Markering,
    Reactie,
    Ronde,
    Sessie,
    Stembiljet,
    Stemkeuze,
    Steun,
    Terugkoppeling,
    Voorstel,
)
from participatie.uitslag import Kandidaat, uitslag

TREDEN = ["informeren", "raadplegen", "adviseren", "coproduceren", "meebeslissen", "zelfbeheer"]
STATUS_TEKST = {
    "overgenomen": "overgenomen",
    "deels_overgenomen": "deels overgenomen",
    "niet_overgenomen": "niet overgenomen",
    "in_behandeling": "in behandeling",
}
LEEFTIJDEN = ["0-17", "18-26", "27-40", "41-65", "66+"]
CENT = Decimal("0.01")


class _Tabellen:
    def __init__(self, lader: Lader):
        tab = lader.tabel
        self.ronde = tab(
            Ronde,
            "id",
            "opgave",
            "titel",
            "slug",
            "vraag",
            "toelichting",
            "invloedsruimte",
            "trede",
            "start",
            "eind",
            "met_inbreng",
            "met_steun",
            "met_sessies",
            "met_burgerbegroting",
            "status",
            "aangemaakt_door",
            "aangemaakt_op",
            "gesloten_op",
            "teruggekoppeld_op",
            "deelnemerstelling",
        )
        self.gebieden = tab(Ronde.gebieden.through, "id", "ronde", "gebied")
        self.deelname = tab(
            Deelname, "id", "ronde", "user", "toestemming_op", "wijk", "leeftijdsgroep"
        )
        self.inbreng = tab(
            Inbreng,
            "id",
            "ronde",
            "auteur",
            "soort",
            "titel",
            "tekst",
            "gebied",
            "status",
            "aantal_steun",
            "aantal_reacties",
            "aangemaakt_op",
            "gewijzigd_op",
            "verborgen_reden",
        )
        self.steun = tab(Steun, "id", "inbreng", "user", "op")
        self.reactie = tab(
            Reactie, "id", "inbreng", "auteur", "tekst", "aangemaakt_op", "verborgen_reden"
        )
        self.markering = tab(Markering, "id", "inbreng", "melder", "reden", "op", "afhandeling")
        self.terugkoppeling = tab(
            Terugkoppeling,
            "id",
            "inbreng",
            "status",
            "motivering",
            "besluit",
            "actie",
            "door",
            "op",
        )
        self.melding = tab(
            Melding,
            "id",
            "ontvanger",
            "soort",
            "object_type",
            "object_id",
            "dedupe",
            "context",
            "url",
            "bezorging",
            "aangemaakt_op",
            "gelezen_op",
            "gemaild_op",
        )
        self.sessie = tab(
            Sessie,
            "id",
            "ronde",
            "titel",
            "start",
            "eind",
            "locatie",
            "online_link",
            "capaciteit",
            "aanmelden_tot",
            "agenda",
            "aantal_aangemeld",
        )
        self.aanmelding = tab(
            Aanmelding,
            "id",
            "sessie",
            "user",
            "status",
            "volgnummer",
            "aangemeld_op",
            "gewijzigd_op",
        )
        self.begroting = tab(
            Begroting,
            "id",
            "ronde",
            "totaal",
            "stemregel",
            "max_keuzes",
            "min_besteding_pct",
            "fase",
            "indienen_tot",
            "stemmen_van",
            "stemmen_tot",
            "uitslag_op",
            "opkomst",
        )
        self.voorstel = tab(
            Voorstel,
            "id",
            "begroting",
            "indiener",
            "titel",
            "beschrijving",
            "geraamde_kosten",
            "gebied",
            "status",
            "kosten",
            "motivering",
            "beoordeeld_door",
            "beoordeeld_op",
            "aantal_stemmen",
            "ingediend_op",
        )
        self.stembiljet = tab(
            Stembiljet,
            "id",
            "begroting",
            "user",
            "limiet",
            "max_keuzes",
            "concept_totaal",
            "concept_aantal",
            "totaal",
            "aantal",
            "bevestigd_op",
            "gewijzigd_op",
        )
        self.stemkeuze = tab(Stemkeuze, "id", "stembiljet", "voorstel", "bevestigd", "kosten")

    def alle(self):
        return [v for v in vars(self).values() if hasattr(v, "kopieer")]


def _verdeel(totaal: int, gewichten: list[float], plafond: int) -> list[int]:
    """``totaal`` split by ``gewichten``, each part at most ``plafond``; exact when it fits."""
    som = sum(gewichten) or 1.0
    delen = [min(plafond, int(totaal * g / som)) for g in gewichten]
    rest = totaal - sum(delen)
    volgorde = sorted(range(len(gewichten)), key=lambda i: -gewichten[i])
    while rest > 0 and volgorde:
        vooruit = False
        for i in volgorde:
            if rest == 0:
                break
            if delen[i] < plafond:
                delen[i] += 1
                rest -= 1
                vooruit = True
        if not vooruit:
            break
    return delen


def maak(ctx: Context, lader: Lader) -> None:
    t = _Tabellen(lader)
    rondes = _rondes(ctx, t)
    _inbreng(ctx, t, rondes)
    _sessies(ctx, t, rondes)
    _begrotingen(ctx, t, rondes)
    # Every participant joined their round once (inputs, ballots, the personas).
    for ronde in rondes:
        rng = ctx.rng(f"deelname:{ronde['id']}")
        for user in sorted(ronde["deelnemers"]):
            kiezer = user in ronde.get("kiezers", ())
            wijk = ctx.wijk_van(user) if kiezer or rng.random() < 0.85 else None
            t.deelname.rij(
                t.deelname.nieuw_id(), ronde["id"], user, ronde["toestemming"], wijk,
                rng.choice(LEEFTIJDEN) if rng.random() < 0.7 else "",
            )  # fmt: skip
    lader.laden(*t.alle())


def _rondes(ctx: Context, t: _Tabellen) -> list[dict]:
    rng = ctx.rng("rondes")
    schaal = ctx.schaal
    hoofd = ctx.opgaven[0]
    inwoner = ctx.personas[kenmerken.INWONER]
    rondes: list[dict] = []
    n_begroting = max(1, schaal.begrotingen)
    for i in range(schaal.rondes):
        ronde_id = t.ronde.nieuw_id()
        begroting = 1 <= i <= n_begroting
        if i == 0:
            opgave, status, slug = hoofd, "open", kenmerken.DRUKKE_RONDE
        elif i == 1:
            opgave, status, slug = hoofd, "open", kenmerken.BEGROTING
        else:
            opgave = rng.choice(ctx.opgaven)
            slug = f"ronde-{ronde_id}"
            if begroting:
                status = "open" if rng.random() < 0.5 else "gesloten"
            else:
                status = rng.choices(
                    ["ontwerp", "open", "gesloten", "teruggekoppeld"], [5, 35, 25, 35]
                )[0]
        if status == "open":
            start, eind = ctx.dag(-rng.randrange(5, 60)), ctx.dag(rng.randrange(10, 60))
        elif status == "ontwerp":
            start = ctx.dag(rng.randrange(5, 60))
            eind = start + timedelta(days=rng.randrange(20, 60))
        else:
            eind = ctx.dag(
                -rng.randrange(1, 100) if status == "gesloten" else -rng.randrange(60, 700)
            )
            start = eind - timedelta(days=rng.randrange(20, 60))
        gesloten_op = (
            ctx.moment((eind - ctx.peildatum).days)
            if status in {"gesloten", "teruggekoppeld"}
            else None
        )
        terug_op = gesloten_op + timedelta(days=30) if status == "teruggekoppeld" else None
        met_sessies = i == 0 or (not begroting and status != "ontwerp" and rng.random() < 0.3)
        wijk = opgave["wijk"]
        if begroting:
            wijken = sorted(
                {ctx.wijk_van(inwoner), wijk} if i == 1 else set(rng.sample(ctx.wijken, 2))
            )
        else:
            wijken = [wijk]
        titel = (
            f"Wijkbudget {ronde_id}: samen kiezen"
            if begroting
            else f"{opgave['titel'][:150]}: praat mee ({ronde_id})"
        )
        if i == 0:
            titel = "Praat mee over de aanpak in Demodam"
        elif i == 1:
            titel = "Wijkbudget Demodam: kies mee"
        aangemaakt = ctx.moment((start - ctx.peildatum).days - 14)
        t.ronde.rij(
            ronde_id, opgave["id"], titel, slug, rng.choice(RONDE_VRAGEN),
            "Lees eerst wat er al vastligt, en vertel ons dan wat u vindt.", INVLOEDSRUIMTE,
            "meebeslissen" if begroting else rng.choice(TREDEN), start, eind, not begroting,
            not begroting, met_sessies, begroting, status, opgave["regisseur"], aangemaakt,
            gesloten_op, terug_op, {},
        )  # fmt: skip
        for gebied in wijken:
            t.gebieden.rij(t.gebieden.nieuw_id(), ronde_id, gebied)
        rondes.append(
            {
                "id": ronde_id, "slug": slug, "titel": titel, "opgave": opgave, "status": status,
                "start": start, "eind": eind, "sluit": gesloten_op, "begroting": begroting,
                "sessies": met_sessies, "wijk": wijk, "wijken": wijken, "deelnemers": set(),
                "toestemming": ctx.moment((start - ctx.peildatum).days + 1),
            }
        )  # fmt: skip
    return rondes


def _inbreng(ctx: Context, t: _Tabellen, rondes: list[dict]) -> None:
    rng = ctx.rng("inbreng-verdeling")
    schaal = ctx.schaal
    inwoners = ctx.inwoners
    persona = ctx.personas[kenmerken.INWONER]
    ct_inbreng = ctx.content_types["participatie.inbreng"]
    met_inbreng = [r for r in rondes if not r["begroting"] and r["status"] != "ontwerp"]
    open_rondes = [r for r in met_inbreng[1:] if r["status"] == "open"]
    heet = [met_inbreng[0], *open_rondes[: schaal.drukke_rondes - 1]]
    heet_ids = {r["id"] for r in heet}
    staart = [r for r in met_inbreng if r["id"] not in heet_ids]
    rest = max(0, schaal.inbreng - schaal.per_drukke_ronde * len(heet))
    # The long tail: a few busy rounds, most small (Pareto), none as busy as a hot one.
    aantallen = _verdeel(
        rest, [rng.paretovariate(1.2) for _r in staart], max(1, schaal.per_drukke_ronde // 2)
    )
    for ronde in heet:
        ronde["n"] = schaal.per_drukke_ronde
    for ronde, n in zip(staart, aantallen, strict=True):
        ronde["n"] = n
    steun_per = schaal.steun / max(1, schaal.inbreng)
    reactie_per = schaal.reacties / max(1, schaal.inbreng)
    persona_rondes = {met_inbreng[0]["id"]} | {
        r["id"] for r in [r for r in staart if r["status"] == "teruggekoppeld"][:3]
    }

    for ronde in met_inbreng:
        rng = ctx.rng(f"inbreng:{ronde['id']}")
        n = ronde["n"]
        if n == 0:
            continue
        opgave = ronde["opgave"]
        buurten = ctx.buurten.get(ronde["wijk"], [])
        begin = ctx.moment((ronde["start"] - ctx.peildatum).days)
        einde = min(ctx.nu, ronde["sluit"] or ctx.nu)
        duur = max(3600.0, (einde - begin).total_seconds())
        # Supports per input: heavily skewed (Pareto), about steun_per on average.
        gewichten = [rng.paretovariate(1.16) for _k in range(n)]
        steunen = _verdeel(int(n * steun_per), gewichten, len(inwoners) - 1)
        gemiddeld = (sum(steunen) / n) + 1
        status_ronde = ronde["status"]
        url_basis = reverse("participatie:inbreng", kwargs={"slug": ronde["slug"], "pk": 1})[:-2]
        for k in range(n):
            inbreng_id = t.inbreng.nieuw_id()
            auteur = persona if (ronde["id"] in persona_rondes and k < 3) else rng.choice(inwoners)
            ronde["deelnemers"].add(auteur)
            soort, titel, tekst_ = INBRENG[rng.randrange(len(INBRENG))]
            aangemaakt = begin + timedelta(seconds=int(duur * rng.random()))
            n_steun = steunen[k]
            verwacht = reactie_per * (n_steun + 1) / gemiddeld
            n_reacties = int(verwacht) + (1 if rng.random() < verwacht - int(verwacht) else 0)
            # Feedback: all inputs of a round that was fed back, some of a closed or open one.
            status = "nieuw"
            if status_ronde == "teruggekoppeld":
                status = rng.choices(
                    ["overgenomen", "deels_overgenomen", "niet_overgenomen"], [3, 3, 4]
                )[0]
            elif (status_ronde == "gesloten" and rng.random() < 0.4) or rng.random() < 0.05:
                status = rng.choice(list(TERUGKOPPELINGEN))
            gebied = rng.choice(buurten) if buurten and rng.random() < 0.6 else None
            aangemaakt_s = aangemaakt.isoformat()
            t.inbreng.regel(
                f"{inbreng_id}\t{ronde['id']}\t{auteur}\t{soort}\t{tekst(titel)}\t"
                f"{tekst(tekst_ + rng.choice(INBRENG_AANVULLINGEN))}\t{veld(gebied)}\t{status}\t"
                f"{n_steun}\t{n_reacties}\t{aangemaakt_s}\t{aangemaakt_s}\t"
            )
            ruimte = max(1.0, (einde - aangemaakt).total_seconds())
            if n_steun:
                kandidaten = rng.sample(inwoners, n_steun + 1)
                if auteur in kandidaten:
                    kandidaten.remove(auteur)
                for user in kandidaten[:n_steun]:
                    op = aangemaakt + timedelta(seconds=int(ruimte * rng.random()))
                    t.steun.regel(f"{t.steun.nieuw_id()}\t{inbreng_id}\t{user}\t{op.isoformat()}")
            for _r in range(n_reacties):
                op = aangemaakt + timedelta(seconds=int(rng.random() * min(ruimte, 86400 * 5)))
                t.reactie.regel(
                    f"{t.reactie.nieuw_id()}\t{inbreng_id}\t{rng.choice(inwoners)}\t"
                    f"{tekst(rng.choice(REACTIES))}\t{op.isoformat()}\t"
                )
            if status_ronde == "open" and rng.random() < 0.001:
                t.markering.rij(
                    t.markering.nieuw_id(), inbreng_id, rng.choice(inwoners),
                    "Dit is geen inbreng maar reclame.", ctx.nu, "open",
                )  # fmt: skip
            if status != "nieuw":
                op = (ronde["sluit"] or ctx.moment(-1)) + timedelta(days=rng.randrange(1, 30))
                op = min(op, ctx.nu)
                besluit = rng.choice(opgave["besluiten"]) if rng.random() < 0.3 else None
                actie = (
                    rng.choice(opgave["acties"])[0]
                    if opgave["acties"] and status == "overgenomen" and rng.random() < 0.5
                    else None
                )
                t.terugkoppeling.rij(
                    t.terugkoppeling.nieuw_id(), inbreng_id, status, TERUGKOPPELINGEN[status],
                    besluit, actie, opgave["regisseur"], op,
                )  # fmt: skip
                t.melding.rij(
                    t.melding.nieuw_id(), auteur, "terugkoppeling", ct_inbreng, inbreng_id,
                    f"{op:%Y%m%d%H%M%S%f}",
                    {"titel": titel, "ronde": ronde["titel"], "status": STATUS_TEKST[status]},
                    f"{url_basis}{inbreng_id}/", "direct", op,
                    min(ctx.nu, op + timedelta(days=1)) if rng.random() < 0.7 else None, op,
                )  # fmt: skip


def _sessies(ctx: Context, t: _Tabellen, rondes: list[dict]) -> None:
    persona = ctx.personas[kenmerken.INWONER]
    for ronde in rondes:
        if not ronde["sessies"]:
            continue
        rng = ctx.rng(f"sessies:{ronde['id']}")
        eerste = ronde["slug"] == kenmerken.DRUKKE_RONDE
        for s in range(1 if eerste else 0, rng.randint(1, 3) + (1 if eerste else 0)):
            sessie_id = t.sessie.nieuw_id()
            ctx.sessies.append(sessie_id)
            toekomst = ronde["status"] == "open"
            start = ctx.moment(rng.randrange(3, 40) if toekomst else -rng.randrange(10, 300))
            start = start.replace(hour=17, minute=30)
            capaciteit = 40 if eerste and s == 1 else rng.randrange(15, 80)
            online = rng.random() < 0.3
            if eerste and s == 1:
                n_plaats, n_wacht, n_weg = capaciteit, 15, 3  # full, with a waiting list
            else:
                n_plaats, n_wacht, n_weg = rng.randint(0, capaciteit - 1), 0, rng.randint(0, 3)
            mensen = rng.sample(ctx.inwoners[1:], n_plaats + n_wacht + n_weg)
            if eerste and s == 1:
                mensen[n_plaats] = persona  # the resident persona waits for a place
            for k, user in enumerate(mensen):
                volg = k + 1
                if k < n_plaats:
                    status = "aangemeld" if toekomst or rng.random() < 0.2 else "aanwezig"
                elif k < n_plaats + n_wacht:
                    status = "wachtlijst"
                else:
                    status = "geannuleerd"
                op = min(start - timedelta(days=30), ctx.moment(-2)) + timedelta(minutes=volg)
                t.aanmelding.rij(t.aanmelding.nieuw_id(), sessie_id, user, status, volg, op, op)
            t.sessie.rij(
                sessie_id, ronde["id"], f"{rng.choice(SESSIE_TITELS)} {sessie_id}", start,
                start + timedelta(hours=2), "" if online else "Buurthuis De Molen, Molenstraat 1",
                "https://meet.demodam.nl/sessie" if online else "", capaciteit,
                start - timedelta(days=1), "Welkom, uitleg, in groepen aan de slag, afspraken.",
                n_plaats,
            )  # fmt: skip


def _begrotingen(ctx: Context, t: _Tabellen, rondes: list[dict]) -> None:
    schaal = ctx.schaal
    persona = ctx.personas[kenmerken.INWONER]
    per_wijk: dict[int, list[int]] = defaultdict(list)
    for user in ctx.inwoners[1:]:
        per_wijk[ctx.wijk_van(user)].append(user)
    begrotingen = [r for r in rondes if r["begroting"]]
    verdeel_rng = ctx.rng("begrotingen")
    # The persona's round gets a quarter of all choices; the rest is skewed too.
    gewichten = [verdeel_rng.paretovariate(1.5) for _r in begrotingen[1:]]
    keuzes_per = [
        schaal.stemkeuzes // 4,
        *_verdeel(schaal.stemkeuzes - schaal.stemkeuzes // 4, gewichten, schaal.stemkeuzes),
    ]
    for ronde, doel_keuzes in zip(begrotingen, keuzes_per, strict=True):
        rng = ctx.rng(f"begroting:{ronde['id']}")
        begroting_id = t.begroting.nieuw_id()
        hoofd = ronde["slug"] == kenmerken.BEGROTING
        fase = "stemmen" if ronde["status"] == "open" else "uitslag"
        totaal = Decimal(rng.randrange(5, 26) * 10_000)
        approval = not hoofd and rng.random() < 0.3
        max_keuzes = 3 if approval else None
        beoordelaar = ronde["opgave"]["regisseur"]
        voorstellen = []
        for k in range(rng.randint(10, 18)):
            kosten = Decimal(rng.randrange(20, 400) * 100)
            haalbaar = k >= 2  # two proposals are not feasible (with the reason)
            voorstellen.append(
                {
                    "id": t.voorstel.nieuw_id(), "kosten": kosten, "haalbaar": haalbaar,
                    "titel": rng.choice(VOORSTELLEN), "gewicht": rng.paretovariate(1.2),
                    "indiener": rng.choice(ctx.inwoners), "stemmen": 0, "status": "op_stembiljet",
                }
            )  # fmt: skip
        op_biljet = [v for v in voorstellen if v["haalbaar"]]
        pool = [u for w in ronde["wijken"] for u in per_wijk.get(w, [])]
        kiezers: list[int] = []
        gemaakt = 0
        opkomst = 0
        # Voting: open now (started some days ago), or closed at the end of the round.
        if fase == "stemmen":
            stemmen_van = max(ronde["start"] + timedelta(days=2), ctx.dag(-rng.randrange(3, 15)))
        else:
            stemmen_van = ronde["eind"] - timedelta(days=14)
        stemmen_tot = ronde["eind"]
        indienen_tot = max(ronde["start"] + timedelta(days=1), stemmen_van - timedelta(days=10))
        biljet_moment = ctx.moment((stemmen_van - ctx.peildatum).days)
        stem_duur = (min(ctx.nu, ctx.moment((stemmen_tot - ctx.peildatum).days + 1))
                     - biljet_moment).total_seconds()  # fmt: skip
        kandidaten = rng.sample(pool, min(len(pool), doel_keuzes))
        if hoofd:
            kandidaten = [persona] + [u for u in kandidaten if u != persona]
        for user in kandidaten:
            if gemaakt >= doel_keuzes:
                break
            biljet_id = t.stembiljet.nieuw_id()
            volgorde = sorted(op_biljet, key=lambda v: -v["gewicht"] * rng.random())
            wil = rng.randint(1, 5)
            gekozen, som = [], Decimal(0)
            for v in volgorde:
                if len(gekozen) >= (max_keuzes or wil) or len(gekozen) >= wil:
                    break
                if approval or som + v["kosten"] <= totaal:
                    gekozen.append(v)
                    som += v["kosten"]
            if not approval and som > totaal:  # cannot happen; the rule of the ballot
                raise AssertionError("stembiljet over budget")
            bevestigd = user != persona and rng.random() < 0.8
            limiet = totaal
            if approval:
                som_concept = sum((v["kosten"] for v in gekozen), Decimal(0))
                if som_concept > limiet:  # approval ballots also stay within the budget
                    gekozen = gekozen[:1]
                som = sum((v["kosten"] for v in gekozen), Decimal(0))
            moment = biljet_moment + timedelta(seconds=int(stem_duur * rng.random()))
            t.stembiljet.rij(
                biljet_id, begroting_id, user, limiet, max_keuzes, som, len(gekozen),
                som if bevestigd else Decimal(0), len(gekozen) if bevestigd else 0,
                moment if bevestigd else None, moment,
            )  # fmt: skip
            for v in gekozen:
                t.stemkeuze.rij(t.stemkeuze.nieuw_id(), biljet_id, v["id"], False, v["kosten"])
                gemaakt += 1
                if bevestigd:
                    t.stemkeuze.rij(t.stemkeuze.nieuw_id(), biljet_id, v["id"], True, v["kosten"])
                    gemaakt += 1
                    v["stemmen"] += 1
            opkomst += bevestigd
            kiezers.append(user)
        ronde["kiezers"] = set(kiezers)
        ronde["deelnemers"].update(kiezers)
        uitslag_op = None
        if fase == "uitslag":
            winnaars = uitslag(
                [Kandidaat(v["id"], v["kosten"], v["stemmen"], None) for v in op_biljet],
                {None: totaal},
            )
            for v in op_biljet:
                v["status"] = "gekozen" if v["id"] in winnaars else "niet_gekozen"
            uitslag_op = ronde["sluit"]
        else:
            opkomst = 0
        for v in voorstellen:
            aantal = v["stemmen"] if fase == "uitslag" and v["haalbaar"] else 0
            t.voorstel.rij(
                v["id"], begroting_id, v["indiener"], v["titel"],
                "Een voorstel van bewoners voor hun eigen wijk.", v["kosten"], None,
                v["status"] if v["haalbaar"] else "niet_haalbaar",
                v["kosten"] if v["haalbaar"] else None,
                "Haalbaar binnen de raming." if v["haalbaar"] else "Dit kan niet op deze plek.",
                beoordelaar, ctx.moment((indienen_tot - ctx.peildatum).days + 2), aantal,
                ctx.moment((indienen_tot - ctx.peildatum).days - rng.randrange(2, 30)),
            )  # fmt: skip
        t.begroting.rij(
            begroting_id, ronde["id"], totaal, "approval" if approval else "knapsack", max_keuzes,
            0, fase, indienen_tot, stemmen_van, stemmen_tot, uitslag_op, opkomst,
        )  # fmt: skip
