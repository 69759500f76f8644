"""Budget pots of opgaven with a plan: contributions, allocations with approvals,
expenses, and the ledger, replayed event by event so every total is true."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from budget.models import Bijdrage, Boeking, Budgetpot, Goedkeuring, Toewijzing, Uitgave
from config.genereer.basis import Context
from config.genereer.lader import Lader

CENT = Decimal("0.01")


class _Grootboek:
    """The ledger of one pot: numbered rows with the pot's totals after each event."""

    def __init__(self, ctx: Context, rng, tabel, pot_id: int, leden: list[int]):
        self.ctx, self.rng, self.tabel, self.pot_id, self.leden = ctx, rng, tabel, pot_id, leden
        self.totalen = {"bij": Decimal(0), "toe": Decimal(0), "best": Decimal(0)}
        self.volgnummer = 0
        self.moment = ctx.moment(-rng.randrange(200, 400))

    def __call__(self, soort, bedrag, tekst, *, org=None, bijdrage=None, toewijzing=None,
                 uitgave=None):  # fmt: skip
        self.volgnummer += 1
        self.moment += timedelta(days=self.rng.uniform(0.1, 1.5))
        t = self.totalen
        self.tabel.rij(
            self.tabel.nieuw_id(), self.pot_id, self.volgnummer, self.moment,
            self.rng.choice(self.leden), soort, tekst[:500], bedrag, org, bijdrage, toewijzing,
            uitgave, t["bij"], t["toe"], t["best"],
        )  # fmt: skip


