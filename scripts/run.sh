#!/usr/bin/env bash
# The embedded default: SQLite, tasks in-process, e-mail on the console, demo data.
# PORT (default 8000) picks the port; SITE_URL (the address in e-mail links) follows it
# unless set.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
if ! [[ "$PORT" =~ ^[0-9]+$ ]] || [ "$PORT" -lt 1 ] || [ "$PORT" -gt 65535 ]; then
    echo "PORT must be a port number from 1 to 65535 (it is '$PORT')." >&2
    exit 2
fi
export SITE_URL="${SITE_URL:-http://127.0.0.1:$PORT}"
scripts/bootstrap.sh
export DEBUG="${DEBUG:-1}"
export SECRET_KEY="${SECRET_KEY:-embedded-default-development-key-not-for-production-use-0123456789}"
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py load_demo
echo
echo "Gathering is running at http://127.0.0.1:$PORT/ (demo logins: see README.md)"
echo "Links in e-mails point to $SITE_URL"
exec .venv/bin/python manage.py runserver "127.0.0.1:$PORT"
