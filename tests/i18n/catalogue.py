"""The Spanish catalogue against the source: `makemessages` run on a copy of the project (so
the real locale/ is never written) finds every marked string; each must have a Spanish
msgstr in locale/es/LC_MESSAGES/django.po, neither empty nor fuzzy.

Each area checks the strings found in its own files (`catalogue_problems(("community/",
"templates/community/"))`), so a helper's area is green once its own strings are
translated; tests/i18n/test_catalogue.py checks the whole catalogue.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
# As docs/i18n.md's makemessages command: these folders are not the product's source.
IGNORED = {".venv", "node_modules", "tests", "staticfiles", "bench", ".git", "locale"}
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
SPANISH = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"


@functools.cache
def extracted() -> polib.POFile:
    """The catalogue `makemessages -l es` would write today (run once per test session)."""
    with tempfile.TemporaryDirectory(prefix="gathering-makemessages-") as tmp:
        copy = Path(tmp)
        for folder, dirs, files in os.walk(ROOT):
            dirs[:] = [d for d in dirs if d not in IGNORED and not d.startswith(".")]
            relative = Path(folder).relative_to(ROOT)
            for name in files:
                if Path(name).suffix in SOURCE_SUFFIXES:
                    target = copy / relative / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(Path(folder) / name, target)
        (copy / "locale").mkdir()
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "es", "--add-location", "file"],
            cwd=copy,
            check=True,
            capture_output=True,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test"},
        )
        written = copy / "locale" / "es" / "LC_MESSAGES" / "django.po"
        # makemessages writes no file when nothing is marked yet.
        return polib.pofile(str(written)) if written.exists() else polib.POFile()


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def _translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def catalogue_problems(sources: tuple[str, ...] = ("",)) -> list[str]:
    """Marked strings from files under `sources` (path prefixes) that the Spanish catalogue
    lacks, or has empty or fuzzy."""
    spanish = {_key(e): e for e in polib.pofile(str(SPANISH))}
    problems = []
    for entry in extracted():
        files = [path for path, _ in entry.occurrences]
        if not any(f.startswith(sources) for f in files):
            continue
        where = ", ".join(sorted(set(files)))
        known = spanish.get(_key(entry))
        if known is None:
            problems.append(f"missing: {entry.msgid!r} ({where})")
        elif "fuzzy" in known.flags:
            problems.append(f"fuzzy: {entry.msgid!r} ({where})")
        elif not _translated(known):
            problems.append(f"empty: {entry.msgid!r} ({where})")
    return problems
