from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapportageConfig(AppConfig):
    name = "rapportage"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from opgaven.views.werkruimte import overzicht_koppelingen_registreren
        from rapportage import bouwers
        from rapportage.views.doelstatus import overzicht_koppelingen

        bouwers.laden()
        # Links to the progress report and the goal statuses on the opgave's overview.
        overzicht_koppelingen_registreren(overzicht_koppelingen)
        from rapportage import privacy  # AVG export (accounts.privacy)

        privacy.registreren()
