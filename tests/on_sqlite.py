"""Runs part of the suite on SQLite, the embedded default (`scripts/run.sh`).

The suite runs on PostgreSQL and settings pick the database once per process, so the tests
that must also hold on SQLite run in a second pytest process whose DATABASE_URL names a
SQLite file.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pytest_on_sqlite(database: Path, *arguments: str) -> str:
    """Runs pytest with `arguments` against a SQLite file; fails unless every test passed.
    Returns pytest's output. It runs in one process (`-n 0`): it is already one test of a
    parallel run."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", *arguments, "-q", "-p", "no:cacheprovider", "-n", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert " passed" in run.stdout and "failed" not in run.stdout
    return run.stdout
