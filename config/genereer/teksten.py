"""Dutch words and sentences for the generated data (GLOSSARY), picked by the seeded random."""

VOORNAMEN = [
    "Anouk",
    "Bram",
    "Chantal",
    "Daan",
    "Esra",
    "Fleur",
    "Gerrit",
    "Hanneke",
    "Ilse",
    "Jeroen",
    "Karin",
    "Lars",
    "Mila",
    "Noah",
    "Olga",
    "Pieter",
    "Quinten",
    "Rosa",
    "Sem",
    "Tessa",
    "Umut",
    "Vera",
    "Willem",
    "Yara",
    "Zoë",
    "Fatma",
    "Mehmet",
    "Aisha",
    "Yusuf",
    "Joke",
    "Henk",
    "Riet",
    "Kees",
    "Wilma",
    "Sanne",
    "Tom",
    "Noor",
    "Lotte",
    "Bas",
    "Iris",
]
ACHTERNAMEN = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
    "Dekker",
    "Yildiz",
    "Kaya",
    "El Idrissi",
    "Hoekstra",
    "Brouwer",
    "van Leeuwen",
    "Kok",
    "Verhoeven",
    "Willems",
    "Postma",
]

ORGANISATIE_SOORTEN = [
    ("woningcorporatie", ["Woonstichting", "Wooncorporatie", "Thuisvast", "Woonkracht"]),
    ("zorg_en_welzijn", ["Welzijn", "Zorggroep", "Buurtzorg", "Thuiszorg"]),
    ("onderwijs", ["Basisschool", "Scholengroep", "ROC", "Kinderopvang"]),
    ("bedrijf", ["Bouwbedrijf", "Installatiebedrijf", "Supermarkt", "Adviesbureau"]),
    ("maatschappelijk", ["Stichting", "Vereniging", "Buurtcentrum", "Voedselbank"]),
    ("bewonersinitiatief", ["Bewonersgroep", "Buurtinitiatief", "Energiecoöperatie"]),
    ("overheid", ["Waterschap", "Provincie", "Veiligheidsregio", "GGD"]),
    ("kennisinstelling", ["Hogeschool", "Kenniscentrum", "Lectoraat"]),
    ("fonds", ["Fonds", "Stichting Steunfonds"]),
]
ORGANISATIE_NAMEN = [
    "De Brug",
    "Het Anker",
    "Samen Sterk",
    "De Linde",
    "Noorderlicht",
    "De Molen",
    "Polderkracht",
    "Het Baken",
    "De Horizon",
    "Zonnewijzer",
    "De Schakel",
    "Waterkant",
    "De Kring",
    "Vitaal",
    "Oosterpoort",
    "Groen Dichtbij",
    "De Wegwijzer",
    "Buurtkracht",
    "Het Kompas",
    "De Vonk",
]

# (onderwerp, vraagstuk, effect): the kinds of opgaven a municipality works on.
OPGAVE_ONDERWERPEN = [
    (
        "Samen tegen eenzaamheid",
        "Steeds meer bewoners voelen zich alleen en weten niet waar ze terechtkunnen.",
        "Minder bewoners voelen zich eenzaam en iedereen kent iemand in de buurt.",
    ),
    (
        "Energietransitie",
        "Huizen zijn slecht geïsoleerd en de energierekening is voor veel huishoudens te hoog.",
        "Huizen zijn zuinig en warm, en niemand zit in de kou.",
    ),
    (
        "Leefbaarheid",
        "Bewoners voelen zich niet veilig en de openbare ruimte is rommelig.",
        "Een buurt waar mensen graag wonen en elkaar helpen.",
    ),
    (
        "Jeugd zonder verslaving",
        "Jongeren beginnen jong met alcohol, vapes en drugs.",
        "Jongeren groeien gezond op en weten waar ze hulp vinden.",
    ),
    (
        "Betaalbaar wonen",
        "Starters en ouderen vinden geen passende woning.",
        "Iedereen vindt een betaalbare woning die past bij zijn leven.",
    ),
    (
        "Klimaatadaptatie",
        "Straten lopen onder bij hoosbuien en het is te heet in de zomer.",
        "Een groene buurt die water vasthoudt en koel blijft.",
    ),
    (
        "Werk voor iedereen",
        "Veel bewoners staan langs de kant en vinden geen werk.",
        "Meer bewoners hebben werk of doen mee op een manier die bij hen past.",
    ),
    (
        "Gezond ouder worden",
        "Ouderen wonen langer thuis maar missen hulp en contact.",
        "Ouderen wonen veilig thuis met hulp uit de buurt.",
    ),
    (
        "Armoede doorbreken",
        "Gezinnen komen niet rond en kinderen missen kansen.",
        "Geen kind groeit op zonder kansen door geldgebrek.",
    ),
    (
        "Levendig centrum",
        "Winkels staan leeg en het centrum loopt leeg na zessen.",
        "Een centrum waar het prettig verblijven is, overdag en 's avonds.",
    ),
]

