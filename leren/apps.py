from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LerenConfig(AppConfig):
    name = "leren"
    verbose_name = _("Learning")

    def ready(self) -> None:
        from leren import privacy  # AVG export and erasure (accounts.privacy)

        privacy.registreren()
