"""No input answers 5xx: a table of hostile values run against every URL pattern.

Each path parameter of every pattern gets each hostile path value (the other parameters
naming real demo objects), and every GET-able page gets each hostile value in every query
parameter the site reads, as a visitor, a member and a moderator (who is staff too, so the
admin's pages are reached), on PostgreSQL. tests/test_hostile_input_sqlite.py runs a part
of the same table on SQLite.
"""

from __future__ import annotations

import re
from urllib.parse import quote, quote_from_bytes

import pytest
from django.db import transaction
from django.test import Client

from accounts.models import User
from tests.every_url import Demo, Pattern, all_patterns
from tests.shared_data import kept_for_the_module

pytestmark = pytest.mark.django_db

# Path values, already percent-encoded as they would arrive in a request line.
HOSTILE_PATH_VALUES = [
    "%00",
    "%ED%A0%80",  # a lone UTF-16 surrogate: invalid UTF-8
    "%F0%9F%98%80",  # an emoji
    "x" * 400,  # an overlong slug or handle
    "99999999999999999999",
    "-1",
]

# Query values, raw: each is sent in every query parameter below at once.
HOSTILE_QUERY_VALUES: list[str | bytes] = [
    "\x00",
    "-" * 64,
    '"unclosed phrase',
    "a & b | c :* (d) !e <-> f ((",
    "word " * 2000,  # 10,000 characters
    "\U0001f600 \u202e",
    b"\xed\xa0\x80",  # a lone surrogate
    "99999999999999999999",
    "-1",
    "1e9",
    "",
    "//evil.example/",
]

# The admin's per-model pages (/admin/<app>/<model>/...) are Django's ModelAdmin views,
# the same code for every model: they get every pattern, with a shorter table.
ADMIN_MODEL_PAGE = re.compile(r"^/admin/\w+/\w+/")
ADMIN_PATH_VALUES = ["%00", "%F0%9F%98%80", "x" * 400, "99999999999999999999"]
ADMIN_QUERY_VALUES: list[str | bytes] = ["\x00", "-" * 64, "99999999999999999999", "abc"]

# Every query parameter some view reads (grep request.GET and the GET forms' fields).
QUERY_NAMES = [
    "q",
    "page",
    "next",
    "reply_to",
    "quote",
    "to",
    "period",
    "group",
    "since",
    "until",
    "start",
    "end",
    "action",
    "actor",
    "format",
    "chart",
    "o",  # the admin's ordering and filters
    "p",
    "_changelist_filters",
]


def _encoded(value: str | bytes) -> str:
    return quote_from_bytes(value, safe="") if isinstance(value, bytes) else quote(value, safe="")


def _query_string(value: str | bytes) -> str:
    return "&".join(f"{name}={_encoded(value)}" for name in QUERY_NAMES)


def _tables(pattern: Pattern) -> tuple[list[str], list[str]]:
    """(hostile path values, hostile query strings) for this pattern."""
    if ADMIN_MODEL_PAGE.match(pattern.template):
        return ADMIN_PATH_VALUES, [_query_string(v) for v in ADMIN_QUERY_VALUES]
    return HOSTILE_PATH_VALUES, [_query_string(v) for v in HOSTILE_QUERY_VALUES]


def _request(client: Client, path: str, form: dict | None = None):
    """One GET (or POST of `form`) in a savepoint, so a database error shows here as a 500
    and does not poison the test's transaction for the next request."""
    savepoint = transaction.savepoint_create()
    response = client.get(path) if form is None else client.post(path, form)
    if response.status_code >= 500:
        transaction.savepoint_rollback(savepoint)
    else:
        transaction.savepoint_commit(savepoint)
    return response


def _client_for(role: str) -> Client:
    client = Client(raise_request_exception=False)
    if role != "visitor":
        client.force_login(User.objects.get(handle=role))
    return client


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo community, built once for the module; each test's writes are undone."""
    with kept_for_the_module(django_db_blocker, Demo.load) as demo:
        yield demo


def _server_errors(
    client: Client, demo: Demo, patterns: list[Pattern]
) -> tuple[list[tuple[int, str]], set[str]]:
    """Runs the table on these patterns: (the requests that answered 5xx, the patterns
    whose real page answered 200)."""
    failures, reached = [], set()
    for pattern in patterns:
        path_values, queries = _tables(pattern)
        real = demo.values_for(pattern)
        paths = [
            pattern.path(**{**real, name: value})
            for name in pattern.params
            for value in path_values
        ]
        real_path = pattern.path(**real)
        response = _request(client, real_path)
        if response.status_code == 200:
            reached.add(pattern.template)
        if response.status_code != 405:  # a POST-only pattern never reads its query
            paths += [f"{real_path}?{query}" for query in queries]
        for path in paths:
            response = _request(client, path)
            if response.status_code >= 500:
                failures.append((response.status_code, path[:150]))
    return failures, reached


