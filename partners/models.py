"""Organisations that work on opgaven with the municipality, and their members.

Issue 4 needs the register's core (an organisation, its members); the
partner portal, invitations and contact persons' screens build on it (issue 5).
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from config.audit import gevolgd


@gevolgd
class Organisatie(models.Model):
    class Soort(models.TextChoices):
        GEMEENTE = "gemeente", _("Municipality")
        OVERHEID = "overheid", _("Other government")
        ZORG_EN_WELZIJN = "zorg_en_welzijn", _("Care and welfare")
        WONINGCORPORATIE = "woningcorporatie", _("Housing association")
        ONDERWIJS = "onderwijs", _("Education")
        BEDRIJF = "bedrijf", _("Business")
        MAATSCHAPPELIJK = "maatschappelijk", _("Civil society organisation")
        BEWONERSINITIATIEF = "bewonersinitiatief", _("Residents' initiative")
        KENNISINSTELLING = "kennisinstelling", _("Knowledge institution")
        FONDS = "fonds", _("Fund")

    naam = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    soort = models.CharField(_("kind"), max_length=30, choices=Soort.choices)
    kvk_nummer = models.CharField(
        _("KvK number"),
        max_length=8,
        blank=True,
        validators=[
            RegexValidator(r"^\d{8}$", _("A KvK number has exactly 8 digits."), code="kvk")
        ],
    )
    website = models.URLField(_("website"), blank=True)
    beschrijving = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kvk_nummer="") | models.Q(kvk_nummer__regex=r"^\d{8}$"),
                name="organisatie_kvk_8_cijfers",
                violation_error_message=_("A KvK number has exactly 8 digits."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("admin:partners_organisatie_change", args=[self.pk])


@gevolgd
class Lidmaatschap(models.Model):
    """A person working for an organisation. It applies from ``van`` up to, not
    including, ``tot``: ending it today takes its access away today."""

    class Rol(models.TextChoices):
        CONTACTPERSOON = "contactpersoon", _("Contact person")
        LID = "lid", _("Member")

    class Soort(models.TextChoices):
        BETAALD = "betaald", _("Paid professional")
        ONBETAALD = "onbetaald", _("Unpaid professional")
        VRIJWILLIGER = "vrijwilliger", _("Volunteer")

    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
        verbose_name=_("user"),
    )
    rol = models.CharField(_("role"), max_length=20, choices=Rol.choices, default=Rol.LID)
    soort = models.CharField(
        _("kind of professional"), max_length=20, choices=Soort.choices, default=Soort.BETAALD
    )
    van = models.DateField(_("from"))
    tot = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisatie", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "user"],
                condition=models.Q(tot__isnull=True),
                name="lidmaatschap_een_actief",
                violation_error_message=_("This person is already a member of this organisation."),
            ),
            models.CheckConstraint(
                condition=models.Q(tot__isnull=True) | models.Q(tot__gte=models.F("van")),
                name="lidmaatschap_tot_na_van",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisatie})"
