"""Fail fast, with instructions, when the services the tests need are not answering."""

import os
import sys

import psycopg
import redis

database_url = os.environ["DATABASE_URL"]
redis_url = os.environ["REDIS_URL"]
problems = []

try:
    # Connect to the maintenance database: the test database is created by pytest-django.
    with psycopg.connect(
        database_url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3, autocommit=True
    ) as conn:
        # makemigrations --check looks at the named database; pytest makes its own test_ copy.
        name = database_url.rsplit("/", 1)[1].split("?")[0]
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
except psycopg.Error as exc:
    problems.append(
        f"PostgreSQL is not answering at {database_url} ({exc}).\n"
        "  Start it with:"
        " pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n"
        "  or: docker compose up -d db"
    )

try:
    redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
except redis.RedisError as exc:
    problems.append(
        f"Redis is not answering at {redis_url} ({exc}).\n"
        "  Start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379\n"
        "  or: docker compose up -d redis"
    )

if problems:
    print("The tests need real PostgreSQL and Redis:\n" + "\n".join(problems), file=sys.stderr)
    sys.exit(1)
