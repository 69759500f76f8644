"""Admin for reporting: read-only. Jobs are requested on the pages and built by the
worker; a goal status is set by the regisseur; the export log is evidence and is
never changed. An administrator can see what was made, for whom, and what failed.
"""

from __future__ import annotations

from django.contrib import admin

from config.beheer import AlleenLezenAdmin
from rapportage.models import Doelstatus, Exportregistratie, Rapport


@admin.register(Rapport)
class RapportAdmin(AlleenLezenAdmin):
    list_display = (
        "pk",
        "soort",
        "formaat",
        "status",
        "voortgang",
        "aangevraagd_door",
        "aangemaakt_op",
        "verloopt_op",
    )
    list_filter = ("status", "soort", "formaat")
    list_select_related = ("aangevraagd_door",)
    date_hierarchy = "aangemaakt_op"
    fields = (
        "soort",
        "formaat",
        "status",
        "voortgang",
        "pogingen",
        "fout",
        "aangevraagd_door",
        "opgave",
        "ronde",
        "pot",
        "traject",
        "periode_van",
        "periode_tot",
        "maand",
        "bestandsnaam",
        "aangemaakt_op",
        "gestart_op",
        "bijgewerkt_op",
        "klaar_op",
        "verloopt_op",
    )


@admin.register(Doelstatus)
class DoelstatusAdmin(AlleenLezenAdmin):
    list_display = ("doel", "kleur", "gezet_door", "gezet_op")
    list_filter = ("kleur",)
    list_select_related = ("doel", "gezet_door")
    fields = ("doel", "kleur", "toelichting", "gezet_door", "gezet_op")


@admin.register(Exportregistratie)
class ExportregistratieAdmin(AlleenLezenAdmin):
    list_display = ("op", "door", "ronde", "wat", "formaat")
    list_filter = ("wat", "formaat")
    list_select_related = ("door", "ronde")
    date_hierarchy = "op"
    fields = ("op", "door", "ronde", "wat", "formaat")
