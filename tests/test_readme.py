"""The README promises a newcomer two commands; its heading and table must say the same,
and CI must run the one it calls the test command."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text()
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


def test_the_two_commands_table_lists_exactly_two_commands():
    section = _section("The two commands")
    commands = [
        match.group(1)
        for line in section.splitlines()
        if line.startswith("| ") and (match := re.search(r"`(scripts/[^`]+)`", line))
    ]
    assert commands == ["scripts/run.sh", "scripts/test.sh"]


def test_ci_runs_the_readmes_test_command_and_nothing_else():
    ci = (ROOT / ".ci" / "run").read_text()
    commands = [
        line for line in ci.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    assert commands[-1] == "exec scripts/test.sh"
    assert not any(re.search(r"\b(pytest|pip)\b", line) for line in commands)
