"""Accounts: the five personas, officials, advisers, admins, partner members and residents."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from accounts.models import User
from accounts.roles import Rol
from config.genereer import kenmerken
from config.genereer.basis import Context
from config.genereer.lader import Lader, tekst
from config.genereer.teksten import ACHTERNAMEN, VOORNAMEN

PERSONAS = [
    (kenmerken.BEHEERDER, "Beatrix Beheer", Rol.BEHEERDER),
    (kenmerken.REGISSEUR, "Rutger Regisseur", Rol.AMBTENAAR),
    (kenmerken.INWONER, "Ilse Inwoner", Rol.INWONER),
    (kenmerken.PARTNER, "Pieter Partner", Rol.PARTNER),
    (kenmerken.ADVISEUR, "Ada Adviseur", Rol.ADVISEUR),
]


def maak(ctx: Context, lader: Lader) -> None:
    from allauth.account.models import EmailAddress

    rng = ctx.rng("accounts")
    schaal = ctx.schaal
    # One hash for every account (a fixed salt per seed, so a run repeats exactly).
    wachtwoord = tekst(make_password(kenmerken.WACHTWOORD, salt=f"genereer{ctx.seed}"))
    users = lader.tabel(
        User,
        "id", "password", "last_login", "is_superuser", "is_staff", "is_active",
        "date_joined", "email", "weergavenaam",
    )  # fmt: skip
    groepen = lader.tabel(User.groups.through, "id", "user_id", "group_id")
    adressen = lader.tabel(EmailAddress, "id", "user_id", "email", "verified", "primary")

    def account(email: str, naam: str, rol: Rol) -> int:
        user_id = users.nieuw_id()
        joined = ctx.moment(-rng.uniform(30, 900))
        login = ctx.moment(-rng.uniform(0, 300))
        users.regel(
            f"{user_id}\t{wachtwoord}\t{login.isoformat()}\tf\t"
            f"{'t' if rol == Rol.BEHEERDER else 'f'}\tt\t{joined.isoformat()}\t{email}\t{naam}"
        )
        groepen.regel(f"{groepen.nieuw_id()}\t{user_id}\t{ctx.groepen[rol.value]}")
        adressen.regel(f"{adressen.nieuw_id()}\t{user_id}\t{email}\tt\tt")
        return user_id

    def naam() -> str:
        return f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)}"

    for email, weergavenaam, rol in PERSONAS:
        ctx.personas[email] = account(email, weergavenaam, rol)
    ctx.ambtenaren.append(ctx.personas[kenmerken.REGISSEUR])
    ctx.adviseurs.append(ctx.personas[kenmerken.ADVISEUR])
    ctx.beheerders.append(ctx.personas[kenmerken.BEHEERDER])
    ctx.partners.append(ctx.personas[kenmerken.PARTNER])
    ctx.inwoners.append(ctx.personas[kenmerken.INWONER])

    for n in range(1, schaal.ambtenaren):
        ctx.ambtenaren.append(account(f"ambtenaar{n:05d}@voorbeeld.nl", naam(), Rol.AMBTENAAR))
    for n in range(1, schaal.adviseurs):
        ctx.adviseurs.append(account(f"adviseur{n:04d}@voorbeeld.nl", naam(), Rol.ADVISEUR))
    for n in range(1, 3):
        ctx.beheerders.append(account(f"beheerder{n}@voorbeeld.nl", naam(), Rol.BEHEERDER))
    for n in range(1, schaal.organisaties + schaal.organisaties // 3):
        ctx.partners.append(account(f"partner{n:05d}@voorbeeld.nl", naam(), Rol.PARTNER))
    for n in range(1, schaal.inwoners):
        # Three in ten residents show no name: "Inwoner uit <wijk>" (DESIGN §6.7).
        weergave = naam() if rng.random() < 0.7 else ""
        ctx.inwoners.append(account(f"inwoner{n:06d}@voorbeeld.nl", weergave, Rol.INWONER))
    lader.laden(users, groepen, adressen)
