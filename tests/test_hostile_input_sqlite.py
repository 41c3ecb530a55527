"""The hostile-input table on SQLite, the embedded default (`scripts/run.sh`).

The suite runs on PostgreSQL and settings pick the database once per process, so this
test runs a part of tests/test_hostile_input.py (the visitor's table, NUL bytes, page
numbers) and the search tests in a second pytest process whose DATABASE_URL names a SQLite
file.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_hostile_inputs_answer_no_server_error_on_sqlite_either(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'hostile.sqlite3'}"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/test_hostile_input.py",
            "tests/community/test_search_any_query.py",
            "-k",
            "visitor or nul or page_number or search",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert " passed" in run.stdout and "failed" not in run.stdout
    assert "deselected" in run.stdout  # the members' and admin's tables stay on PostgreSQL
