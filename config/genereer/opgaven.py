"""Opgaven with everything the workspace shows: roles (and the guardian permissions
derived from them), phase history, goals, indicators and measurements, the
krachtenveld, the plan van aanpak with actions, and decisions."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from config.genereer import kenmerken
from config.genereer.basis import Context
from config.genereer.lader import Lader
from config.genereer.teksten import (
    ACTIE_TITELS,
    BESLUIT_TITELS,
    CONTACT_ONDERWERPEN,
    DOEL_TITELS,
    INDICATOREN,
    OPGAVE_ONDERWERPEN,
    TOEZEGGINGEN,
)
from opgaven.models import (
    Actie,
    Besluit,
    Betrokkenheid,
    Contactmoment,
    Doel,
    FaseOvergang,
    Indicator,
    Instemming,
    Meting,
    Opgave,
    Opgaverol,
    OpgaveUserObjectPermission,
    PlanVanAanpak,
    Positie,
    Toezegging,
)

HOOFDLIJN = ["verkennen", "delen", "overeenkomen", "vormgeven", "uitvoeren", "evalueren"]
FASE_GEWICHTEN = {
    "verkennen": 10,
    "delen": 15,
    "overeenkomen": 15,
    "vormgeven": 15,
    "uitvoeren": 25,
    "evalueren": 10,
    "afgerond": 5,
    "gestopt": 5,
}
MET_PLAN = {"overeenkomen", "vormgeven", "uitvoeren", "evalueren", "afgerond"}
PLAN_STATUS = {"overeenkomen": "ter_instemming"}


def _fasepad(fase: str, rng) -> list[str]:
    if fase in HOOFDLIJN:
        return HOOFDLIJN[: HOOFDLIJN.index(fase) + 1]
    if fase == "afgerond":
        return [*HOOFDLIJN, "afgerond"]
    return [*HOOFDLIJN[: rng.randrange(1, 6)], "gestopt"]


def maak(ctx: Context, lader: Lader) -> None:
    rng = ctx.rng("opgaven")
    t = {
        "opgave": lader.tabel(
            Opgave,
            "id", "titel", "slug", "vraagstuk", "huidige_situatie", "gewenste_situatie",
            "maatschappelijk_effect", "afbakening", "startdatum", "horizon", "score_impact",
            "score_krachtenveld", "score_verhoudingen", "score_tijdshorizon", "fase",
            "zichtbaarheid", "gearchiveerd", "aangemaakt_op", "aangemaakt_door", "gewijzigd_op",
            "gewijzigd_door",
        ),
        "themas": lader.tabel(Opgave.themas.through, "id", "opgave", "thema"),
        "gebieden": lader.tabel(Opgave.gebieden.through, "id", "opgave", "gebied"),
        "rol": lader.tabel(Opgaverol, "id", "opgave", "user", "rol", "organisatie", "van"),
        "perm": lader.tabel(
            OpgaveUserObjectPermission, "id", "permission", "user", "content_object"
        ),
        "overgang": lader.tabel(FaseOvergang, "id", "opgave", "van", "naar", "door", "op", "reden"),
        "doel": lader.tabel(
            Doel, "id", "opgave", "bovenliggend", "soort", "titel", "omschrijving", "volgorde"
        ),
        "indicator": lader.tabel(
            Indicator,
            "id", "opgave", "doel", "naam", "eenheid", "bron", "nulmeting", "streefwaarde",
            "streefdatum",
        ),
        "meting": lader.tabel(
            Meting, "id", "opgave", "indicator", "datum", "waarde", "toelichting",
            "vastgelegd_door",
        ),
        "betrokkenheid": lader.tabel(
            Betrokkenheid, "id", "opgave", "organisatie", "aard", "toelichting", "sinds"
        ),
        "positie": lader.tabel(
            Positie, "id", "opgave", "betrokkenheid", "datum", "invloed", "belang", "houding",
            "toelichting", "vastgelegd_door",
        ),
        "contact": lader.tabel(
            Contactmoment, "id", "opgave", "betrokkenheid", "datum", "kanaal", "hoedanigheid",
            "onderwerp", "notitie", "vastgelegd_door",
        ),
        "toezegging": lader.tabel(
            Toezegging, "id", "opgave", "betrokkenheid", "omschrijving", "eigenaar", "deadline",
            "status",
        ),
        "plan": lader.tabel(
            PlanVanAanpak, "id", "opgave", "versie", "status", "samenvatting", "aangemaakt_op",
            "ingediend_op", "vastgesteld_op",
        ),
        "instemming": lader.tabel(
            Instemming, "id", "opgave", "plan", "organisatie", "besluit", "reden", "door", "op"
        ),
        "actie": lader.tabel(
            Actie, "id", "opgave", "plan", "titel", "omschrijving", "trekker", "doel", "start",
            "eind", "status",
        ),
        "uitvoerders": lader.tabel(Actie.uitvoerders.through, "id", "actie", "organisatie"),
        "besluit": lader.tabel(
            Besluit, "id", "opgave", "datum", "orgaan", "titel", "motivering", "vastgelegd_door"
        ),
    }  # fmt: skip
    regisseur = ctx.personas[kenmerken.REGISSEUR]
    partner_org = ctx.organisaties[0]
    gemeente_org = ctx.organisaties[1]
    overige_orgs = ctx.organisaties[2:] or ctx.organisaties
    view, change = ctx.permissies["view_opgave"], ctx.permissies["change_opgave"]

    for i in range(ctx.schaal.opgaven):
        eerste = i == 0
        opgave_id = t["opgave"].nieuw_id()
        onderwerp, vraagstuk, effect = OPGAVE_ONDERWERPEN[i % len(OPGAVE_ONDERWERPEN)]
        wijk = rng.choice(ctx.wijken)
        fase = "uitvoeren" if eerste else rng.choices(*zip(*FASE_GEWICHTEN.items(), strict=True))[0]
        titel = f"{onderwerp} {opgave_id}" if not eerste else f"{onderwerp} Demodam"
        slug = kenmerken.OPGAVE if eerste else f"opgave-{opgave_id}"
        start = ctx.dag(-rng.randrange(200, 1500))
        aangemaakt = ctx.moment((start - ctx.peildatum).days)
        maker = regisseur if eerste else rng.choice(ctx.ambtenaren)
        t["opgave"].rij(
            opgave_id, titel, slug, vraagstuk,
            "Partners werken nu nog langs elkaar heen.",
            "Partners en bewoners werken samen aan één plan.",
            effect,
            "Het gaat om de hele gemeente; zorg in de thuissituatie valt erbuiten.",
            start, ctx.dag(rng.randrange(365, 3000)),
            rng.randint(1, 5), rng.randint(1, 5), rng.randint(1, 5), rng.randint(1, 5),
            fase, "openbaar" if eerste or rng.random() < 0.7 else "intern",
            fase == "afgerond" and rng.random() < 0.5, aangemaakt, maker, aangemaakt, maker,
        )  # fmt: skip
        for thema in rng.sample(ctx.themas, rng.randint(1, 3)):
            t["themas"].rij(t["themas"].nieuw_id(), opgave_id, thema)
        gebieden = [ctx.gemeente] if rng.random() < 0.3 else [wijk]
        for gebied in gebieden:
            t["gebieden"].rij(t["gebieden"].nieuw_id(), opgave_id, gebied)

        # Roles, and the guardian permissions opgave_permissions_sync would derive.
        rollen = [
            ("bestuurlijk_opdrachtgever", rng.choice(ctx.ambtenaren)),
            ("ambtelijk_opdrachtgever", rng.choice(ctx.ambtenaren)),
            ("opgaveregisseur", regisseur if eerste else rng.choice(ctx.ambtenaren)),
        ]
        rollen += [("kernteamlid", u) for u in rng.sample(ctx.ambtenaren, rng.randint(2, 5))]
        gezien: set[tuple[str, int]] = set()
        for rol, user in rollen:
            if (rol, user) in gezien:
                continue
            gezien.add((rol, user))
            t["rol"].rij(t["rol"].nieuw_id(), opgave_id, user, rol, None, start)
        for user in sorted({u for _r, u in gezien}):
            t["perm"].rij(t["perm"].nieuw_id(), view, user, opgave_id)
            t["perm"].rij(t["perm"].nieuw_id(), change, user, opgave_id)
        leden = sorted({u for _r, u in gezien})

        # Phase history: every step from verkennen to the phase it is in now.
        pad = _fasepad(fase, rng)
        dagen = (ctx.peildatum - start).days
        for stap, (van, naar) in enumerate(pairwise(pad), start=1):
            op = ctx.moment(-dagen + dagen * stap / len(pad))
            t["overgang"].rij(
                t["overgang"].nieuw_id(), opgave_id, van, naar, rng.choice(leden), op,
                f"Het kernteam is klaar met de fase {van} en gaat door naar {naar}.",
            )  # fmt: skip

        # Goals: one effect with two or three goals, each with an indicator and measurements.
        effect_id = t["doel"].nieuw_id()
        t["doel"].rij(effect_id, opgave_id, None, "effect", effect[:200], "", 0)
        doelen = []
        for volgorde in range(1, rng.randint(2, 3) + 1):
            doel_id = t["doel"].nieuw_id()
            doelen.append(doel_id)
            t["doel"].rij(
                doel_id, opgave_id, effect_id, "doel", rng.choice(DOEL_TITELS),
                "Een tussendoel op weg naar het effect.", volgorde,
            )  # fmt: skip
            naam, eenheid, bron = rng.choice(INDICATOREN)
            nul = Decimal(rng.randrange(100, 10000)) / 100
            streef = nul * Decimal("1.3")
            ind_id = t["indicator"].nieuw_id()
            t["indicator"].rij(
                ind_id, opgave_id, doel_id, naam, eenheid, bron, nul,
                streef.quantize(Decimal("0.01")),
                ctx.dag(rng.randrange(200, 1500)),
            )  # fmt: skip
            for kwartaal in range(rng.randint(4, 8)):
                waarde = nul + (streef - nul) * Decimal(kwartaal) / 10
                t["meting"].rij(
                    t["meting"].nieuw_id(), opgave_id, ind_id, ctx.dag(-91 * kwartaal),
                    waarde.quantize(Decimal("0.01")), "", rng.choice(leden),
                )  # fmt: skip

        # Krachtenveld: involved organisations, their positions over time, contacts, promises.
        aantal = rng.randint(4, 8)
        betrokken = [partner_org, gemeente_org] if eerste else [gemeente_org]
        for org in rng.sample(overige_orgs, min(aantal, len(overige_orgs))):
            if org not in betrokken:
                betrokken.append(org)
        betrokkenheden = []
        for org in betrokken:
            b_id = t["betrokkenheid"].nieuw_id()
            betrokkenheden.append(b_id)
            aard = (
                "levert_middelen"
                if org == partner_org
                else rng.choice(["beslist", "levert_middelen", "ondervindt_gevolgen", "voert_uit"])
            )
            t["betrokkenheid"].rij(b_id, opgave_id, org, aard, "", start)
            for k in range(rng.randint(1, 3)):
                t["positie"].rij(
                    t["positie"].nieuw_id(), opgave_id, b_id, ctx.dag(-120 * k),
                    rng.randint(1, 5), rng.randint(1, 5), rng.randint(-2, 2), "",
                    rng.choice(leden),
                )  # fmt: skip
            for _k in range(rng.randint(0, 2)):
                t["contact"].rij(
                    t["contact"].nieuw_id(), opgave_id, b_id, ctx.dag(-rng.randrange(1, 400)),
                    rng.choice(["gesprek", "telefoon", "email", "bijeenkomst", "werkbezoek"]),
                    rng.choice(["namens_organisatie", "als_professional", "als_bestuurder"]),
                    rng.choice(CONTACT_ONDERWERPEN), "", rng.choice(leden),
                )  # fmt: skip
        for _k in range(rng.randint(2, 4)):
            t["toezegging"].rij(
                t["toezegging"].nieuw_id(), opgave_id, rng.choice(betrokkenheden),
                rng.choice(TOEZEGGINGEN), rng.choice(leden), ctx.dag(rng.randrange(-60, 120)),
                rng.choices(["open", "nagekomen", "vervallen"], [6, 3, 1])[0],
            )  # fmt: skip

        # Plan van aanpak with consents and actions, from the phase overeenkomen on.
        acties: list[tuple[int, str, int]] = []
        plan_id = None
        if fase in MET_PLAN:
            plan_id = t["plan"].nieuw_id()
            status = PLAN_STATUS.get(fase, "vastgesteld")
            ingediend = ctx.moment(-rng.randrange(100, 200))
            vastgesteld = ctx.moment(-rng.randrange(10, 99)) if status == "vastgesteld" else None
            t["plan"].rij(
                plan_id, opgave_id, 1, status,
                "Samen met de partners pakken we de opgave in drie sporen aan.",
                ingediend, ingediend, vastgesteld,
            )  # fmt: skip
            for org in betrokken:
                ja = status == "vastgesteld" or rng.random() < 0.5
                t["instemming"].rij(
                    t["instemming"].nieuw_id(), opgave_id, plan_id, org,
                    "ingestemd" if ja else "open", "", ctx.contactpersoon.get(org) if ja else None,
                    vastgesteld or ingediend if ja else None,
                )  # fmt: skip
            for k in range(rng.randint(3, 8)):
                actie_id = t["actie"].nieuw_id()
                trekker = partner_org if eerste and k < 2 else rng.choice(betrokken)
                a_start = ctx.dag(-rng.randrange(0, 300))
                status_actie = rng.choices(
                    ["gepland", "bezig", "gereed", "geblokkeerd", "vervallen"], [3, 4, 2, 1, 1]
                )[0]
                t["actie"].rij(
                    actie_id, opgave_id, plan_id, rng.choice(ACTIE_TITELS),
                    "Wat we doen, met wie, en wanneer het klaar is.", trekker,
                    rng.choice(doelen), a_start, ctx.dag(rng.randrange(1, 400)), status_actie,
                )  # fmt: skip
                for org in rng.sample(betrokken, min(len(betrokken), rng.randint(0, 2))):
                    t["uitvoerders"].rij(t["uitvoerders"].nieuw_id(), actie_id, org)
                acties.append((actie_id, status_actie, trekker))
        besluiten = []
        for _k in range(rng.randint(1, 4)):
            b_id = t["besluit"].nieuw_id()
            besluiten.append(b_id)
            t["besluit"].rij(
                b_id, opgave_id, ctx.dag(-rng.randrange(1, 600)),
                rng.choice(["gemeenteraad", "college", "stuurgroep", "kernteam", "partners"]),
                rng.choice(BESLUIT_TITELS), "Het besluit volgt uit de gesprekken met de partners.",
                rng.choice(leden),
            )  # fmt: skip
        ctx.opgaven.append(
            {
                "id": opgave_id,
                "slug": slug,
                "titel": titel,
                "fase": fase,
                "start": start,
                "leden": leden,
                "regisseur": next(u for r, u in gezien if r == "opgaveregisseur"),
                "betrokken": betrokken,
                "plan": plan_id,
                "acties": acties,
                "besluiten": besluiten,
                "doelen": doelen,
                "wijk": wijk,
            }
        )
    lader.laden(*t.values())
