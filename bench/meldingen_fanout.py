"""Benchmark: one event notified to 10,000 people, then their 10,000 e-mails.

Measures (issue 3, "Performance"):

a. the fan-out request: ``notify()`` to N users inside a transaction, then the
   commit, which enqueues the delivery tasks in Redis: query count and wall time;
b. delivery: one real Celery worker (a subprocess, ``-Q notifications``) takes
   those tasks from Redis and e-mails every melding through the locmem backend
   (which builds every MIME message in full, as SMTP would); timed from the
   commit until every row has ``gemaild_op``.

It makes a throwaway database on the PostgreSQL at ``--server`` and drops it
afterwards (or uses ``--database-url`` as given, and then deletes only its own
rows), and uses one Redis database (``--broker``), flushed before and after.

    .venv/bin/python bench/meldingen_fanout.py                 # 10,000, -c 1
    .venv/bin/python bench/meldingen_fanout.py --concurrency 2 # prefork default here
"""

from __future__ import annotations

import argparse
import os
import resource
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg
import redis

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aantal", type=int, default=10_000, help="recipients (10000)")
    parser.add_argument(
        "--concurrency", type=int, default=1, help="worker processes in the one worker (1)"
    )
    parser.add_argument(
        "--server",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="PostgreSQL to create the throwaway database on",
    )
    parser.add_argument("--database-url", help="use this database instead of a throwaway one")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/13", help="flushed!")
    parser.add_argument("--timeout", type=float, default=600)
    return parser.parse_args()


@contextmanager
def throwaway_database(server: str):
    name = f"bench_meldingen_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def worker(env: dict[str, str], concurrency: int, log: Path):
    argv = [str(Path(sys.executable).parent / "celery"), "-A", "config", "worker"]
    argv += ["-Q", "notifications", "-c", str(concurrency), "-n", f"bench{os.getpid()}@%h"]
    argv += ["--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "INFO"]
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 - our own worker, fixed arguments
            argv, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 60
        while "ready." not in log.read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"worker did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.1)
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def run(args: argparse.Namespace, database_url: str, tmp: Path) -> dict[str, float]:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(tmp)),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": args.broker,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)  # this process runs the production settings too

    import django

    django.setup()

    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from meldingen.models import Melding, Soort
    from meldingen.services import BATCH_SIZE, notify

    call_command("migrate", verbosity=0)
    User.objects.filter(email__startswith="bench-").delete()  # and their meldingen
    wachtwoord = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"bench-{nummer}@example.nl", password=wachtwoord)
        for nummer in range(args.aantal)
    )
    print(f"{len(users)} users in {database_url.rsplit('/', 1)[1]}")

    log = tmp / "worker.log"
    with worker(env, args.concurrency, log):
        # (a) The request: notify inside its transaction; the commit enqueues delivery.
        momenten: dict[str, float] = {}
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            # Runs first of the commit hooks: the moment the COMMIT returned.
            transaction.on_commit(lambda: momenten.setdefault("commit", time.perf_counter()))
            te_mailen = notify(ontvangers=users, soort=Soort.TEST, dedupe="bench")
            notify_klaar = time.perf_counter()
        request_klaar = time.perf_counter()
        statements = [
            q["sql"] for q in queries.captured_queries if q["sql"] not in ("BEGIN", "COMMIT")
        ]

        # (b) Delivery by the worker, until every row is e-mailed.
        while True:
            over = Melding.objects.filter(pk__in=te_mailen, gemaild_op__isnull=True).count()
            if over == 0:
                break
            if time.perf_counter() - request_klaar > args.timeout or "raised" in log.read_text():
                raise RuntimeError(f"{over} meldingen unsent; the worker's log:\n{log.read_text()}")
            time.sleep(0.25)
        bezorgd = time.perf_counter()
    # The stopped worker and its pool processes have been waited for: their CPU time.
    kinderen = resource.getrusage(resource.RUSAGE_CHILDREN)

    User.objects.filter(email__startswith="bench-").delete()
    return {
        "recipients": len(users),
        "to_mail": len(te_mailen),
        "queries": len(statements),
        "tasks": -(-len(te_mailen) // BATCH_SIZE),
        "commit_seconds": momenten["commit"] - notify_klaar,
        "enqueue_seconds": request_klaar - momenten["commit"],
        "notify_seconds": notify_klaar - start,
        "request_seconds": request_klaar - start,
        "delivery_seconds": bezorgd - request_klaar,
        "worker_cpu_seconds": kinderen.ru_utime + kinderen.ru_stime,
    }


def main() -> None:
    args = parse_args()
    broker = redis.Redis.from_url(args.broker)
    broker.flushdb()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-meldingen-") as tmp:
            if args.database_url:
                figures = run(args, args.database_url, Path(tmp))
            else:
                with throwaway_database(args.server) as url:
                    figures = run(args, url, Path(tmp))
                    from django.db import connections

                    connections.close_all()
    finally:
        broker.flushdb()
    print(
        f"(a) notify() to {figures['recipients']:,} users: {figures['queries']} query "
        f"(besides BEGIN/COMMIT), {figures['notify_seconds'] * 1000:.0f} ms; COMMIT "
        f"{figures['commit_seconds'] * 1000:.0f} ms; enqueueing "
        f"{figures['tasks']} delivery tasks "
        f"{figures['enqueue_seconds'] * 1000:.0f} ms; the whole request "
        f"{figures['request_seconds'] * 1000:.0f} ms"
    )
    print(
        f"(b) {figures['to_mail']:,} e-mails by one worker (-c {args.concurrency}, "
        f"locmem backend): {figures['delivery_seconds']:.1f} s "
        f"({figures['to_mail'] / figures['delivery_seconds']:.0f} per second); the worker "
        f"used {figures['worker_cpu_seconds']:.1f} s of CPU, start-up included"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
