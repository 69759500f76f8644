"""Load benchmark of the key pages against the bare-Django ceiling (issue 12).

In ONE run, against gunicorn with production settings, on the data of
``manage.py genereer_data --schaal groot`` (or any world of
``config.sleutelpaginas``):

1. the ceiling: ``/__plafond__/`` (``bench/urls.py``), a bare view returning a
   static page of the key pages' median size through the same middleware
   stack, as a logged-in resident;
2. every key page of ``config.sleutelpaginas`` as its persona: first one user
   alone (latency: p50/p95/p99), then ``--gebruikers`` users at once
   (throughput: requests/s, and its ratio to the ceiling's);
3. the write path: ``--schrijvers`` residents at once support inputs of the hot
   round, each a different input, for ``--schrijfduur`` seconds; afterwards
   the database is counted: no lost and no duplicated supports.

Load comes from locust (as a library, FastHttpUser, no waiting between
requests) in this process; the SQL count per request from the header
``X-Sql-Queries`` that ``bench/wsgi.py`` adds. The table goes to stdout and,
with ``--uitvoer``, to a markdown file.

    .venv/bin/python bench/load.py --database-url postgres://postgres@127.0.0.1:5432/groot

The Django parts (sessions, paths, counting) run in subprocesses
(``--stap``), so this process imports no Django next to gevent.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CSRF = "benchmarkcsrftoken0123456789abcd"  # 32 alphanumerics: a valid CSRF secret

# Targets of issue 12.
DOEL_P95_MS = 150
DOEL_RATIO = 0.35
DOEL_QUERIES = 12


# --- The Django steps (run as subprocesses) -------------------------------------------


def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _sessie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _totp(user) -> None:
    """Staff need an authenticator app in production (REQUIRE_MFA_FOR_STAFF)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())


def stap_voorbereiden(wereld_naam: str, schrijvers: int) -> dict:
    """Sessions of the personas and of the writers, the paths of the key pages, and
    per writer the inputs of the hot round it may support (not its own, not yet)."""
    _django()
    from django.db.models import Q

    from accounts.models import User
    from accounts.selectors import user_has_staff_role
    from config import sleutelpaginas
    from participatie.models import Inbreng, Steun

    wereld = getattr(sleutelpaginas, wereld_naam)
    sessies = {}
    for persona in ("regisseur", "inwoner", "partner", "adviseur", "beheerder"):
        user = User.objects.get(email=getattr(wereld, persona))
        if user_has_staff_role(user) or user.is_superuser:
            _totp(user)
        sessies[persona] = _sessie(user)
    paginas = [
        {"naam": p.naam, "persona": p.persona, "pad": p.pad(wereld), "budget": p.budget}
        for p in sleutelpaginas.SLEUTELPAGINAS
    ]
    # Writers: residents who support nothing in the hot round yet.
    inbreng = list(
        Inbreng.objects.filter(ronde__slug=wereld.drukke_ronde, verborgen_op__isnull=True)
        .order_by("-aantal_steun", "pk")
        .values_list("pk", "auteur_id")[:2000]
    )
    steuners = Steun.objects.filter(inbreng__ronde__slug=wereld.drukke_ronde).values("user_id")
    kandidaten = (
        User.objects.filter(groups__name="inwoner", is_active=True)
        .exclude(pk__in=steuners)
        .exclude(Q(email__startswith="prestatie-"))
        .order_by("pk")[:schrijvers]
    )
    schrijvers_lijst = []
    for user in kandidaten:
        eigen = [pk for pk, auteur in inbreng if auteur != user.pk]
        schrijvers_lijst.append({"user": user.pk, "sessie": _sessie(user), "inbreng": eigen})
    return {
        "sessies": sessies,
        "paginas": paginas,
        "schrijvers": schrijvers_lijst,
        "ronde": wereld.drukke_ronde,
    }


def stap_tellen(users: list[int], ronde: str) -> dict:
    """The writers' supports in the hot round (they had none there before the run), and
    whether every counter of that round equals its rows."""
    _django()
    from django.db.models import Count, F

    from participatie.models import Inbreng, Steun

    van_schrijvers = Steun.objects.filter(user_id__in=users, inbreng__ronde__slug=ronde)
    dubbel = van_schrijvers.values("inbreng_id", "user_id").annotate(n=Count("id")).filter(n__gt=1)
    scheef = (
        Inbreng.objects.filter(ronde__slug=ronde)
        .annotate(echt=Count("steunbetuigingen"))
        .exclude(aantal_steun=F("echt"))
    )
    return {
        "rijen": van_schrijvers.count(),
        "dubbel": dubbel.count(),
        "tellers_scheef": scheef.count(),
    }


