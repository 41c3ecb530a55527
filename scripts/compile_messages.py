"""Compiles the translation catalogues (locale/<lang>/LC_MESSAGES/*.po) to the .mo files Django
reads, in pure Python (polib), so a fresh clone needs neither GNU gettext nor a manual step.
Run by scripts/bootstrap.sh; a .mo older than its .po is rebuilt, the others are left alone.
Fuzzy entries are left out, as msgfmt does."""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def compile_all(root: Path = ROOT) -> int:
    built = 0
    for po_path in sorted((root / "locale").glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalogue = polib.pofile(str(po_path))
        for entry in catalogue.fuzzy_entries():
            catalogue.remove(entry)
        catalogue.save_as_mofile(str(mo_path))
        built += 1
    return built


if __name__ == "__main__":
    count = compile_all()
    if count:
        print(f"Compiled {count} translation catalogue(s)")
    sys.exit(0)
