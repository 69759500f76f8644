"""Admin for opgaven, their roles, and everything in an opgave's workspace.

Every change goes through ``opgaven.services``. The admin would otherwise call
``.save()`` itself: an opgave would get no slug, and a role change would leave
the guardian permissions out of step. So the save and delete hooks below hand
the work to the services.

The rows of the workspace (goals, krachtenveld, plan van aanpak, decisions)
are made and changed in the workspace, where the services check them, keep
their opgave in step with their parent and tell the people involved. Here
they can be found across all opgaven (search, filters) and inspected, read-only,
with a link to their section of the workspace. The reference data (themes and
areas) is kept here.
"""

from django import forms
from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from config.beheer import AlleenLezenAdmin, AlleenLezenInline
from opgaven.models import (
    Actie,
    Besluit,
    Betrokkenheid,
    Contactmoment,
    Doel,
    FaseOvergang,
    Gebied,
    Indicator,
    Instemming,
    Meting,
    Opgave,
    Opgaverol,
    PlanVanAanpak,
    Positie,
    Thema,
    Toezegging,
)
from opgaven.services import (
    opgave_create,
    opgave_update,
    opgaverol_beeindigen,
    opgaverol_toekennen,
    opgaverol_verwijderen,
)


class OpgaveAdminForm(forms.ModelForm):
    class Meta:
        model = Opgave
        fields = ["titel", "vraagstuk", "zichtbaarheid", "fase", "gearchiveerd"]


class OpgaverolInline(admin.TabularInline):
    """Roles are shown here; add and end them on the opgave role pages (via the services)."""

    model = Opgaverol
    fields = ["user", "rol", "van", "tot"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        # The change link names the role: its user and opgave.
        return super().get_queryset(request).select_related("user", "opgave")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Opgave)
class OpgaveAdmin(admin.ModelAdmin):
    form = OpgaveAdminForm
    list_display = ["titel", "fase", "zichtbaarheid", "gearchiveerd", "gewijzigd_op"]
    list_filter = ["fase", "zichtbaarheid", "gearchiveerd", "themas", "gebieden"]
    search_fields = ["titel", "slug", "vraagstuk"]
    search_help_text = _("Search on title, slug or the question at stake.")
    date_hierarchy = "aangemaakt_op"
    readonly_fields = ["slug", "aangemaakt_op", "aangemaakt_door", "gewijzigd_op", "gewijzigd_door"]
    # Shown for reference once the opgave exists; they are edited on the opgave page.
    werkruimte_velden = [
        "huidige_situatie",
        "gewenste_situatie",
        "maatschappelijk_effect",
        "afbakening",
        "themas",
        "gebieden",
        "startdatum",
        "horizon",
        "score_impact",
        "score_krachtenveld",
        "score_verhoudingen",
        "score_tijdshorizon",
    ]
    inlines = [OpgaverolInline]

    def get_readonly_fields(self, request, obj=None):
        # The phase is chosen when the opgave is made; after that it changes only on
        # the opgave page (opgave_fase_wijzigen), which records who, when and why.
        if obj is None:
            return self.readonly_fields
        return [*self.readonly_fields, *self.werkruimte_velden, "fase", "fasegeschiedenis"]

    @admin.display(description=_("phase history"))
    def fasegeschiedenis(self, obj: Opgave) -> str:
        overgangen = obj.faseovergangen.select_related("door")
        if not overgangen:
            return _("This opgave has not changed phase yet.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {} → {} ({}): {}</li>",
                (
                    (
                        date_format(timezone.localtime(o.op), "DATETIME_FORMAT"),
                        o.get_van_display(),
                        o.get_naar_display(),
                        (o.door.weergavenaam if o.door else "") or "—",
                        o.reden,
                    )
                    for o in overgangen
                ),
            ),
        )

    def save_model(self, request, obj, form, change) -> None:
        if change:
            fields = {name: form.cleaned_data[name] for name in form.changed_data}
            opgave_update(opgave=obj, door=request.user, **fields)
            return
        created = opgave_create(
            door=request.user,
            titel=obj.titel,
            vraagstuk=obj.vraagstuk,
            zichtbaarheid=obj.zichtbaarheid,
            fase=obj.fase,
        )
        # The admin goes on with ``obj`` (log entry, redirect): give it the saved row.
        obj.pk, obj.slug, obj._state.adding = created.pk, created.slug, False
        if obj.gearchiveerd:
            opgave_update(opgave=obj, door=request.user, gearchiveerd=True)


