"""Production refuses, or warns loudly about, several processes on a per-process cache.

Run in fresh processes, as an operator would start them (core/shared_cache.py).
"""

import http.client
import os
import secrets
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.notifications.conftest import worker_database_url
from tests.test_settings import run_manage

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
}
WARNING_WORDS = "The cache is local to each process"


def test_check_deploy_warns_about_a_local_cache_in_production():
    result = run_manage("check", "--deploy", **PRODUCTION)

    assert "gathering.W001" in result.stderr + result.stdout
    assert WARNING_WORDS in result.stderr + result.stdout
    assert "REDIS_URL" in result.stderr + result.stdout


def test_check_deploy_says_nothing_of_the_cache_with_redis():
    result = run_manage("check", "--deploy", REDIS_URL=os.environ["REDIS_URL"], **PRODUCTION)

    assert "gathering.W001" not in result.stderr + result.stdout


def test_the_embedded_default_does_not_warn_about_its_cache():
    result = run_manage("check", "--deploy", DEBUG="1")

    assert "gathering.W001" not in result.stderr + result.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn(tmp_path: Path, *, workers: int, **env: str) -> tuple[subprocess.Popen, int, Path]:
    port = free_port()
    log = tmp_path / "gunicorn.log"
    clean = {
        k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    clean.update(
        {
            **PRODUCTION,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": "1",
            **env,
        }
    )
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "-c",
                "config/gunicorn.py",
                "config.wsgi:application",
            ],
            cwd=ROOT,
            env=clean,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return process, port, log


def healthz_status(process: subprocess.Popen, port: int) -> int:
    """Waits until the server answers /healthz (or gives up after a minute)."""
    for _ in range(240):
        assert process.poll() is None, "gunicorn stopped"
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            return conn.getresponse().status
        except OSError:
            time.sleep(0.25)
    raise AssertionError("gunicorn did not answer")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


def test_gunicorn_refuses_several_workers_without_a_shared_cache(tmp_path):
    process, _, log = gunicorn(tmp_path, workers=3)
    try:
        returncode = process.wait(timeout=60)
    finally:
        if process.poll() is None:
            stop(process)

    assert returncode != 0
    output = log.read_text()
    assert "refusing to start 3 workers" in output
    assert WARNING_WORDS in output
    assert "GUNICORN_WORKERS=1" in output


@pytest.mark.django_db
def test_gunicorn_starts_several_workers_with_redis_and_says_nothing_of_the_cache(tmp_path):
    process, port, log = gunicorn(
        tmp_path, workers=2, REDIS_URL=os.environ["REDIS_URL"], DATABASE_URL=worker_database_url()
    )
    try:
        assert healthz_status(process, port) == 200
    finally:
        stop(process)

    assert WARNING_WORDS not in log.read_text()


@pytest.mark.django_db
def test_one_gunicorn_worker_on_a_local_cache_starts_and_warns(tmp_path):
    process, port, log = gunicorn(tmp_path, workers=1, DATABASE_URL=worker_database_url())
    try:
        assert healthz_status(process, port) == 200
    finally:
        stop(process)

    assert WARNING_WORDS in log.read_text()
