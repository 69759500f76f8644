"""What every request of a logged-in person asks first, kept in the cache.

Roles (Groups), model permissions and "has an authenticator app" cost four
queries per request (groups, user permissions, group permissions, TOTP). They
change rarely, so a ``Rechtenprofiel`` per user lives in the cache (Redis) and
is read with ONE cache round-trip (issue 12: queries per page).

Correctness:
- a per-user generation (``rechten:gen:<pk>``) is raised whenever a role, a
  permission, the user row or an authenticator changes, at once and again after
  the commit. A profile is used only when it carries the current generation, and
  a profile is written with the generation read BEFORE the database was, so a
  request that loaded old data during a change never passes it off as new;
- a change to a Group's permissions raises one global version for everybody;
- the profile also records ``is_superuser``/``is_active``/``date_joined`` of the
  row it was made for; the user row itself is read fresh on every request;
- it expires after ``LEVENSDUUR`` seconds whatever happens.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction

LEVENSDUUR = 300
VERSIE = "rechten:versie"


@dataclass(frozen=True)
class Rechtenprofiel:
    rollen: frozenset[str]  # Group names
    rechten: frozenset[str]  # "app_label.codename", as ModelBackend gives them
    totp: bool  # an authenticator app (TOTP) is set up


def _profielsleutel(pk: int) -> str:
    return f"rechten:profiel:{pk}"


def _generatiesleutel(pk: int) -> str:
    return f"rechten:gen:{pk}"


def _vingerafdruk(user) -> tuple:
    return (user.is_superuser, user.is_active, user.date_joined.isoformat())


def _laden(user) -> Rechtenprofiel:
    from allauth.mfa.models import Authenticator

    rollen = frozenset(user.groups.values_list("name", flat=True))
    rechten = frozenset(ModelBackend().get_all_permissions(user)) if user.is_active else frozenset()
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    return Rechtenprofiel(rollen=rollen, rechten=rechten, totp=totp)


def profiel(user) -> Rechtenprofiel:
    """The profile of ``user`` (logged in): from the instance, the cache, or the database."""
    gevonden = getattr(user, "_rechtenprofiel", None)
    if gevonden is not None:
        return gevonden
    sleutel, gen_sleutel = _profielsleutel(user.pk), _generatiesleutel(user.pk)
    uit_cache = cache.get_many([sleutel, gen_sleutel, VERSIE])
    stempel = (uit_cache.get(gen_sleutel, 0), uit_cache.get(VERSIE, 0), _vingerafdruk(user))
    opgeslagen = uit_cache.get(sleutel)
    if opgeslagen is not None and opgeslagen[0] == stempel:
        gevonden = opgeslagen[1]
    else:
        gevonden = _laden(user)
        cache.set(sleutel, (stempel, gevonden), LEVENSDUUR)
    user._rechtenprofiel = gevonden
    return gevonden


def _ophogen(sleutel: str) -> None:
    cache.add(sleutel, 0, None)
    try:
        cache.incr(sleutel)
    except ValueError:  # expired between add and incr
        cache.set(sleutel, 1, None)


def vergeten(*pks: int) -> None:
    """The profiles of these users are out of date: now, and again after the commit
    (a request that read the database before the commit must not keep its result)."""

    def ophogen() -> None:
        for pk in pks:
            _ophogen(_generatiesleutel(pk))

    ophogen()
    transaction.on_commit(ophogen)


def allen_vergeten() -> None:
    """A group's permissions changed: every profile is out of date."""
    _ophogen(VERSIE)
    transaction.on_commit(lambda: _ophogen(VERSIE))


class GecachteModelBackend(ModelBackend):
    """Django's ModelBackend, with the permission set from the cached profile.

    Setting ``_perm_cache`` also serves the other ModelBackend subclasses
    (allauth's), which read the same attribute."""

    def get_all_permissions(self, user_obj, obj=None):
        if (
            obj is None
            and user_obj.is_active
            and not user_obj.is_anonymous
            and not hasattr(user_obj, "_perm_cache")
        ):
            user_obj._perm_cache = set(profiel(user_obj).rechten)
        return super().get_all_permissions(user_obj, obj)


# --- Signals (connected in accounts.apps) --------------------------------------------------


def bij_groepen_van_user(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """``user.groups`` / ``user.user_permissions`` changed (from either side)."""
    if not action.startswith("post_"):
        return
    if not reverse:
        vergeten(instance.pk)
    elif pk_set:  # group.user_set.add(...): the users are in pk_set
        vergeten(*pk_set)
    else:  # group.user_set.clear(): everybody, to be safe
        allen_vergeten()


def bij_rechten_van_groep(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        allen_vergeten()


def bij_user(sender, instance, **kwargs) -> None:
    vergeten(instance.pk)


def bij_authenticator(sender, instance, **kwargs) -> None:
    vergeten(instance.user_id)


def bij_groep(sender, **kwargs) -> None:
    allen_vergeten()