DOEL_TITELS = [
    "Meer ontmoetingsplekken in de wijk",
    "Bewoners weten de weg naar hulp",
    "Vrijwilligers versterken",
    "Huizen isoleren",
    "Minder energiearmoede",
    "Veilige routes naar school",
    "Groene schoolpleinen",
    "Vroeg signaleren",
    "Samenwerking tussen partners verbeteren",
    "Jongeren doen mee",
]
INDICATOREN = [
    ("Aandeel bewoners dat zich eenzaam voelt", "%", "Gezondheidsmonitor GGD"),
    ("Aantal geïsoleerde woningen", "woningen", "Registratie woningcorporaties"),
    ("Aantal actieve vrijwilligers", "mensen", "Vrijwilligerscentrale"),
    ("Tevredenheid over de buurt", "rapportcijfer", "Wijkenquête"),
    ("CO₂-uitstoot van woningen", "ton CO₂", "Klimaatmonitor"),
    ("Aantal bezoekers van de huiskamer", "bezoekers", "Turflijsten"),
]
ACTIE_TITELS = [
    "Huiskamer in de wijk openen",
    "Energiecoaches opleiden",
    "Wijkschouw organiseren",
    "Buurtapp starten",
    "Keukentafelgesprekken voeren",
    "Geveltuinen aanleggen",
    "Spreekuur in het buurthuis",
    "Maatjesproject opzetten",
    "Isolatieactie per straat",
    "Jongerenwerk uitbreiden",
    "Communicatie in eenvoudige taal",
    "Signaleringsoverleg starten",
]
BESLUIT_TITELS = [
    "Opdracht voor de verkenning",
    "Vaststelling van het plan van aanpak",
    "Budget voor de eerste fase",
    "Start van de participatieronde",
    "Verlenging van de pilot",
]
CONTACT_ONDERWERPEN = [
    "Kennismaking",
    "Afstemming over de planning",
    "Zorgen over de uitvoering",
    "Bijdrage aan de budgetpot",
    "Terugblik op de bijeenkomst",
    "Rol in het kernteam",
]
TOEZEGGINGEN = [
    "Stuurt de cijfers van de wijkmonitor",
    "Regelt een ruimte voor de bijeenkomst",
    "Neemt het voorstel mee naar het bestuur",
    "Levert twee vrijwilligers",
    "Maakt een eerste begroting",
    "Zoekt contact met de huurdersvereniging",
]

RONDE_VRAGEN = [
    "Wat helpt volgens u het meest?",
    "Wat moet er in uw buurt veranderen?",
    "Welke ideeën heeft u voor de komende jaren?",
    "Waar maakt u zich zorgen over?",
    "Hoe kunnen we dit samen aanpakken?",
]
INVLOEDSRUIMTE = (
    "Het budget en de planning liggen vast. Welke activiteiten er komen en waar, bepalen we "
    "samen met u."
)

