"""Benchmark: export 200,000 inputs of one round as CSV and as XLSX (issue 9).

Target (issue 9, "Performance"): each export in under 60 s with a peak memory
under 200 MB.

It fills the database of ``DATABASE_URL`` (or ``--database-url``) with one open
round holding ``--aantal`` inputs (bulk inserts: 5,000 residents with their
participation, half with a display name and all with a district, every tenth input
with feedback), then runs each export in a fresh child process: the view
``rapportage.views.exports.export_inbreng`` is called with a request of the round's
regisseur and its response is read to the end, as the server would send it. The
child reports the wall time of the request plus the reading, the bytes, and its
peak resident memory, which includes Python, Django and the libraries (and its
memory before the export, for comparison): ``resource.getrusage`` (``ru_maxrss``)
and ``VmHWM`` of ``/proc/self/status``. On Linux ``ru_maxrss`` survives
``fork`` + ``exec``, so after a run that made the rows it shows the parent's peak;
``VmHWM`` is the child's own. Afterwards the rows are deleted again (the
audit trail keeps their events), unless ``--behouden``.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_exports .venv/bin/python bench/export.py
    .venv/bin/python bench/export.py --aantal 20000 --formaat csv

Figures (2-core development machine, PostgreSQL 15 on the same machine, 200,000
inputs, 28 November 2026):

    quiet (load 1):  CSV  4.4 s, 56 MB out, peak 90 MB (Django alone: 84 MB)
                     XLSX 24.8 s, 13 MB out, peak 98 MB
    busy (load 4, other test suites; before cells without a number format were
    written as plain values): CSV 12.8 s, XLSX 60.5 s; memory as above.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PREFIX = "bench-export-"
BATCH = 10_000
BEWONERS = 5_000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aantal", type=int, default=200_000, help="inputs (200000)")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--formaat", choices=["csv", "xlsx"], action="append")
    parser.add_argument("--behouden", action="store_true", help="keep the rows afterwards")
    parser.add_argument(
        "--hergebruik", action="store_true", help="measure the round a --behouden run left"
    )
    # The child process:
    parser.add_argument("--meet", choices=["csv", "xlsx"], help=argparse.SUPPRESS)
    parser.add_argument("--slug", help=argparse.SUPPRESS)
    parser.add_argument("--user", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.database_url:
        parser.error("give --database-url or set DATABASE_URL")
    return args


def omgeving(database_url: str) -> dict[str, str]:
    """Production settings (DEBUG off: no query log growing with the rows)."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "LOG_LEVEL": "WARNING",
    }


def rss_mb() -> float:
    """Peak resident memory of this process in MB: ``getrusage``'s ``ru_maxrss``."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def hwm_mb() -> float | None:
    """The same peak from ``/proc/self/status`` (``VmHWM``). Linux keeps ``ru_maxrss``
    across ``fork`` + ``exec``, so a child of the parent that made 200,000 rows starts
    with the parent's peak there; ``VmHWM`` belongs to the child's own memory only."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for regel in status:
                if regel.startswith("VmHWM:"):
                    return int(regel.split()[1]) / 1024
    except OSError:
        pass
    return None


# --- The child: one export ------------------------------------------------------------------


