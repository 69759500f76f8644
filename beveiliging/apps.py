from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeveiligingConfig(AppConfig):
    name = "beveiliging"
    verbose_name = _("Security")
