"""Admin for participation: find and inspect, never change.

Rounds, input, feedback and moderation change only through
``participatie.services`` and the round's pages, where the rules hold (status
order, feedback before "teruggekoppeld", counters, capacity) and authors are
notified. An admin form would do none of that, so every model is read-only
here; the round's page is one click away.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from config.beheer import AlleenLezenAdmin, AlleenLezenInline
from participatie.models import (
    Aanmelding,
    Deelname,
    Inbreng,
    Markering,
    Reactie,
    Ronde,
    Sessie,
    Terugkoppeling,
)


class SessieInline(AlleenLezenInline):
    model = Sessie
    fields = ["titel", "start", "capaciteit", "aantal_aangemeld"]
    readonly_fields = fields


@admin.register(Ronde)
class RondeAdmin(AlleenLezenAdmin):
    list_display = ["titel", "opgave", "trede", "status", "start", "eind", "pagina"]
    list_filter = ["status", "trede", "met_inbreng", "met_sessies", "met_burgerbegroting"]
    search_fields = ["titel", "slug", "vraag", "opgave__titel"]
    list_select_related = ["opgave"]
    date_hierarchy = "start"
    inlines = [SessieInline]

    @admin.display(description=_("page"))
    def pagina(self, ronde: Ronde) -> str:
        return format_html('<a href="{}">{}</a>', ronde.get_absolute_url(), _("Open the round"))


@admin.register(Deelname)
class DeelnameAdmin(AlleenLezenAdmin):
    list_display = ["user", "ronde", "wijk", "leeftijdsgroep", "toestemming_op"]
    list_filter = ["leeftijdsgroep"]
    search_fields = ["ronde__titel", "user__email"]
    list_select_related = ["user", "ronde", "wijk"]


@admin.register(Inbreng)
class InbrengAdmin(AlleenLezenAdmin):
    list_display = [
        "titel",
        "ronde",
        "soort",
        "status",
        "aantal_steun",
        "aantal_reacties",
        "verborgen_op",
        "aangemaakt_op",
    ]
    list_filter = ["soort", "status"]
    search_fields = ["titel", "tekst", "ronde__titel"]
    list_select_related = ["ronde"]
    date_hierarchy = "aangemaakt_op"


@admin.register(Reactie)
class ReactieAdmin(AlleenLezenAdmin):
    list_display = ["__str__", "inbreng", "verborgen_op", "aangemaakt_op"]
    search_fields = ["tekst", "inbreng__titel"]
    list_select_related = ["inbreng"]
    date_hierarchy = "aangemaakt_op"


@admin.register(Markering)
class MarkeringAdmin(AlleenLezenAdmin):
    list_display = ["__str__", "inbreng", "reactie", "afhandeling", "op", "afgehandeld_op"]
    list_filter = ["afhandeling"]
    search_fields = ["reden", "inbreng__titel", "reactie__tekst"]
    list_select_related = ["inbreng", "reactie"]
    date_hierarchy = "op"


@admin.register(Terugkoppeling)
class TerugkoppelingAdmin(AlleenLezenAdmin):
    list_display = ["inbreng", "status", "besluit", "actie", "op"]
    list_filter = ["status"]
    search_fields = ["motivering", "inbreng__titel", "inbreng__ronde__titel"]
    list_select_related = ["inbreng", "besluit", "actie"]
    date_hierarchy = "op"


class AanmeldingInline(AlleenLezenInline):
    model = Aanmelding
    fields = ["volgnummer", "user", "status", "aangemeld_op"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


@admin.register(Sessie)
class SessieAdmin(AlleenLezenAdmin):
    list_display = ["titel", "ronde", "start", "capaciteit", "aantal_aangemeld"]
    search_fields = ["titel", "locatie", "ronde__titel"]
    list_select_related = ["ronde"]
    date_hierarchy = "start"
    inlines = [AanmeldingInline]


@admin.register(Aanmelding)
class AanmeldingAdmin(AlleenLezenAdmin):
    list_display = ["user", "sessie", "status", "volgnummer", "aangemeld_op"]
    list_filter = ["status"]
    search_fields = ["sessie__titel", "user__email"]
    list_select_related = ["user", "sessie"]
