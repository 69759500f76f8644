from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the demo municipality Gemeente Demodam (idempotent: safe to run again)."

    @transaction.atomic
    def handle(self, *args, **options):
        from accounts import demo as accounts_demo
        from budget import demo as budget_demo
        from leren import demo as leren_demo
        from meldingen import demo as meldingen_demo
        from opgaven import demo as opgaven_demo
        from participatie import demo as participatie_demo
        from participatie.demo_begroting import STEMMING, demo_stemcodes
        from partners import demo as partners_demo
        from rapportage import demo as rapportage_demo

        users = accounts_demo.seed()
        organisaties = partners_demo.seed(users)  # before opgaven: they are involved in them
        opgaven_demo.seed(users, organisaties)
        budget_demo.seed()  # after opgaven: the pot funds their actions
        participatie_demo.seed(users)  # after opgaven: rounds belong to them
        leren_demo.seed(users)  # after opgaven: a team trajectory coaches a kernteam
        meldingen_demo.seed(users)  # after opgaven: their role grants notify too
        rapportage_demo.seed()  # after opgaven: the status of their goals
        self.stdout.write(
            self.style.SUCCESS("Gemeente Demodam staat klaar (wachtwoord: demo-wachtwoord).")
        )
        self.stdout.write(
            f"Stemcodes om te proberen in {STEMMING}: " + ", ".join(demo_stemcodes()[:3])
        )
