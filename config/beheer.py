"""Shared pieces of the Django admin (``/beheer/``).

Rows that only a service may change (money, workspace rows that keep each
other consistent) are shown read-only: the admin can find and inspect them,
and has no add, change or delete, whoever is logged in (superusers too).
"""

from django.contrib import admin
from django.http import HttpRequest


class AlleenLezenAdmin(admin.ModelAdmin):
    """Inspect only: no add, change or delete, not even for a superuser."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class AlleenLezenInline(admin.TabularInline):
    """A read-only table of related rows, each with a link to its own page."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
