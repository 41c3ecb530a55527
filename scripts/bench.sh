#!/usr/bin/env bash
# Builds the benchmark community in PostgreSQL (database gathering_bench), measures the pages
# and loads them under gunicorn with wrk. Prints one table and writes tests/bench/RESULTS.md.
# Arguments: --rebuild (build the community again), --quick (short runs while developing).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh dev
export DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/gathering_bench}"
export REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/7}"
.venv/bin/python scripts/check_services.py
if ! command -v wrk >/dev/null 2>&1; then
    echo "Installing wrk for the load measurements (apt-get install -y wrk)"
    if [ "$(id -u)" = "0" ]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi
.venv/bin/python - <<'PY'
import os, psycopg
url = os.environ["DATABASE_URL"]
name = url.rsplit("/", 1)[1]
with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        conn.execute(f'CREATE DATABASE "{name}"')
PY
exec .venv/bin/python -m tests.bench.run "$@"
