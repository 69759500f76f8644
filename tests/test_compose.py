"""docker-compose.yml, started natively.

There is no Docker engine here, so these tests read the compose file and start the
migrate, web, worker and beat services' own commands from the virtualenv, with the
production settings of ``.env.example`` pointed at the test database and the
machine's Redis. Only what cannot work outside a container is changed: the bound
port, the beat schedule file, a unique worker name and one worker process.
"""

import json
import os
import re
import subprocess
import time
import uuid
from http.client import HTTPConnection
from pathlib import Path

from django.db import connection

import pytest
import redis
import yaml

from tests.local_services import redis_url
from tests.processes import REPO, VENV_BIN, Process, database_url, free_port

pytestmark = pytest.mark.integration

COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
BROKER_DB = 15  # a Redis database of its own, emptied before and after
BEHIND_TLS_PROXY = {"X-Forwarded-Proto": "https"}  # what the proxy in front of web adds


# --- reading the compose file --------------------------------------------------------


def env_example() -> dict[str, str]:
    pairs = {}
    for line in (REPO / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            pairs[name.strip()] = value
    return pairs


def native(service: str, **options: str) -> list[str]:
    """The service's command with the executable from the virtualenv.

    ``options`` replaces the value of an option (``bind="127.0.0.1:9000"`` for
    ``--bind``) or appends the option when the command does not have it.
    """
    argv = [str(VENV_BIN / SERVICES[service]["command"][0]), *SERVICES[service]["command"][1:]]
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        if flag in argv:
            argv[argv.index(flag) + 1] = value
        else:
            argv += [flag, value]
    return argv


def test_compose_file_describes_the_production_services():
    assert set(SERVICES) == {"migrate", "web", "worker", "beat", "postgres", "redis"}
    assert SERVICES["postgres"]["image"].startswith("postgres:16")
    assert SERVICES["redis"]["image"].startswith("redis:")
    for name in ("migrate", "web", "worker", "beat"):
        assert SERVICES[name]["env_file"] == ".env"
        assert SERVICES[name]["build"] == "."
    for name in ("web", "worker", "beat"):
        assert SERVICES[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }
    assert SERVICES["web"]["command"][:2] == ["gunicorn", "config.wsgi"]
    assert "/health/" in " ".join(SERVICES["web"]["healthcheck"]["test"])
    worker = SERVICES["worker"]["command"]
    assert worker[worker.index("-Q") + 1] == "default,notifications,reports"
    assert "--max-tasks-per-child" in worker
    assert SERVICES["beat"]["command"][:4] == ["celery", "-A", "config", "beat"]
    assert SERVICES["beat"]["deploy"]["replicas"] == 1


def test_every_interpolated_variable_is_in_env_example():
    used = set(re.findall(r"\$\{(\w+)", (REPO / "docker-compose.yml").read_text()))

    assert used - set(env_example()) == set()


# --- running the services ---------------------------------------------------------------


@pytest.fixture(scope="module")
def env(django_db_setup, tmp_path_factory):
    """Production settings from .env.example, pointed at the test database and local Redis."""
    broker = redis_url(BROKER_DB)
    redis.Redis.from_url(broker).flushdb()
    tmp = tmp_path_factory.mktemp("compose")
    yield {
        **env_example(),
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(REPO)),
        "LANG": "C.UTF-8",
        "SECRET_KEY": f"compose-test-{uuid.uuid4().hex}{uuid.uuid4().hex}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": "https://127.0.0.1",
        "DATABASE_URL": database_url(connection.settings_dict),
        "CELERY_BROKER_URL": broker,
        "CACHE_URL": broker,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "WEB_CONCURRENCY": "2",
        "STATIC_ROOT": str(tmp / "staticfiles"),
        "MEDIA_ROOT": str(tmp / "media"),
    }
    redis.Redis.from_url(broker).flushdb()


