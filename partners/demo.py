"""Demo organisations of Gemeente Demodam and the people who work for them (DESIGN §7).

Idempotent: an organisation is found by name and left as it is (a demo user
may have edited it); only missing organisations, people and memberships are
added. The demo account partner@demodam.nl is the contact person of
Woonstichting Demodam. The other members are people without a login: they
exist so every organisation has someone who speaks for it (the consents of the
plan van aanpak, for instance). They get no opgave roles, so the demo never
notifies their made-up addresses.
"""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from accounts.roles import Rol
from accounts.services import user_create
from partners.models import Lidmaatschap, Organisatie
from partners.services import lidmaatschap_toevoegen, organisatie_create

PARTNER = "partner@demodam.nl"
WOONSTICHTING = "Woonstichting Demodam"

# (naam, soort, KvK-nummer, website, beschrijving)
DEMO_ORGANISATIES: list[tuple[str, Organisatie.Soort, str, str, str]] = [
    (
        "Gemeente Demodam",
        Organisatie.Soort.GEMEENTE,
        "",
        "https://www.demodam.nl",
        "De gemeente. Zij regisseert de opgaven en werkt samen met de partners hieronder.",
    ),
    (
        WOONSTICHTING,
        Organisatie.Soort.WONINGCORPORATIE,
        "41234567",
        "https://www.woonstichting.demodam.nl",
        "Verhuurt ruim 9.000 woningen in Demodam, de helft daarvan in Noorderpolder en "
        "het centrum. Heeft ook zes wooncomplexen voor ouderen.",
    ),
    (
        "Energiecoöperatie Demodam Duurzaam",
        Organisatie.Soort.MAATSCHAPPELIJK,
        "62345678",
        "https://www.duurzaam.demodam.nl",
        "Coöperatie van bewoners die zonnepanelen op daken legt en energiecoaches opleidt.",
    ),
    (
        "Bewonersraad Noorderpolder",
        Organisatie.Soort.BEWONERSINITIATIEF,
        "",
        "",
        "Vrijwilligers die opkomen voor de bewoners van Noorderpolder, huurders en kopers.",
    ),
    (
        "Netbeheer Delta-Noord",
        Organisatie.Soort.BEDRIJF,
        "24345679",
        "https://www.netbeheer-deltanoord.demodam.nl",
        "Beheert het elektriciteits- en gasnet in de regio.",
    ),
    (
        "Zorggroep De Linde",
        Organisatie.Soort.ZORG_EN_WELZIJN,
        "41176543",
        "https://www.delinde.demodam.nl",
        "Thuiszorg, dagbesteding en twee verpleeghuizen in Oosterhout en Zuiderpark.",
    ),
    (
        "Stichting Welzijn Demodam",
        Organisatie.Soort.ZORG_EN_WELZIJN,
        "41187654",
        "https://www.welzijn.demodam.nl",
        "Ouderenwerk, buurthuizen en mantelzorgondersteuning in alle wijken.",
    ),
    (
        "GGD Regio Demodam",
        Organisatie.Soort.OVERHEID,
        "",
        "https://www.ggd.demodam.nl",
        "Publieke gezondheid: monitors, preventie en voorlichting voor de regio.",
    ),
    (
        "Demodam College",
        Organisatie.Soort.ONDERWIJS,
        "41198765",
        "https://www.demodamcollege.demodam.nl",
        "Middelbare school met 1.400 leerlingen, vmbo tot en met vwo.",
    ),
    (
        "Stichting Jongerenwerk Demodam",
        Organisatie.Soort.MAATSCHAPPELIJK,
        "41165432",
        "",
        "Jongerenwerkers op straat, in de jongerencentra en online.",
    ),
    (
        "Sportclub Westerdijk",
        Organisatie.Soort.MAATSCHAPPELIJK,
        "40123456",
        "",
        "Voetbal, atletiek en walking football, met een kantine die de hele wijk kent.",
    ),
    (
        "Ondernemersvereniging Centrum Demodam",
        Organisatie.Soort.BEDRIJF,
        "40234567",
        "",
        "Winkeliers, horeca en andere ondernemers in de binnenstad en het Havenkwartier.",
    ),
    (
        "Politie basisteam Demodam",
        Organisatie.Soort.OVERHEID,
        "",
        "",
        "Wijkagenten en het basisteam voor Demodam en omgeving.",
    ),
    (
        "Buurtfonds Demodam",
        Organisatie.Soort.FONDS,
        "41154321",
        "",
        "Fonds dat kleine initiatieven van bewoners steunt, tot € 5.000 per aanvraag.",
    ),
]

