from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from accounts.roles import Rol
from accounts.selectors import user_has_staff_role, user_roles


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool


def _item(label, url: str, path: str, *, exact: bool = False) -> NavItem:
    current = path == url if exact else path.startswith(url)
    return NavItem(label=label, url=url, current=current)


def _items(request) -> list[NavItem]:
    """The main menu for this visitor, from what they may do (never from group names)."""
    user = request.user
    path = request.path
    items = [
        _item(_("Home"), reverse("home"), path, exact=True),
        _item(_("Opgaven"), reverse("opgaven:list"), path),
        _item(_("Take part"), reverse("participatie:list"), path),
    ]
    if user.is_authenticated:
        # From the roles, which the request has already loaded (no extra query);
        # the pages themselves check the permissions and memberships.
        rollen = user_roles(user)
        if Rol.INWONER in rollen:
            items.append(_item(_("My input"), reverse("mijn_inbreng"), path))
        if Rol.PARTNER in rollen:
            items.append(_item(_("My organisation"), reverse("mijn_organisatie"), path))
        if user_has_staff_role(user):
            items.append(_item(_("Partners"), reverse("partners:list"), path))
        if rollen & {Rol.AMBTENAAR, Rol.ADVISEUR}:
            coaching = reverse("leren:trajecten")
            leren = _item(_("Learning"), reverse("leren:tijdlijn"), path)
            if path.startswith(coaching):
                leren = NavItem(label=leren.label, url=leren.url, current=False)
            items.append(leren)
            if Rol.ADVISEUR in rollen:
                items.append(_item(_("Coaching"), coaching, path))
        if Rol.AMBTENAAR in rollen:
            items.append(_item(_("Reports"), reverse("rapportage:portfolio"), path))
        items.append(_item(_("My account"), reverse("account_email"), path))
    if user.is_active and user.is_staff:  # what the Django admin itself requires
        items.append(_item(_("Administration"), reverse("admin:index"), path))
    return items


def _return_path(request) -> str:
    """Where logging in or switching language brings the visitor back to.

    The current page, unless it answered a POST (say, a CSRF failure): such a
    URL cannot simply be opened again, so we go home instead.
    """
    return request.get_full_path() if request.method == "GET" else reverse("home")


def navigation(request):
    """Role-aware main navigation, built from permissions, not from group names."""
    return {
        "nav_items": SimpleLazyObject(lambda: _items(request)),
        "return_path": _return_path(request),
        "gemeente_naam": settings.GEMEENTE_NAAM,
    }
