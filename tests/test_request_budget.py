"""One slow request costs one worker, briefly: gunicorn's timeout and the web's statement budget.

Run in fresh processes, as an operator would start them (config/gunicorn.py, then settings).
"""

import os
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SLOW_QUERY = (
    "from django.db import connection\n"
    "cursor = connection.cursor()\n"
    "cursor.execute('SHOW statement_timeout')\n"
    "print('budget', cursor.fetchone()[0])\n"
    "cursor.execute('SELECT pg_sleep(3)')\n"
    "print('finished')\n"
)


def run_shell(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k != "DB_STATEMENT_TIMEOUT"}
    clean.update({"DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1", **env})
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_postgresql_cancels_a_web_statement_that_runs_past_its_budget():
    result = run_shell(SLOW_QUERY, DB_STATEMENT_TIMEOUT="1")

    assert "budget 1s" in result.stdout
    assert "finished" not in result.stdout
    assert "canceling statement due to statement timeout" in result.stderr


def test_migrations_and_workers_run_without_a_statement_budget():
    result = run_shell(SLOW_QUERY.replace("pg_sleep(3)", "pg_sleep(0)"))

    assert "budget 0" in result.stdout
    assert "finished" in result.stdout


def test_gunicorn_uses_sync_workers_that_its_timeout_can_stop(monkeypatch):
    # setenv first, so the value the config file sets is undone after the test.
    for name in ("DB_STATEMENT_TIMEOUT", "GUNICORN_THREADS", "GUNICORN_TIMEOUT"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)

    config = runpy.run_path(str(ROOT / "config" / "gunicorn.py"))

    assert config["threads"] == 1  # gthread workers are never killed for a slow request
    assert config["timeout"] <= 30
    assert config["graceful_timeout"] <= config["timeout"]
    assert os.environ["DB_STATEMENT_TIMEOUT"] == "10"


SHOW_JIT = (
    "from django.db import connection\n"
    "cursor = connection.cursor()\n"
    "cursor.execute('SHOW jit')\n"
    "print('jit', cursor.fetchone()[0])\n"
)


def test_the_site_connects_with_postgresql_jit_off_unless_asked():
    """A misestimated page query no longer spends 100-200 ms compiling itself."""
    assert "jit off" in run_shell(SHOW_JIT, DB_STATEMENT_TIMEOUT="10").stdout
    assert "jit off" in run_shell(SHOW_JIT).stdout
    assert "jit on" in run_shell(SHOW_JIT, DB_JIT="1").stdout
