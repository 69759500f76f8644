"""Demo opgaven of Gemeente Demodam (DESIGN §7). Idempotent: safe to run again.

Found by title: an opgave that exists is left as it is (a demo user may have
edited it), only missing opgaven and roles are added.
"""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from opgaven.models import Fase, FaseOvergang, Opgave, Opgaverol, Zichtbaarheid
from opgaven.services import opgave_create, opgaverol_toekennen

REGISSEUR = "regisseur@demodam.nl"
AMBTENAAR = "ambtenaar@demodam.nl"
BEHEERDER = "beheerder@demodam.nl"

# (titel, fase, zichtbaarheid, vraagstuk, [(e-mail, rol), ...])
DEMO_OPGAVEN: list[tuple[str, Fase, Zichtbaarheid, str, list[tuple[str, Opgaverol.Rol]]]] = [
    (
        "Energietransitie Demodam-Noord",
        Fase.UITVOEREN,
        Zichtbaarheid.OPENBAAR,
        "Bewoners van Demodam-Noord willen van het gas af, maar weten niet waar ze moeten "
        "beginnen. De energierekening stijgt, de huizen zijn oud en slecht geïsoleerd, en "
        "huurders hebben weinig te zeggen over hun woning.",
        [(REGISSEUR, Opgaverol.Rol.OPGAVEREGISSEUR), (AMBTENAAR, Opgaverol.Rol.KERNTEAMLID)],
    ),
    (
        "Samen tegen eenzaamheid",
        Fase.DELEN,
        Zichtbaarheid.OPENBAAR,
        "Steeds meer inwoners van Demodam, jong en oud, voelen zich eenzaam. Buurthuizen, "
        "kerken, sportclubs en zorgaanbieders doen veel, maar weten vaak niet van elkaar wat "
        "ze doen en wie ze missen.",
        [],
    ),
    (
        "Leefbaarheid Stationskwartier",
        Fase.VERKENNEN,
        Zichtbaarheid.INTERN,
        "Rond het station voelen bewoners en ondernemers zich 's avonds minder veilig. Er is "
        "overlast, leegstand en weinig groen. Wat speelt er precies, en wie kan wat doen?",
        [(REGISSEUR, Opgaverol.Rol.OPGAVEREGISSEUR)],
    ),
    (
        "Preventie verslaving jongeren",
        Fase.OVEREENKOMEN,
        Zichtbaarheid.INTERN,
        "Jongeren in Demodam komen steeds jonger in aanraking met alcohol, drugs en gokken. "
        "Scholen, jongerenwerk, GGD en ouders willen samen voorkomen dat het misgaat.",
        [],
    ),
]


# The phase history of one opgave: (days ago, van, naar, reden). It ends in
# the opgave's current phase, so the history and the phase tell one story.
DEMO_FASEOVERGANGEN: dict[str, list[tuple[int, Fase, Fase, str]]] = {
    "Energietransitie Demodam-Noord": [
        (
            240,
            Fase.OVEREENKOMEN,
            Fase.VORMGEVEN,
            "Woningcorporatie, energiecoöperatie en bewonersraad zijn het eens over het doel: "
            "in vijf jaar de helft van de woningen van het gas af.",
        ),
        (
            90,
            Fase.VORMGEVEN,
            Fase.UITVOEREN,
            "Het plan van aanpak is vastgesteld; de eerste vijftig woningen worden dit "
            "voorjaar geïsoleerd.",
        ),
    ],
}


def seed(users: dict[str, User]) -> list[Opgave]:
    """Create the demo opgaven and their roles. ``users`` maps e-mail to the demo accounts."""
    opgaven = []
    for titel, fase, zichtbaarheid, vraagstuk, rollen in DEMO_OPGAVEN:
        opgave = Opgave.objects.filter(titel=titel).order_by("pk").first()
        if opgave is None:
            opgave = opgave_create(
                door=users[BEHEERDER],
                titel=titel,
                vraagstuk=vraagstuk,
                zichtbaarheid=zichtbaarheid,
                fase=fase,
            )
        for email, rol in rollen:
            opgaverol_toekennen(opgave=opgave, user=users[email], rol=rol, door=users[BEHEERDER])
        _seed_faseovergangen(opgave, door=users[REGISSEUR])
        opgaven.append(opgave)
    return opgaven


def _seed_faseovergangen(opgave: Opgave, *, door: User) -> None:
    """Write the demo's past phase changes once, dated in the past.

    History is recorded, not replayed: running the service now would date
    every change today and notify people of changes long gone.
    """
    if opgave.faseovergangen.exists():
        return
    nu = timezone.now()
    FaseOvergang.objects.bulk_create(
        FaseOvergang(
            opgave=opgave,
            van=van,
            naar=naar,
            door=door,
            op=nu - timedelta(days=dagen),
            reden=reden,
        )
        for dagen, van, naar, reden in DEMO_FASEOVERGANGEN.get(opgave.titel, [])
    )