def stap_opruimen(users: list[int], ronde: str) -> dict:
    """Take the writers' supports in the hot round back (with the counters), so a run
    can be repeated on the same data."""
    _django()
    from django.db import transaction
    from django.db.models import Count, F

    from participatie.models import Inbreng, Steun

    with transaction.atomic():
        rijen = Steun.objects.filter(user_id__in=users, inbreng__ronde__slug=ronde)
        per_inbreng = list(
            rijen.values("inbreng_id").annotate(n=Count("id")).values_list("inbreng_id", "n")
        )
        for pk, n in per_inbreng:
            Inbreng.objects.filter(pk=pk).update(aantal_steun=F("aantal_steun") - n)
        weg, _ = Steun.objects.filter(pk__in=rijen.values("pk")).delete()
    return {"verwijderd": weg}


# --- The load ---------------------------------------------------------------------------


def _omgeving(args) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DJANGO_DEBUG", None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=args.database_url,
        SECRET_KEY="benchmark-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        CACHE_URL=args.redis + "/12",
        CELERY_BROKER_URL=args.redis + "/12",
        DB_CONN_MAX_AGE="60",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


def _stap(env: dict, *argv: str) -> dict:
    uit = subprocess.run(  # noqa: S603 - this script, fixed arguments
        [PYTHON, __file__, "--stap", *argv],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(uit.stdout.strip().splitlines()[-1])


def _server(args, env) -> subprocess.Popen:
    # Production settings serve static files from the manifest of collectstatic.
    subprocess.run(  # noqa: S603 - manage.py, fixed arguments
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
    )
    server = subprocess.Popen(  # noqa: S603 - gunicorn, fixed arguments
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "bench.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.poort}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    tot = time.monotonic() + 60
    while time.monotonic() < tot:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{args.poort}/health/", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    os.killpg(server.pid, signal.SIGTERM)
    raise SystemExit("gunicorn kwam niet op binnen 60 seconden")


def _koppen(sessie: str | None) -> dict[str, str]:
    cookie = f"csrftoken={CSRF}"
    if sessie:
        cookie += f"; sessionid={sessie}"
    return {"Cookie": cookie, "Accept-Language": "nl"}


def _proef(basis: str, pad: str, koppen: dict) -> tuple[int, int, int]:
    """(status, bytes, SQL queries) of one request; also warms the caches."""
    verzoek = urllib.request.Request(basis + pad, headers=koppen)  # noqa: S310 - http://127.0.0.1
    opener = urllib.request.build_opener(_GeenRedirect)
    try:
        antwoord = opener.open(verzoek, timeout=60)
    except urllib.error.HTTPError as fout:
        return fout.code, 0, int(fout.headers.get("X-Sql-Queries") or -1)
    romp = antwoord.read()
    return antwoord.status, len(romp), int(antwoord.headers.get("X-Sql-Queries") or -1)


class _GeenRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _last(basis: str, pad: str, koppen: dict, gebruikers: int, duur: float) -> dict:
    """``gebruikers`` locust users GET ``pad`` without pause for ``duur`` seconds."""
    import gevent
    from locust import constant, task
    from locust.contrib.fasthttp import FastHttpUser
    from locust.env import Environment

    class Bezoeker(FastHttpUser):
        host = basis
        wait_time = constant(0)

        @task
        def openen(self):
            with self.client.get(pad, headers=koppen, catch_response=True) as r:
                if r.status_code != 200:
                    r.failure(f"status {r.status_code}")

    env = Environment(user_classes=[Bezoeker])
    runner = env.create_local_runner()
    runner.start(gebruikers, spawn_rate=gebruikers)
    gevent.sleep(duur)
    runner.quit()
    totaal = env.stats.total
    verstreken = max(duur, 1e-9)
    return {
        "verzoeken": totaal.num_requests,
        "fouten": totaal.num_failures,
        "rps": totaal.num_requests / verstreken,
        "p50": totaal.get_response_time_percentile(0.50),
        "p95": totaal.get_response_time_percentile(0.95),
        "p99": totaal.get_response_time_percentile(0.99),
    }


def _schrijven(basis: str, schrijvers: list[dict], pad_van, duur: float) -> dict:
    """Every writer supports the next input of its own list, without pause."""
    import gevent
    from gevent.event import Event
    from locust import constant, task
    from locust.contrib.fasthttp import FastHttpUser
    from locust.env import Environment

    rij = iter(schrijvers)
    gelukt: list[tuple[int, int]] = []
    klaar = Event()

    class Steuner(FastHttpUser):
        host = basis
        wait_time = constant(0)

        def on_start(self):
            self.schrijver = next(rij)
            self.rest = list(self.schrijver["inbreng"])
            self.koppen = {
                **_koppen(self.schrijver["sessie"]),
                "X-CSRFToken": CSRF,
                "HX-Request": "true",
                "Referer": basis + "/",
            }

        @task
        def steunen(self):
            if klaar.is_set() or not self.rest:
                gevent.sleep(0.1)
                return
            pk = self.rest.pop(0)
            with self.client.post(
                pad_van(pk), headers=self.koppen, catch_response=True, name="steun"
            ) as r:
                if r.status_code == 200 and 'aria-pressed="true"' in (r.text or ""):
                    gelukt.append((self.schrijver["user"], pk))
                else:
                    r.failure(f"status {r.status_code}")

    env = Environment(user_classes=[Steuner])
    runner = env.create_local_runner()
    runner.start(len(schrijvers), spawn_rate=len(schrijvers))
    gevent.sleep(duur)
    # No new requests, and the ones under way are answered and counted before the
    # users stop: every row in the database then has its answer here.
    klaar.set()
    gevent.sleep(10)
    runner.quit()
    totaal = env.stats.total
    return {
        "verzoeken": totaal.num_requests,
        "fouten": totaal.num_failures,
        "gelukt": len(gelukt),
        "per_seconde": len(gelukt) / duur,
        "p95": totaal.get_response_time_percentile(0.95),
    }


def _tabel(regels: list[dict], plafond: dict) -> list[str]:
    kop = [
        "| Pagina | Persona | req/s (8 tegelijk) | p50 ms | p95 ms | p99 ms | SQL | "
        "t.o.v. plafond | Doelen |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    uit = []
    for r in [plafond, *regels]:
        doelen = []
        if r is not plafond:
            doelen.append("p95 ✓" if r["enkel"]["p95"] <= DOEL_P95_MS else "p95 ✗")
            doelen.append("ratio ✓" if r["ratio"] >= DOEL_RATIO else "ratio ✗")
            doelen.append("SQL ✓" if 0 <= r["sql"] <= r["budget"] else "SQL ✗")
            if r["status"] != 200 or r["last"]["fouten"] or r["enkel"]["fouten"]:
                doelen.append(f"FOUT (status {r['status']})")
        uit.append(
            f"| {r['naam']} | {r['persona'] or 'niet ingelogd'} | {r['last']['rps']:.0f} | "
            f"{r['enkel']['p50']:.0f} | {r['enkel']['p95']:.0f} | {r['enkel']['p99']:.0f} | "
            f"{r['sql']} | {r['ratio']:.0%} | {' '.join(doelen)} |"
        )
    return kop + uit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", ""), help="the data to measure"
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379")
    parser.add_argument(
        "--wereld", default="GEGENEREERD", help="GEGENEREERD (genereer_data) or DEMO"
    )
    parser.add_argument("--poort", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--gebruikers", type=int, default=8, help="users at once, throughput")
    parser.add_argument("--duur", type=float, default=10, help="seconds of load per page")
    parser.add_argument("--enkel", type=float, default=5, help="seconds of one user per page")
    parser.add_argument("--schrijvers", type=int, default=50)
    parser.add_argument("--schrijfduur", type=float, default=20)
    parser.add_argument("--alleen", help="only pages whose name contains this text")
    parser.add_argument("--uitvoer", help="write the markdown table to this file")
    parser.add_argument("--stap", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.stap:
        naam, *rest = args.stap
        if naam == "voorbereiden":
            uitkomst = stap_voorbereiden(rest[0], int(rest[1]))
        elif naam == "tellen":
            uitkomst = stap_tellen(*json.loads(rest[0]))
        else:
            uitkomst = stap_opruimen(*json.loads(rest[0]))
        print(json.dumps(uitkomst))
        return
    if not args.database_url:
        raise SystemExit("Geef --database-url (of DATABASE_URL): de database om te meten.")

    env = _omgeving(args)
    begin = datetime.now(UTC)
    print("Voorbereiden: sessies, paden, schrijvers ...", flush=True)
    wereld = _stap(env, "voorbereiden", args.wereld, str(args.schrijvers))
    server = _server(args, env)
    basis = f"http://127.0.0.1:{args.poort}"
    try:
        paginas = [p for p in wereld["paginas"] if not args.alleen or args.alleen in p["naam"]]
        grootte: list[int] = []
        for p in paginas:
            koppen = _koppen(wereld["sessies"].get(p["persona"]) if p["persona"] else None)
            for _ in range(3):
                p["status"], p["bytes"], p["sql"] = _proef(basis, p["pad"], koppen)
            p["koppen"] = koppen
            grootte.append(p["bytes"])
        mediaan = int(statistics.median(grootte)) if grootte else 40_000

        def meten(naam, persona, pad, koppen, sql, budget, status) -> dict:
            enkel = _last(basis, pad, koppen, 1, args.enkel)
            last = _last(basis, pad, koppen, args.gebruikers, args.duur)
            print(
                f"  {naam:34} {last['rps']:6.0f} req/s  p95 {enkel['p95']:5.0f} ms  "
                f"SQL {sql:3}  status {status}",
                flush=True,
            )
            return {
                "naam": naam,
                "persona": persona,
                "pad": pad,
                "sql": sql,
                "budget": budget,
                "status": status,
                "enkel": enkel,
                "last": last,
            }

        print(f"Plafond: een statische pagina van {mediaan} bytes", flush=True)
        plafond_pad = f"/__plafond__/?grootte={mediaan}"
        koppen_inwoner = _koppen(wereld["sessies"]["inwoner"])
        status, _, sql = _proef(basis, plafond_pad, koppen_inwoner)
        plafond = meten(
            "Plafond (kale Django-view)", "inwoner", plafond_pad, koppen_inwoner, sql, 0, status
        )
        plafond["ratio"] = 1.0
        print("Sleutelpagina's:", flush=True)
        regels = []
        for p in paginas:
            r = meten(
                p["naam"], p["persona"], p["pad"], p["koppen"], p["sql"], p["budget"], p["status"]
            )
            r["ratio"] = r["last"]["rps"] / plafond["last"]["rps"] if plafond["last"]["rps"] else 0
            regels.append(r)

        schrijf = None
        if args.schrijvers and wereld["schrijvers"]:
            print(f"Schrijven: {len(wereld['schrijvers'])} inwoners steunen tegelijk", flush=True)
            ronde_pad = next(p["pad"] for p in wereld["paginas"] if p["naam"].startswith("Drukke"))
            ronde_pad = ronde_pad.split("?")[0]
            schrijf = _schrijven(
                basis,
                wereld["schrijvers"],
                lambda pk: f"{ronde_pad}inbreng/{pk}/steun/",
                args.schrijfduur,
            )
            users = [s["user"] for s in wereld["schrijvers"]]
            schrijf["telling"] = _stap(env, "tellen", json.dumps([users, wereld["ronde"]]))
            schrijf["opgeruimd"] = _stap(env, "opruimen", json.dumps([users, wereld["ronde"]]))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    regels_md = _tabel(regels, plafond)
    print("\n".join(regels_md))
    verslag = _verslag(args, begin, regels_md, schrijf, mediaan)
    if schrijf:
        print("\n".join(verslag[-2:]))
    if args.uitvoer:
        _schrijven_naar(Path(args.uitvoer), "\n".join(verslag))
        print(f"Geschreven: {args.uitvoer}")


BEGIN, EIND = "<!-- meting:begin -->", "<!-- meting:eind -->"


def _schrijven_naar(bestand: Path, meting: str) -> None:
    """Into ``bestand`` between the markers (docs/performance.md), or the whole file."""
    tekst = bestand.read_text() if bestand.exists() else ""
    if BEGIN in tekst and EIND in tekst:
        voor, rest = tekst.split(BEGIN, 1)
        na = rest.split(EIND, 1)[1]
        bestand.write_text(f"{voor}{BEGIN}\n{meting}\n{EIND}{na}")
    else:
        bestand.write_text(meting + "\n")


def _verslag(args, begin, regels_md, schrijf, mediaan) -> list[str]:
    machine = f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}"
    uit = [
        f"Gemeten op {begin:%Y-%m-%d %H:%M} UTC, {machine}.",
        f"gunicorn {args.workers} sync workers; {args.gebruikers} gebruikers tegelijk "
        f"{args.duur:.0f} s per pagina (req/s), 1 gebruiker {args.enkel:.0f} s (latentie: p50, "
        "p95, p99); "
        f"plafond: statische pagina van {mediaan} bytes door dezelfde middleware.",
        "",
        *regels_md,
    ]
    if schrijf:
        t = schrijf["telling"]
        uit += [
            "",
            f"Schrijven: {args.schrijvers} inwoners steunen tegelijk, {args.schrijfduur:.0f} s: "
            f"{schrijf['gelukt']} steunbetuigingen ({schrijf['per_seconde']:.0f} per seconde), "
            f"{schrijf['fouten']} fouten, p95 {schrijf['p95']:.0f} ms.",
            f"Daarna geteld: {t['rijen']} rijen van de schrijvers "
            f"(verwacht {schrijf['gelukt']}), {t['dubbel']} dubbel, "
            f"{t['tellers_scheef']} tellers die niet kloppen.",
        ]
    return uit


if __name__ == "__main__":
    main()
