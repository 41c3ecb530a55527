"""Moderation's rules at work in the discussions: pre-moderation, suspensions, new-member limits.

These tests run with the production defaults (a new member's first post waits for a
moderator, five posts an hour and two links a post during their first day).
"""

import datetime

import pytest
from django.utils import timezone

from community import services
from community.models import Group, Post, Thread
from moderation import services as moderation
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def moderation_rules(settings):
    settings.PREMODERATE_FIRST_POSTS = 1
    settings.NEW_MEMBER_POSTS_PER_HOUR = 5
    settings.NEW_MEMBER_MAX_LINKS_PER_POST = 2


@pytest.fixture
def group(db):
    return Group.objects.create(name="Caregivers", slug="caregivers", description="For carers.")


@pytest.fixture
def mentor(db):
    return MemberFactory(handle="walt", display_name="Walt", is_mentor=True)


@pytest.fixture
def thread(group, mentor):
    """A published thread started by a trusted member (mentors are never held back)."""
    return services.create_thread(
        group=group, author=mentor, title="Sleeping after the operation", body="What helped?"
    )


@pytest.fixture
def newcomer(db):
    return MemberFactory(handle="theo", display_name="Theo")


def page_of(client, user, url) -> str:
    client.force_login(user)
    html = client.get(url).content.decode()
    client.logout()
    return html


def suspend(member, moderator, days=3, reason="Selling medicines in replies."):
    return moderation.suspend_member(
        member=member,
        by=moderator,
        until=timezone.now() + datetime.timedelta(days=days),
        reason=reason,
    )


# --- Pre-moderation --------------------------------------------------------------------------


def test_a_newcomers_first_reply_waits_and_only_they_and_moderators_see_it(
    client, thread, newcomer, other_member, moderator
):
    client.force_login(newcomer)
    response = client.post(
        f"{thread.get_absolute_url()}reply/", {"body": "Is a wedge pillow worth buying?"}
    )
    post = Post.objects.get(thread=thread, author=newcomer)
    assert post.status == Post.Status.PENDING
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert "Waiting for a moderator" in page and "wedge pillow" in page
    assert "waiting for a moderator before others see it" in page

    assert "wedge pillow" not in page_of(client, other_member, thread.get_absolute_url())
    assert "wedge pillow" not in client.get(thread.get_absolute_url()).content.decode()
    moderator_page = page_of(client, moderator, thread.get_absolute_url())
    assert "wedge pillow" in moderator_page and "Waiting for a moderator" in moderator_page


def test_a_pending_reply_is_not_counted_searchable_or_quotable(
    client, thread, newcomer, other_member
):
    post = services.create_reply(thread=thread, author=newcomer, body="Pillowcase lavender trick")
    assert post.status == Post.Status.PENDING
    thread.refresh_from_db()
    newcomer.refresh_from_db()
    assert thread.reply_count == 0 and newcomer.post_count == 0
    assert thread.group.post_count == 1  # only the opening post

    client.force_login(other_member)
    assert "Pillowcase" not in client.get("/search/?q=lavender").content.decode()
    quoting = client.get(f"{thread.get_absolute_url()}?reply_to={post.pk}").content.decode()
    assert "lavender" not in quoting
    assert client.get(f"/p/{post.pk}/").status_code == 404


def test_a_newcomers_first_thread_stays_private_until_approved(
    client, group, newcomer, other_member, moderator
):
    client.force_login(newcomer)
    response = client.post(
        f"/groups/{group.slug}/new/",
        {"title": "Hello from a new carer", "body": "My dad comes home on Friday."},
    )
    thread = Thread.objects.get(title="Hello from a new carer")
    assert response["Location"] == thread.get_absolute_url()
    own = client.get(thread.get_absolute_url()).content.decode()
    assert "Waiting for a moderator" in own and "comes home on Friday" in own
    group.refresh_from_db()
    assert (group.thread_count, group.post_count) == (0, 0)

    client.force_login(other_member)
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert "Hello from a new carer" not in client.get(group.get_absolute_url()).content.decode()
    assert "Hello from a new carer" not in client.get("/").content.decode()
    assert "comes home" not in client.get("/search/?q=Friday").content.decode()
    assert not Thread.objects.readable_by(other_member).filter(pk=thread.pk).exists()

    moderation.approve_post(post=thread.posts.get(position=1), by=moderator)

    assert Thread.objects.readable_by(other_member).filter(pk=thread.pk).exists()
    assert "Hello from a new carer" in client.get(group.get_absolute_url()).content.decode()


# --- Suspensions -----------------------------------------------------------------------------


