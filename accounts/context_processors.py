from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str


def _items(request) -> list[NavItem]:
    user = request.user
    items = [NavItem(_("Home"), reverse("home")), NavItem(_("Opgaven"), reverse("opgaven:list"))]
    if user.is_authenticated and user.is_staff:
        items.append(NavItem(_("Administration"), reverse("admin:index")))
    return items


def navigation(request):
    """Role-aware main navigation, built from permissions, not from group names."""
    return {
        "nav_items": SimpleLazyObject(lambda: _items(request)),
        "gemeente_naam": settings.GEMEENTE_NAAM,
    }