class OpgaverolAdminForm(forms.ModelForm):
    class Meta:
        model = Opgaverol
        fields = ["opgave", "user", "rol", "van", "tot"]

    def clean_tot(self):
        # "van" is read-only once the role exists, so the model check cannot see it here.
        tot = self.cleaned_data.get("tot")
        if tot and self.instance.pk and tot < self.instance.van:
            raise forms.ValidationError(_("A role cannot end before it starts."))
        return tot

    def clean(self):
        # "tot" is not on the add form, so the model's one-active-role constraint
        # is not checked there: check it here, as the database would.
        cleaned = super().clean()
        opgave, user, rol = cleaned.get("opgave"), cleaned.get("user"), cleaned.get("rol")
        if self.instance.pk is None and opgave and user and rol:
            actief = Opgaverol.objects.filter(opgave=opgave, user=user, rol=rol, tot__isnull=True)
            if actief.exists():
                raise forms.ValidationError(
                    _("This person already holds this role on this opgave.")
                )
        return cleaned


@admin.register(Opgaverol)
class OpgaverolAdmin(admin.ModelAdmin):
    form = OpgaverolAdminForm
    list_display = ["opgave", "user", "rol", "van", "tot"]
    list_filter = ["rol"]
    list_select_related = ["opgave", "user"]
    search_fields = ["opgave__titel", "user__email", "user__weergavenaam"]
    autocomplete_fields = ["opgave", "user"]
    date_hierarchy = "van"

    def get_changeform_initial_data(self, request) -> dict:
        return {"van": timezone.localdate(), **super().get_changeform_initial_data(request)}

    def get_readonly_fields(self, request, obj=None):
        # A role is never rewritten: it can only be ended (once).
        if obj is None:
            return ["tot"]
        readonly = ["opgave", "user", "rol", "van"]
        return [*readonly, "tot"] if obj.tot else readonly

    def save_model(self, request, obj, form, change) -> None:
        if change:
            if "tot" in form.changed_data and obj.tot:
                opgaverol_beeindigen(opgaverol=obj, tot=obj.tot)
            return
        created = opgaverol_toekennen(
            opgave=obj.opgave, user=obj.user, rol=obj.rol, van=obj.van, door=request.user
        )
        obj.pk, obj.tot, obj._state.adding = created.pk, created.tot, False

    def delete_model(self, request, obj) -> None:
        opgaverol_verwijderen(opgaverol=obj)

    def delete_queryset(self, request, queryset) -> None:
        for opgaverol in queryset.select_related("opgave"):
            opgaverol_verwijderen(opgaverol=opgaverol)


# --- Reference data ---------------------------------------------------------------------