@pytest.fixture(scope="module")
def logs(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("logs")


@pytest.fixture(scope="module")
def web(env, logs):
    # As the Dockerfile does at build time; web serves static files from STATIC_ROOT.
    collectstatic = subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "collectstatic", "--noinput"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collectstatic.returncode == 0, collectstatic.stderr
    port = free_port()
    process = Process(native("web", bind=f"127.0.0.1:{port}"), env, logs / "web.log")
    try:
        process.wait_for(r"Booting worker")
        wait_until_answering(port, process)
        yield port
    finally:
        process.stop()


def wait_until_answering(port: int, process: Process, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            get(port, "/health/")
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"port {port} did not answer within {timeout} s:\n{process.log()}")


@pytest.fixture(scope="module")
def worker(env, logs):
    name = f"compose-test-{uuid.uuid4().hex[:8]}@localhost"
    process = Process(native("worker", hostname=name, concurrency="1"), env, logs / "worker.log")
    try:
        process.wait_for(re.escape(name) + r" ready\.")
        yield name, process
    finally:
        process.stop()


def get(port: int, path: str, headers: dict[str, str] | None = None):
    """GET without following redirects: (response, body)."""
    http = HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        http.request("GET", path, headers=headers or {})
        response = http.getresponse()
        return response, response.read()
    finally:
        http.close()


def celery(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [str(VENV_BIN / "celery"), "-A", "config", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_migrate_service_runs(env):
    result = subprocess.run(
        native("migrate"), cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )

    assert result.returncode == 0, result.stderr
    assert "No migrations to apply" in result.stdout


def test_web_answers_health_with_200_json(web):
    response, body = get(web, "/health/")

    assert response.status == 200
    assert response.headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"status": "ok", "database": "ok", "cache": "ok", "broker": "ok"}


def test_web_container_healthcheck_passes(web, env):
    _cmd, executable, *args = SERVICES["web"]["healthcheck"]["test"]
    args = [arg.replace("127.0.0.1:8000", f"127.0.0.1:{web}") for arg in args]

    result = subprocess.run(
        [str(VENV_BIN / executable), *args], env=env, capture_output=True, text=True, timeout=30
    )

    assert result.returncode == 0, result.stderr


def test_web_serves_pages_and_static_files_behind_the_tls_proxy(web):
    redirect, _body = get(web, "/")
    home, html = get(web, "/", BEHIND_TLS_PROXY)
    stylesheet = re.search(r'href="(/static/vendor/utrecht/[^"]+\.css)"', html.decode())

    assert redirect.status == 301  # plain http goes to https
    assert redirect.headers["Location"] == f"https://127.0.0.1:{web}/"
    assert home.status == 200, html.decode()
    assert "max-age=31536000" in home.headers["Strict-Transport-Security"]
    assert "script-src 'self'" in home.headers["Content-Security-Policy"]
    assert stylesheet, "the NL Design System stylesheet is not linked"
    assert get(web, stylesheet[1], BEHIND_TLS_PROXY)[0].status == 200


def test_worker_answers_inspect_ping(worker, env):
    name, _process = worker

    output = celery("inspect", "ping", "-d", name, "--timeout", "10", env=env)

    assert re.search(rf"->\s+{re.escape(name)}: OK\s+pong", output), output


def test_worker_runs_ping_sent_through_redis(worker, env):
    _name, process = worker

    task_id = celery("call", "config.tasks.ping", env=env).strip()

    process.wait_for(rf"Task config\.tasks\.ping\[{re.escape(task_id)}\] succeeded in .*: 'pong'")


def test_beat_starts_and_keeps_running(env, logs, tmp_path):
    process = Process(native("beat", schedule=str(tmp_path / "schedule")), env, logs / "beat.log")
    try:
        process.wait_for(r"beat: Starting")
        time.sleep(3)

        assert process.popen.poll() is None, process.log()
    finally:
        process.stop()
