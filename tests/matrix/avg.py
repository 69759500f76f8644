"""Permission matrix rows for "Mijn gegevens" (issue 10 point 1, AVG). (Helper "avg".)

- every logged-in persona opens their own page, asks for their download, sees the
  confirmation step of erasing and may undo it; a visitor is sent to log in;
- a download belongs to its owner: ``inwoner``'s file is a 404 for everyone else;
- mutations are POST only (405 otherwise); an empty confirmation form shows its
  errors (200) and changes nothing.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Gegevensexport
from tests.permission_matrix import LOGIN, Case, Redirect, expect

GEGEVENS = Redirect("gegevens")


def export_van_inwoner(f: Any) -> dict[str, Any]:
    nu = timezone.now()
    export = Gegevensexport.objects.create(
        user=f.inwoner,
        status=Gegevensexport.Status.KLAAR,
        klaar_op=nu,
        verloopt_op=nu + timedelta(days=7),
    )
    export.bestand.save(f"matrix-{export.pk}.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18))
    return {"pk": export.pk}


CASES: list[Case] = [
    Case("gegevens", expect(200, anoniem=LOGIN)),
    Case("gegevens", expect(405, anoniem=LOGIN), method="post"),
    Case("gegevens_exporteren", expect(405, anoniem=LOGIN)),
    Case("gegevens_exporteren", expect(GEGEVENS, anoniem=LOGIN), method="post"),
    Case(
        "gegevens_download",
        expect(404, anoniem=LOGIN, inwoner=200),
        kwargs=export_van_inwoner,
    ),
    Case(
        "gegevens_download",
        expect(405, anoniem=LOGIN),
        kwargs=export_van_inwoner,
        method="post",
    ),
    Case("account_verwijderen", expect(200, anoniem=LOGIN)),
    Case("account_verwijderen", expect(200, anoniem=LOGIN), method="post"),
    Case("account_verwijderen", expect(405, anoniem=LOGIN), method="put"),
    Case("account_verwijderen_annuleren", expect(405, anoniem=LOGIN)),
    Case("account_verwijderen_annuleren", expect(GEGEVENS, anoniem=LOGIN), method="post"),
]
