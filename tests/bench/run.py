"""`make bench`: build the benchmark community, measure the pages, load them, print one table.

    scripts/bench.sh [--rebuild] [--quick]

Figures: SQL queries per request and median / p95 server time measured in-process with
Django's test client (as a visitor and as a logged-in member); requests per second under
wrk against gunicorn (2 workers) on 127.0.0.1, as a ratio to a trivial Django view served
the same way in the same run; then 50 members posting replies for 60 seconds. The table is
printed and written to tests/bench/RESULTS.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from community.models import Group, Post, Thread  # noqa: E402
from tests.bench import build, serve  # noqa: E402
from webinars.models import Webinar  # noqa: E402

RESULTS = ROOT / "tests" / "bench" / "RESULTS.md"
PASSWORD = "bench-password-not-secret"
POSTERS = 50
INSIGHTS_PATH = "/staff/insights/?period=90"


def pages() -> dict[str, str]:
    long_thread = Thread.objects.filter(slug="bench-discussion-1").get()
    busiest_group = Group.objects.get(pk=long_thread.group_id)
    last_page = (long_thread.last_position - 1) // 20 + 1
    deep_post = Post.objects.get(thread=long_thread, position=long_thread.last_position - 30)
    webinar = Webinar.objects.exclude(recording_url="").order_by("-starts_at").first()
    return {
        "trivial view (yardstick)": "/bench/trivial/",
        "home": "/",
        "group page": busiest_group.get_absolute_url(),
        "long thread, first page": long_thread.get_absolute_url(),
        "long thread, last page": f"{long_thread.get_absolute_url()}?page={last_page}",
        "permalink redirect": deep_post.get_absolute_url(),
        "search": "/search/?q=transplant+tremors",
        "webinar page": webinar.get_absolute_url(),
    }


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


def server_times(client: Client, path: str, repeat: int) -> tuple[int, float, float]:
    """(queries of one rendering, median ms, p95 ms) for GET path, after one warm-up.

    The times include the visitors' page cache where it applies: that is what visitors get.
    """
    client.get(path)
    cache.clear()  # count the queries of a real rendering, not of a cached visitor page
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(path)
    if response.status_code not in (200, 302):
        raise RuntimeError(f"{path} answered {response.status_code}")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return len(queries), statistics.median(times), p95


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuild", action="store_true", help="rebuild the community")
    parser.add_argument("--quick", action="store_true", help="fewer repeats, shorter loads")
    args = parser.parse_args()
    repeat, wrk_seconds, load_seconds = (10, 3, 15) if args.quick else (40, 8, 60)

    ensure_database(args.rebuild)
    targets = pages()
    counts = {
        "members": User.objects.count(),
        "groups": Group.objects.count(),
        "threads": Thread.objects.count(),
        "posts": Post.objects.count(),
    }

    long_posts = Post.objects.filter(thread__slug="bench-discussion-1").count()
    visitor = Client()
    member = Client()
    member.force_login(User.objects.get(handle="bench_member_1"))
    rows = []
    for name, path in targets.items():
        v_queries, v_median, v_p95 = server_times(visitor, path, repeat)
        m_queries, m_median, _ = server_times(member, path, repeat)
        rows.append([name, path, v_queries, m_queries, v_median, v_p95, m_median])
        print(f"  measured {name}", flush=True)

    # Staff insights: a staff page, so timed in-process with a staff client (not under wrk).
    staff = Client()
    staff.force_login(User.objects.filter(is_staff=True).order_by("pk").first())
    insights = server_times(staff, INSIGHTS_PATH, repeat)
    print("  measured staff insights", flush=True)

    with serve.gunicorn() as base:
        rps = {}
        for name, path in targets.items():
            rps[name] = serve.wrk_requests_per_second(base + path, seconds=wrk_seconds)
            print(f"  loaded {name}: {rps[name]:.0f} req/s", flush=True)
        long_thread = Thread.objects.get(slug="bench-discussion-1")
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

    yardstick = rps["trivial view (yardstick)"]
    lines = [
        "# Benchmark results",
        "",
        f"Community: {counts['members']:,} members, {counts['groups']} groups, "
        f"{counts['threads']:,} threads, {counts['posts']:,} posts (the long thread holds "
        f"{long_posts:,} before the load test).",
        f"Machine: {os.cpu_count()} cores; gunicorn {serve.WORKERS} sync workers; wrk 2 threads, "
        f"8 connections, {wrk_seconds}s per page; times over {repeat} in-process requests.",
        "",
        "| page | path | queries (visitor) | queries (member) | median ms | p95 ms "
        "| median ms (member) | req/s | vs trivial |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, path, vq, mq, med, p95, mmed in rows:
        lines.append(
            f"| {name} | `{path}` | {vq} | {mq} | {med:.1f} | {p95:.1f} | {mmed:.1f} "
            f"| {rps[name]:.0f} | {rps[name] / yardstick:.2f} |"
        )
    posted = outcomes.get("ok", 0)
    lines += [
        "",
        f"Staff insights, last 90 days (`{INSIGHTS_PATH}`, staff client): {insights[0]} queries, "
        f"median {insights[1]:.1f} ms, p95 {insights[2]:.1f} ms.",
    ]
    lines += [
        "",
        f"Load: {POSTERS} members posting replies to the long thread for {load_seconds}s: "
        f"{posted} replies accepted, {outcomes.get('5xx', 0)} server errors (5xx), "
        f"{outcomes.get('4xx', 0)} refused (4xx), {outcomes.get('error', 0)} connection errors; "
        f"rows in the thread before {before}, after {after} "
        f"({'no post lost' if after - before == posted else 'MISMATCH: posts lost'}).",
    ]
    table = "\n".join(lines) + "\n"
    RESULTS.write_text(table)
    print()
    print(table)
    if outcomes.get("5xx", 0) or after - before != posted:
        sys.exit("The load test saw server errors or lost posts.")


if __name__ == "__main__":
    main()
