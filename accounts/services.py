"""State changes for users and roles. Callers check permissions; services do not."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts.models import User
from accounts.roles import ROLE_PERMISSIONS, Rol


def role_groups_ensure() -> dict[Rol, Group]:
    """Return the role groups, creating any that a data migration has not made yet."""
    return {rol: Group.objects.get_or_create(name=rol.value)[0] for rol in Rol}


def role_permissions_sync() -> None:
    """Give each role group exactly the permissions of ``ROLE_PERMISSIONS``.

    Runs after every ``migrate`` (post_migrate), so new verbs reach the roles
    without hand work, and a verb removed from the mapping is taken away.
    """
    groups = role_groups_ensure()
    for rol, names in ROLE_PERMISSIONS.items():
        permissions = []
        for name in names:
            app_label, codename = name.split(".", 1)
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None:
                raise LookupError(f"Role {rol} names unknown permission {name}")
            permissions.append(permission)
        groups[rol].permissions.set(permissions)


@transaction.atomic
def user_create(
    *, email: str, password: str | None, rollen: tuple[Rol, ...] = (), **fields
) -> User:
    user = User.objects.create_user(email=email, password=password, **fields)
    for rol in rollen:
        user_grant_role(user=user, rol=rol)
    return user


@transaction.atomic
def user_grant_role(*, user: User, rol: Rol) -> None:
    user.groups.add(Group.objects.get(name=rol.value))
    if rol == Rol.BEHEERDER and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


@transaction.atomic
def user_revoke_role(*, user: User, rol: Rol) -> None:
    user.groups.remove(Group.objects.get(name=rol.value))
    if rol == Rol.BEHEERDER and user.is_staff and not user.is_superuser:
        user.is_staff = False
        user.save(update_fields=["is_staff"])
