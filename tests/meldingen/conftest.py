"""A Redis and celery workers of the tests' own, for the reliability tests of meldingen.

The Redis is started here (not the machine's) so a test can restart it without
disturbing anything else. Workers run the production settings against the pytest
test database, with a short visibility timeout and ``tests.mail_backend`` recording
every message in a file.
"""

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from django.db import connection

import pytest
import redis
from kombu import pools

from config import celery_app
from tests.local_services import skip_or_fail
from tests.processes import VENV_BIN, Process, database_url, free_port

# Redis hands an unacknowledged task to another worker after this many seconds.
VISIBILITY_TIMEOUT = 5


class RedisServer:
    """``redis-server`` on a free port, without persistence; can be restarted."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.client = redis.Redis.from_url(self.url, socket_timeout=5)
        self.process: Process | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        argv = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        argv += ["--save", "", "--appendonly", "no", "--dir", str(self.directory)]
        self.process = Process(argv, dict(os.environ), self.directory / f"redis-{self.starts}.log")
        self.process.wait_for(r"Ready to accept connections", timeout=20)
        self.client.ping()

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()

    def restart(self) -> None:
        self.stop()
        self.start()

    def run_id(self) -> str:
        """Different for every start of the server."""
        return self.client.info("server")["run_id"]

    def queued(self, queue: str = "notifications") -> int:
        return self.client.llen(queue)

    def unacknowledged(self) -> int:
        """Tasks handed to a worker that it has not acknowledged (kombu's ``unacked``)."""
        return self.client.hlen("unacked")


@pytest.fixture(scope="module")
def eigen_redis(tmp_path_factory) -> Iterator[RedisServer]:
    if shutil.which("redis-server") is None:
        skip_or_fail("redis-server is not installed (apt-get install redis-server)")
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _forget_broker_connections() -> None:
    """The next publish opens a connection to ``broker_url`` as it is now."""
    pools.reset()
    celery_app._pool = None  # the app caches its pools; there is no public reset
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker(eigen_redis, monkeypatch) -> Iterator[RedisServer]:
    """An empty Redis that tasks sent from this process really go to (not run eagerly)."""
    eigen_redis.client.flushall()
    # Celery's conf.broker_url prefers the CELERY_BROKER_URL environment variable
    # (set in CI) over the configured value, so point both at our Redis.
    monkeypatch.setenv("CELERY_BROKER_URL", eigen_redis.url)
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager
    conf.broker_url, conf.task_always_eager = eigen_redis.url, False
    _forget_broker_connections()
    try:
        yield eigen_redis
    finally:
        conf.broker_url, conf.task_always_eager = saved
        _forget_broker_connections()


@pytest.fixture
def visibility_timeout() -> int:
    return VISIBILITY_TIMEOUT


@pytest.fixture
def mail_log(tmp_path) -> Path:
    path = tmp_path / "mail.log"
    path.touch()
    return path


@pytest.fixture
def mail_hold(tmp_path) -> Path:
    """Recipients listed in this file are held just before their e-mail is handed over."""
    return tmp_path / "hold"


@pytest.fixture
def start_worker(broker, mail_log, mail_hold, tmp_path) -> Iterator[Callable[[], Process]]:
    """Start a worker as production runs it, ready to consume; all are stopped afterwards."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "LANG": "C.UTF-8",
        "SECRET_KEY": f"meldingen-test-{uuid.uuid4().hex}{uuid.uuid4().hex}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(connection.settings_dict),
        "CELERY_BROKER_URL": broker.url,
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "EMAIL_BACKEND": "tests.mail_backend.EmailBackend",
        "TEST_MAIL_LOG": str(mail_log),
        "TEST_MAIL_HOLD": str(mail_hold),
    }
    argv = [str(VENV_BIN / "celery"), "-A", "config", "worker", "-Q", "notifications,default"]
    argv += ["-c", "2", "--without-gossip", "--without-mingle", "-l", "INFO"]
    workers: list[Process] = []

    def start() -> Process:
        number = len(workers) + 1
        name = f"test{number}@%h"  # two workers at once need two names
        worker = Process([*argv, "-n", name], env, tmp_path / f"worker-{number}.log")
        workers.append(worker)
        worker.wait_for(rf"test{number}@\S+ ready\.")
        return worker

    try:
        yield start
    finally:
        for worker in workers:
            worker.stop()
