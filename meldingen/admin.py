"""Admin for meldingen: look, filter and resend; nothing is edited by hand.

A melding is a record of what someone was told, so every field is read-only.
"Opnieuw versturen" enqueues e-mail again for direct meldingen that were not
e-mailed; the claim in ``services.melding_mailen`` keeps each to one e-mail.
"""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from meldingen.models import Melding, Voorkeur
from meldingen.services import meldingen_opnieuw_versturen


class _LeegFilter(admin.SimpleListFilter):
    """Yes/no on whether a date field is set."""

    veld: str

    def lookups(self, request, model_admin):
        return [("ja", _("Yes")), ("nee", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("ja", "nee"):
            return queryset.filter(**{f"{self.veld}__isnull": self.value() == "nee"})
        return queryset


class GelezenFilter(_LeegFilter):
    title = _("read")
    parameter_name = "gelezen"
    veld = "gelezen_op"


class GemaildFilter(_LeegFilter):
    title = _("e-mailed")
    parameter_name = "gemaild"
    veld = "gemaild_op"


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):
    list_display = ["aangemaakt_op", "ontvanger__email", "soort", "bezorging", "gelezen", "gemaild"]
    list_filter = ["soort", "bezorging", GelezenFilter, GemaildFilter, "aangemaakt_op"]
    list_select_related = ["ontvanger"]
    search_fields = ["ontvanger__email"]
    search_help_text = _("Search on the recipient's e-mail address.")
    date_hierarchy = "aangemaakt_op"
    fields = [
        "ontvanger",
        "soort",
        "titel",
        "tekst",
        "url",
        "object_type",
        "object_id",
        "dedupe",
        "context",
        "bezorging",
        "aangemaakt_op",
        "gelezen_op",
        "gemaild_op",
    ]
    readonly_fields = fields
    actions = ["opnieuw_versturen"]

    @admin.display(description=_("title"))
    def titel(self, melding: Melding) -> str:
        return melding.titel

    @admin.display(description=_("text"))
    def tekst(self, melding: Melding) -> str:
        return melding.tekst

    @admin.display(description=_("read"), boolean=True, ordering="gelezen_op")
    def gelezen(self, melding: Melding) -> bool:
        return melding.gelezen_op is not None

    @admin.display(description=_("e-mailed"), boolean=True, ordering="gemaild_op")
    def gemaild(self, melding: Melding) -> bool:
        return melding.gemaild_op is not None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_resend_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("meldingen.change_melding")

    @admin.action(description=_("Send again"), permissions=["resend"])
    def opnieuw_versturen(self, request: HttpRequest, queryset: QuerySet[Melding]) -> None:
        uitslag = meldingen_opnieuw_versturen(meldingen=queryset)
        if uitslag["opnieuw"]:
            self.message_user(
                request,
                ngettext(
                    "%(count)d notification will be e-mailed again.",
                    "%(count)d notifications will be e-mailed again.",
                    uitslag["opnieuw"],
                )
                % {"count": uitslag["opnieuw"]},
                messages.SUCCESS,
            )
        if uitslag["al_gemaild"]:
            self.message_user(
                request,
                ngettext(
                    "%(count)d notification was already e-mailed and was skipped: "
                    "nobody gets the same notification twice.",
                    "%(count)d notifications were already e-mailed and were skipped: "
                    "nobody gets the same notification twice.",
                    uitslag["al_gemaild"],
                )
                % {"count": uitslag["al_gemaild"]},
                messages.WARNING,
            )
        if uitslag["niet_direct"]:
            self.message_user(
                request,
                ngettext(
                    "%(count)d notification was skipped: its recipient chose the daily "
                    "summary or no e-mail for this kind.",
                    "%(count)d notifications were skipped: their recipients chose the daily "
                    "summary or no e-mail for this kind.",
                    uitslag["niet_direct"],
                )
                % {"count": uitslag["niet_direct"]},
                messages.WARNING,
            )


@admin.register(Voorkeur)
class VoorkeurAdmin(admin.ModelAdmin):
    """Preferences are the person's own choice: shown here, changed on their page."""

    list_display = ["user", "soort", "bezorging"]
    list_filter = ["soort", "bezorging"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    search_help_text = _("Search on the user's e-mail address.")
    readonly_fields = ["user", "soort", "bezorging"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
