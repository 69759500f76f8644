from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.deconstruct import deconstructible
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
    # AVG (accounts.services): erasure asked for, to happen at this moment unless undone;
    # when it happened; and when an inactive resident was warned.
    verwijderen_op = models.DateTimeField(_("to be erased at"), null=True, blank=True)
    geanonimiseerd_op = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    inactief_gewaarschuwd_op = models.DateTimeField(
        _("warned about inactivity at"), null=True, blank=True
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
        indexes = [
            models.Index(
                fields=["verwijderen_op"],
                name="user_te_verwijderen",
                condition=Q(verwijderen_op__isnull=False, geanonimiseerd_op__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.weergavenaam or self.email

    def get_full_name(self) -> str:
        return self.weergavenaam or self.email

    def get_short_name(self) -> str:
        return self.weergavenaam or self.email.split("@", 1)[0]


@deconstructible
class GegevensOpslag(FileSystemStorage):
    """Personal-data exports: a private directory (``GEGEVENS_ROOT``) without a public
    URL, outside MEDIA. Files are read only through ``accounts.views.gegevens_download``,
    by their owner."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self):  # type: ignore[override]
        return settings.GEGEVENS_ROOT

    @property
    def location(self):  # type: ignore[override]
        return str(settings.GEGEVENS_ROOT)

    def url(self, name):  # pragma: no cover - there is no public URL by design
        raise ValueError("Export files have no public URL; use gegevens_download.")


gegevens_opslag = GegevensOpslag()


class Gegevensexport(models.Model):
    """A download of all personal data of one person (AVG art. 15 and 20), made by a task."""

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", _("Waiting")
        BEZIG = "bezig", _("Being made")
        KLAAR = "klaar", _("Ready")
        MISLUKT = "mislukt", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="gegevensexports",
        verbose_name=_("user"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WACHTRIJ
    )
    bestand = models.FileField(
        _("file"), storage=gegevens_opslag, upload_to="%Y/%m/", blank=True, editable=False
    )
    aangemaakt_op = models.DateTimeField(_("requested at"), auto_now_add=True)
    klaar_op = models.DateTimeField(_("ready at"), null=True, blank=True)
    verloopt_op = models.DateTimeField(_("expires at"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal data export")
        verbose_name_plural = _("personal data exports")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [models.Index(fields=["user", "-aangemaakt_op"], name="gegevensexport_van_user")]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"

    # A job still waiting or running after this long is taken to be lost (a dead
    # worker, a lost message): the person may ask again.
    LOPEND_MAX = timedelta(hours=1)

    @property
    def is_lopend(self) -> bool:
        return (
            self.status in (self.Status.WACHTRIJ, self.Status.BEZIG)
            and self.aangemaakt_op is not None
            and self.aangemaakt_op > timezone.now() - self.LOPEND_MAX
        )
