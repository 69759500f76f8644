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
        # AVG: the account's own data in the personal-data registry (accounts.privacy).
        from accounts import privacy

        privacy.account_registreren()
        # A person whose erasure is scheduled is reminded when logging in (a message).
        from django.contrib.auth.signals import user_logged_in

        from accounts.views import verwijdering_melden

        user_logged_in.connect(verwijdering_melden, dispatch_uid="accounts-verwijdering-melden")
        # Staff idle timeout: the clock starts at login (accounts.middleware).
        from accounts.middleware import activiteit_bij_inloggen

        user_logged_in.connect(activiteit_bij_inloggen, dispatch_uid="accounts-idle-start")
        # The quarterly role review (beveiliging, a lower floor) lists holders of these roles.
        from accounts.roles import STAFF_ROLES
        from beveiliging.rolreview import groepen_registreren

        groepen_registreren(*STAFF_ROLES)
        # A new session key once a second factor is added (session fixation).
        from allauth.mfa.signals import authenticator_added

        from accounts.adapters import new_session_key_after_adding_a_factor

        authenticator_added.connect(
            new_session_key_after_adding_a_factor, dispatch_uid="accounts-mfa-new-session"
        )
        self._rechten_bijhouden()

    @staticmethod
    def _rechten_bijhouden() -> None:
        """Roles, permissions and TOTP are cached per user (accounts.rechten); these
        signals mark a user's cached profile out of date when any of them changes."""
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from allauth.mfa.models import Authenticator

        from accounts import rechten
        from accounts.models import User

        for through in (User.groups.through, User.user_permissions.through):
            m2m_changed.connect(
                rechten.bij_groepen_van_user, sender=through, dispatch_uid=f"rechten-{through}"
            )
        m2m_changed.connect(
            rechten.bij_rechten_van_groep,
            sender=Group.permissions.through,
            dispatch_uid="rechten-groep-permissions",
        )
        for signal in (post_save, post_delete):
            signal.connect(rechten.bij_user, sender=User, dispatch_uid=f"rechten-user-{signal}")
            signal.connect(
                rechten.bij_authenticator,
                sender=Authenticator,
                dispatch_uid=f"rechten-totp-{signal}",
            )
            for model in (Group, Permission):
                signal.connect(
                    rechten.bij_groep, sender=model, dispatch_uid=f"rechten-{model}-{signal}"
                )
