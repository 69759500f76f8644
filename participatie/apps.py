from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipatieConfig(AppConfig):
    name = "participatie"
    verbose_name = _("Participation")
