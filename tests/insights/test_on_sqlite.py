"""The insights page, its figures and the roll-ups on SQLite, the embedded default
(`scripts/run.sh`): a newcomer who logs in as staff sees the charts there too."""

from tests.on_sqlite import pytest_on_sqlite


def test_every_insights_test_passes_on_sqlite_too(tmp_path):
    output = pytest_on_sqlite(
        tmp_path / "insights.sqlite3",
        "tests/insights",
        "--deselect",
        "tests/insights/test_on_sqlite.py",
        "-p",
        "no:randomly",
    )
    assert "skipped" not in output
