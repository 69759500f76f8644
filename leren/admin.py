"""Admin for learning and coaching: the handelingsrepertoire is kept here; everything
else is metadata, read-only. (Helper "ervaringen".)

Confidentiality holds in the admin too (DESIGN §5 "leren"): what people write about
their learning and what a coach notes is read by them, not by an administrator. So
the admin never shows, searches or names a learning entry's title, reflection or
STARR fields, a conversation's notes, the text of feedback or an action point, a
trajectory's goals and agreement, a plan's goals, or an assessment's level and
explanation. A row's name in a page title or the breadcrumbs is its kind and
number (``Leerervaring #12``), never ``str()`` of the model, which is its title.

Changes go through the pages and ``leren.services`` only; the competences are the
one thing an administrator edits here.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.http import HttpRequest
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from config.beheer import AlleenLezenAdmin
from leren.models import (
    Actiepunt,
    Coachgesprek,
    Coachtraject,
    Competentie,
    Feedback,
    Leerervaring,
    Ontwikkelplan,
    Voortgangsmeting,
)


class CompetentieRijForm(forms.ModelForm):
    """A row of the change list. Django renders its editable cells (``list_editable``)
    without a label, so each input is named by its column and its row: "Volgorde van
    Samenwerken" (WCAG 1.3.1, 4.1.2)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            column = capfirst(field.label)
            field.widget.attrs["aria-label"] = (
                # Translators: the name of an editable cell, "Volgorde van Verbinden".
                _("%(column)s of %(row)s") % {"column": column, "row": self.instance.naam}
                if self.instance.pk
                else column
            )


