from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from meldingen.services import Soort, notify


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "weergavenaam", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "groups"]
    search_fields = ["email", "weergavenaam"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("weergavenaam",)}),
        (_("Roles and rights"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
        (
            _("Privacy (AVG)"),
            {"fields": ("verwijderen_op", "geanonimiseerd_op", "inactief_gewaarschuwd_op")},
        ),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = ("groups",)
    readonly_fields = (
        "last_login",
        "date_joined",
        "verwijderen_op",
        "geanonimiseerd_op",
        "inactief_gewaarschuwd_op",
    )
    actions = ["testmelding_sturen"]

    @admin.action(description=_("Send a test notification"), permissions=["change"])
    def testmelding_sturen(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        """A new test notification each time (the moment is its dedupe key), delivered
        as each person chose: e-mail now, in the daily summary, or only in the inbox."""
        aantal = queryset.count()
        te_mailen = notify(ontvangers=queryset, soort=Soort.TEST, dedupe=timezone.now().isoformat())
        self.message_user(
            request,
            ngettext(
                "Test notification sent to %(count)d user (%(mail)d by e-mail straight away).",
                "Test notification sent to %(count)d users (%(mail)d by e-mail straight away).",
                aantal,
            )
            % {"count": aantal, "mail": len(te_mailen)},
            messages.SUCCESS,
        )
