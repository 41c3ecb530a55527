"""`make bench`: build the benchmark community, measure the pages, load them, print one table.

    scripts/bench.sh [--rebuild] [--quick]

For each page and each kind of reader (visitors and logged-in members; moderators, staff and
a conversation's participant for their pages): SQL queries and writes of one request with an
empty cache (cold) and in the steady state (warm), HTML bytes, median / p95 server time
and CPU time (Django's process and its PostgreSQL backend) measured in-process with
Django's test client; requests per second under wrk (2 threads,
16 connections, the reader's session cookie) against gunicorn (2 sync workers) on
127.0.0.1, as a ratio to a trivial Django view served the same way in the same run; then 50
members posting replies for 60 seconds. The table is printed and written to
tests/bench/RESULTS.md, ready to paste into the README.
"""

import argparse
import datetime
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from accounts.models import User  # noqa: E402
from community.models import Group, Post, Thread  # noqa: E402
from tests.bench import build, serve  # noqa: E402
from tests.bench.pages import LONG_THREAD, Cost, cost, pages, readers, session_cookie  # noqa: E402

RESULTS = ROOT / "tests" / "bench" / "RESULTS.md"
PASSWORD = "bench-password-not-secret"
POSTERS = 50


def ensure_database(rebuild: bool) -> None:
    call_command("migrate", verbosity=0)
    if rebuild or not build.already_built():
        print("Building the benchmark community (about a minute)...", flush=True)
        call_command("flush", interactive=False, verbosity=0)
        call_command("load_demo", verbosity=0)
        started = time.perf_counter()
        build.build()
        print(f"  built in {time.perf_counter() - started:.0f}s", flush=True)
    posters = User.objects.filter(handle__startswith="bench_member_").order_by("pk")[:POSTERS]
    for member in posters:
        if not member.has_usable_password() or not member.check_password(PASSWORD):
            member.set_password(PASSWORD)
            member.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=member, email=member.email, defaults={"verified": True, "primary": True}
        )
    # What the insights beat task does on a live site: fill the daily figures (a no-op but
    # for the last days once they exist).
    call_command("insights_rollup", verbosity=0)


def _rows_verdict(new_rows: int, accepted: int, lost_answers: int) -> str:
    """Every accepted reply must be a row; a reply whose answer the connection lost may be
    one too (the server saved it, the poster never heard)."""
    if new_rows < accepted:
        return "MISMATCH: posts lost"
    if new_rows == accepted:
        return "no post lost"
    if new_rows <= accepted + lost_answers:
        return f"no post lost; {new_rows - accepted} saved whose answer the connection lost"
    return "MISMATCH: more rows than replies sent"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuild", action="store_true", help="rebuild the community")
    parser.add_argument("--quick", action="store_true", help="fewer repeats, shorter loads")
    args = parser.parse_args()
    repeat, wrk_seconds, load_seconds = (10, 3, 15) if args.quick else (40, 8, 60)

    ensure_database(args.rebuild)
    # One PostgreSQL backend for every in-process request, so its CPU time can be read.
    connection.settings_dict["CONN_MAX_AGE"] = None
    targets = pages()
    counts = {
        "members": User.objects.count(),
        "groups": Group.objects.count(),
        "threads": Thread.objects.count(),
        "posts": Post.objects.count(),
    }
    long_posts = Post.objects.filter(thread__slug=LONG_THREAD).count()
    clients = readers("bench_member_1")

    costs: dict[tuple[str, str], Cost] = {}
    for page in targets:
        for reader in page.readers:
            costs[(page.name, reader)] = cost(clients[reader], page, repeat)
        print(f"  measured {page.name}", flush=True)

    with serve.gunicorn() as base:
        for page in targets:
            for reader in page.readers:
                if page.prepare:
                    page.prepare()
                rps = serve.wrk_requests_per_second(
                    base + page.path,
                    seconds=wrk_seconds,
                    cookie=session_cookie(clients[reader]),
                )
                costs[(page.name, reader)].requests_per_second = rps
                serve.drain(base)
                serve.drain(base)  # one request per worker
                print(f"  loaded {page.name} as {reader}: {rps:.0f} req/s", flush=True)
        long_thread = Thread.objects.get(slug=LONG_THREAD)
        before = Post.objects.filter(thread=long_thread).count()
        logins = list(
            User.objects.filter(handle__startswith="bench_member_")
            .order_by("pk")
            .values_list("handle", flat=True)[:POSTERS]
        )
        outcomes = serve.post_replies_concurrently(
            base,
            logins=logins,
            password=PASSWORD,
            thread_path=long_thread.get_absolute_url(),
            seconds=load_seconds,
        )
        after = Post.objects.filter(thread=long_thread).count()

    yardstick = costs[(targets[0].name, "visitor")].requests_per_second
    lines = [
        "# Benchmark results",
        "",
        f"Run {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC"
        f"{' (--quick)' if args.quick else ''} on {platform.node() or 'this machine'}: "
        f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}, load average "
        f"{os.getloadavg()[0]:.1f} at the end.",
        f"Community: {counts['members']:,} members, {counts['groups']} groups, "
        f"{counts['threads']:,} threads, {counts['posts']:,} posts (the long thread holds "
        f"{long_posts:,} before the load test).",
        f"gunicorn {serve.WORKERS} sync workers; wrk 2 threads, {serve.CONNECTIONS} connections, "
        f"{wrk_seconds}s per page and reader; server times over {repeat} in-process requests. "
        "Queries and writes: with an empty cache / in the steady state. CPU ms: Django's "
        "and PostgreSQL's CPU time per in-process request (what a request costs, whatever "
        "else the machine runs).",
        "",
        "| page | reader | queries | writes | HTML KB | median ms | p95 ms | CPU ms | req/s "
        "| vs trivial |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page in targets:
        for reader in page.readers:
            c = costs[(page.name, reader)]
            lines.append(
                f"| {page.name} | {reader} | {c.cold_queries} / {c.queries} "
                f"| {c.cold_writes} / {c.writes} | {c.html_bytes / 1024:.1f} "
                f"| {c.median_ms:.1f} | {c.p95_ms:.1f} | {c.cpu_ms:.1f} "
                f"| {c.requests_per_second:.0f} "
                f"| {c.requests_per_second / yardstick:.1%} |"
            )
    posted = outcomes.get("ok", 0)
    verdict = _rows_verdict(after - before, posted, outcomes.get("error", 0))
    lines += [
        "",
        f"Load: {POSTERS} members posting replies to the long thread for {load_seconds}s: "
        f"{posted} replies accepted, {outcomes.get('5xx', 0)} server errors (5xx), "
        f"{outcomes.get('4xx', 0)} refused (4xx), {outcomes.get('error', 0)} connection errors; "
        f"rows in the thread before {before}, after {after} "
        f"({verdict}).",
    ]
    table = "\n".join(lines) + "\n"
    RESULTS.write_text(table)
    print()
    print(table)
    if outcomes.get("5xx", 0) or verdict.startswith("MISMATCH"):
        sys.exit("The load test saw server errors or lost posts.")


if __name__ == "__main__":
    main()