@admin.register(Competentie)
class CompetentieAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug", "volgorde", "actief"]
    list_editable = ["volgorde", "actief"]
    list_filter = ["actief"]
    search_fields = ["naam", "slug", "beschrijving"]
    ordering = ["volgorde", "naam"]
    prepopulated_fields = {"slug": ["naam"]}
    fields = ["naam", "slug", "beschrijving", "gedragsindicatoren", "volgorde", "actief"]

    def get_changelist_form(self, request: HttpRequest, **kwargs: Any) -> type[forms.ModelForm]:
        return super().get_changelist_form(request, form=CompetentieRijForm, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Entries, plans and assessments keep referring to a competence: switch it off
        # ("actief") instead, and it is no longer offered.
        return False


class _Naamloos:
    """Stands in for a row in the admin's templates: its pk, and a name without content."""

    def __init__(self, obj: Any, naam: str) -> None:
        self.pk = obj.pk
        self._naam = naam

    def __str__(self) -> str:
        return self._naam


class AlleenMetadataAdmin(AlleenLezenAdmin):
    """Read-only, and a row is named by its kind and number, never by ``str()``.

    Subclasses list only metadata in ``fields``, ``list_display`` and
    ``search_fields``; a relation to a row with content is shown by a method.
    """

    actions = None

    def naam(self, obj: Any) -> str:
        return f"{capfirst(self.opts.verbose_name)} #{obj.pk}"

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        return list(self.fields or ())

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["subtitle"] = self.naam(obj)
            context["original"] = _Naamloos(obj, self.naam(obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context = {
                **(extra_context or {}),
                "title": _("Change history: %s") % self.naam(obj),
                "object": _Naamloos(obj, self.naam(obj)),
            }
        return super().history_view(request, object_id, extra_context)


@admin.register(Leerervaring)
class LeerervaringAdmin(AlleenMetadataAdmin):
    list_display = ["nummer", "auteur", "datum", "bron", "zichtbaarheid", "aangemaakt_op"]
    list_display_links = ["nummer"]
    list_filter = ["bron", "zichtbaarheid"]
    search_fields = ["auteur__email", "auteur__weergavenaam"]
    list_select_related = ["auteur"]
    date_hierarchy = "datum"
    fields = ["auteur", "datum", "bron", "zichtbaarheid", "duur_minuten", "aangemaakt_op"]

    @admin.display(description=_("number"), ordering="pk")
    def nummer(self, ervaring: Leerervaring) -> str:
        return self.naam(ervaring)


@admin.register(Ontwikkelplan)
class OntwikkelplanAdmin(AlleenMetadataAdmin):
    list_display = ["nummer", "eigenaar", "van", "tot", "status", "aantal_doelen"]
    list_display_links = ["nummer"]
    list_filter = ["status"]
    search_fields = ["eigenaar__email", "eigenaar__weergavenaam"]
    list_select_related = ["eigenaar"]
    fields = ["eigenaar", "van", "tot", "status", "aantal_doelen", "aangemaakt_op"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_aantal_doelen=Count("doelen"))

    @admin.display(description=_("number"), ordering="pk")
    def nummer(self, plan: Ontwikkelplan) -> str:
        return self.naam(plan)

    @admin.display(description=_("goals"), ordering="_aantal_doelen")
    def aantal_doelen(self, plan: Ontwikkelplan) -> int:
        return plan._aantal_doelen


@admin.register(Voortgangsmeting)
class VoortgangsmetingAdmin(AlleenMetadataAdmin):
    list_display = ["nummer", "persoon", "competentie", "door", "beoordelaar", "datum"]
    list_display_links = ["nummer"]
    list_filter = ["door", "competentie"]
    search_fields = ["persoon__email", "persoon__weergavenaam"]
    list_select_related = ["persoon", "competentie", "beoordelaar"]
    date_hierarchy = "datum"
    fields = ["persoon", "competentie", "door", "beoordelaar", "datum"]

    @admin.display(description=_("number"), ordering="pk")
    def nummer(self, meting: Voortgangsmeting) -> str:
        return self.naam(meting)


@admin.register(Coachtraject)
class CoachtrajectAdmin(AlleenMetadataAdmin):
    list_display = ["titel", "soort", "coach", "opdrachtgever", "status", "start", "eind"]
    list_filter = ["soort", "status", "deelt_voortgang"]
    search_fields = ["titel", "coach__email", "coach__weergavenaam"]
    list_select_related = ["coach", "opdrachtgever"]
    date_hierarchy = "start"
    fields = [
        "titel",
        "soort",
        "coach",
        "coachees",
        "opdrachtgever",
        "opgave",
        "deelt_voortgang",
        "status",
        "start",
        "eind",
        "aangemaakt_op",
    ]

    def naam(self, traject: Coachtraject) -> str:
        return traject.titel


@admin.register(Coachgesprek)
class CoachgesprekAdmin(AlleenMetadataAdmin):
    list_display = ["nummer", "traject", "datum", "aangemaakt_op"]
    list_display_links = ["nummer"]
    search_fields = ["traject__titel"]
    list_select_related = ["traject"]
    date_hierarchy = "datum"
    fields = ["traject", "datum", "aangemaakt_op"]

    @admin.display(description=_("number"), ordering="pk")
    def nummer(self, gesprek: Coachgesprek) -> str:
        return self.naam(gesprek)


@admin.register(Actiepunt)
class ActiepuntAdmin(AlleenMetadataAdmin):
    list_display = ["nummer", "gesprek", "eigenaar", "deadline", "afgerond_op"]
    list_display_links = ["nummer"]
    search_fields = ["eigenaar__email", "gesprek__traject__titel"]
    list_select_related = ["gesprek__traject", "eigenaar"]
    fields = ["gesprek", "eigenaar", "deadline", "afgerond_op"]

    @admin.display(description=_("number"), ordering="pk")
    def nummer(self, punt: Actiepunt) -> str:
        return self.naam(punt)


@admin.register(Feedback)
class FeedbackAdmin(AlleenMetadataAdmin):
    list_display = ["nummer", "ervaring", "auteur", "coach", "aangemaakt_op"]
    list_display_links = ["nummer"]
    search_fields = ["coach__email", "leerervaring__auteur__email"]
    list_select_related = ["coach", "leerervaring__auteur"]
    date_hierarchy = "aangemaakt_op"
    fields = ["ervaring", "auteur", "coach", "aangemaakt_op"]

    @admin.display(description=_("number"), ordering="pk")
    def nummer(self, feedback: Feedback) -> str:
        return self.naam(feedback)

    @admin.display(description=_("learning entry"))
    def ervaring(self, feedback: Feedback) -> str:
        # The number, never the entry's title.
        return f"{capfirst(Leerervaring._meta.verbose_name)} #{feedback.leerervaring_id}"

    @admin.display(description=_("author"))
    def auteur(self, feedback: Feedback) -> str:
        return str(feedback.leerervaring.auteur)
