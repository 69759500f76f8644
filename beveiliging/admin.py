"""Admin for the audit log: search and read, never change (BIO 8.15), and the
quarterly role review (BIO 8.02) as a page of the same admin.

Only whoever may view ``Auditregel`` (the beheerder role) opens either; nobody,
not even a superuser, adds, changes or deletes a row (and the database refuses
it too: see the trigger on the model).
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from beveiliging.models import Auditregel
from beveiliging.rolreview import rolreview_rijen
from config.beheer import AlleenLezenAdmin
from config.spreadsheets import csv_stroom


@admin.register(Auditregel)
class AuditregelAdmin(AlleenLezenAdmin):
    list_display = ("tijdstempel", "actie", "resultaat", "object", "actor_id", "oorsprong")
    list_filter = ("actie", "resultaat")
    search_fields = ("actie", "object", "oorsprong")
    date_hierarchy = "tijdstempel"
    fields = ("tijdstempel", "actie", "resultaat", "object", "actor_id", "oorsprong", "details")
    show_full_result_count = False
    change_list_template = "beveiliging/auditregel_changelist.html"

    def get_urls(self):
        eigen = [
            path(
                "rolreview/",
                self.admin_site.admin_view(self.rolreview_view),
                name="beveiliging_auditregel_rolreview",
            ),
        ]
        return eigen + super().get_urls()

    def rolreview_view(self, request: HttpRequest) -> HttpResponse:
        if request.method != "GET":
            return HttpResponse(status=405, headers={"Allow": "GET"})
        if not self.has_view_permission(request):
            raise PermissionDenied
        rijen = rolreview_rijen()
        if request.GET.get("formaat") == "csv":
            return _rolreview_csv(rijen)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Role review"),
            "opts": self.model._meta,
            "rijen": rijen,
            "aantal_zonder_mfa": sum(1 for rij in rijen if not rij.mfa),
        }
        return TemplateResponse(request, "beveiliging/rolreview.html", context)


def _rolreview_csv(rijen) -> StreamingHttpResponse:
    koppen = [
        _("User id"),
        _("E-mail address"),
        _("Name"),
        _("Active"),
        _("Superuser"),
        _("Staff"),
        _("Roles"),
        _("Object permissions"),
        _("Opgave roles"),
        _("Last login"),
        _("Two-factor authentication"),
    ]
    regels = (
        [
            rij.user_id,
            rij.email,
            rij.naam,
            rij.actief,
            rij.superuser,
            rij.staff,
            ", ".join(rij.groepen),
            rij.objectrechten,
            ", ".join(rij.opgaverollen),
            rij.laatst_ingelogd,
            rij.mfa,
        ]
        for rij in rijen
    )
    response = StreamingHttpResponse(csv_stroom(koppen, regels), content_type="text/csv")
    naam = f"rolreview-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response
