from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = _("Joint budget")

    def ready(self):
        # The budget tab in the opgave's workspace and the budget sections of the
        # partner portal: opgaven and partners are lower floors and never import budget.
        from budget import portaal, services
        from opgaven import financiering
        from opgaven.views.werkruimte import Tab, tab_registreren

        tab_registreren(Tab("budget", "budget:pot", _("Budget")), na="plan")
        portaal.registreren()
        # Winning proposals of a participatory budget ask the pot for money.
        financiering.registreren(services.toewijzing_voor_actie)
        from budget import privacy  # AVG export (accounts.privacy)

        privacy.registreren()
