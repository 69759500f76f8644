"""Where report files live: a private directory, never served by the web server.

Files are read only through ``rapportage.views.rapport_download``, after the
permission check. The directory is ``settings.RAPPORT_ROOT``, read each time so a
test can point it elsewhere.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class RapportOpslag(FileSystemStorage):
    """A ``FileSystemStorage`` under ``RAPPORT_ROOT`` without a public URL."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self):  # type: ignore[override]
        return settings.RAPPORT_ROOT

    @property
    def location(self):  # type: ignore[override]
        return str(settings.RAPPORT_ROOT)

    def url(self, name):  # pragma: no cover - there is no public URL by design
        raise ValueError("Report files have no public URL; use rapportage:download.")


rapport_opslag = RapportOpslag()
