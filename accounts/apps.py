from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_role_permissions(sender, **kwargs):
    # post_migrate is sent once per app; permissions of every app exist only
    # after the last one, so act then.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is not with_models[-1]:
        return
    from accounts.services import role_permissions_sync

    role_permissions_sync()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        # Set-up wiring, not domain flow: keep the role groups' verbs in step
        # with accounts.roles after every migrate.
        post_migrate.connect(_sync_role_permissions, dispatch_uid="accounts-role-perms")
