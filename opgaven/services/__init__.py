"""Every state change in opgaven (STYLE "Business logic"), one module per area.

Other apps and the views import from ``opgaven.services``; the areas are
``opgaven`` (opgave, phase, roles, permissions), ``doelen``, ``krachtenveld``,
``plan`` (plan van aanpak, acties, instemming) and ``besluiten``.
"""

from opgaven.services.opgaven import (
    DERIVED_PERMISSIONS,
    OPGAVEROL_PERMISSIONS,
    RESERVED_SLUGS,
    UPDATABLE_FIELDS,
    FaseOvergangNietToegestaan,
    opgave_create,
    opgave_fase_wijzigen,
    opgave_permissions_sync,
    opgave_permissions_sync_all,
    opgave_update,
    opgaverol_beeindigen,
    opgaverol_toekennen,
    opgaverol_verwijderen,
)
