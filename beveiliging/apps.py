from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeveiligingConfig(AppConfig):
    name = "beveiliging"
    verbose_name = _("Security")

    def ready(self) -> None:
        # Wiring, not domain flow: the security events of auth, allauth and the
        # admin go to the audit log (beveiliging/signalen.py).
        from beveiliging.signalen import verbinden

        verbinden()
