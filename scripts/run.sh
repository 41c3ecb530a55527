#!/usr/bin/env bash
# The embedded default: SQLite, tasks in-process, e-mail on the console, demo data, port 8000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export DEBUG="${DEBUG:-1}"
export SECRET_KEY="${SECRET_KEY:-embedded-default-development-key-not-for-production-use-0123456789}"
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py load_demo
echo
echo "Gathering is running at http://127.0.0.1:8000/ (demo logins: see README.md)"
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
