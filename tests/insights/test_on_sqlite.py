"""The insights page, its figures and the roll-ups on SQLite, the embedded default
(`scripts/run.sh`): a newcomer who logs in as staff sees the charts there too.

The suite runs on PostgreSQL and settings pick the database once per process, so this runs
the other insights tests in a second pytest process whose DATABASE_URL names a SQLite file
(as tests/test_hostile_input_sqlite.py does).
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_insights_test_passes_on_sqlite_too(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'insights.sqlite3'}"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/insights",
            "--deselect",
            "tests/insights/test_on_sqlite.py",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:randomly",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert " passed" in run.stdout and "failed" not in run.stdout
    assert "skipped" not in run.stdout