def _site_and_admin_patterns() -> tuple[list[Pattern], list[Pattern]]:
    patterns = all_patterns()
    admin = [p for p in patterns if p.template.startswith("/admin/")]
    return [p for p in patterns if p not in admin], admin


def _assert_no_server_error_for(role: str, demo: Demo) -> set[str]:
    """Runs the table as `role`; returns the patterns whose real page it could read."""
    site_patterns, admin_patterns = _site_and_admin_patterns()
    client = _client_for(role)
    failures, reached = _server_errors(client, demo, site_patterns)
    # The admin's pages answer these readers with its log-in page before any of their code
    # runs: their real paths are enough (the site admin gets the table on them, below).
    for pattern in admin_patterns:
        response = _request(client, pattern.path(**demo.values_for(pattern)))
        if response.status_code >= 500:
            failures.append((response.status_code, pattern.template))
    assert failures == []
    # The table reached the real pages, not only "not found" and log-in redirects.
    assert {"/search/", "/t/{pk}/{slug}/", "/webinars/{slug}/", "/groups/{slug}/"} <= reached
    return reached


def test_no_hostile_path_or_query_answers_a_server_error_to_a_visitor(demo):
    _assert_no_server_error_for("visitor", demo)


def test_no_hostile_path_or_query_answers_a_server_error_to_a_member(demo):
    _assert_no_server_error_for("sam_k", demo)


def test_no_hostile_path_or_query_answers_a_server_error_to_a_moderator(demo):
    reached = _assert_no_server_error_for("nurse_rosa", demo)
    assert {"/moderation/", "/moderation/log/", "/moderation/members/{handle}/"} <= reached


def test_no_hostile_path_or_query_answers_a_server_error_to_the_site_admin(demo):
    _, admin_patterns = _site_and_admin_patterns()
    failures, reached = _server_errors(_client_for("admin"), demo, admin_patterns)
    assert failures == []
    admin_pages = {"/admin/", "/admin/community/post/", "/admin/community/post/{object_id}/change/"}
    assert admin_pages <= reached


def test_a_nul_or_control_character_in_the_path_is_a_plain_not_found_page(client, db):
    for path in ("/u/%00/", "/moderation/members/%00/", "/groups/a%00b/", "/search/%0A"):
        response = client.get(path)
        assert response.status_code == 404
        assert "We could not find that page" in response.text


def test_a_nul_in_the_query_is_a_bad_request_that_says_why(client, db):
    for query in ("q=%00", "page=%00", "next=a%00b", "%00=1"):
        response = client.get(f"/search/?{query}")
        assert response.status_code == 400
        assert "a character (NUL) that no page accepts" in response.text


def test_any_page_number_shows_a_page_and_past_the_end_says_so(client, demo):
    """Every list treats page numbers alike: the first page for nonsense, the last page,
    with a notice, for a number past the end (never a 404 for one list and not another)."""
    lists = (
        "/groups/",
        "/webinars/",
        demo.group.get_absolute_url(),
        "/search/?q=home&",
        demo.thread.get_absolute_url(),
    )
    past_end = "That page number is past the end, so this is the last page"
    for page in ("99999999999999999999", "-1", "abc", "1e9", "0", "9" * 5000, "%F0%9F%98%80"):
        for path in lists:
            response = client.get(f"{path}{'&' if '?' in path else '?'}page={page}")
            assert response.status_code == 200, (path, page)
            if path != "/groups/":  # the one list on a single page with no ?page
                assert (past_end in response.text) == (page == "99999999999999999999"), path


# Form fields the site's POST views read, filled all at once with one hostile value.
FORM_NAMES = [
    "next",
    "shown_on",
    "kind",
    "reason",
    "note",
    "body",
    "title",
    "passage",
    "message",
    "group",
    "days",
    "ends_on",
    "handle",
    "reply_to",
    "excerpt",
    "to",
]
HOSTILE_FORM_VALUES = ["\x00", "a\x00b", "abc", "//evil.example/", "x" * 30_000]


@pytest.mark.parametrize("role", ["sam_k", "nurse_rosa"])  # a member, a moderator
def test_no_hostile_form_value_answers_a_server_error(demo, role):
    """Every POST of the site (but log-out and account closing, which end the session)
    as a member and a moderator: NUL bytes, a `next` that is not a path, overlong text."""
    site_patterns, _ = _site_and_admin_patterns()
    patterns = [
        p for p in site_patterns if "logout" not in p.template and "close" not in p.template
    ]
    failures = []
    client = _client_for(role)
    for pattern in patterns:
        path = pattern.path(**demo.values_for(pattern))
        for value in HOSTILE_FORM_VALUES:
            response = _request(client, path, dict.fromkeys(FORM_NAMES, value))
            if response.status_code >= 500:
                failures.append((role, path, value[:8]))
    assert failures == []


def test_a_next_address_that_is_not_a_path_returns_to_the_default_page(client, demo):
    client.force_login(User.objects.get(handle="sam_k"))
    response = client.post("/notifications/read-all/", {"next": "inbox"})
    assert response.status_code == 302
    assert response["Location"] == "/notifications/"
