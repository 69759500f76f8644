"""Real processes for integration tests: gunicorn, celery, redis-server.

Each process runs in a session of its own, with its output in a log file, so a
test can stop (or kill) it together with all its children.
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def database_url(settings_dict: dict) -> str:
    """A ``DATABASE_URL`` for another process to reach the database of ``settings_dict``."""
    user = quote(settings_dict["USER"] or "")
    password = f":{quote(settings_dict['PASSWORD'])}" if settings_dict["PASSWORD"] else ""
    host, port, name = settings_dict["HOST"] or "", settings_dict["PORT"], settings_dict["NAME"]
    if host.startswith("/"):  # a socket directory (the embedded PostgreSQL)
        return f"postgres://{user}{password}@/{name}?host={quote(host, safe='/')}"
    return f"postgres://{user}{password}@{host}{f':{port}' if port else ''}/{name}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Process:
    """One service, its output in a log file; stopped with its whole process group."""

    def __init__(self, argv: list[str], env: dict[str, str], log: Path):
        self.log_path = log
        with log.open("wb") as out:
            self.popen = subprocess.Popen(
                argv,
                cwd=REPO,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_for(self, pattern: str, timeout: float = 60) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if match := re.search(pattern, self.log()):
                return match
            if self.popen.poll() is not None:
                pytest.fail(
                    f"exited with {self.popen.returncode} before {pattern!r}:\n{self.log()}"
                )
            time.sleep(0.2)
        pytest.fail(f"no {pattern!r} within {timeout} s:\n{self.log()}")

    def stop(self) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self) -> None:
        """SIGKILL the whole group at once (a celery worker and its pool children)."""
        with contextlib.suppress(ProcessLookupError):  # the group is gone already
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait()
