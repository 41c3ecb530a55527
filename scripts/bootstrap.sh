#!/usr/bin/env bash
# Creates .venv with the newest Python >= 3.12 found and installs the pinned dependencies.
# Usage: scripts/bootstrap.sh [extra]   (extra: "dev" adds the test and lint tools)
set -euo pipefail
cd "$(dirname "$0")/.."

extra="${1:-}"

find_python() {
    local candidates=(python3.14 python3.13 python3.12)
    local c
    for c in "${candidates[@]}"; do
        if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
            command -v "$c"; return 0
        fi
    done
    local root="${PYENV_ROOT:-$HOME/.pyenv}"
    for c in $(ls -d "$root"/versions/3.1[2-9]* 2>/dev/null | sort -V -r); do
        if [ -x "$c/bin/python" ]; then echo "$c/bin/python"; return 0; fi
    done
    if command -v python3 >/dev/null 2>&1 && python3 -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
        command -v python3; return 0
    fi
    return 1
}

if [ ! -x .venv/bin/python ]; then
    if ! py="$(find_python)"; then
        echo "Gathering needs Python 3.12 or newer (Django 6 requires it) and found none." >&2
        echo "Install one, e.g. 'apt-get install python3.13' or 'pyenv install 3.13', then run this again." >&2
        exit 1
    fi
    echo "Creating .venv with $("$py" --version) ($py)"
    "$py" -m venv .venv
fi

stamp=".venv/.installed-${extra:-base}"
want="$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    if [ -n "$extra" ]; then
        .venv/bin/python -m pip install --quiet ".[$extra]"
    else
        .venv/bin/python -m pip install --quiet .
    fi
    echo "$want" > "$stamp"
fi

# The translation catalogues (locale/), compiled in pure Python: no GNU gettext needed.
.venv/bin/python scripts/compile_messages.py
