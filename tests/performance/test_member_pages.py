"""A logged-in member's thread, group, home and webinar pages: at most six queries, no
writes, under 40 KB for twenty posts, and each member's own state right (issue 16).

The posts' blocks are shared through the cache (community.post_blocks): these tests also
check that no member ever sees another's reactions or edit links, and that a post edited,
hidden, redacted, deleted or given a clinician's note is never served as it was.
"""

import datetime
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community import services
from community.models import Group, Thread, ThreadVisit
from community.tasks import flush_thread_visits
from moderation import services as moderation
from safety import services as safety
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

THREADS_PER_PAGE = settings.THREADS_PER_PAGE
MAX_QUERIES = 6
MAX_BYTES = 40_000
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def read(client, url):
    """GET `url`: the page, after checking it answered 200 in at most six queries, none a
    write."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    statements = [query["sql"] for query in captured.captured_queries]
    assert [sql for sql in statements if WRITES.match(sql)] == [], url
    assert len(statements) <= MAX_QUERIES, "\n".join(statements)
    return response.content.decode()


def posts_of(html: str) -> str:
    """The page's posts (what is around them carries one-time tokens)."""
    start = html.index('<ol class="posts">')
    return html[start : html.index('<form id="react-', start)]


def edit_link(post) -> str:
    return f'href="/p/{post.pk}/edit/"'


def pressed(post, kind: str) -> str:
    """The post's `kind` button, pressed."""
    return f'formaction="/p/{post.pk}/react/" name="kind" value="{kind}" aria-pressed="true"'


@pytest.fixture
def group(db):
    return Group.objects.create(name="Transplants", slug="transplants", description="For all.")


@pytest.fixture
def busy_thread(group, member, other_member):
    """busy_thread(n): n posts in turn by June (the member), Sam and two others, with
    quotes; June reacted "hug" to Sam's posts."""

    def make(posts: int) -> Thread:
        # Fixed names (not the factory's random ones), so the page's size is the same on
        # every run.
        writers = [
            member,
            other_member,
            MemberFactory(is_staff=True, handle="nurse_ada", display_name="Ada Okafor, RN"),
            MemberFactory(handle="theo_reyes", display_name="Theo Reyes"),
        ]
        thread = services.create_thread(group=group, author=member, title="Busy", body="First")
        first = thread.posts.get(position=1)
        for n in range(2, posts + 1):
            post = services.create_reply(
                thread=thread,
                author=writers[n % 4],
                body=f"Reply {n} with a few more words, as people write " * 3,
                reply_to=first if n % 5 == 0 else None,
            )
            if post.author_id == other_member.pk:
                services.toggle_reaction(post=post, member=member, kind="hug")
        return thread

    return make


def own_and_others_posts(thread, member, other_member, *, page: int):
    """On page `page`: one of the member's posts and one of Sam's."""
    posts = thread.posts.filter(position__gt=(page - 1) * 20, position__lte=page * 20)
    return posts.filter(author=member).first(), posts.filter(author=other_member).first()


@pytest.mark.parametrize("posts", [5, 200])
def test_a_members_thread_page_is_six_queries_no_write_and_shows_their_own_state(
    client, member, other_member, busy_thread, posts
):
    thread = busy_thread(posts)
    services.follow_thread(thread=thread, member=member)
    client.force_login(member)
    last_page = (posts - 1) // 20 + 1

    for page in sorted({1, last_page}):
        html = read(client, f"{thread.get_absolute_url()}?page={page}")
        # Read twice: the second time the blocks come from the cache.
        again = read(client, f"{thread.get_absolute_url()}?page={page}")
        assert posts_of(again) == posts_of(html)

        own, sams = own_and_others_posts(thread, member, other_member, page=page)
        assert edit_link(own) in html
        assert edit_link(sams) not in html
        assert pressed(sams, "hug") in html
        assert pressed(sams, "helpful") not in html
        assert "You follow this discussion" in html
        if posts == 200:
            assert len(html.encode()) < MAX_BYTES


@pytest.mark.parametrize("threads", [5, 200])
def test_a_members_group_and_home_pages_are_six_queries_no_write_with_unread_markers(
    client, member, group, threads
):
    author = MemberFactory()
    services.follow_group(group=group, member=member)
    made = [
        services.create_thread(group=group, author=author, title=f"Topic {n}", body="Hello")
        for n in range(threads)
    ]
    newest = made[-1]
    client.force_login(member)

    html = read(client, "/groups/transplants/")
    assert html.count('class="marker marker--new">New<') == min(threads, THREADS_PER_PAGE)
    assert "Stop following this group" in html
    read(client, newest.get_absolute_url())  # reading it: noted, not written

    assert not ThreadVisit.objects.exists()
    # The member's own visit shows at once, before any flush: on the group page one "New"
    # marker fewer, and on their home page one discussion fewer in the group they follow.
    html = read(client, "/groups/transplants/")
    assert html.count('class="marker marker--new">New<') == min(threads, THREADS_PER_PAGE) - 1
    html = read(client, "/")
    moved_on = threads - 1
    assert f"{moved_on} discussion{'s' if moved_on != 1 else ''} with new posts" in html