# (e-mail, naam, organisatie, rol, soort, dagen geleden lid geworden). The rows
# with a demo account's address use it; the others have no login.
DEMO_LEDEN: list[tuple[str, str, str, Lidmaatschap.Rol, Lidmaatschap.Soort, int]] = [
    # The officials speak for the gemeente as a partner: it funds and holds budget pots.
    (
        "regisseur@demodam.nl",
        "Rutger Regie",
        "Gemeente Demodam",
        Lidmaatschap.Rol.CONTACTPERSOON,
        Lidmaatschap.Soort.BETAALD,
        400,
    ),
    (
        "ambtenaar@demodam.nl",
        "Anouk Ambtenaar",
        "Gemeente Demodam",
        Lidmaatschap.Rol.LID,
        Lidmaatschap.Soort.BETAALD,
        400,
    ),
    (
        PARTNER,
        "Pieter Partner",
        WOONSTICHTING,
        Lidmaatschap.Rol.CONTACTPERSOON,
        Lidmaatschap.Soort.BETAALD,
        400,
    ),
    (
        "e.dekker@woonstichting.demodam.nl",
        "Esther Dekker",
        WOONSTICHTING,
        Lidmaatschap.Rol.LID,
        Lidmaatschap.Soort.BETAALD,
        300,
    ),
    (
        "m.bakker@woonstichting.demodam.nl",
        "Mohammed Bakker",
        WOONSTICHTING,
        Lidmaatschap.Rol.LID,
        Lidmaatschap.Soort.BETAALD,
        120,
    ),
    (
        "j.visser@duurzaam.demodam.nl",
        "Joost Visser",
        "Energiecoöperatie Demodam Duurzaam",
        Lidmaatschap.Rol.CONTACTPERSOON,
        Lidmaatschap.Soort.ONBETAALD,
        400,
    ),
    (
        "a.smit@duurzaam.demodam.nl",
        "Annelies Smit",
        "Energiecoöperatie Demodam Duurzaam",
        Lidmaatschap.Rol.LID,
        Lidmaatschap.Soort.VRIJWILLIGER,
        200,
    ),
    (
        "r.yilmaz@bewonersraad.demodam.nl",
        "Reyhan Yilmaz",
        "Bewonersraad Noorderpolder",
        Lidmaatschap.Rol.CONTACTPERSOON,
        Lidmaatschap.Soort.VRIJWILLIGER,
        400,
    ),
    (
        "k.dejong@netbeheer-deltanoord.demodam.nl",
        "Koen de Jong",
        "Netbeheer Delta-Noord",
        Lidmaatschap.Rol.CONTACTPERSOON,
        Lidmaatschap.Soort.BETAALD,
        400,
    ),
    (
        "f.elamrani@delinde.demodam.nl",
        "Fatima El Amrani",
        "Zorggroep De Linde",
        Lidmaatschap.Rol.CONTACTPERSOON,
        Lidmaatschap.Soort.BETAALD,
        300,
    ),
    (
        "w.mulder@welzijn.demodam.nl",
        "Wim Mulder",
        "Stichting Welzijn Demodam",
        Lidmaatschap.Rol.CONTACTPERSOON,
        Lidmaatschap.Soort.BETAALD,
        300,
    ),
    (
        "t.vandenberg@ggd.demodam.nl",
        "Tessa van den Berg",
        "GGD Regio Demodam",
        Lidmaatschap.Rol.CONTACTPERSOON,
        Lidmaatschap.Soort.BETAALD,
        350,
    ),
    (
        "s.hendriks@demodamcollege.demodam.nl",
        "Sanne Hendriks",
        "Demodam College",
        Lidmaatschap.Rol.CONTACTPERSOON,
        Lidmaatschap.Soort.BETAALD,
        350,
    ),
    (
        "d.pinas@jongerenwerk.demodam.nl",
        "Dylan Pinas",
        "Stichting Jongerenwerk Demodam",
        Lidmaatschap.Rol.CONTACTPERSOON,
        Lidmaatschap.Soort.BETAALD,
        350,
    ),
    (
        "g.vos@sportclubwesterdijk.demodam.nl",
        "Gert Vos",
        "Sportclub Westerdijk",
        Lidmaatschap.Rol.CONTACTPERSOON,
        Lidmaatschap.Soort.VRIJWILLIGER,
        350,
    ),
    (
        "l.jansen@ondernemerscentrum.demodam.nl",
        "Lotte Jansen",
        "Ondernemersvereniging Centrum Demodam",
        Lidmaatschap.Rol.CONTACTPERSOON,
        Lidmaatschap.Soort.ONBETAALD,
        100,
    ),
    (
        "b.kok@politie.demodam.nl",
        "Bram Kok",
        "Politie basisteam Demodam",
        Lidmaatschap.Rol.CONTACTPERSOON,
        Lidmaatschap.Soort.BETAALD,
        100,
    ),
    (
        "h.peters@buurtfonds.demodam.nl",
        "Hanneke Peters",
        "Buurtfonds Demodam",
        Lidmaatschap.Rol.CONTACTPERSOON,
        Lidmaatschap.Soort.VRIJWILLIGER,
        250,
    ),
]


def seed(users: dict[str, User]) -> dict[str, Organisatie]:
    """Create the demo organisations and their members; returns them by name.

    ``users`` maps e-mail to the demo accounts (accounts.demo).
    """
    organisaties: dict[str, Organisatie] = {}
    for naam, soort, kvk_nummer, website, beschrijving in DEMO_ORGANISATIES:
        organisatie = Organisatie.objects.filter(naam=naam).order_by("pk").first()
        if organisatie is None:
            organisatie = organisatie_create(
                naam=naam,
                soort=soort,
                kvk_nummer=kvk_nummer,
                website=website,
                beschrijving=beschrijving,
            )
        organisaties[naam] = organisatie

    today = timezone.localdate()
    for email, naam, organisatie, rol, soort, dagen in DEMO_LEDEN:
        user = users.get(email) or User.objects.filter(email=email).first()
        if user is None:
            user = user_create(email=email, password=None, rollen=(Rol.PARTNER,), weergavenaam=naam)
        lid = Lidmaatschap.objects.filter(organisatie=organisaties[organisatie], user=user)
        if not lid.exists():  # also when it has ended: a demo user may have ended it
            lidmaatschap_toevoegen(
                organisatie=organisaties[organisatie],
                user=user,
                rol=rol,
                soort=soort,
                van=today - timedelta(days=dagen),
            )
    return organisaties
