from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Genereer een gemeente op schaal voor prestatiemetingen (klein: enkele seconden, "
        "groot: 1 miljoen inbreng). LET OP: maakt eerst alle domeintabellen leeg."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schaal", choices=["klein", "groot"], default="klein")
        parser.add_argument("--seed", type=int, default=1, help="Zelfde seed, zelfde gegevens.")
        parser.add_argument(
            "--peildatum",
            type=date.fromisoformat,
            default=None,
            help="De dag die als 'vandaag' geldt (JJJJ-MM-DD; standaard vandaag).",
        )
        parser.add_argument(
            "--leegmaken",
            action="store_true",
            help="Ook doorgaan als de database al gegevens bevat, of als DEBUG uit staat.",
        )

    def handle(self, *args, schaal, seed, peildatum, leegmaken, **options):
        from config.genereer import genereer, opruimen

        namen = opruimen.tabellen()
        gevuld = opruimen.met_gegevens(namen)
        self.stdout.write(
            f"genereer_data maakt deze {len(namen)} tabellen leeg (TRUNCATE) en vult ze "
            f"opnieuw: {', '.join(namen)}.\n"
            "Blijven staan: migraties, rollen en rechten, content types, gebieden, thema's, "
            "competenties."
        )
        if not settings.DEBUG and not leegmaken:
            raise CommandError(
                "Geweigerd: DEBUG staat uit, dit lijkt geen ontwikkelomgeving. Er is niets "
                "gewijzigd. Weet u zeker dat alle gegevens weg mogen? Geef dan --leegmaken mee."
            )
        if gevuld and not leegmaken:
            raise CommandError(
                f"Geweigerd: de database bevat al gegevens ({len(gevuld)} tabellen, o.a. "
                f"{', '.join(gevuld[:5])}). Er is niets gewijzigd. Alles verwijderen en "
                "opnieuw genereren? Geef dan --leegmaken mee."
            )
        self.stdout.write(f"Schaal {schaal}, seed {seed}.")
        geladen = genereer(schaal=schaal, seed=seed, peildatum=peildatum, uit=self.stdout.write)
        totaal = sum(geladen.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar: {totaal:,} rijen in {len(geladen)} tabellen.".replace(",", ".")
            )
        )
