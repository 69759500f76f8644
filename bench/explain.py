"""EXPLAIN of every SQL query of every key page, on the data of DATABASE_URL (issue 12).

Opens each page of ``config.sleutelpaginas`` as its persona (the test client,
in this process), runs ``EXPLAIN`` on each query it made, and lists every
sequential scan of a table with more than ``--grens`` rows (estimated from
``pg_class.reltuples``). Prints one line per page and exits 1 if a big table
is scanned.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/groot .venv/bin/python bench/explain.py
"""

import argparse
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from config.sleutelpaginas import GEGENEREERD, SLEUTELPAGINAS  # noqa: E402

SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grens", type=int, default=100_000, help="rows of a big table")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    settings.REQUIRE_MFA_FOR_STAFF = False
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relkind = 'r'")
        rijen = {naam: int(aantal) for naam, aantal in cursor.fetchall()}
    clients = {None: Client()}
    for persona in ("regisseur", "inwoner", "partner", "adviseur", "beheerder"):
        clients[persona] = Client()
        clients[persona].force_login(User.objects.get(email=getattr(GEGENEREERD, persona)))
    fout = 0
    for pagina in SLEUTELPAGINAS:
        client, pad = clients[pagina.persona], pagina.pad(GEGENEREERD)
        client.get(pad)
        with CaptureQueriesContext(connection) as queries:
            client.get(pad)
        groot: set[str] = set()
        with connection.cursor() as cursor:
            for query in queries.captured_queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                cursor.execute("EXPLAIN " + sql)
                plan = "\n".join(regel for (regel,) in cursor.fetchall())
                groot |= {t for t in SEQ_SCAN.findall(plan) if rijen.get(t, 0) > args.grens}
        fout += bool(groot)
        scans = ", ".join(f"{t} ({rijen[t]:,} rijen)" for t in sorted(groot)) or "geen"
        print(f"{pagina.naam:32} {len(queries):3} queries; seq scan op grote tabel: {scans}")
    return 1 if fout else 0


if __name__ == "__main__":
    sys.exit(main())
