"""A member's home page: what is new in the threads and groups they follow, and their webinars.

(The page is sitewide's; it lives with the community tests because it is mostly theirs.)
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community import services
from community.models import Group, Post, ThreadVisit
from tests.factories import MemberFactory
from tests.webinars.conftest import create_webinar
from webinars.models import Registration

pytestmark = pytest.mark.django_db

# Today's fixed cost of any member page: session, member, the moderator check, the header's
# one query (h1's work brings it to 2-3). The member's home adds three: followed threads,
# followed groups, registered webinars.
MEMBER_PAGE_OVERHEAD = 4
MEMBER_HOME_CONTENT = 3


@pytest.fixture
def make_webinar(staff):
    return lambda **fields: create_webinar(contact_member=staff, **fields)


def _follow_threads(group, member, count: int, *, writer):
    threads = []
    for n in range(count):
        thread = services.create_thread(group=group, author=writer, title=f"Topic {n}", body="Hi")
        services.follow_thread(thread=thread, member=member)
        threads.append(thread)
    return threads


def test_visitors_keep_the_welcome_page(client):
    html = client.get("/").content.decode()
    assert "You are not alone here" in html
    assert "Discussions you follow" not in html


def test_a_member_sees_followed_threads_with_their_new_posts(
    member_client, member, group, other_member
):
    quiet, busy = _follow_threads(group, member, 2, writer=other_member)
    for thread in (quiet, busy):
        member_client.get(thread.get_absolute_url())  # read both
    services.create_reply(thread=busy, author=other_member, body="One")
    services.create_reply(thread=busy, author=other_member, body="Two")
    services.create_reply(thread=busy, author=member, body="My own reply is not news to me")

    html = member_client.get("/").content.decode()

    assert "You are not alone here" not in html
    busy_item = html.split(f'href="{busy.get_absolute_url()}"')[1].split("</li>")[0]
    assert "2 new posts" in busy_item
    assert f'href="{busy.get_absolute_url()}unread/">First unread post' in busy_item
    quiet_item = html.split(f'href="{quiet.get_absolute_url()}"')[1].split("</li>")[0]
    assert "Nothing new since your last visit." in quiet_item
    assert html.index(busy.title) < html.index(quiet.title)  # most recently active first


def test_a_thread_followed_but_never_opened_counts_every_post_as_new(
    member_client, member, group, other_member
):
    (thread,) = _follow_threads(group, member, 1, writer=other_member)
    services.create_reply(thread=thread, author=other_member, body="Reply")

    assert "2 new posts" in member_client.get("/").content.decode()


def test_threads_the_member_may_no_longer_read_are_left_out(
    member_client, member, group, other_member, moderator
):
    (thread,) = _follow_threads(group, member, 1, writer=other_member)
    Post.objects.filter(thread=thread, position=1).update(status=Post.Status.HIDDEN)

    html = member_client.get("/").content.decode()

    assert thread.title not in html
    assert "You do not follow any discussion yet." in html


def test_many_followed_threads_show_the_latest_ten_and_say_how_many(
    member_client, member, group, other_member
):
    threads = _follow_threads(group, member, 12, writer=other_member)

    html = member_client.get("/").content.decode()

    assert threads[-1].title in html and threads[2].title in html
    assert f'href="{threads[1].get_absolute_url()}"' not in html
    assert "The 10 most recently active of the 12 discussions you follow." in html


def test_followed_groups_count_the_discussions_that_moved_on_since_the_last_visit(
    member_client, member, group, other_member
):
    services.follow_group(group=group, member=member)
    read, unread, untouched = _follow_threads(group, member, 3, writer=other_member)
    ThreadVisit.objects.create(thread=untouched, member=member, visited_at=timezone.now())
    services.create_reply(thread=read, author=other_member, body="Old news")
    member_client.get(read.get_absolute_url())
    services.create_reply(thread=unread, author=other_member, body="News")
    quiet = Group.objects.create(name="Caregivers", slug="caregivers")
    services.follow_group(group=quiet, member=member)

    html = member_client.get("/").content.decode()

    groups = html.split("Groups you follow")[1]
    assert "1 discussion with new posts" in groups.split("Caregivers")[0]
    assert "Nothing new since your last visit" in groups.split("Caregivers")[1]


def test_a_member_sees_the_upcoming_webinars_they_registered_for(
    member_client, member, other_member, make_webinar
):
    mine = make_webinar(title="Breathing exercises", starts_in=datetime.timedelta(days=2))
    cancelled = make_webinar(title="Cancelled talk", starts_in=datetime.timedelta(days=3))
    not_mine = make_webinar(title="Someone else's talk", starts_in=datetime.timedelta(days=4))
    past = make_webinar(title="An old talk", starts_in=-datetime.timedelta(days=4))
    Registration.objects.create(webinar=mine, member=member)
    Registration.objects.create(webinar=cancelled, member=member, cancelled_at=timezone.now())
    Registration.objects.create(webinar=not_mine, member=other_member)
    Registration.objects.create(webinar=past, member=member)

    webinars = member_client.get("/").content.decode().split("Your upcoming webinars")[1]

    assert f'href="{mine.get_absolute_url()}">Breathing exercises</a>' in webinars
    assert "You&#x27;re registered." in webinars or "You're registered." in webinars
    for other in (cancelled, not_mine, past):
        assert other.title not in webinars


def test_a_member_who_follows_nothing_is_told_how_to_start(member_client):
    html = member_client.get("/").content.decode()
    assert "You do not follow any discussion yet." in html
    assert "You do not follow any group yet." in html
    assert "You have not registered for an upcoming webinar." in html
    assert 'href="/groups/">See all groups and discussions</a>' in html


@pytest.mark.parametrize("followed", [5, 200])
def test_the_member_home_runs_a_fixed_number_of_queries_and_writes_nothing(
    client, member, group, followed, make_webinar, django_assert_max_num_queries
):
    writers = [MemberFactory() for _ in range(3)]
    threads = _follow_threads(group, member, followed, writer=writers[0])
    for n, thread in enumerate(threads[:20]):
        services.create_reply(thread=thread, author=writers[n % 3], body="News")
        if n % 2:
            ThreadVisit.objects.create(thread=thread, member=member, visited_at=timezone.now())
    services.follow_group(group=group, member=member)
    for days in (1, 2):
        Registration.objects.create(
            webinar=make_webinar(starts_in=datetime.timedelta(days=days)), member=member
        )
    client.force_login(member)

    with django_assert_max_num_queries(MEMBER_PAGE_OVERHEAD + MEMBER_HOME_CONTENT):
        response = client.get("/")
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)
