"""The areas of Demodam with their CBS codes, and the themes opgaven are filed under.

Demodam is the fictional municipality of the NL Design System; its code
(GM9999) is outside the range CBS hands out, so it never clashes with real
data. Migration 0006 seeds these rows; ``manage.py demo`` calls the same
function, so they are back after a test run has emptied the tables.
"""

from django.utils.text import slugify

GEMEENTE = ("GM9999", "Demodam", 48_250)
# wijk code, name, residents, [(buurt code, name, residents)]
WIJKEN = [
    (
        "WK999901",
        "Centrum",
        7_850,
        [
            ("BU99990101", "Binnenstad", 4_120),
            ("BU99990102", "Havenkwartier", 3_730),
        ],
    ),
    (
        "WK999902",
        "Noorderpolder",
        9_410,
        [
            ("BU99990201", "Molenbuurt", 5_020),
            ("BU99990202", "Polderrand", 4_390),
        ],
    ),
    (
        "WK999903",
        "Oosterhout",
        11_200,
        [
            ("BU99990301", "Lindenhof", 6_150),
            ("BU99990302", "Bloemenbuurt", 5_050),
        ],
    ),
    (
        "WK999904",
        "Zuiderpark",
        10_340,
        [
            ("BU99990401", "Parkzicht", 5_890),
            ("BU99990402", "De Akkers", 4_450),
        ],
    ),
    (
        "WK999905",
        "Westerdijk",
        9_450,
        [
            ("BU99990501", "Dijkzicht", 4_700),
            ("BU99990502", "Buitenveld", 4_750),
        ],
    ),
]
THEMAS = [
    "Zorg en welzijn",
    "Wonen",
    "Energie en klimaat",
    "Jeugd en onderwijs",
    "Veiligheid",
    "Werk en inkomen",
    "Openbare ruimte",
    "Mobiliteit",
    "Economie en centrum",
    "Cultuur en sport",
]


def zaaien(Gebied, Thema) -> None:
    """Create or update the areas and themes; idempotent."""
    code, naam, inwoners = GEMEENTE
    gemeente, _ = Gebied.objects.update_or_create(
        code=code, defaults={"naam": naam, "niveau": "GM", "inwoners": inwoners}
    )
    for wijk_code, wijk_naam, wijk_inwoners, buurten in WIJKEN:
        wijk, _ = Gebied.objects.update_or_create(
            code=wijk_code,
            defaults={
                "naam": wijk_naam,
                "niveau": "WK",
                "ligt_in": gemeente,
                "inwoners": wijk_inwoners,
            },
        )
        for buurt_code, buurt_naam, buurt_inwoners in buurten:
            Gebied.objects.update_or_create(
                code=buurt_code,
                defaults={
                    "naam": buurt_naam,
                    "niveau": "BU",
                    "ligt_in": wijk,
                    "inwoners": buurt_inwoners,
                },
            )
    for naam in THEMAS:
        Thema.objects.get_or_create(slug=slugify(naam), defaults={"naam": naam})
