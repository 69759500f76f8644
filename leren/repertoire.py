"""The default handelingsrepertoire for opgavegericht werken, seeded by migration 0002
and kept in the admin afterwards. Dutch: it is content, read as written."""

REPERTOIRE: list[dict] = [
    {
        "slug": "verbinden",
        "naam": "Verbinden",
        "beschrijving": "Mensen en organisaties met verschillende belangen bij elkaar brengen "
        "rond een gedeelde opgave.",
        "gedragsindicatoren": "Zoekt actief contact met partijen buiten de eigen afdeling.\n"
        "Benoemt gedeelde belangen en verschillen open.\n"
        "Zorgt dat iedereen aan tafel aan het woord komt.",
    },
    {
        "slug": "netwerkregie",
        "naam": "Netwerkregie",
        "beschrijving": "Een netwerk van partners in beweging brengen en houden, zonder de baas "
        "te zijn.",
        "gedragsindicatoren": "Brengt het krachtenveld in kaart en houdt het bij.\n"
        "Maakt afspraken over rollen en verwachtingen.\n"
        "Spreekt partners aan op gemaakte afspraken.",
    },
    {
        "slug": "omgevingsbewustzijn",
        "naam": "Omgevingsbewustzijn",
        "beschrijving": "Weten wat er speelt in de samenleving, de politiek en de eigen "
        "organisatie, en daarop inspelen.",
        "gedragsindicatoren": "Kent de belangrijkste spelers en hun posities.\n"
        "Signaleert politieke gevoeligheden op tijd.\n"
        "Vertaalt signalen uit de wijk naar de opgave.",
    },
    {
        "slug": "kansgericht-denken",
        "naam": "Kansgericht denken",
        "beschrijving": "Kansen zien en benutten, ook buiten de gebaande paden en regels om "
        "naar de bedoeling.",
        "gedragsindicatoren": "Vraagt door naar de bedoeling achter een regel.\n"
        "Komt met alternatieven als iets niet kan.\n"
        "Durft te experimenteren en daarvan te leren.",
    },
    {
        "slug": "samenwerken-met-inwoners",
        "naam": "Samenwerken met inwoners",
        "beschrijving": "Inwoners als gelijkwaardige partner betrekken, en laten zien wat er "
        "met hun inbreng gebeurt.",
        "gedragsindicatoren": "Kiest bewust een trede op de participatieladder.\n"
        "Is helder over de invloedsruimte.\n"
        "Koppelt altijd terug wat er met inbreng is gedaan.",
    },
    {
        "slug": "beleid-en-uitvoering-verbinden",
        "naam": "Beleid en uitvoering verbinden",
        "beschrijving": "Beleid maken dat werkt in de uitvoering, en ervaringen uit de "
        "uitvoering terugbrengen in beleid.",
        "gedragsindicatoren": "Betrekt uitvoerders vroeg bij beleid.\n"
        "Toetst plannen aan de praktijk.\n"
        "Organiseert terugkoppeling van uitvoering naar beleid.",
    },
    {
        "slug": "wendbaar-sturen",
        "naam": "Wendbaar sturen",
        "beschrijving": "Bijsturen op wat werkt, met ruimte voor onzekerheid en verandering.",
        "gedragsindicatoren": "Werkt in korte cycli met evaluatiemomenten.\n"
        "Past de aanpak aan op nieuwe inzichten.\n"
        "Maakt voortgang en twijfels bespreekbaar.",
    },
    {
        "slug": "reflecteren",
        "naam": "Reflecteren",
        "beschrijving": "Stilstaan bij het eigen handelen en daarvan leren, alleen en met anderen.",
        "gedragsindicatoren": "Legt leerervaringen regelmatig vast.\n"
        "Vraagt om feedback en gebruikt die.\n"
        "Benoemt eigen aandeel in wat goed en fout ging.",
    },
]


def zaaien(Competentie) -> None:
    """Make sure every competence of ``REPERTOIRE`` exists (by slug); changes made in the
    admin to existing ones are kept. Used by migration 0002 and the demo."""
    for volgorde, competentie in enumerate(REPERTOIRE, start=1):
        Competentie.objects.get_or_create(
            slug=competentie["slug"], defaults={**competentie, "volgorde": volgorde}
        )
