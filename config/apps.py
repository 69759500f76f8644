from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The composition root: settings, URLs, Celery, site pages and the demo command."""

    name = "config"
    verbose_name = "Configuratie"
