"""Reads about users and their roles."""

from accounts.models import User
from accounts.rechten import profiel
from accounts.roles import STAFF_ROLES, Rol


def user_roles(user: User) -> frozenset[Rol]:
    """The platform roles of ``user``: from the cached profile (accounts.rechten), and on
    the instance for the rest of the request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_rollen_cache", None)
    if cached is None:
        names = profiel(user).rollen
        cached = frozenset(rol for rol in Rol if rol.value in names)
        user._rollen_cache = cached
    return cached


def user_has_staff_role(user: User) -> bool:
    return bool(user_roles(user) & STAFF_ROLES) or user.is_staff
