"""Reads of opgaven and their parts, always scoped to what the user may see (DESIGN §6.5)."""

from opgaven.selectors.opgaven import (
    faseovergangen_van,
    opgave_get_visible,
    opgaven_visible_to,
    opgaven_zoeken,
    opgaverollen_actief,
)
