"""Admin for the register of organisations and their members.

New organisations and memberships go through ``partners.services`` (a free
slug; one active membership per person). A membership is never rewritten:
it is ended once, through ``lidmaatschap_beeindigen``, and a membership
entered by mistake is ended on its first day, so it never applies. Nothing is
deleted here: roles, involvements and plans point at organisations, and the
history of memberships tells who could see what, when.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.models import Lidmaatschap, Organisatie
from partners.services import (
    lidmaatschap_beeindigen,
    lidmaatschap_toevoegen,
    organisatie_bijwerken,
    organisatie_create,
)

# The fields of an organisation the admin edits (the slug stays: links keep working).
ORGANISATIE_VELDEN = ["naam", "soort", "kvk_nummer", "website", "beschrijving"]


def _actief_op(prefix: str = "") -> Q:
    """Memberships that apply today, as a filter (``policies.lidmaatschap_is_actief`` in SQL)."""
    today = timezone.localdate()
    return Q(**{f"{prefix}van__lte": today}) & (
        Q(**{f"{prefix}tot__isnull": True}) | Q(**{f"{prefix}tot__gt": today})
    )


class ActiefFilter(admin.SimpleListFilter):
    title = _("active today")
    parameter_name = "actief"

    def lookups(self, request, model_admin):
        return [("ja", _("Yes")), ("nee", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(_actief_op())
        if self.value() == "nee":
            return queryset.exclude(_actief_op())
        return queryset


class LidmaatschapInline(admin.TabularInline):
    """Members are shown here; add and end them on the membership pages."""

    model = Lidmaatschap
    fields = ["user", "rol", "soort", "van", "tot"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        # The change link names the membership: user and organisation.
        return super().get_queryset(request).select_related("user", "organisatie")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    fields = [*ORGANISATIE_VELDEN, "slug"]
    list_display = ["naam", "soort", "kvk_nummer", "leden", "website"]
    list_filter = ["soort"]
    search_fields = ["naam", "kvk_nummer", "slug"]
    search_help_text = _("Search on name, KvK number or slug.")
    ordering = ["naam"]
    readonly_fields = ["slug"]
    inlines = [LidmaatschapInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        actief = _actief_op("lidmaatschappen__")
        return (
            super()
            .get_queryset(request)
            .annotate(aantal_leden=Count("lidmaatschappen", filter=actief))
        )

    @admin.display(description=_("current members"), ordering="aantal_leden")
    def leden(self, organisatie: Organisatie) -> int:
        return organisatie.aantal_leden

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            created = organisatie_create(
                **{name: form.cleaned_data[name] for name in ORGANISATIE_VELDEN}
            )
            # The admin goes on with ``obj`` (log entry, redirect): give it the saved row.
            obj.pk, obj.slug, obj._state.adding = created.pk, created.slug, False
            return
        # Only what changed is written, so a concurrent edit of another field stays.
        organisatie_bijwerken(
            organisatie=obj, **{name: form.cleaned_data[name] for name in form.changed_data}
        )


class LidmaatschapAdminForm(forms.ModelForm):
    class Meta:
        model = Lidmaatschap
        fields = ["organisatie", "user", "rol", "soort", "van", "tot"]

    def clean_tot(self):
        # "van" is read-only once the membership exists, so the model check cannot see it here.
        tot = self.cleaned_data.get("tot")
        if tot and self.instance.pk and tot < self.instance.van:
            raise forms.ValidationError(_("A membership cannot end before it starts."))
        return tot

    def clean(self):
        # "tot" is not on the add form, so the model's one-active-membership
        # constraint is not checked there: check it here, as the database would.
        cleaned = super().clean()
        organisatie, user = cleaned.get("organisatie"), cleaned.get("user")
        if self.instance.pk is None and organisatie and user:
            actief = Lidmaatschap.objects.filter(
                organisatie=organisatie, user=user, tot__isnull=True
            )
            if actief.exists():
                raise forms.ValidationError(
                    _("This person is already a member of this organisation.")
                )
        return cleaned


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(admin.ModelAdmin):
    form = LidmaatschapAdminForm
    list_display = ["user", "organisatie", "rol", "soort", "van", "tot"]
    list_filter = [ActiefFilter, "rol", "soort", "organisatie__soort"]
    list_select_related = ["user", "organisatie"]
    search_fields = ["user__email", "user__weergavenaam", "organisatie__naam"]
    search_help_text = _("Search on the member's e-mail address or name, or the organisation.")
    autocomplete_fields = ["organisatie", "user"]
    date_hierarchy = "van"

    def get_changeform_initial_data(self, request) -> dict:
        return {"van": timezone.localdate(), **super().get_changeform_initial_data(request)}

    def get_readonly_fields(self, request, obj=None):
        # A membership is never rewritten: it can only be ended (once).
        if obj is None:
            return ["tot"]
        readonly = ["organisatie", "user", "rol", "soort", "van"]
        return [*readonly, "tot"] if obj.tot else readonly

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        if change:
            if "tot" in form.changed_data and obj.tot:
                lidmaatschap_beeindigen(lidmaatschap=obj, tot=obj.tot)
            return
        created = lidmaatschap_toevoegen(
            organisatie=obj.organisatie, user=obj.user, rol=obj.rol, soort=obj.soort, van=obj.van
        )
        obj.pk, obj.tot, obj._state.adding = created.pk, created.tot, False
