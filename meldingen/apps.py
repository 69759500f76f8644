from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeldingenConfig(AppConfig):
    name = "meldingen"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from meldingen import privacy  # AVG export and erasure (accounts.privacy)

        privacy.registreren()