# (soort, titel, tekst)
INBRENG = [
    (
        "idee",
        "Koffieochtend in de bibliotheek",
        "Elke dinsdag koffie en een praatje, zonder aanmelden.",
    ),
    (
        "idee",
        "Maatjes voor wandelen",
        "Koppel mensen die graag wandelen maar niet alleen willen gaan.",
    ),
    (
        "zorg",
        "Ik durf niet alleen naar een activiteit",
        "De eerste keer ergens binnenstappen is het moeilijkst.",
    ),
    (
        "vraag",
        "Waar vind ik wat er te doen is?",
        "Ik zie geen overzicht van activiteiten in de wijk.",
    ),
    (
        "idee",
        "Samen eten in het buurthuis",
        "Een keer per week samen koken en eten, voor een kleine bijdrage.",
    ),
    (
        "idee",
        "Bankjes bij de supermarkt",
        "Meer bankjes op het plein, dan blijven mensen even zitten.",
    ),
    ("zorg", "De bus rijdt 's avonds niet meer", "Zonder bus kom ik 's avonds nergens."),
    ("idee", "Moestuin voor de hele straat", "Het braakliggende veld als gezamenlijke moestuin."),
    ("vraag", "Is er hulp bij de computer?", "Ik wil leren beeldbellen met mijn kleinkinderen."),
    (
        "idee",
        "Zonnepanelen op het buurthuis",
        "Samen investeren en de opbrengst delen met de buurt.",
    ),
    ("zorg", "Mijn energierekening is te hoog", "Ik weet niet hoe ik mijn huis kan isoleren."),
    ("idee", "Energiecafé in de wijk", "Een avond per maand uitleg over isoleren en subsidies."),
    ("vraag", "Krijg ik subsidie voor isolatie?", "Ik huur mijn woning. Kan ik dan ook iets doen?"),
    (
        "idee",
        "Meer groen op het schoolplein",
        "Tegels eruit, bomen erin: koeler en leuker om te spelen.",
    ),
    (
        "zorg",
        "Er wordt te hard gereden",
        "In onze straat rijden auto's veel te hard langs de school.",
    ),
    (
        "idee",
        "Jongeren helpen ouderen",
        "Scholieren die boodschappen doen en een kop koffie drinken.",
    ),
    ("idee", "Repair café", "Samen spullen repareren is gezellig en nuttig."),
    (
        "zorg",
        "Jongeren hangen rond zonder plek",
        "Er is geen plek waar jongeren 's avonds terechtkunnen.",
    ),
    ("idee", "Taalcafé", "Nederlands oefenen in een ontspannen sfeer, met koffie."),
    (
        "vraag",
        "Wie betaalt de activiteiten?",
        "Zijn de activiteiten gratis voor mensen met weinig geld?",
    ),
    ("idee", "Buurtapp met echte mensen", "Een buurtapp waarin je hulp kunt vragen en aanbieden."),
    (
        "zorg",
        "Mantelzorgers zijn ook eenzaam",
        "Ik zorg voor mijn man en kom zelf nergens meer aan toe.",
    ),
    (
        "idee",
        "Geveltuinen langs de straat",
        "Stoeptegels eruit, planten erin, met hulp bij het aanleggen.",
    ),
    ("idee", "Wadi in het park", "Regenwater opvangen zodat de kelders niet meer onderlopen."),
]
INBRENG_AANVULLINGEN = [
    "",
    " Ik help graag mee.",
    " Dat zou veel mensen helpen.",
    " Graag snel, want het is nodig.",
    " Ik hoor dit van veel buren.",
    " Misschien kan de woningcorporatie meedoen.",
]
REACTIES = [
    "Goed idee, ik doe mee!",
    "Dit herken ik helemaal.",
    "Misschien kan het buurthuis helpen?",
    "Ik woon hier al dertig jaar en dit is echt nodig.",
    "Wie betaalt dit?",
    "Ik ken iemand die dit al eens heeft georganiseerd.",
    "Mooi plan, maar wel in het weekend graag.",
    "Dit speelt in onze straat ook.",
    "Eens, en dan ook voor jongeren.",
    "Ik zou graag helpen.",
]
TERUGKOPPELINGEN = {
    "overgenomen": "Uw idee is overgenomen in het plan van aanpak. We starten dit jaar.",
    "deels_overgenomen": "We nemen een deel van uw idee over; de rest past niet binnen het budget.",
    "niet_overgenomen": "Dit valt buiten de invloedsruimte van deze ronde. We geven het door.",
    "in_behandeling": "We bekijken uw inbreng met de partners en laten het u voor de zomer weten.",
}
SESSIE_TITELS = ["Co-creatiesessie", "Buurtavond", "Werkatelier", "Inloopavond"]
VOORSTELLEN = [
    "Zonnepanelen op het buurthuis",
    "Energiecafé",
    "Warmtecamera's om te lenen",
    "Geveltuinen langs de Polderweg",
    "Groene daken op bushokjes",
    "Tochtstrips voor huishoudens",
    "Speeltuin opknappen",
    "Bankjes in het park",
    "Buurtfeest",
    "Jeugdhonk inrichten",
    "Fietsenstalling bij de school",
    "Boomspiegels beplanten",
    "Buurtbibliotheek",
    "Wandelroute met rustpunten",
    "Waterspeelplaats",
    "Pluktuin",
]

LEER_TITELS = [
    "Een lastig gesprek met een partner",
    "Intervisie over het krachtenveld",
    "Training netwerkregie",
    "De eerste co-creatiesessie geleid",
    "Feedback van mijn coach",
    "Een bewonersavond die anders liep",
    "Samen met de woningcorporatie een plan gemaakt",
    "Cursus kansgericht denken",
    "Een besluit uitgelegd aan bewoners",
]
STARR = {
    "situatie": "Tijdens het overleg met de partners liep de discussie vast.",
    "taak": "Ik moest het gesprek weer op gang brengen zonder zelf de oplossing te geven.",
    "actie": "Ik vroeg iedere partner wat hij nodig had en vatte de belangen samen.",
    "resultaat": "We spraken een vervolgafspraak af met een concrete vraag.",
    "reflectie": "Ik merk dat ik eerder loslaat en meer vertrouw op het netwerk.",
}
COACH_DOELEN = "Groeien in netwerkregie en het verbinden van partners rond de opgave."
AFSPRAKEN = "De coachee deelt wat hij wil; de opdrachtgever ziet alleen de voortgang."
GESPREK_NOTITIES = "We bespraken het krachtenveld en de volgende stap met de partners."
PRIVE_NOTITIES = "Let op: coachee twijfelt aan eigen rol."
ACTIEPUNTEN = [
    "Krachtenveldanalyse bijwerken",
    "Gesprek plannen met de wethouder",
    "Reflectie schrijven na de sessie",
    "Intervisie voorbereiden",
]
FEEDBACK = [
    "Mooi beschreven. Wat zou je de volgende keer anders doen?",
    "Herken je dit patroon ook in andere overleggen?",
    "Sterk dat je de belangen hebt samengevat. Probeer het eens vooraf.",
]
DOELSTATUS = {
    "groen": "Op koers: de metingen laten de verwachte verbetering zien.",
    "oranje": "Aandacht nodig: de uitvoering loopt vertraging op.",
    "rood": "Niet op koers: de partners zoeken samen naar een nieuwe aanpak.",
}
