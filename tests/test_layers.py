"""The apps' layers are a contract the test command checks (docs/architecture.md).

Each test copies the apps to a temporary folder, so the real tree is never touched, and
runs `lint-imports` there exactly as scripts/test.sh does.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "core",
    "accounts",
    "community",
    "notifications",
    "moderation",
    "safety",
    "webinars",
    "mentors",
    "conversations",
    "insights",
    "sitewide",
]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", "--no-cache"],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_apps_keep_their_layers(tree):
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_an_upward_import_hidden_inside_a_function_fails_the_check(tree):
    with (tree / "community" / "search.py").open("a") as module:
        module.write("\n\ndef _sneaky():\n    from safety import crisis\n\n    return crisis\n")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "community is not allowed to import safety" in result.stdout
    assert "community.search -> safety.crisis" in result.stdout


def test_webinars_and_mentors_stay_independent_of_each_other(tree):
    with (tree / "mentors" / "services.py").open("a") as module:
        module.write("\nimport webinars.models  # noqa\n")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "mentors is not allowed to import webinars" in result.stdout


def test_an_import_only_for_type_checking_is_allowed(tree):
    """`if TYPE_CHECKING:` imports never run, so they cannot make a cycle."""
    with (tree / "core" / "hooks.py").open("a") as module:
        module.write(
            "\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
            "    from sitewide import views  # noqa\n"
        )
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout
