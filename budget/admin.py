"""Admin for the joint budget: find and inspect, never change.

Money moves only through ``budget.services``, which lock the pot, check the
invariants and append to the ledger. An admin form would do none of that, so
every budget model is read-only here; the pot's page in the workspace is one
click away. The ledger cannot be changed by anyone: no admin permission, and a
database trigger refuses UPDATE and DELETE of its rows.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from budget.bedragen import euro
from budget.models import Bijdrage, Boeking, Budgetpot, Goedkeuring, Toewijzing, Uitgave
from config.beheer import AlleenLezenAdmin, AlleenLezenInline


class BijdrageInline(AlleenLezenInline):
    model = Bijdrage
    fields = ["organisatie", "soort", "waarde", "status", "vastgelegd_op"]
    readonly_fields = fields


class ToewijzingInline(AlleenLezenInline):
    model = Toewijzing
    fields = ["actie", "bedrag", "besteed", "status", "voorgesteld_op"]
    readonly_fields = fields


@admin.register(Budgetpot)
class BudgetpotAdmin(AlleenLezenAdmin):
    list_display = ["naam", "opgave", "kassier", "regel", "bedragen", "pagina"]
    list_filter = ["regel"]
    search_fields = ["naam", "opgave__titel", "kassier__naam"]
    list_select_related = ["opgave", "kassier"]
    inlines = [BijdrageInline, ToewijzingInline]

    @admin.display(description=_("contributed / allocated / spent"))
    def bedragen(self, pot: Budgetpot) -> str:
        return f"{euro(pot.bijgedragen)} / {euro(pot.toegewezen)} / {euro(pot.besteed)}"

    @admin.display(description=_("page"))
    def pagina(self, pot: Budgetpot) -> str:
        return format_html(
            '<a href="{}">{}</a>', pot.get_absolute_url(), _("Open in the workspace")
        )


@admin.register(Bijdrage)
class BijdrageAdmin(AlleenLezenAdmin):
    list_display = ["organisatie", "pot", "soort", "waarde", "status", "vastgelegd_op"]
    list_filter = ["soort", "status"]
    search_fields = ["organisatie__naam", "pot__naam", "omschrijving"]
    list_select_related = ["organisatie", "pot"]


class GoedkeuringInline(AlleenLezenInline):
    model = Goedkeuring
    fields = ["organisatie", "gewicht", "besluit", "reden", "op"]
    readonly_fields = fields


class UitgaveInline(AlleenLezenInline):
    model = Uitgave
    fields = ["datum", "bedrag", "omschrijving"]
    readonly_fields = fields


@admin.register(Toewijzing)
class ToewijzingAdmin(AlleenLezenAdmin):
    list_display = ["actie", "pot", "bedrag", "besteed", "status", "voorgesteld_op"]
    list_filter = ["status"]
    search_fields = ["actie__titel", "pot__naam", "toelichting"]
    list_select_related = ["actie", "pot"]
    inlines = [GoedkeuringInline, UitgaveInline]


@admin.register(Uitgave)
class UitgaveAdmin(AlleenLezenAdmin):
    list_display = ["omschrijving", "toewijzing", "bedrag", "datum"]
    search_fields = ["omschrijving", "toewijzing__actie__titel"]
    date_hierarchy = "datum"
    list_select_related = ["toewijzing__actie"]


@admin.register(Boeking)
class BoekingAdmin(AlleenLezenAdmin):
    list_display = [
        "pot",
        "volgnummer",
        "op",
        "soort",
        "omschrijving",
        "bedrag",
        "bijgedragen_na",
        "toegewezen_na",
        "besteed_na",
    ]
    list_filter = ["soort"]
    search_fields = ["omschrijving", "pot__naam"]
    list_select_related = ["pot"]
    date_hierarchy = "op"
