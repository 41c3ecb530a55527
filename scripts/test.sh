#!/usr/bin/env bash
# Runs the whole test suite against real PostgreSQL and Redis, with Debian's Chromium for
# the browser tests. Extra arguments go to pytest (e.g. scripts/test.sh tests/accounts -x).
# pytest runs in one process per CPU core (pytest-xdist, -n auto; PYTEST_WORKERS=3 to choose);
# add -n 0 to run in one process, e.g. to debug with --pdb: scripts/test.sh tests/accounts -n 0
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh dev

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/gathering}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/1}"

.venv/bin/python scripts/check_services.py

if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Debian's Chromium for the browser tests (apt-get install -y chromium)"
    if [ "$(id -u)" = "0" ]; then
        (apt-get install -y chromium >/dev/null 2>&1) || (apt-get update >/dev/null && apt-get install -y chromium >/dev/null)
    else
        sudo apt-get install -y chromium >/dev/null
    fi
fi

if [ ! -f node_modules/axe-core/axe.min.js ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "The accessibility tests inject axe-core from the npm registry: install Node.js and npm." >&2
        exit 1
    fi
    echo "Installing axe-core for the accessibility tests (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
fi

.venv/bin/ruff check .
.venv/bin/python manage.py makemigrations --check --dry-run --settings=config.settings_test
# The apps' layers (pyproject.toml [tool.importlinter], docs/architecture.md): a new upward
# import, even inside a function, fails here.
.venv/bin/lint-imports --no-logo
# Types, with django-stubs (pyproject.toml [tool.mypy]): services, querysets, roles, views…
.venv/bin/mypy
# worksteal: a worker that runs out of tests takes half of another's remaining ones, so a
# few long tests (the every-URL tables, the SQLite runs, the browser journeys) even out.
.venv/bin/python -m pytest -n "${PYTEST_WORKERS:-auto}" --dist worksteal "$@"
