"""Admin for opgaven and their roles. Every change goes through ``opgaven.services``.

The admin would otherwise call ``.save()`` itself: an opgave would get no slug,
and a role change would leave the guardian permissions out of step. So the
save and delete hooks below hand the work to the services.
"""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from opgaven.models import Opgave, Opgaverol
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

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Opgave)
class OpgaveAdmin(admin.ModelAdmin):
    form = OpgaveAdminForm
    list_display = ["titel", "fase", "zichtbaarheid", "gearchiveerd", "gewijzigd_op"]
    list_filter = ["fase", "zichtbaarheid", "gearchiveerd"]
    search_fields = ["titel", "slug"]
    readonly_fields = ["slug", "aangemaakt_op", "aangemaakt_door", "gewijzigd_op", "gewijzigd_door"]
    inlines = [OpgaverolInline]

    def get_readonly_fields(self, request, obj=None):
        # The phase is chosen when the opgave is made; after that it changes only on
        # the opgave page (opgave_fase_wijzigen), which records who, when and why.
        if obj is None:
            return self.readonly_fields
        return [*self.readonly_fields, "fase", "fasegeschiedenis"]

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


@admin.register(Opgaverol)
class OpgaverolAdmin(admin.ModelAdmin):
    form = OpgaverolAdminForm
    list_display = ["opgave", "user", "rol", "van", "tot"]
    list_filter = ["rol"]
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
