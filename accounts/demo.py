"""Demo accounts of Gemeente Demodam (DESIGN §7). Idempotent."""

from accounts.models import User
from accounts.roles import Rol
from accounts.services import user_create, user_grant_role

DEMO_PASSWORD = "demo-wachtwoord"  # noqa: S105 - the documented demo password

DEMO_ACCOUNTS: list[tuple[str, str, tuple[Rol, ...]]] = [
    ("beheerder@demodam.nl", "Bea Beheer", (Rol.BEHEERDER,)),
    ("regisseur@demodam.nl", "Rutger Regie", (Rol.AMBTENAAR,)),
    ("ambtenaar@demodam.nl", "Anouk Ambtenaar", (Rol.AMBTENAAR,)),
    ("inwoner@demodam.nl", "Ilse Inwoner", (Rol.INWONER,)),
    ("partner@demodam.nl", "Pieter Partner", (Rol.PARTNER,)),
    ("adviseur@demodam.nl", "Ada Adviseur", (Rol.ADVISEUR,)),
]


def seed() -> dict[str, User]:
    """Create the demo accounts (verified e-mail, password ``demo-wachtwoord``)."""
    from allauth.account.models import EmailAddress

    users: dict[str, User] = {}
    for email, naam, rollen in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = user_create(email=email, password=DEMO_PASSWORD, weergavenaam=naam)
        for rol in rollen:
            user_grant_role(user=user, rol=rol)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        users[email] = user
    return users
