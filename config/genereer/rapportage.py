"""The regisseur's red/amber/green status per goal, with some history (the portfolio)."""

from __future__ import annotations

from config.genereer.basis import Context
from config.genereer.lader import Lader
from config.genereer.teksten import DOELSTATUS
from rapportage.models import Doelstatus


def maak(ctx: Context, lader: Lader) -> None:
    rng = ctx.rng("rapportage")
    t = lader.tabel(Doelstatus, "id", "doel", "kleur", "toelichting", "gezet_door", "gezet_op")
    for opgave in ctx.opgaven:
        for doel in opgave["doelen"]:
            if rng.random() < 0.3:
                continue
            for k in range(rng.randint(1, 3), 0, -1):
                kleur = rng.choices(list(DOELSTATUS), [5, 3, 2])[0]
                t.rij(
                    t.nieuw_id(), doel, kleur, DOELSTATUS[kleur], opgave["regisseur"],
                    ctx.moment(-30 * k - rng.random()),
                )  # fmt: skip
    lader.laden(t)
