"""Notifications for the personas' inboxes (feedback on inputs is made with the feedback)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from config.genereer import kenmerken
from config.genereer.basis import Context
from config.genereer.lader import Lader
from meldingen.models import Melding


def maak(ctx: Context, lader: Lader, volgend_id: int) -> None:
    """``volgend_id``: the first free id (participatie already made notifications)."""
    rng = ctx.rng("meldingen")
    t = lader.tabel(
        Melding, "id", "ontvanger", "soort", "object_type", "object_id", "dedupe", "context",
        "url", "bezorging", "aangemaakt_op", "gelezen_op", "gemaild_op",
    )  # fmt: skip
    t.volgend_id = volgend_id
    opgave_ct = ctx.content_types["opgaven.opgave"]
    hoofd = ctx.opgaven[0]
    regisseur = ctx.personas[kenmerken.REGISSEUR]
    partner = ctx.personas[kenmerken.PARTNER]
    adviseur = ctx.personas[kenmerken.ADVISEUR]
    inwoner = ctx.personas[kenmerken.INWONER]
    # Enough per persona to fill a few pages of the inbox, at every scale.
    aantal = max(30, ctx.schaal.opgaven // 4)

    def melding(ontvanger, soort, object_id, context, k, ct=opgave_ct, slug=hoofd["slug"]):
        op = ctx.moment(-k * 0.7 - 0.1)
        gelezen = op + timedelta(hours=2) if rng.random() < 0.6 else None
        t.rij(
            t.nieuw_id(), ontvanger, soort, ct, object_id, f"genereer-{k}", context,
            reverse("opgaven:detail", kwargs={"slug": slug}), "direct", op, gelezen, op,
        )  # fmt: skip

    for k in range(aantal):
        opgave = ctx.opgaven[k % len(ctx.opgaven)]
        melding(
            regisseur, "fase_gewijzigd", opgave["id"],
            {"opgave": opgave["titel"], "van": "vormgeven", "naar": "uitvoeren",
             "door": "Gemeente Demodam", "reden": "Het plan is vastgesteld."},
            k, slug=opgave["slug"],
        )  # fmt: skip
        melding(
            partner, "instemming_gevraagd", opgave["id"],
            {"opgave": opgave["titel"], "door": "Rutger Regisseur", "versie": 1}, k,
            slug=opgave["slug"],
        )  # fmt: skip
        melding(
            adviseur, "rol_toegekend", opgave["id"],
            {"rol": "kernteamlid", "opgave": opgave["titel"], "door": "Rutger Regisseur"}, k,
            slug=opgave["slug"],
        )  # fmt: skip
        melding(
            inwoner, "fase_gewijzigd", opgave["id"],
            {"opgave": opgave["titel"], "van": "delen", "naar": "overeenkomen",
             "door": "Gemeente Demodam", "reden": "De inbreng is verwerkt."},
            k, slug=opgave["slug"],
        )  # fmt: skip
    lader.laden(t)
