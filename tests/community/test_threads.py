import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from community import services
from community.models import Post, Thread
from tests.community.conftest import post_at
from tests.factories import MemberFactory

NOTICE = "That page number is past the end, so this is the last page"

pytestmark = pytest.mark.django_db


def test_member_starts_a_thread_and_lands_on_it(member_client, member, group):
    response = member_client.post(
        "/groups/transplants/new/",
        {"title": "Sleeping after the operation", "body": "How did you **sleep**?"},
    )
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/t/{thread.pk}/sleeping-after-the-operation/"
    page = member_client.get(response["Location"]).content.decode()
    first = post_at(thread, 1)
    assert f'id="post-{first.pk}"' in page
    assert "<strong>sleep</strong>" in page
    assert "@june" in page
    local = timezone.localtime(first.created_at, zoneinfo.ZoneInfo(member.time_zone))
    assert f'<time datetime="{local.isoformat(timespec="seconds")}" title="' in page
    group.refresh_from_db()
    member.refresh_from_db()
    assert (group.thread_count, group.post_count, member.post_count) == (1, 1, 1)


def test_a_wrong_slug_redirects_to_the_right_one_and_keeps_the_page(client, make_thread):
    thread = make_thread(posts=25)
    response = client.get(f"/t/{thread.pk}/old-title/?page=2")
    assert response.status_code == 302
    assert response["Location"] == f"/t/{thread.pk}/{thread.slug}/?page=2"


