"""The scale of a run and the state shared by the generator's modules."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta


@dataclass(frozen=True)
class Schaal:
    opgaven: int
    organisaties: int
    inwoners: int
    ambtenaren: int
    adviseurs: int
    rondes: int
    inbreng: int
    steun: int
    reacties: int
    stemkeuzes: int
    leerervaringen: int
    drukke_rondes: int  # the hot rounds, DRUKKE_RONDE first
    per_drukke_ronde: int  # inputs in each hot round
    begrotingen: int


SCHALEN = {
    "groot": Schaal(
        opgaven=1_000,
        organisaties=3_000,
        inwoners=200_000,
        ambtenaren=2_000,
        adviseurs=50,
        rondes=2_000,
        inbreng=1_000_000,
        steun=3_000_000,
        reacties=300_000,
        stemkeuzes=400_000,
        leerervaringen=100_000,
        drukke_rondes=5,
        per_drukke_ronde=50_000,
        begrotingen=60,
    ),
    # The same shape at 1/100; one hot round (half of all input), which stays the hottest.
    "klein": Schaal(
        opgaven=10,
        organisaties=30,
        inwoners=2_000,
        ambtenaren=20,
        adviseurs=3,
        rondes=20,
        inbreng=10_000,
        steun=30_000,
        reacties=3_000,
        stemkeuzes=4_000,
        leerervaringen=1_000,
        drukke_rondes=1,
        per_drukke_ronde=5_000,  # page 200 of the hot round exists (25 per page)
        begrotingen=2,
    ),
}


@dataclass
class Context:
    """What one module makes and a later one needs (ids, lists), plus the seed."""

    seed: int
    schaal: Schaal
    peildatum: date
    # Users by kind (ids); personas by their kenmerken e-mail.
    personas: dict[str, int] = field(default_factory=dict)
    ambtenaren: list[int] = field(default_factory=list)
    adviseurs: list[int] = field(default_factory=list)
    beheerders: list[int] = field(default_factory=list)
    partners: list[int] = field(default_factory=list)
    inwoners: list[int] = field(default_factory=list)  # ids, consecutive
    inwoner_wijk: dict[int, int] = field(default_factory=dict)  # filled lazily by wijk_van
    # Reference data from the migrations.
    gemeente: int = 0
    wijken: list[int] = field(default_factory=list)
    buurten: dict[int, list[int]] = field(default_factory=dict)  # wijk id -> buurt ids
    themas: list[int] = field(default_factory=list)
    competenties: list[int] = field(default_factory=list)
    groepen: dict[str, int] = field(default_factory=dict)
    content_types: dict[str, int] = field(default_factory=dict)
    permissies: dict[str, int] = field(default_factory=dict)
    # Made by partners and opgaven, used by later modules.
    organisaties: list[int] = field(default_factory=list)
    contactpersoon: dict[int, int] = field(default_factory=dict)  # organisatie -> user
    opgaven: list[dict] = field(default_factory=list)
    # Rounds made by participatie (for leren's session links).
    sessies: list[int] = field(default_factory=list)

    def rng(self, naam: str) -> random.Random:
        """A random generator of its own per part, so one part's change leaves the rest."""
        return random.Random(f"{self.seed}:{naam}")  # noqa: S311 - test data, not secrets

    @property
    def nu(self) -> datetime:
        return datetime.combine(self.peildatum, time(12, 0), tzinfo=UTC)

    def dag(self, dagen: int) -> date:
        return self.peildatum + timedelta(days=dagen)

    def moment(self, dagen: float) -> datetime:
        """``dagen`` days from now (negative: in the past), to the second."""
        return self.nu + timedelta(seconds=int(dagen * 86400))

    def wijk_van(self, inwoner: int) -> int:
        """The district a resident lives in (fixed by id, so voters can be picked by it)."""
        return self.wijken[inwoner % len(self.wijken)]
