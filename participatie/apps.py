from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipatieConfig(AppConfig):
    name = "participatie"
    verbose_name = _("Participation")

    def ready(self):
        # The participation tab in the opgave's workspace: opgaven is a lower floor
        # and never imports participatie.
        from opgaven.views.werkruimte import Tab, tab_registreren

        tab_registreren(
            Tab("participatie", "participatie:opgave_rondes", _("Participation")), na="budget"
        )
        from participatie import privacy  # AVG export and erasure (accounts.privacy)

        privacy.registreren()
