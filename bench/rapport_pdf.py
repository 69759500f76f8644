"""Benchmark: the progress report (PDF) of an opgave with 5,000 inputs and 500 actions.

Target (issue 9, "Performance"): built in under 30 s with a peak memory under 500 MB.

1. In the database of ``DATABASE_URL`` it makes a large opgave with ``bulk_create``:
   a goal tree with indicators and monthly measurements, ``--acties`` actions (500)
   in the plan, ``--inbreng`` inputs (5,000) spread over five rounds with their
   participants and feedback on a third of them, 20 involved organisations with
   positions, 40 decisions and a pot funded by five partners.
2. It builds the report in a fresh Python process, as a reports worker would:
   ``rapportage.services.rapport_bouwen`` in-process (claim, build, store, finish),
   and prints the wall time of the build, the peak RSS of that process
   (``ru_maxrss``), the number of queries and the PDF's size.
3. It deletes what it made (``--houden`` keeps it, to look at the PDF).

    DATABASE_URL=postgres://... .venv/bin/python bench/rapport_pdf.py
    DATABASE_URL=postgres://... .venv/bin/python bench/rapport_pdf.py --inbreng 20000
    DATABASE_URL=postgres://... .venv/bin/python bench/rapport_pdf.py --soort participatie

``--soort participatie`` builds the participatieverslag of the same opgave instead:
every one of the 5,000 inputs with what was done with it. Above ``RAPPORT_PDF_DEEL``
inputs it is laid out in parts by separate processes, and the script then also prints
the peak RSS of one part process.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Production settings (no DEBUG: no query log in memory), with a key for this run only.
os.environ.setdefault("SECRET_KEY", "bench-only-" + os.urandom(16).hex())
os.environ.setdefault("ALLOWED_HOSTS", "localhost")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inbreng", type=int, default=5_000, help="inputs (5000)")
    parser.add_argument("--acties", type=int, default=500, help="actions (500)")
    parser.add_argument(
        "--soort",
        choices=["voortgang", "participatie"],
        default="voortgang",
        help="the voortgangsrapportage (default) or the participatieverslag of the opgave",
    )
    parser.add_argument("--houden", action="store_true", help="keep the data and the report")
    parser.add_argument("--bouwen", type=int, help=argparse.SUPPRESS)  # the child: report id
    return parser.parse_args()


def _django() -> None:
    import django

    django.setup()


def maken(aantal_inbreng: int, aantal_acties: int, soort: str) -> tuple[int, int]:
    """Make the opgave and its report row; ``(opgave id, rapport id)``."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from budget.services import bijdrage_toevoegen, pot_aanmaken
    from opgaven.models import (
        Actie,
        Besluit,
        Betrokkenheid,
        Doel,
        Fase,
        FaseOvergang,
        Indicator,
        Meting,
        PlanVanAanpak,
        Positie,
        Zichtbaarheid,
    )
    from opgaven.services import opgave_create
    from participatie.models import Deelname, Inbreng, Ronde, Terugkoppeling, Trede
    from partners.models import Organisatie
    from rapportage.models import Doelstatus, Formaat, Rapport, Soort

    stempel = f"{os.getpid()}-{int(time.time())}"
    vandaag = timezone.localdate()
    nu = timezone.now()
    with transaction.atomic():
        regisseur = User.objects.create(
            email=f"bench-regisseur-{stempel}@example.org",
            weergavenaam="Bench Regisseur",
            password=make_password(None),
        )
        opgave = opgave_create(
            door=regisseur,
            titel=f"Bench voortgang {stempel}",
            vraagstuk="Een grote opgave om de voortgangsrapportage mee te meten.",
            zichtbaarheid=Zichtbaarheid.INTERN,
            fase=Fase.UITVOEREN,
            opgaveregisseur=regisseur,
        )
        FaseOvergang.objects.bulk_create(
            FaseOvergang(opgave=opgave, van=van, naar=naar, door=regisseur, reden="Volgende stap.")
            for van, naar in [
                (Fase.VERKENNEN, Fase.DELEN),
                (Fase.DELEN, Fase.OVEREENKOMEN),
                (Fase.OVEREENKOMEN, Fase.VORMGEVEN),
                (Fase.VORMGEVEN, Fase.UITVOEREN),
            ]
        )
        organisaties = Organisatie.objects.bulk_create(
            Organisatie(
                naam=f"Bench partner {stempel} {i:02d}",
                slug=f"bench-partner-{stempel}-{i:02d}",
                soort="maatschappelijk",
            )
            for i in range(20)
        )
        betrokkenheden = Betrokkenheid.objects.bulk_create(
            Betrokkenheid(opgave=opgave, organisatie=o, aard=Betrokkenheid.Aard.VOERT_UIT)
            for o in organisaties
        )
        Positie.objects.bulk_create(
            Positie(
                opgave=opgave,
                betrokkenheid=b,
                datum=vandaag - timedelta(days=30 * k),
                invloed=1 + (i + k) % 5,
                belang=1 + (i * 3 + k) % 5,
                houding=(i + k) % 5 - 2,
            )
            for i, b in enumerate(betrokkenheden)
            for k in range(3)
        )
        effect = Doel.objects.create(opgave=opgave, soort=Doel.Soort.EFFECT, titel="Het effect")
        doelen = [effect] + [
            Doel.objects.create(opgave=opgave, bovenliggend=effect, titel=f"Doel {i}", volgorde=i)
            for i in range(1, 9)
        ]
        Doelstatus.objects.bulk_create(
            Doelstatus(
                doel=d,
                kleur=["groen", "oranje", "rood"][i % 3],
                toelichting="Een toelichting van een paar zinnen. " * 5,
                gezet_door=regisseur,
            )
            for i, d in enumerate(doelen)
            for _ in range(3)
        )
        indicatoren = Indicator.objects.bulk_create(
            Indicator(
                opgave=opgave,
                doel=d,
                naam=f"Indicator {i}",
                eenheid="stuks",
                nulmeting=Decimal(0),
                streefwaarde=Decimal(1000),
                streefdatum=vandaag + timedelta(days=3 * 365),
            )
            for i, d in enumerate(doelen)
        )
        Meting.objects.bulk_create(
            Meting(
                opgave=opgave,
                indicator=ind,
                datum=vandaag - timedelta(days=30 * m),
                waarde=Decimal(500 - 20 * m),
            )
            for ind in indicatoren
            for m in range(24)
        )
        plan = PlanVanAanpak.objects.create(opgave=opgave, versie=1, samenvatting="Het plan.")
        statussen = Actie.Status.values
        acties = Actie.objects.bulk_create(
            Actie(
                opgave=opgave,
                plan=plan,
                titel=f"Actie {i}: iets doen in de wijk",
                trekker=organisaties[i % len(organisaties)],
                doel=doelen[i % len(doelen)],
                start=vandaag - timedelta(days=200),
                eind=vandaag + timedelta(days=i % 300),
                status=statussen[i % len(statussen)],
            )
            for i in range(aantal_acties)
        )
        Besluit.objects.bulk_create(
            Besluit(
                opgave=opgave,
                datum=vandaag - timedelta(days=7 * i),
                orgaan=Besluit.Orgaan.STUURGROEP,
                titel=f"Besluit {i}",
                motivering="Omdat het nodig is.",
            )
            for i in range(40)
        )
        # Residents: one per five inputs (each gives five), and they join the rounds.
        aantal_inwoners = max(1, aantal_inbreng // 5)
        wachtwoord = make_password(None)
        inwoners = User.objects.bulk_create(
            User(
                email=f"bench-inwoner-{stempel}-{i}@example.org",
                weergavenaam=f"Inwoner {i}",
                password=wachtwoord,
            )
            for i in range(aantal_inwoners)
        )
        rondes = Ronde.objects.bulk_create(
            Ronde(
                opgave=opgave,
                titel=f"Ronde {r}",
                slug=f"bench-{stempel}-ronde-{r}",
                vraag="Wat vind jij?",
                invloedsruimte="Veel.",
                trede=Trede.ADVISEREN,
                start=vandaag - timedelta(days=100 - 10 * r),
                eind=vandaag + timedelta(days=10 * r),
                status=Ronde.Status.OPEN,
                aangemaakt_door=regisseur,
            )
            for r in range(5)
        )
        Deelname.objects.bulk_create(
            Deelname(ronde=ronde, user=inwoner, toestemming_op=nu)
            for i, inwoner in enumerate(inwoners)
            for ronde in rondes[i % 2 :: 2]
        )
        inbreng = Inbreng.objects.bulk_create(
            (
                Inbreng(
                    ronde=rondes[i % len(rondes)],
                    auteur=inwoners[i % len(inwoners)],
                    soort="idee",
                    titel=f"Idee {i}",
                    tekst="Een idee van een inwoner, met wat uitleg erbij. " * 10,
                )
                for i in range(aantal_inbreng)
            ),
            batch_size=1000,
        )
        Terugkoppeling.objects.bulk_create(
            (
                Terugkoppeling(
                    inbreng=item,
                    status="overgenomen",
                    motivering="We nemen het mee.",
                    door=regisseur,
                    actie=acties[i % len(acties)] if acties else None,
                )
                for i, item in enumerate(inbreng[::3])
            ),
            batch_size=1000,
        )
    # The pot, through the budget's services (its ledger must close).
    kassier = organisaties[0]
    pot = pot_aanmaken(
        opgave=opgave,
        naam="Bench pot",
        kassier=kassier,
        begin=vandaag - timedelta(days=365),
        eind=vandaag + timedelta(days=365),
    )
    for organisatie in organisaties[:5]:
        bijdrage_toevoegen(
            pot=pot,
            organisatie=organisatie,
            soort="geld",
            waarde=Decimal("100000.00"),
            door=regisseur,
            ontvangen=True,
        )
    rapport = Rapport.objects.create(
        soort={"voortgang": Soort.VOORTGANG, "participatie": Soort.PARTICIPATIE}[soort],
        formaat=Formaat.PDF,
        opgave=opgave,
        aangevraagd_door=None,
    )
    return opgave.pk, rapport.pk


def bouwen(rapport_id: int) -> None:
    """The child: build one report in-process and print the figures."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from rapportage.models import Rapport, Soort
    from rapportage.services import rapport_bouwen

    connection.ensure_connection()
    reset_queries()
    rss_voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    begin = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        gelukt = rapport_bouwen(rapport_id=rapport_id)
    duur = time.perf_counter() - begin
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rapport = Rapport.objects.get(pk=rapport_id)
    grootte = rapport.bestand.size if rapport.bestand else 0
    print(f"status: {rapport.status} (built: {gelukt}) {rapport.fout}".rstrip())
    print(f"file: {rapport.bestandsnaam} ({grootte / 1024:.0f} KiB) at {rapport.bestand.name}")
    print(f"wall time of the build: {duur:.2f} s (target < 30 s)")
    print(
        f"peak RSS of the process: {piek / 1024:.0f} MB (before the build {rss_voor / 1024:.0f} MB;"
        " target < 500 MB)"
    )
    kind = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if rapport.soort == Soort.PARTICIPATIE and kind:  # laid out in part processes
        from django.conf import settings

        tegelijk = settings.RAPPORT_PDF_TEGELIJK
        print(
            f"peak RSS of one part process: {kind / 1024:.0f} MB; at most {tegelijk} at a time,"
            f" so the worker's peak is at most {(piek + tegelijk * kind) / 1024:.0f} MB"
        )
    print(f"queries: {len(queries.captured_queries)}")


def opruimen(opgave_id: int) -> None:
    from django.db import transaction

    import pgtrigger

    from accounts.models import User
    from budget.models import Bijdrage, Boeking, Budgetpot
    from opgaven.models import Actie, Opgave
    from participatie.models import Inbreng, Ronde
    from partners.models import Organisatie
    from rapportage.models import Rapport

    opgave = Opgave.objects.get(pk=opgave_id)
    stempel = opgave.titel.removeprefix("Bench voortgang ")
    for rapport in Rapport.objects.filter(opgave=opgave):
        if rapport.bestand:
            rapport.bestand.storage.delete(rapport.bestand.name)
    # The ledger is append-only (a trigger); the bench removes its own pot all the same.
    with transaction.atomic(), pgtrigger.ignore("budget.Boeking:boeking_alleen_toevoegen"):
        Rapport.objects.filter(opgave=opgave).delete()
        Boeking.objects.filter(pot__opgave=opgave).delete()
        Bijdrage.objects.filter(pot__opgave=opgave).delete()
        Budgetpot.objects.filter(opgave=opgave).delete()
        Inbreng.objects.filter(ronde__opgave=opgave).delete()
        Ronde.objects.filter(opgave=opgave).delete()
        Actie.objects.filter(opgave=opgave).delete()
        opgave.delete()
        Organisatie.objects.filter(naam__startswith=f"Bench partner {stempel} ").delete()
        User.objects.filter(email__startswith=f"bench-inwoner-{stempel}-").delete()
        User.objects.filter(email=f"bench-regisseur-{stempel}@example.org").delete()


def main() -> None:
    args = parse_args()
    _django()
    if args.bouwen:
        bouwen(args.bouwen)
        return
    begin = time.perf_counter()
    opgave_id, rapport_id = maken(args.inbreng, args.acties, args.soort)
    print(
        f"made: opgave {opgave_id} with {args.inbreng} inputs and {args.acties} actions "
        f"in {time.perf_counter() - begin:.1f} s"
    )
    try:
        # A fresh process, as a worker: its peak RSS is the build's, not the set-up's.
        subprocess.run(  # noqa: S603 - this script, fixed arguments
            [sys.executable, __file__, "--bouwen", str(rapport_id)], cwd=REPO, check=True
        )
    finally:
        if not args.houden:
            opruimen(opgave_id)
            print("cleaned up")


if __name__ == "__main__":
    main()
