"""The hostile-input table on SQLite, the embedded default (`scripts/run.sh`).

The suite runs on PostgreSQL and settings pick the database once per process, so this
test runs a part of tests/test_hostile_input.py (the visitor's table, NUL bytes, page
numbers) and the search tests in a second pytest process whose DATABASE_URL names a SQLite
file.
"""

from tests.on_sqlite import pytest_on_sqlite


def test_hostile_inputs_answer_no_server_error_on_sqlite_either(tmp_path):
    output = pytest_on_sqlite(
        tmp_path / "hostile.sqlite3",
        "tests/test_hostile_input.py",
        "tests/community/test_search_any_query.py",
        "-k",
        "visitor or nul or page_number or search",
    )
    assert "deselected" in output  # the members' and admin's tables stay on PostgreSQL
