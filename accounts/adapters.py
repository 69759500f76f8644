from django.conf import settings

from allauth.account.adapter import DefaultAccountAdapter

from accounts.roles import Rol
from accounts.services import user_grant_role


class AccountAdapter(DefaultAccountAdapter):
    """Self-registration is for residents: everyone who signs up becomes an inwoner.

    Officials, partners and advisers get their role from a beheerder (admin).
    """

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_grant_role(user=user, rol=Rol.INWONER)
        return user