class InGebruikFilter(admin.SimpleListFilter):
    """Yes/no on whether any opgave is filed under the row (needs ``aantal_opgaven``)."""

    title = _("in use")
    parameter_name = "in_gebruik"

    def lookups(self, request, model_admin):
        return [("ja", _("Yes")), ("nee", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(aantal_opgaven__gt=0)
        if self.value() == "nee":
            return queryset.filter(aantal_opgaven=0)
        return queryset


@admin.register(Thema)
class ThemaAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug", "aantal"]
    list_filter = [InGebruikFilter]
    search_fields = ["naam", "slug"]
    prepopulated_fields = {"slug": ["naam"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(aantal_opgaven=Count("opgaven"))

    @admin.display(description=_("opgaven"), ordering="aantal_opgaven")
    def aantal(self, thema: Thema) -> int:
        return thema.aantal_opgaven


# The level an area lies in, per level: a neighbourhood in a district, a district
# in the municipality, and the municipality in nothing.
LIGT_IN_NIVEAU = {
    Gebied.Niveau.BUURT: Gebied.Niveau.WIJK,
    Gebied.Niveau.WIJK: Gebied.Niveau.GEMEENTE,
    Gebied.Niveau.GEMEENTE: None,
}


class GebiedAdminForm(forms.ModelForm):
    class Meta:
        model = Gebied
        fields = ["code", "naam", "niveau", "ligt_in", "inwoners"]

    def clean(self):
        cleaned = super().clean()
        niveau, ligt_in = cleaned.get("niveau"), cleaned.get("ligt_in")
        if niveau not in LIGT_IN_NIVEAU:
            return cleaned
        verwacht = LIGT_IN_NIVEAU[niveau]
        if verwacht is None and ligt_in is not None:
            self.add_error("ligt_in", _("A municipality does not lie in another area."))
        elif verwacht is not None and (ligt_in is None or ligt_in.niveau != verwacht):
            self.add_error(
                "ligt_in",
                _("A neighbourhood lies in a district, and a district in the municipality."),
            )
        return cleaned


@admin.register(Gebied)
class GebiedAdmin(admin.ModelAdmin):
    form = GebiedAdminForm
    list_display = ["code", "naam", "niveau", "ligt_in", "inwoners"]
    list_filter = ["niveau", ("ligt_in", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["ligt_in"]
    search_fields = ["naam", "code"]
    search_help_text = _("Search on name or CBS code (GM, WK, BU).")
    autocomplete_fields = ["ligt_in"]


# --- The workspace: found and inspected here, changed in the workspace ------------------


class WerkruimteAdmin(AlleenLezenAdmin):
    """Rows of an opgave's workspace, read-only here.

    The workspace services keep these rows consistent (the opgave of a row
    matches its parent's, a plan is adopted only when all consented, people
    are told), so the admin does not write them. ``sectie`` names the
    workspace section (URL name in ``opgaven``) that "View on site" opens.
    """

    sectie: str = "detail"

    def get_queryset(self, request):
        # The change page too: its title and breadcrumbs (__str__) name related rows.
        return super().get_queryset(request).select_related(*self.list_select_related)

    def view_on_site(self, obj) -> str:
        return reverse(f"opgaven:{self.sectie}", kwargs={"slug": obj.opgave.slug})


@admin.register(FaseOvergang)
class FaseOvergangAdmin(WerkruimteAdmin):
    list_display = ["op", "opgave", "van", "naar", "door"]
    list_filter = ["naar", "van"]
    list_select_related = ["opgave", "door"]
    search_fields = ["opgave__titel", "reden", "door__email", "door__weergavenaam"]
    date_hierarchy = "op"
    sectie = "geschiedenis"


@admin.register(Doel)
class DoelAdmin(WerkruimteAdmin):
    list_display = ["titel", "soort", "opgave", "bovenliggend", "volgorde"]
    list_filter = ["soort", "opgave"]
    list_select_related = ["opgave", "bovenliggend"]
    search_fields = ["titel", "omschrijving", "opgave__titel"]
    sectie = "doelen"


@admin.register(Indicator)
class IndicatorAdmin(WerkruimteAdmin):
    list_display = ["naam", "opgave", "doel", "eenheid", "nulmeting", "streefwaarde", "streefdatum"]
    list_filter = ["opgave", "eenheid"]
    list_select_related = ["opgave", "doel"]
    search_fields = ["naam", "bron", "doel__titel", "opgave__titel"]
    date_hierarchy = "streefdatum"
    sectie = "doelen"


@admin.register(Meting)
class MetingAdmin(WerkruimteAdmin):
    list_display = ["datum", "indicator", "waarde", "opgave", "vastgelegd_door"]
    list_filter = ["opgave"]
    list_select_related = ["indicator", "opgave", "vastgelegd_door"]
    search_fields = ["indicator__naam", "toelichting", "opgave__titel"]
    date_hierarchy = "datum"
    sectie = "doelen"


class PositieInline(AlleenLezenInline):
    model = Positie
    fields = ["datum", "invloed", "belang", "houding", "toelichting"]
    readonly_fields = fields

    def get_queryset(self, request):
        # The change link names the position's organisation.
        return super().get_queryset(request).select_related("betrokkenheid__organisatie")


@admin.register(Betrokkenheid)
class BetrokkenheidAdmin(WerkruimteAdmin):
    list_display = ["organisatie", "opgave", "aard", "sinds"]
    list_filter = ["aard", "organisatie__soort", "opgave"]
    list_select_related = ["organisatie", "opgave"]
    search_fields = ["organisatie__naam", "opgave__titel", "toelichting"]
    date_hierarchy = "sinds"
    inlines = [PositieInline]
    sectie = "krachtenveld"


@admin.register(Positie)
class PositieAdmin(WerkruimteAdmin):
    list_display = ["datum", "organisatie", "opgave", "invloed", "belang", "houding"]
    list_filter = ["houding", "invloed", "belang", "opgave"]
    list_select_related = ["opgave", "betrokkenheid__organisatie"]
    search_fields = ["betrokkenheid__organisatie__naam", "opgave__titel", "toelichting"]
    date_hierarchy = "datum"
    sectie = "krachtenveld"

    @admin.display(description=_("organisation"), ordering="betrokkenheid__organisatie__naam")
    def organisatie(self, positie: Positie) -> str:
        return str(positie.betrokkenheid.organisatie)


@admin.register(Contactmoment)
class ContactmomentAdmin(WerkruimteAdmin):
    list_display = ["datum", "onderwerp", "organisatie", "opgave", "kanaal", "hoedanigheid"]
    list_filter = ["kanaal", "hoedanigheid", "opgave"]
    list_select_related = ["opgave", "betrokkenheid__organisatie"]
    search_fields = ["onderwerp", "notitie", "betrokkenheid__organisatie__naam", "opgave__titel"]
    date_hierarchy = "datum"
    sectie = "krachtenveld"

    @admin.display(description=_("organisation"), ordering="betrokkenheid__organisatie__naam")
    def organisatie(self, contactmoment: Contactmoment) -> str:
        return str(contactmoment.betrokkenheid.organisatie)


class TeLaatFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "te_laat"

    def lookups(self, request, model_admin):
        return [("ja", _("Yes")), ("nee", _("No"))]

    def queryset(self, request, queryset):
        te_laat = Q(status=Toezegging.Status.OPEN, deadline__lt=timezone.localdate())
        if self.value() == "ja":
            return queryset.filter(te_laat)
        if self.value() == "nee":
            return queryset.exclude(te_laat)
        return queryset


@admin.register(Toezegging)
class ToezeggingAdmin(WerkruimteAdmin):
    list_display = ["omschrijving", "opgave", "eigenaar", "deadline", "status", "te_laat"]
    list_filter = ["status", TeLaatFilter, "opgave"]
    list_select_related = ["opgave", "eigenaar"]
    search_fields = [
        "omschrijving",
        "eigenaar__email",
        "eigenaar__weergavenaam",
        "betrokkenheid__organisatie__naam",
        "opgave__titel",
    ]
    date_hierarchy = "deadline"
    sectie = "krachtenveld"

    @admin.display(description=_("overdue"), boolean=True)
    def te_laat(self, toezegging: Toezegging) -> bool:
        return (
            toezegging.status == Toezegging.Status.OPEN
            and toezegging.deadline < timezone.localdate()
        )


class InstemmingInline(AlleenLezenInline):
    model = Instemming
    fields = ["organisatie", "besluit", "reden", "door", "op"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisatie", "door")


class ActieInline(AlleenLezenInline):
    model = Actie
    fields = ["titel", "trekker", "status", "start", "eind"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("trekker")


@admin.register(PlanVanAanpak)
class PlanVanAanpakAdmin(WerkruimteAdmin):
    list_display = ["__str__", "opgave", "versie", "status", "ingediend_op", "vastgesteld_op"]
    list_filter = ["status", "opgave"]
    list_select_related = ["opgave"]
    search_fields = ["opgave__titel", "samenvatting"]
    date_hierarchy = "aangemaakt_op"
    inlines = [InstemmingInline, ActieInline]
    sectie = "plan"


@admin.register(Instemming)
class InstemmingAdmin(WerkruimteAdmin):
    list_display = ["organisatie", "plan", "besluit", "door", "op"]
    list_filter = ["besluit", "plan__status", "organisatie"]
    list_select_related = ["organisatie", "plan__opgave", "door"]
    search_fields = ["organisatie__naam", "opgave__titel", "reden"]
    date_hierarchy = "op"
    sectie = "plan"


@admin.register(Actie)
class ActieAdmin(WerkruimteAdmin):
    list_display = ["titel", "trekker", "status", "start", "eind", "plan"]
    list_filter = ["status", "plan__status", "trekker", "opgave"]
    list_select_related = ["trekker", "plan__opgave"]
    search_fields = ["titel", "omschrijving", "trekker__naam", "opgave__titel"]
    date_hierarchy = "start"
    sectie = "plan"


@admin.register(Besluit)
class BesluitAdmin(WerkruimteAdmin):
    list_display = ["datum", "titel", "orgaan", "opgave"]
    list_filter = ["orgaan", "opgave"]
    list_select_related = ["opgave"]
    search_fields = ["titel", "motivering", "opgave__titel"]
    date_hierarchy = "datum"
    sectie = "besluiten"
