"""The stored audit log (BIO 8.15): one row per security event, never changed.

``Auditregel`` keeps what ``beveiliging.audit.vastleggen`` writes to the log
stream, so a beheerder can search it in the admin. The actor is a plain user id,
not a foreign key: erasing a user (AVG) leaves the log whole, and the log itself
holds no name or e-mail address. A PostgreSQL trigger refuses every UPDATE and
DELETE, whoever sends it (the admin, a bulk query or raw SQL).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

import pgtrigger


class Auditregel(models.Model):
    actie = models.CharField(_("action"), max_length=60)
    object = models.CharField(_("object"), max_length=200, blank=True)
    resultaat = models.CharField(_("result"), max_length=20)
    oorsprong = models.CharField(
        _("origin"), max_length=45, blank=True, help_text=_("The client's IP address.")
    )
    actor_id = models.BigIntegerField(
        _("actor"), null=True, blank=True, help_text=_("The user's id; empty for a visitor.")
    )
    tijdstempel = models.DateTimeField(_("timestamp"))
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log entries")
        ordering = ["-tijdstempel", "-id"]
        indexes = [
            models.Index(fields=["tijdstempel"], name="auditregel_tijdstempel"),
            models.Index(fields=["actie", "tijdstempel"], name="auditregel_actie"),
        ]
        triggers = [
            pgtrigger.Protect(
                name="auditregel_alleen_toevoegen", operation=pgtrigger.Update | pgtrigger.Delete
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tijdstempel:%Y-%m-%d %H:%M:%S} {self.actie} ({self.resultaat})"
