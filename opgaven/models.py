from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class Fase(models.TextChoices):
    VERKENNEN = "verkennen", _("Exploring")
    DELEN = "delen", _("Sharing")
    OVEREENKOMEN = "overeenkomen", _("Agreeing")
    VORMGEVEN = "vormgeven", _("Shaping")
    UITVOEREN = "uitvoeren", _("Carrying out")
    EVALUEREN = "evalueren", _("Evaluating")
    AFGEROND = "afgerond", _("Completed")
    GESTOPT = "gestopt", _("Stopped")


class Zichtbaarheid(models.TextChoices):
    OPENBAAR = "openbaar", _("Public")
    INTERN = "intern", _("Internal")


class Opgave(models.Model):
    titel = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    vraagstuk = models.TextField(
        _("the question at stake"), help_text=_("The opgave as residents live it.")
    )
    fase = models.CharField(_("phase"), max_length=20, choices=Fase.choices, default=Fase.VERKENNEN)
    zichtbaarheid = models.CharField(
        _("visibility"), max_length=10, choices=Zichtbaarheid.choices, default=Zichtbaarheid.INTERN
    )
    gearchiveerd = models.BooleanField(_("archived"), default=False)
    aangemaakt_op = models.DateTimeField(_("created at"), auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    gewijzigd_op = models.DateTimeField(_("changed at"), auto_now=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("opgave")
        verbose_name_plural = _("opgaven")
        ordering = ["titel"]
        permissions = [("view_interne_opgave", _("Can see internal opgaven"))]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(slug=""),
                name="opgave_slug_not_empty",
                violation_error_message=_("An opgave needs a slug."),
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("opgaven:detail", kwargs={"slug": self.slug})


class Opgaverol(models.Model):
    """A person's role on one opgave: the single source of per-opgave rights.

    The role applies from ``van`` up to, but not including, ``tot``; ending a
    role today (``tot = today``) takes its rights away today. Change roles only
    through ``opgaven.services``, which derives the guardian permissions.
    """

    class Rol(models.TextChoices):
        BESTUURLIJK_OPDRACHTGEVER = "bestuurlijk_opdrachtgever", _("Political sponsor")
        AMBTELIJK_OPDRACHTGEVER = "ambtelijk_opdrachtgever", _("Administrative sponsor")
        OPGAVEREGISSEUR = "opgaveregisseur", _("Task director")
        KERNTEAMLID = "kernteamlid", _("Core team member")

    opgave = models.ForeignKey(
        Opgave, on_delete=models.CASCADE, related_name="rollen", verbose_name=_("opgave")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="opgaverollen",
        verbose_name=_("user"),
    )
    rol = models.CharField(_("role"), max_length=30, choices=Rol.choices)
    van = models.DateField(_("from"), help_text=_("The first day this role applies."))
    tot = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("The role ends at the start of this day. Empty while the role lasts."),
    )

    class Meta:
        verbose_name = _("opgave role")
        verbose_name_plural = _("opgave roles")
        ordering = ["opgave", "rol"]
        constraints = [
            models.UniqueConstraint(
                fields=["opgave", "user", "rol"],
                condition=models.Q(tot__isnull=True),
                name="opgaverol_one_active_per_role",
                violation_error_message=_("This person already holds this role on this opgave."),
            ),
            models.CheckConstraint(
                condition=models.Q(tot__isnull=True) | models.Q(tot__gte=models.F("van")),
                name="opgaverol_tot_after_van",
                violation_error_message=_("A role cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rol_display()}: {self.user} ({self.opgave})"


# Direct-foreign-key object permissions (django-guardian): fast joins on busy tables.
class OpgaveUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Opgave, on_delete=models.CASCADE)


class OpgaveGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Opgave, on_delete=models.CASCADE)


class FaseOvergang(models.Model):
    """One phase change of an opgave: who moved it, when, from which phase to which, and why.

    Written only by ``services.opgave_fase_wijzigen``; never changed afterwards.
    """

    opgave = models.ForeignKey(
        Opgave, on_delete=models.CASCADE, related_name="faseovergangen", verbose_name=_("opgave")
    )
    van = models.CharField(_("from phase"), max_length=20, choices=Fase.choices)
    naar = models.CharField(_("to phase"), max_length=20, choices=Fase.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    op = models.DateTimeField(_("at"), default=timezone.now)
    reden = models.TextField(
        _("reason"),
        help_text=_("Why the opgave moves to this phase, for everyone who reads it later."),
    )

    class Meta:
        verbose_name = _("phase transition")
        verbose_name_plural = _("phase transitions")
        ordering = ["-op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reden=""),
                name="faseovergang_reden_not_empty",
                violation_error_message=_("Give a reason for the phase change."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opgave}: {self.get_van_display()} → {self.get_naar_display()}"
