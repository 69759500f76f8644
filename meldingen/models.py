from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class Soort(models.TextChoices):
    """The kinds of notification. Their texts and defaults live in meldingen.soorten."""

    WELKOM = "welkom", _("Welcome after sign-up")
    ROL_TOEGEKEND = "rol_toegekend", _("Role on an opgave granted")
    FASE_GEWIJZIGD = "fase_gewijzigd", _("Phase of an opgave changed")
    INSTEMMING_GEVRAAGD = "instemming_gevraagd", _("Consent to a plan of action asked")
    PLAN_BEZWAAR = "plan_bezwaar", _("Objection to a plan of action")
    PLAN_VASTGESTELD = "plan_vastgesteld", _("Plan of action adopted")
    TOEWIJZING_GEVRAAGD = "toewijzing_gevraagd", _("Approval of an allocation asked")
    TOEWIJZING_BESLOTEN = "toewijzing_besloten", _("Allocation decided")
    TERUGKOPPELING = "terugkoppeling", _("Feedback on your input")
    INBRENG_VERBORGEN = "inbreng_verborgen", _("Your input or comment was hidden")
    WACHTLIJST_PLAATS = "wachtlijst_plaats", _("A place in a session became free for you")
    SESSIE_HERINNERING = "sessie_herinnering", _("Reminder of a session")
    STEMMEN_OPEN = "stemmen_open", _("Voting in a participatory budget opened")
    STEMBILJET_HERINNERING = "stembiljet_herinnering", _("Reminder of an unconfirmed ballot")
    UITSLAG_GEPUBLICEERD = "uitslag_gepubliceerd", _("Result of a participatory budget")
    LEER_FEEDBACK = "leer_feedback", _("Feedback from your coach")
    RAPPORT_KLAAR = "rapport_klaar", _("A report is ready")
    GEGEVENS_KLAAR = "gegevens_klaar", _("Your personal data download is ready")
    ACCOUNT_INACTIEF = "account_inactief", _("Your account is about to be anonymised")
    TEST = "test", _("Test notification")


class Bezorging(models.TextChoices):
    """How a person wants to hear about one kind of notification."""

    DIRECT = "direct", _("E-mail straight away")
    DAGELIJKS = "dagelijks", _("In the daily digest")
    UIT = "uit", _("Only in my inbox")


class Melding(models.Model):
    """One notification for one person. Unique per (ontvanger, soort, object, dedupe)."""

    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meldingen",
        verbose_name=_("recipient"),
    )
    soort = models.CharField(_("kind"), max_length=40, choices=Soort.choices)
    object_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("object type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    object = GenericForeignKey("object_type", "object_id")
    dedupe = models.CharField(_("deduplication key"), max_length=100, blank=True, default="")
    context = models.JSONField(_("context"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    bezorging = models.CharField(_("delivery"), max_length=10, choices=Bezorging.choices)
    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    gelezen_op = models.DateTimeField(_("read at"), null=True, blank=True)
    gemaild_op = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ontvanger", "soort", "object_type", "object_id", "dedupe"],
                nulls_distinct=False,
                name="melding_uniek_per_ontvanger_soort_object_dedupe",
            ),
        ]
        indexes = [
            models.Index(
                fields=["ontvanger"],
                condition=models.Q(gelezen_op__isnull=True),
                name="melding_ongelezen_idx",
            ),
            models.Index(
                fields=["bezorging", "aangemaakt_op"],
                condition=models.Q(gemaild_op__isnull=True),
                name="melding_te_mailen_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} → {self.ontvanger_id}"

    # Rendered once per instance (a mail uses the title four times), in the
    # language active at first use.
    @cached_property
    def titel(self) -> str:
        from meldingen.soorten import render_titel

        return render_titel(self)

    @cached_property
    def tekst(self) -> str:
        from meldingen.soorten import render_tekst

        return render_tekst(self)


class Voorkeur(models.Model):
    """A person's choice of delivery for one kind. No row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meldingvoorkeuren",
        verbose_name=_("user"),
    )
    soort = models.CharField(_("kind"), max_length=40, choices=Soort.choices)
    bezorging = models.CharField(_("delivery"), max_length=10, choices=Bezorging.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "soort"], name="voorkeur_uniek_per_soort"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.soort} = {self.bezorging}"