def test_a_missing_thread_is_a_404_page(client, db):
    response = client.get("/t/9999/nothing/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_thread_pages_hold_twenty_posts_oldest_first(client, make_thread):
    thread = make_thread(posts=45)
    page1 = client.get(thread.get_absolute_url()).content.decode()
    page3 = client.get(thread.get_absolute_url() + "?page=3").content.decode()
    assert page1.index("Post number 1<") < page1.index("Post number 20<")
    assert "Post number 21<" not in page1
    assert "Post number 41<" in page3 and "Post number 45<" in page3
    assert "Page 3 of 3" in page3
    assert NOTICE not in page3

    # Past the end: the last page, saying so (as every list does), not a "not found" page.
    page4 = client.get(thread.get_absolute_url() + "?page=4")
    assert page4.status_code == 200
    assert "Post number 45<" in page4.text and "Page 3 of 3" in page4.text
    assert f"{NOTICE} (page 3 of 3)." in page4.text


def test_visitor_is_asked_to_log_in_and_comes_back_to_the_thread(client, thread):
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Please " in page and "to post a reply." in page
    assert f'href="/accounts/login/?next={thread.get_absolute_url()}"' in page
    assert f'href="/accounts/signup/?next={thread.get_absolute_url()}"' in page
    assert 'name="body"' not in page


def test_visitor_cannot_post_a_reply(client, thread):
    response = client.post(reverse("community:thread-reply", args=[thread.pk, thread.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert Post.objects.count() == 1


def test_member_replies_and_sees_the_reply_in_place(member_client, thread, other_member):
    member_client.force_login(other_member)
    response = member_client.post(
        reverse("community:thread-reply", args=[thread.pk, thread.slug]),
        {"body": "Short walks, every day."},
    )
    reply = Post.objects.get(position=2)
    assert response["Location"] == f"{thread.get_absolute_url()}#post-{reply.pk}"
    thread.refresh_from_db()
    assert thread.reply_count == 1 and thread.last_poster == other_member
    assert thread.follows.filter(member=other_member).exists()


def test_a_failed_reply_keeps_the_members_text(member_client, thread):
    response = member_client.post(
        reverse("community:thread-reply", args=[thread.pk, thread.slug]),
        {"body": "x" * 20_001},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Your post is 20,001 characters; the limit is 20,000. Nothing was lost: shorten it "
        "and send again." in page
    )
    assert "x" * 20_001 in page
    assert Post.objects.count() == 1


def test_an_empty_thread_form_says_what_is_missing(member_client, group):
    response = member_client.post("/groups/transplants/new/", {"title": "", "body": "  "})
    page = response.content.decode()
    assert "Please give your discussion a title." in page
    assert "Please write something before you post." in page
    assert Thread.objects.count() == 0


def test_a_locked_thread_takes_no_replies_and_says_so(member_client, thread):
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    page = member_client.get(thread.get_absolute_url()).content.decode()
    assert "This discussion is locked" in page
    assert 'name="body"' not in page
    response = member_client.post(
        reverse("community:thread-reply", args=[thread.pk, thread.slug]),
        {"body": "Hello, my words stay"},
    )
    html = response.content.decode()
    assert "This discussion is locked, so it takes no new replies." in html
    assert "Hello, my words stay" in html  # a reply written before the lock is not lost
    assert Post.objects.count() == 1
    thread.refresh_from_db()
    with pytest.raises(services.ThreadLocked):
        services.create_reply(thread=thread, author=thread.author, body="Sneaking in")
    thread.refresh_from_db()
    assert thread.last_position == 1


def test_positions_are_gap_free_and_unique(make_thread):
    thread = make_thread(posts=30)
    positions = list(Post.objects.filter(thread=thread).values_list("position", flat=True))
    assert positions == list(range(1, 31))
    thread.refresh_from_db()
    assert thread.last_position == 30 and thread.reply_count == 29


def test_group_page_lists_pinned_threads_first_then_newest_activity(client, group, member):
    old = services.create_thread(group=group, author=member, title="Old but pinned", body="a")
    services.create_thread(group=group, author=member, title="Quiet one", body="b")
    busy = services.create_thread(group=group, author=member, title="Busy one", body="c")
    Thread.objects.filter(pk=old.pk).update(is_pinned=True)
    services.create_reply(thread=busy, author=member, body="d")
    page = client.get("/groups/transplants/").content.decode()
    assert page.index("Old but pinned") < page.index("Busy one") < page.index("Quiet one")


def test_groups_page_shows_thread_counts(client, thread):
    page = client.get("/groups/").content.decode()
    assert "Transplants" in page and "1 discussion" in page


def test_home_shows_recent_discussions(client, thread):
    page = client.get("/").content.decode()
    assert "Recent discussions" in page and thread.title in page


def test_members_see_new_since_last_visit_on_thread_lists(member_client, thread, other_member):
    assert "New" in member_client.get("/groups/transplants/").content.decode()
    member_client.get(thread.get_absolute_url())
    page = member_client.get("/groups/transplants/").content.decode()
    assert "marker--new" not in page
    services.create_reply(thread=thread, author=other_member, body="Something new")
    page = member_client.get("/groups/transplants/").content.decode()
    assert "New replies since your last visit" in page


def test_listings_name_the_last_reply_members_can_still_read(
    client, group, thread, moderator, django_capture_on_commit_callbacks
):
    from moderation import services as moderation

    ana = MemberFactory(display_name="Ana Reyes")
    sam = MemberFactory(display_name="Sam Kowalski")
    theo = MemberFactory(display_name="Theo Lind")
    services.create_reply(thread=thread, author=ana, body="Rest, mostly.")
    by_sam = services.create_reply(thread=thread, author=sam, body="Short walks.")

    def listings() -> list[str]:
        """The group page and the home page, as a visitor sees them."""
        return [client.get(url).content.decode() for url in (group.get_absolute_url(), "/")]

    assert all("last reply by Sam Kowalski" in page for page in listings())

    # on_commit runs, so the visitors' page cache sees each change.
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_own_post(post=by_sam, member=sam)
    assert all("last reply by Ana Reyes" in page for page in listings())
    assert not any("Sam Kowalski" in page for page in listings())

    with django_capture_on_commit_callbacks(execute=True):
        by_theo = services.create_reply(thread=thread, author=theo, body="A pillow helps.")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_post(post=by_theo, by=moderator, reason="Off topic.")
    assert all("last reply by Ana Reyes" in page for page in listings())

    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_post(post=by_theo, by=moderator)
    assert all("last reply by Theo Lind" in page for page in listings())
