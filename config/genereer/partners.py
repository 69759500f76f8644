"""Partner organisations and their members (the partner persona leads the first one)."""

from __future__ import annotations

from config.genereer.basis import Context
from config.genereer.lader import Lader
from config.genereer.teksten import ORGANISATIE_NAMEN, ORGANISATIE_SOORTEN
from partners.models import Lidmaatschap, Organisatie


def maak(ctx: Context, lader: Lader) -> None:
    rng = ctx.rng("partners")
    organisaties = lader.tabel(
        Organisatie, "id", "naam", "slug", "soort", "kvk_nummer", "website", "beschrijving"
    )
    leden = lader.tabel(Lidmaatschap, "id", "organisatie_id", "user_id", "rol", "soort", "van")
    n = ctx.schaal.organisaties
    for i in range(n):
        org_id = organisaties.nieuw_id()
        if i == 0:
            soort, woorden = ORGANISATIE_SOORTEN[0]  # the partner persona's: a housing association
        elif i == 1:
            soort, woorden = "gemeente", ["Gemeente"]
        else:
            soort, woorden = rng.choice(ORGANISATIE_SOORTEN)
        naam = f"{rng.choice(woorden)} {rng.choice(ORGANISATIE_NAMEN)} {org_id}"
        if i == 1:
            naam = "Gemeente Demodam"
        kvk = f"{rng.randrange(10**7, 10**8)}" if soort not in {"gemeente", "overheid"} else ""
        organisaties.rij(
            org_id,
            naam,
            f"organisatie-{org_id}",
            soort,
            kvk,
            "",
            f"{naam} werkt mee aan opgaven in Demodam.",
        )
        ctx.organisaties.append(org_id)
    # Every organisation has a contact person; the rest of the partner accounts are members.
    for i, user_id in enumerate(ctx.partners):
        org_id = ctx.organisaties[i] if i < n else rng.choice(ctx.organisaties)
        rol = Lidmaatschap.Rol.CONTACTPERSOON if i < n else Lidmaatschap.Rol.LID
        if i < n:
            ctx.contactpersoon[org_id] = user_id
        soort = rng.choices(["betaald", "onbetaald", "vrijwilliger"], [6, 2, 2])[0]
        leden.rij(leden.nieuw_id(), org_id, user_id, rol, soort, ctx.dag(-rng.randrange(30, 900)))
    lader.laden(organisaties, leden)
