from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.managers import UserManager


class User(AbstractUser):
    """A person on the platform. Logs in with e-mail; roles are Groups (accounts.roles)."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    weergavenaam = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("The name others see next to your contributions."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.weergavenaam or self.email

    def get_full_name(self) -> str:
        return self.weergavenaam or self.email

    def get_short_name(self) -> str:
        return self.weergavenaam or self.email.split("@", 1)[0]