def meten(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.test import RequestFactory

    from accounts.models import User
    from rapportage.views.exports import export_inbreng

    user = User.objects.get(pk=args.user)
    request = RequestFactory().get(f"/rapportage/export/ronde/{args.slug}/inbreng.{args.meet}")
    request.user = user
    voor = rss_mb()
    voor_hwm = hwm_mb()
    start = time.perf_counter()
    response = export_inbreng(request, slug=args.slug, formaat=args.meet)
    klaar_view = time.perf_counter() - start
    grootte = 0
    eerste_byte = None
    for blok in response.streaming_content:
        if eerste_byte is None:
            eerste_byte = time.perf_counter() - start
        grootte += len(blok)
    response.close()
    totaal = time.perf_counter() - start
    print(
        json.dumps(
            {
                "formaat": args.meet,
                "status": response.status_code,
                "seconden": round(totaal, 2),
                "view_seconden": round(klaar_view, 2),
                "eerste_byte": round(eerste_byte or 0, 2),
                "bytes": grootte,
                "rss_voor_mb": round(voor, 1),
                "piek_rss_mb": round(rss_mb(), 1),
                "hwm_voor_mb": round(voor_hwm or 0, 1),
                "piek_hwm_mb": round(hwm_mb() or 0, 1),
            }
        )
    )


# --- The parent: data, children, clean-up ----------------------------------------------------


def vullen(aantal: int):
    """One open round with ``aantal`` inputs; returns (ronde, regisseur)."""
    from datetime import timedelta

    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from accounts.roles import Rol
    from accounts.services import user_grant_role
    from opgaven.models import Fase, Gebied, Zichtbaarheid
    from opgaven.services import opgave_create
    from participatie.models import Deelname, Inbreng, Ronde, Terugkoppeling, Trede
    from participatie.services import ronde_aanmaken, ronde_status_wijzigen

    opruimen()
    wachtwoord = make_password(None)
    regisseur = User.objects.create(email=f"{PREFIX}regisseur@example.nl", password=wachtwoord)
    user_grant_role(user=regisseur, rol=Rol.AMBTENAAR)
    opgave = opgave_create(
        door=regisseur,
        titel="Bench export",
        vraagstuk="Hoeveel inbreng kan een export aan?",
        zichtbaarheid=Zichtbaarheid.OPENBAAR,
        fase=Fase.UITVOEREN,
        opgaveregisseur=regisseur,
    )
    vandaag = timezone.localdate()
    ronde = ronde_aanmaken(
        opgave=opgave,
        door=regisseur,
        titel="Bench export ronde",
        vraag="Wat wil je kwijt?",
        invloedsruimte="Alles.",
        trede=Trede.RAADPLEGEN,
        start=vandaag - timedelta(days=1),
        eind=vandaag + timedelta(days=30),
    )
    ronde = ronde_status_wijzigen(ronde=ronde, naar=Ronde.Status.OPEN, door=regisseur)
    wijken = [
        Gebied.objects.get_or_create(
            code=f"WK99990{nummer}", defaults={"naam": naam, "niveau": Gebied.Niveau.WIJK}
        )[0]
        for nummer, naam in enumerate(["Benchnoord", "Benchoost", "Benchzuid", "Benchwest"])
    ]
    nu = timezone.now()
    bewoners = User.objects.bulk_create(
        User(
            email=f"{PREFIX}{nummer}@example.nl",
            password=wachtwoord,
            weergavenaam=f"Bewoner {nummer}" if nummer % 2 else "",
        )
        for nummer in range(BEWONERS)
    )
    Deelname.objects.bulk_create(
        Deelname(ronde=ronde, user=bewoner, toestemming_op=nu, wijk=wijken[nummer % 4])
        for nummer, bewoner in enumerate(bewoners)
    )
    tekst = "Een idee van een bewoner, met een uitleg van een paar zinnen. " * 3
    soorten = [s.value for s in Inbreng.Soort]
    for begin in range(0, aantal, BATCH):
        with transaction.atomic():
            rijen = Inbreng.objects.bulk_create(
                Inbreng(
                    ronde=ronde,
                    auteur=bewoners[nummer % BEWONERS],
                    soort=soorten[nummer % 3],
                    titel=f"=Idee {nummer}" if nummer % 1000 == 0 else f"Idee {nummer}",
                    tekst=tekst,
                    gebied=wijken[nummer % 4] if nummer % 5 else None,
                    aantal_steun=nummer % 17,
                )
                for nummer in range(begin, min(begin + BATCH, aantal))
            )
            Terugkoppeling.objects.bulk_create(
                Terugkoppeling(
                    inbreng=inbreng,
                    status=Terugkoppeling.Status.OVERGENOMEN,
                    motivering="We nemen het mee in het plan.",
                    door=regisseur,
                )
                for inbreng in rijen[::10]
            )
        print(f"  {min(begin + BATCH, aantal):>7} inputs", end="\r", flush=True)
    print()
    return ronde, regisseur


def opruimen() -> None:
    from accounts.models import User
    from opgaven.models import Opgave
    from participatie.models import Ronde

    Ronde.objects.filter(opgave__titel="Bench export").delete()
    Opgave.objects.filter(titel="Bench export").delete()
    User.objects.filter(email__startswith=PREFIX).delete()


def main() -> None:
    args = parse_args()
    env = omgeving(args.database_url)
    os.environ.update(env)
    if args.meet:
        meten(args)
        return

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    if args.hergebruik:
        from participatie.models import Ronde

        ronde = Ronde.objects.select_related("aangemaakt_door").get(titel="Bench export ronde")
        regisseur = ronde.aangemaakt_door
        print(f"{ronde.inbreng.count()} inputs in round {ronde.slug} (kept)")
    else:
        ronde, regisseur = vullen(args.aantal)
        seconden = time.perf_counter() - start
        print(f"{args.aantal} inputs in round {ronde.slug} made in {seconden:.0f} s")

    resultaten = []
    try:
        for formaat in args.formaat or ["csv", "xlsx"]:
            kind = subprocess.run(  # noqa: S603 - this script, fixed arguments
                [
                    sys.executable,
                    __file__,
                    "--meet",
                    formaat,
                    "--slug",
                    ronde.slug,
                    "--user",
                    str(regisseur.pk),
                    "--database-url",
                    args.database_url,
                ],
                env={**os.environ, **env},
                capture_output=True,
                text=True,
                check=True,
            )
            resultaten.append(json.loads(kind.stdout.strip().splitlines()[-1]))
    finally:
        if not args.behouden:
            opruimen()

    print()
    print(
        f"{'format':<6} {'status':>6} {'total s':>8} {'1st byte s':>10} {'MB out':>7} "
        f"{'maxrss before/peak MB':>21} {'VmHWM before/peak MB':>20}"
    )
    for r in resultaten:
        print(
            f"{r['formaat']:<6} {r['status']:>6} {r['seconden']:>8} {r['eerste_byte']:>10} "
            f"{r['bytes'] / 1e6:>7.1f} {r['rss_voor_mb']:>10} / {r['piek_rss_mb']:<8} "
            f"{r['hwm_voor_mb']:>9} / {r['piek_hwm_mb']:<8}"
        )
    doel = all(
        r["seconden"] < 60 and (r["piek_hwm_mb"] or r["piek_rss_mb"]) < 200 for r in resultaten
    )
    print("target (< 60 s, < 200 MB each):", "met" if doel else "NOT met")


if __name__ == "__main__":
    main()