def test_a_members_webinar_page_is_six_queries_no_write_and_shows_their_own_state(
    client, member, other_member, make_webinar, presenter
):
    from webinars import services as webinars

    webinar = make_webinar(presenters=[presenter])
    webinars.register(webinar=webinar, member=member)
    own = services.create_reply(thread=webinar.thread, author=member, body="My question")
    sams = services.create_reply(thread=webinar.thread, author=other_member, body="Sam's")
    services.toggle_reaction(post=sams, member=member, kind="helpful")
    client.force_login(member)

    html = read(client, webinar.get_absolute_url())

    assert "You're registered" in html
    assert edit_link(own) in html and edit_link(sams) not in html
    assert pressed(sams, "helpful") in html
    assert "You follow this discussion" in html  # replying follows it


def test_two_members_reading_the_same_page_each_see_only_their_own_bits(
    client, member, other_member, busy_thread
):
    thread = busy_thread(8)
    own, sams = own_and_others_posts(thread, member, other_member, page=1)
    services.toggle_reaction(post=own, member=other_member, kind="helpful")

    client.force_login(member)
    junes = read(client, thread.get_absolute_url())
    client.force_login(other_member)
    sams_page = read(client, thread.get_absolute_url())  # the blocks June's read cached
    client.force_login(member)
    junes_again = read(client, thread.get_absolute_url())

    assert edit_link(own) in junes and edit_link(sams) not in junes
    assert edit_link(sams) in sams_page and edit_link(own) not in sams_page
    assert pressed(sams, "hug") in junes and pressed(sams, "hug") not in sams_page
    assert pressed(own, "helpful") in sams_page and pressed(own, "helpful") not in junes
    assert posts_of(junes_again) == posts_of(junes)


def _changes(member, moderator):
    """Each way a post changes for its readers, and what the page then says."""

    def edit(post):
        services.edit_post(post=post, editor=member, body="Changed my mind entirely")
        return "Changed my mind entirely"

    def hide(post):
        moderation.hide_post(post=post, by=moderator, reason="Off topic")
        return "A moderator hid this post."

    def redact(post):
        safety.redact_passage(post=post, by=member, passage="call me on 555 0199")
        return "[removed]"

    def delete(post):
        services.delete_own_post(post=post, member=member)
        return "This post was deleted by its author."

    def note(post):
        safety.add_clinical_note(post=post, by=moderator, text="Ask your care team first.")
        return "Ask your care team first."

    return {"edited": edit, "hidden": hide, "redacted": redact, "deleted": delete, "noted": note}


@pytest.mark.parametrize("change", ["edited", "hidden", "redacted", "deleted", "noted"])
def test_a_changed_post_is_never_served_as_it_was(
    client, member, other_member, moderator, group, change
):
    thread = services.create_thread(group=group, author=other_member, title="Home", body="Hi")
    post = services.create_reply(thread=thread, author=member, body="Please call me on 555 0199")
    readers = [other_member, member, moderator]
    for reader in readers:  # every reader's block is in the cache
        client.force_login(reader)
        assert "555 0199" in read(client, thread.get_absolute_url())

    shown = _changes(member, moderator)[change](post)

    client.force_login(other_member)
    html = read(client, thread.get_absolute_url())
    assert shown in html
    if change != "noted":
        assert "555 0199" not in html
    for reader in (member, moderator):
        client.force_login(reader)
        assert shown in read(client, thread.get_absolute_url()) or change == "hidden"


def test_visits_reach_the_database_when_flushed_and_a_second_flush_writes_nothing(
    client, member, group
):
    thread = services.create_thread(group=group, author=MemberFactory(), title="T", body="B")
    client.force_login(member)
    read(client, thread.get_absolute_url())

    assert flush_thread_visits() == 1
    assert ThreadVisit.objects.filter(member=member, thread=thread).exists()
    assert flush_thread_visits() == 0


CLOSED_PORT = "redis://127.0.0.1:1/0"


def test_with_the_cache_down_pages_are_right_and_visits_are_written_at_once(
    client, settings, member, other_member, busy_thread
):
    thread = busy_thread(6)
    own, sams = own_and_others_posts(thread, member, other_member, page=1)
    settings.CACHES = {
        "default": {
            "BACKEND": "core.fail_open_cache.FailOpenRedisCache",
            "LOCATION": CLOSED_PORT,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    client.force_login(member)

    response = client.get(thread.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert edit_link(own) in html and edit_link(sams) not in html
    assert pressed(sams, "hug") in html
    assert ThreadVisit.objects.filter(member=member, thread=thread).exists()
    assert "New" not in read_group_markers(client)


def read_group_markers(client) -> str:
    html = client.get("/groups/transplants/").content.decode()
    return "".join(re.findall(r'class="marker marker--new">[^<]*<', html))


def test_a_cached_post_block_never_keeps_saying_an_old_age(
    client, member, other_member, group, monkeypatch
):
    """A recent post says how old it is ("2 hours ago"); its shared block is made again when
    those words change, so an hour later it says "3 hours ago", not what it said first."""
    thread = services.create_thread(group=group, author=other_member, title="Age", body="Hi")
    written = timezone.now() - datetime.timedelta(hours=2, minutes=5)
    thread.posts.update(created_at=written)
    client.force_login(member)
    assert "2 hours ago" in posts_of(read(client, thread.get_absolute_url()))
    later = written + datetime.timedelta(hours=3, minutes=10)
    monkeypatch.setattr(timezone, "now", lambda: later)
    html = posts_of(read(client, thread.get_absolute_url()))
    assert "3 hours ago" in html
    assert "2 hours ago" not in html
