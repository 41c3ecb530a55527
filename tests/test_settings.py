"""Production settings: run in a fresh process, exactly as an operator would start them."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    dropped = {"SECRET_KEY", "DEBUG", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.update({"DJANGO_SETTINGS_MODULE": "config.settings", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "secret_key",
    [None, "", "short", "django-insecure-" + "a" * 60, "x" * 60],
    ids=["unset", "empty", "short", "django-insecure", "repetitive"],
)
def test_production_refuses_to_start_without_a_real_secret_key(secret_key):
    env = {"DEBUG": "0"}
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key

    result = run_manage("check", **env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set to a long random value" in result.stderr


def test_production_settings_pass_check_deploy_without_a_warning():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="community.example.org",
        REDIS_URL=os.environ["REDIS_URL"],  # production shares one cache (gathering.W001)
    )

    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_development_mode_starts_without_any_configuration():
    result = run_manage("check", DEBUG="1")

    assert result.returncode == 0, result.stderr
