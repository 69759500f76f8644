from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpgavenConfig(AppConfig):
    name = "opgaven"
    verbose_name = _("Opgaven")

    def ready(self):
        # Sections on the organisation pages of partners (a lower floor).
        from opgaven import portaal

        portaal.registreren()
        from opgaven import privacy  # AVG export and erasure (accounts.privacy)

        privacy.registreren()
