"""Pages that list things run a fixed number of queries, whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community import services
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

# The member with the header's facts (moderator check, suspension; the session and the
# unread count are read from the cache); the thread with its page count and follow; the posts with
# their authors' badges and the member's reactions. The visit is noted in Redis. tests/
# performance/test_member_pages.py holds these pages to 6 with the member's own state checked.
THREAD_PAGE_MAX = 6
GROUP_PAGE_MAX = 6


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _react_and_quote(thread, posts: int):
    """Make the page realistic: quotes, reactions and a few badges among the authors."""
    members = [MemberFactory(is_staff=True), MemberFactory(is_mentor=True), MemberFactory()]
    first = thread.posts.get(position=1)
    for n in range(2, posts + 1):
        post = services.create_reply(
            thread=thread,
            author=members[n % 3],
            body=f"Reply {n} @{first.author.handle}",
            reply_to=first if n % 4 == 0 else None,
        )
        if n % 5 == 0:
            services.toggle_reaction(post=post, member=first.author, kind="hug")


@pytest.mark.parametrize("posts", [5, 200])
def test_thread_page_runs_a_fixed_number_of_queries(
    client, member, group, posts, django_assert_max_num_queries
):
    thread = services.create_thread(group=group, author=member, title="Counting", body="One")
    _react_and_quote(thread, posts)
    client.force_login(member)
    last_page = (posts - 1) // 20 + 1
    with django_assert_max_num_queries(THREAD_PAGE_MAX):
        client.get(thread.get_absolute_url())
    with django_assert_max_num_queries(THREAD_PAGE_MAX):
        client.get(f"{thread.get_absolute_url()}?page={last_page}")
    client.logout()
    with django_assert_max_num_queries(THREAD_PAGE_MAX):
        client.get(f"{thread.get_absolute_url()}?page={last_page}")


def test_thread_page_query_count_does_not_grow_with_the_thread(client, member, group):
    small = services.create_thread(group=group, author=member, title="Small", body="One")
    big = services.create_thread(group=group, author=member, title="Big", body="One")
    _react_and_quote(small, 5)
    _react_and_quote(big, 200)
    client.force_login(member)
    client.get("/groups/")  # the header's unread count is kept from here on
    assert _queries(client, small.get_absolute_url()) == _queries(
        client, f"{big.get_absolute_url()}?page=10"
    )


@pytest.mark.parametrize("threads", [5, 200])
def test_group_page_runs_a_fixed_number_of_queries(
    client, member, group, threads, django_assert_max_num_queries
):
    authors = [MemberFactory() for _ in range(3)]
    for n in range(threads):
        thread = services.create_thread(
            group=group, author=authors[n % 3], title=f"Thread {n}", body="Hello"
        )
        if n % 3 == 0:
            services.create_reply(thread=thread, author=member, body="Reply")
    client.force_login(member)
    with django_assert_max_num_queries(GROUP_PAGE_MAX):
        client.get(f"/groups/{group.slug}/")
    with django_assert_max_num_queries(GROUP_PAGE_MAX):
        client.get(f"/groups/{group.slug}/?page=2")
    with django_assert_max_num_queries(GROUP_PAGE_MAX):
        client.get("/")
    client.logout()
    with django_assert_max_num_queries(GROUP_PAGE_MAX):
        client.get(f"/groups/{group.slug}/")


def test_search_page_runs_a_fixed_number_of_queries(
    client, member, group, django_assert_max_num_queries
):
    for n in range(30):
        services.create_thread(group=group, author=member, title=f"Walking {n}", body="walking")
    with django_assert_max_num_queries(6):
        response = client.get("/search/?q=walking")
    assert "30 posts found" in response.content.decode()