def test_a_suspended_member_is_told_why_and_until_when_instead_of_the_reply_form(
    client, thread, other_member, moderator
):
    services.create_reply(thread=thread, author=moderator, body="Welcome, everyone.")
    suspend(other_member, moderator)
    client.force_login(other_member)
    page = client.get(thread.get_absolute_url()).content.decode()

    assert "You cannot post for now" in page
    assert "Your account is suspended until" in page
    assert "Selling medicines in replies." in page
    assert "Post your reply" not in page
    assert "/flag/" not in page
    assert 'name="kind" value="hug"' not in page


def test_a_suspended_members_reply_is_refused_and_their_text_kept(
    client, thread, other_member, moderator
):
    suspend(other_member, moderator)
    client.force_login(other_member)
    response = client.post(
        f"{thread.get_absolute_url()}reply/", {"body": "My words I do not want to lose"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your account is suspended until" in page
    assert "My words I do not want to lose" in page
    assert not Post.objects.filter(thread=thread, author=other_member).exists()


def test_a_suspended_member_cannot_start_a_thread_react_or_flag(
    client, group, thread, other_member, moderator
):
    suspend(other_member, moderator)
    client.force_login(other_member)
    response = client.post(
        f"/groups/{group.slug}/new/", {"title": "A new question", "body": "Keep this text"}
    )
    assert "Your account is suspended until" in response.content.decode()
    assert "Keep this text" in response.content.decode()
    assert not Thread.objects.filter(title="A new question").exists()

    first = thread.posts.get(position=1)
    client.post(f"/p/{first.pk}/react/", {"kind": "hug"})
    first.refresh_from_db()
    assert first.hug_count == 0
    with pytest.raises(services.NotAllowed, match="suspended"):
        services.toggle_reaction(post=first, member=other_member, kind="hug")
    assert client.get(f"/p/{first.pk}/flag/").status_code == 403


def test_the_suspension_ends_by_itself_and_the_member_may_post_again(
    client, thread, other_member, moderator
):
    suspension = suspend(other_member, moderator)
    type(suspension).objects.filter(pk=suspension.pk).update(
        ends_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.force_login(other_member)
    client.post(f"{thread.get_absolute_url()}reply/", {"body": "Back again"})
    assert Post.objects.filter(thread=thread, author=other_member, body_markdown="Back again")


# --- New-member limits -----------------------------------------------------------------------


def test_a_new_member_over_the_hourly_limit_is_refused_with_their_text_kept(
    client, settings, thread, newcomer, django_capture_on_commit_callbacks
):
    settings.PREMODERATE_FIRST_POSTS = 0
    settings.NEW_MEMBER_POSTS_PER_HOUR = 2
    client.force_login(newcomer)
    url = f"{thread.get_absolute_url()}reply/"
    for n in range(2):
        # Each post counts towards the limit once its transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, {"body": f"Reply {n}"}).status_code == 302

    response = client.post(url, {"body": "A third reply, kept safe"})

    page = response.content.decode()
    assert "New members can post 2 times an hour" in page
    assert "A third reply, kept safe" in page
    assert Post.objects.filter(thread=thread, author=newcomer).count() == 2


def test_a_new_members_post_with_too_many_links_is_refused_next_to_the_text(
    client, thread, newcomer
):
    client.force_login(newcomer)
    body = "See https://a.example.org and https://b.example.org and https://c.example.org"
    response = client.post(f"{thread.get_absolute_url()}reply/", {"body": body})
    page = response.content.decode()
    assert "new members can include up to 2 links in a post; this one has 3" in page
    assert "https://c.example.org" in page
    assert not Post.objects.filter(thread=thread, author=newcomer).exists()
    assert response.context["discussion"]["reply_form"].errors["body"]


def test_established_members_may_post_many_links(client, thread, other_member):
    other_member.date_joined = timezone.now() - datetime.timedelta(days=30)
    other_member.save(update_fields=["date_joined"])
    services.create_thread(
        group=thread.group,
        author=other_member,
        title="Useful pages",
        body="https://a.example.org https://b.example.org https://c.example.org",
    )
    assert Thread.objects.filter(title="Useful pages").exists()


def test_a_suspended_member_may_delete_but_not_edit_their_post(
    client, thread, other_member, moderator
):
    reply = services.create_reply(thread=thread, author=other_member, body="My reply")
    suspend(other_member, moderator)
    client.force_login(other_member)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert f"/p/{reply.pk}/edit/" not in page
    assert f"/p/{reply.pk}/delete/" in page
    with pytest.raises(services.NotAllowed, match="suspended"):
        services.edit_post(post=reply, editor=other_member, body="Changed")
    response = client.post(f"/p/{reply.pk}/edit/", {"body": "Changed words"})
    assert "Your account is suspended until" in response.content.decode()
    assert "Changed words" in response.content.decode()


def test_a_suspended_reader_sees_posts_without_an_empty_row_of_actions(
    client, thread, other_member, moderator
):
    suspend(other_member, moderator)
    client.force_login(other_member)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "post__footer" not in page
