"""Learning and coaching: 70-20-10 entries with competences, development plans,
progress, and coaching trajectories (the adviser persona coaches the regisseur)."""

from __future__ import annotations

from datetime import timedelta

from config.genereer import kenmerken
from config.genereer.basis import Context
from config.genereer.lader import Lader, tekst, veld
from config.genereer.teksten import (
    ACTIEPUNTEN,
    AFSPRAKEN,
    COACH_DOELEN,
    FEEDBACK,
    GESPREK_NOTITIES,
    LEER_TITELS,
    PRIVE_NOTITIES,
    STARR,
)
from leren.models import (
    Actiepunt,
    Coachgesprek,
    Coachtraject,
    Feedback,
    Leerervaring,
    Ontwikkeldoel,
    Ontwikkelplan,
    Voortgangsmeting,
)

BRONNEN = (["ervaring", "sociaal", "formeel"], [70, 20, 10])
ZICHTBAAR = (["prive", "coach", "team"], [50, 35, 15])


def maak(ctx: Context, lader: Lader) -> None:
    rng = ctx.rng("leren")
    tab = lader.tabel
    traject_t = tab(
        Coachtraject, "id", "titel", "soort", "coach", "opdrachtgever", "opgave", "doelen",
        "afspraken", "deelt_voortgang", "status", "start", "eind", "aangemaakt_op",
    )  # fmt: skip
    coachees_t = tab(Coachtraject.coachees.through, "id", "coachtraject", "user")
    gesprek_t = tab(
        Coachgesprek, "id", "traject", "datum", "gedeelde_notities", "prive_notities",
        "aangemaakt_op",
    )  # fmt: skip
    actiepunt_t = tab(
        Actiepunt, "id", "gesprek", "omschrijving", "eigenaar", "deadline", "afgerond_op"
    )
    leer_t = tab(
        Leerervaring, "id", "auteur", "datum", "bron", "titel", "reflectie", "situatie", "taak",
        "actie", "resultaat", "opgave", "sessie", "duur_minuten", "zichtbaarheid",
        "aangemaakt_op", "gewijzigd_op",
    )  # fmt: skip
    leer_comp_t = tab(Leerervaring.competenties.through, "id", "leerervaring", "competentie")
    feedback_t = tab(Feedback, "id", "leerervaring", "coach", "tekst", "aangemaakt_op")
    plan_t = tab(Ontwikkelplan, "id", "eigenaar", "titel", "van", "tot", "status", "aangemaakt_op")
    plan_comp_t = tab(Ontwikkelplan.competenties.through, "id", "ontwikkelplan", "competentie")
    doel_t = tab(
        Ontwikkeldoel, "id", "plan", "omschrijving", "competentie", "voortgang", "toelichting"
    )
    meting_t = tab(
        Voortgangsmeting, "id", "persoon", "competentie", "niveau", "door", "beoordelaar",
        "datum", "toelichting",
    )  # fmt: skip

    regisseur = ctx.personas[kenmerken.REGISSEUR]
    adviseur = ctx.personas[kenmerken.ADVISEUR]
    opgave_hoofd = ctx.opgaven[0]

    # Trajectories: each adviser coaches a few people and a team; the persona coaches
    # the regisseur (active), commissioned by the regisseur's own sponsor.
    coach_van: dict[int, int] = {}  # coachee -> coach, active trajectories
    per_adviseur = max(2, min(8, len(ctx.ambtenaren) // max(1, len(ctx.adviseurs))))
    for coach in ctx.adviseurs:
        for k in range(per_adviseur):
            traject_id = traject_t.nieuw_id()
            eerste = coach == adviseur and k == 0
            team = not eerste and k == per_adviseur - 1
            status = (
                "actief"
                if eerste
                else rng.choices(
                    ["intake", "actief", "gepauzeerd", "afgerond", "geannuleerd"], [1, 6, 1, 2, 1]
                )[0]
            )
            if eerste:
                coachees = [regisseur]
            else:
                coachees = rng.sample(ctx.ambtenaren[1:], rng.randint(3, 6) if team else 1)
            opgave = opgave_hoofd if eerste else rng.choice(ctx.opgaven)
            start = ctx.dag(-rng.randrange(60, 600))
            eind = (
                start + timedelta(days=rng.randrange(30, 59))
                if status in {"afgerond", "geannuleerd"}
                else None
            )
            traject_t.rij(
                traject_id, f"{'Teamcoaching' if team else 'Coaching'} {traject_id}",
                "team" if team else "individueel", coach, rng.choice(ctx.ambtenaren),
                opgave["id"] if team or eerste else None, COACH_DOELEN, AFSPRAKEN,
                rng.random() < 0.5, status, start, eind, ctx.moment((start - ctx.peildatum).days),
            )  # fmt: skip
            for user in coachees:
                coachees_t.rij(coachees_t.nieuw_id(), traject_id, user)
                if status == "actief":
                    coach_van.setdefault(user, coach)
            for g in range(rng.randint(2, 6)):
                gesprek_id = gesprek_t.nieuw_id()
                datum = start + timedelta(days=21 * g)
                gesprek_t.rij(
                    gesprek_id, traject_id, datum, GESPREK_NOTITIES, PRIVE_NOTITIES,
                    ctx.moment((datum - ctx.peildatum).days),
                )  # fmt: skip
                for _a in range(rng.randint(0, 2)):
                    klaar = rng.random() < 0.5
                    actiepunt_t.rij(
                        actiepunt_t.nieuw_id(), gesprek_id, rng.choice(ACTIEPUNTEN),
                        rng.choice(coachees), datum + timedelta(days=14),
                        ctx.moment((datum - ctx.peildatum).days + 10) if klaar else None,
                    )  # fmt: skip

    # Learning entries: officials write most, the regisseur a long timeline.
    auteurs = ctx.ambtenaren
    starr = {k: tekst(v) for k, v in STARR.items()}
    n = ctx.schaal.leerervaringen
    eigen = max(50, n // 500)
    for k in range(n):
        leer_id = leer_t.nieuw_id()
        auteur = regisseur if k < eigen else rng.choice(auteurs)
        datum = ctx.dag(-rng.randrange(0, 1000))
        bron = rng.choices(*BRONNEN)[0]
        zicht = rng.choices(*ZICHTBAAR)[0]
        opgave = rng.choice(ctx.opgaven)["id"] if rng.random() < 0.5 else None
        sessie = (
            rng.choice(ctx.sessies)
            if ctx.sessies and bron == "sociaal" and rng.random() < 0.2
            else None
        )
        moment = ctx.moment((datum - ctx.peildatum).days).isoformat()
        leer_t.regel(
            f"{leer_id}\t{auteur}\t{datum.isoformat()}\t{bron}\t{tekst(rng.choice(LEER_TITELS))}\t"
            f"{starr['reflectie']}\t{starr['situatie']}\t{starr['taak']}\t{starr['actie']}\t"
            f"{starr['resultaat']}\t{veld(opgave)}\t{veld(sessie)}\t"
            f"{rng.choice([30, 60, 90, 120, 240])}\t"
            f"{zicht}\t{moment}\t{moment}"
        )
        for comp in rng.sample(ctx.competenties, rng.randint(1, 3)):
            leer_comp_t.regel(f"{leer_comp_t.nieuw_id()}\t{leer_id}\t{comp}")
        coach = coach_van.get(auteur)
        if coach and zicht != "prive" and rng.random() < 0.3:
            feedback_t.rij(
                feedback_t.nieuw_id(), leer_id, coach, rng.choice(FEEDBACK),
                ctx.moment((datum - ctx.peildatum).days + 3),
            )  # fmt: skip

    # A development plan and self-assessments for every official.
    for user in ctx.ambtenaren:
        plan_id = plan_t.nieuw_id()
        van = ctx.dag(-rng.randrange(30, 300))
        plan_t.rij(
            plan_id, user, "Mijn ontwikkelplan", van, van + timedelta(days=365),
            rng.choice(["concept", "actief", "actief", "afgerond"]),
            ctx.moment((van - ctx.peildatum).days),
        )  # fmt: skip
        gekozen = rng.sample(ctx.competenties, 2)
        for comp in gekozen:
            plan_comp_t.rij(plan_comp_t.nieuw_id(), plan_id, comp)
            doel_t.rij(
                doel_t.nieuw_id(), plan_id, "Ik wil hier zichtbaar in groeien.", comp,
                rng.randrange(0, 101, 10), "",
            )  # fmt: skip
            for m in range(rng.randint(1, 3)):
                meting_t.rij(
                    meting_t.nieuw_id(), user, comp, min(5, 1 + m + rng.randint(0, 2)), "zelf",
                    user, van + timedelta(days=90 * m), "",
                )  # fmt: skip
    lader.laden(
        traject_t, coachees_t, gesprek_t, actiepunt_t, leer_t, leer_comp_t, feedback_t, plan_t,
        plan_comp_t, doel_t, meting_t,
    )  # fmt: skip
