"""Admin for participation: find and inspect, never change.

Rounds, input, feedback and moderation change only through
``participatie.services`` and the round's pages, where the rules hold (status
order, feedback before "teruggekoppeld", counters, capacity) and authors are
notified. An admin form would do none of that, so every model is read-only
here; the round's page is one click away.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from config.beheer import AlleenLezenAdmin, AlleenLezenInline
from participatie.models import (
    Aanmelding,
    Begroting,
    Deelbudget,
    Deelname,
    Inbreng,
    Markering,
    Reactie,
    Ronde,
    Sessie,
    Stembiljet,
    Stemcode,
    Terugkoppeling,
    Voorstel,
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


# --- Burgerbegroting --------------------------------------------------------------------------
#
# Budgets, proposals, ballots and voting codes change through ``services_begroting`` and
# the budget's pages only (phases, assessments, the vote under its locks). The admin
# shows them. A ballot shows no voter: not who voted with an account, nor which code
# was used; a voting code shows only its round and when it was made and used, never
# its hash.


class DeelbudgetInline(AlleenLezenInline):
    model = Deelbudget
    fields = ["gebied", "bedrag"]
    readonly_fields = fields
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("gebied")


@admin.register(Begroting)
class BegrotingAdmin(AlleenLezenAdmin):
    list_display = [
        "ronde",
        "totaal",
        "stemregel",
        "fase",
        "stemmen_van",
        "stemmen_tot",
        "opkomst",
        "pagina",
    ]
    list_filter = ["fase", "stemregel"]
    search_fields = ["ronde__titel", "ronde__slug"]
    list_select_related = ["ronde"]
    date_hierarchy = "stemmen_tot"
    inlines = [DeelbudgetInline]

    @admin.display(description=_("page"))
    def pagina(self, begroting: Begroting) -> str:
        url = reverse("participatie:uitslag", kwargs={"slug": begroting.ronde.slug})
        return format_html('<a href="{}">{}</a>', url, _("Result"))


@admin.register(Voorstel)
class VoorstelAdmin(AlleenLezenAdmin):
    list_display = [
        "titel",
        "begroting",
        "status",
        "kosten",
        "aantal_stemmen",
        "gebied",
        "ingediend_op",
    ]
    list_filter = ["status"]
    search_fields = ["titel", "beschrijving", "begroting__ronde__titel"]
    list_select_related = ["begroting__ronde", "gebied"]
    date_hierarchy = "ingediend_op"


@admin.register(Stembiljet)
class StembiljetAdmin(AlleenLezenAdmin):
    """Totals and moments only: who voted (an account or a code) is not shown."""

    list_display = ["__str__", "begroting", "soort", "aantal", "totaal", "bevestigd_op"]
    list_filter = [("bevestigd_op", admin.EmptyFieldListFilter)]
    search_fields = ["begroting__ronde__titel"]
    list_select_related = ["begroting__ronde"]
    fields = [
        "begroting",
        "soort",
        "deelbudget",
        "limiet",
        "max_keuzes",
        "concept_aantal",
        "concept_totaal",
        "aantal",
        "totaal",
        "bevestigd_op",
        "gewijzigd_op",
        "herinnerd_op",
    ]
    readonly_fields = fields

    @admin.display(description=_("voter"))
    def soort(self, stembiljet: Stembiljet) -> str:
        return _("voting code") if stembiljet.stemcode_id else _("resident with an account")


@admin.register(Stemcode)
class StemcodeAdmin(AlleenLezenAdmin):
    """When codes were made and used, per round; never the hash."""

    list_display = ["nummer", "begroting", "aangemaakt_op", "gebruikt_op"]
    list_display_links = ["nummer"]
    list_filter = [("gebruikt_op", admin.EmptyFieldListFilter)]
    search_fields = ["begroting__ronde__titel"]
    list_select_related = ["begroting__ronde"]
    fields = ["begroting", "aangemaakt_op", "gebruikt_op"]
    readonly_fields = fields
    date_hierarchy = "aangemaakt_op"

    @admin.display(description=_("number"), ordering="pk")
    def nummer(self, stemcode: Stemcode) -> int:
        return stemcode.pk

    def get_object(self, request, object_id, from_field=None):
        # ``str(stemcode)`` names the start of the hash, and the change and history
        # pages print it: blank it on the instance shown (this admin never saves).
        stemcode = super().get_object(request, object_id, from_field)
        if stemcode is not None:
            stemcode.code_hash = ""
        return stemcode