def maak(ctx: Context, lader: Lader) -> None:
    rng = ctx.rng("budget")
    pot_t = lader.tabel(
        Budgetpot, "id", "opgave", "naam", "kassier", "begin", "eind", "regel", "bijgedragen",
        "toegewezen", "besteed",
    )  # fmt: skip
    bijdrage_t = lader.tabel(
        Bijdrage, "id", "pot", "organisatie", "soort", "omschrijving", "uren", "uurtarief",
        "waarde", "status", "vastgelegd_door", "vastgelegd_op",
    )  # fmt: skip
    toewijzing_t = lader.tabel(
        Toewijzing, "id", "pot", "actie", "bedrag", "toelichting", "status", "besteed",
        "voorgesteld_door", "voorgesteld_op", "besloten_op",
    )  # fmt: skip
    goedkeuring_t = lader.tabel(
        Goedkeuring, "id", "toewijzing", "organisatie", "gewicht", "besluit", "reden", "door", "op"
    )
    uitgave_t = lader.tabel(
        Uitgave, "id", "toewijzing", "bedrag", "datum", "omschrijving", "vastgelegd_door",
        "vastgelegd_op",
    )  # fmt: skip
    boeking_t = lader.tabel(
        Boeking, "id", "pot", "volgnummer", "op", "door", "soort", "omschrijving", "bedrag",
        "organisatie", "bijdrage", "toewijzing", "uitgave", "bijgedragen_na", "toegewezen_na",
        "besteed_na",
    )  # fmt: skip

    for nummer, opgave in enumerate(ctx.opgaven):
        acties = [a for a in opgave["acties"] if a[1] != "vervallen"]
        if not acties or (nummer > 0 and rng.random() < 0.5):
            continue
        pot_id = pot_t.nieuw_id()
        leden = opgave["leden"]
        betrokken = opgave["betrokken"]
        kassier = betrokken[1] if len(betrokken) > 1 else betrokken[0]
        boek = _Grootboek(ctx, rng, boeking_t, pot_id, leden)
        totalen = boek.totalen

        # Contributions: the first funders are the persona's organisation and the municipality.
        financiers: dict[int, Decimal] = {}
        funders = (
            betrokken[: rng.randint(2, min(5, len(betrokken)))] if len(betrokken) > 1 else betrokken
        )
        for org in funders:
            soort = rng.choices(["geld", "uren", "natura"], [6, 3, 1])[0]
            uren = tarief = None
            if soort == "uren":
                uren, tarief = Decimal(rng.randrange(20, 400)), Decimal(rng.randrange(50, 120))
                waarde = uren * tarief
            else:
                waarde = Decimal(rng.randrange(5_000, 200_000))
            status = "ontvangen" if rng.random() < 0.6 else "toegezegd"
            b_id = bijdrage_t.nieuw_id()
            bijdrage_t.rij(
                b_id, pot_id, org, soort, "", uren, tarief, waarde, status, rng.choice(leden),
                boek.moment,
            )  # fmt: skip
            totalen["bij"] += waarde
            financiers[org] = financiers.get(org, Decimal(0)) + waarde
            boek("bijdrage_toegezegd", waarde, "Bijdrage toegezegd", org=org, bijdrage=b_id)
            if status == "ontvangen":
                boek("bijdrage_ontvangen", waarde, "Bijdrage ontvangen door de kassier", org=org,
                     bijdrage=b_id)  # fmt: skip

        # Allocations to actions: approved ones (some partly spent) and open proposals.
        for k, (actie_id, _status, _trekker) in enumerate(acties):
            vrij = totalen["bij"] - totalen["toe"]
            bedrag = (vrij * Decimal(rng.uniform(0.05, 0.3))).quantize(CENT)
            if bedrag <= 0:
                break
            open_voorstel = k == len(acties) - 1 or rng.random() < 0.2
            t_id = toewijzing_t.nieuw_id()
            totalen["toe"] += bedrag
            voorgesteld_op = boek.moment
            boek("toewijzing_voorgesteld", bedrag, "Voorgesteld voor een actie", toewijzing=t_id)
            besteed = Decimal(0)
            uitgaven = []
            if not open_voorstel:
                boek("toewijzing_goedgekeurd", bedrag, "De financiers keurden de toewijzing goed",
                     toewijzing=t_id)  # fmt: skip
                for _u in range(rng.randint(0, 2)):
                    deel = (bedrag * Decimal(rng.uniform(0.1, 0.45))).quantize(CENT)
                    if deel <= 0:
                        continue
                    u_id = uitgave_t.nieuw_id()
                    besteed += deel
                    totalen["best"] += deel
                    uitgaven.append(u_id)
                    uitgave_t.rij(
                        u_id, t_id, deel, min(boek.moment.date(), ctx.peildatum),
                        "Factuur uitvoering",
                        rng.choice(leden), boek.moment,
                    )  # fmt: skip
                    boek("uitgave", deel, "Besteed aan de actie", toewijzing=t_id, uitgave=u_id)
            toewijzing_t.rij(
                t_id, pot_id, actie_id, bedrag, "Voor de uitvoering van de actie.",
                "voorgesteld" if open_voorstel else "goedgekeurd", besteed, rng.choice(leden),
                voorgesteld_op, None if open_voorstel else boek.moment,
            )  # fmt: skip
            for org, gewicht in sorted(financiers.items()):
                contact = ctx.contactpersoon.get(org)
                ja = not open_voorstel and contact is not None
                if not open_voorstel and contact is None:
                    contact, ja = rng.choice(leden), True
                goedkeuring_t.rij(
                    goedkeuring_t.nieuw_id(), t_id, org, gewicht, "akkoord" if ja else "open", "",
                    contact if ja else None, boek.moment if ja else None,
                )  # fmt: skip
        pot_t.rij(
            pot_id, opgave["id"], f"Gezamenlijk budget {opgave['titel']}"[:200], kassier,
            opgave["start"], ctx.dag(rng.randrange(300, 1500)),
            rng.choice(["unaniem", "meerderheid"]), totalen["bij"], totalen["toe"],
            totalen["best"],
        )  # fmt: skip
        opgave["pot"] = pot_id
    lader.laden(pot_t, bijdrage_t, toewijzing_t, goedkeuring_t, uitgave_t, boeking_t)
