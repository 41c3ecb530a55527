"""Moderators' decisions keep every count meaning what the discussions mean by it.

Posts are written through community's services (as members write them), decisions taken
through moderation's services; after each step every stored count equals a fresh count of
published, undeleted posts (a thread counts in its group while its first post does).
"""

import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from community import services as community
from community.models import Group, Post, Thread
from moderation import services
from tests.factories import MemberFactory
from tests.moderation.factories import make_group

pytestmark = pytest.mark.django_db


def counted(**filters):
    return Post.objects.filter(status=Post.Status.PUBLISHED, deleted_at__isnull=True, **filters)


def assert_counts_are_true():
    for thread in Thread.objects.all():
        assert thread.reply_count == counted(thread=thread, position__gt=1).count(), thread
    for group in Group.objects.all():
        assert group.post_count == counted(thread__group=group).count(), group
        assert group.thread_count == counted(thread__group=group, position=1).count(), group
    for user in User.objects.all():
        assert user.post_count == counted(author=user).count(), user


@pytest.fixture
def regular():
    """A member who has been here a while (no new-member limits)."""
    return MemberFactory(handle="ana", date_joined=timezone.now() - datetime.timedelta(days=90))


@pytest.fixture
def discussion(group, regular, moderator):
    community.create_thread(group=group, author=moderator, title="Welcome", body="Hello")
    thread = community.create_thread(
        group=group, author=moderator, title="Walking after surgery", body="How far?"
    )
    reply = community.create_reply(thread=thread, author=regular, body="Ten minutes a day.")
    services.approve_post(post=reply, by=moderator)  # their first post waited for a moderator
    return thread


def test_hiding_and_restoring_a_reply_takes_it_out_of_every_count_and_back(
    discussion, moderator, other_member
):
    reply = community.create_reply(thread=discussion, author=other_member, body="Not true.")
    # The other member's first post waited; approve it so it counts.
    services.approve_post(post=reply, by=moderator)
    assert_counts_are_true()
    before = Thread.objects.get(pk=discussion.pk).reply_count

    services.hide_post(post=reply, by=moderator, reason="Misleading.")
    assert_counts_are_true()
    assert Thread.objects.get(pk=discussion.pk).reply_count == before - 1

    services.restore_post(post=reply, by=moderator)
    assert_counts_are_true()
    assert Thread.objects.get(pk=discussion.pk).reply_count == before


def test_approving_a_pending_first_post_counts_the_thread_in_its_group(
    group, discussion, moderator, other_member
):
    thread = community.create_thread(
        group=group, author=other_member, title="New here", body="Hello all"
    )
    first = thread.posts.get(position=1)
    assert first.status == Post.Status.PENDING
    assert_counts_are_true()
    threads_before = Group.objects.get(pk=group.pk).thread_count

    services.approve_post(post=first, by=moderator)

    assert_counts_are_true()
    assert Group.objects.get(pk=group.pk).thread_count == threads_before + 1
    assert User.objects.get(pk=other_member.pk).post_count == 1


def test_hiding_a_first_post_takes_its_thread_out_of_the_group_count(group, discussion, moderator):
    first = discussion.posts.get(position=1)
    services.hide_post(post=first, by=moderator, reason="Duplicate.")
    assert_counts_are_true()
    services.restore_post(post=first, by=moderator)
    assert_counts_are_true()


def test_flags_that_hide_a_post_and_a_dismissal_keep_the_counts(
    discussion, regular, moderator, flaggers
):
    reply = discussion.posts.get(author=regular)
    for flagger in flaggers:
        services.flag_post(post=reply, by=flagger, reason="spam")
    assert Post.objects.get(pk=reply.pk).status == Post.Status.HIDDEN
    assert_counts_are_true()
    services.dismiss_flags(post=Post.objects.get(pk=reply.pk), by=moderator)
    assert Post.objects.get(pk=reply.pk).status == Post.Status.PUBLISHED
    assert_counts_are_true()


def test_moving_a_thread_carries_its_counted_posts_to_the_new_group(
    group, discussion, moderator, other_member
):
    pending = community.create_reply(thread=discussion, author=other_member, body="Waiting")
    assert pending.status == Post.Status.PENDING
    elsewhere = make_group("Lung Health")

    services.move_thread(thread=discussion, to_group=elsewhere, by=moderator)

    assert_counts_are_true()
    elsewhere.refresh_from_db()
    assert (elsewhere.thread_count, elsewhere.post_count) == (1, 2)
    assert elsewhere.last_activity_at is not None

    services.approve_post(post=pending, by=moderator)
    assert_counts_are_true()


def test_moving_a_thread_whose_first_post_waits_moves_no_thread_count(
    group, moderator, other_member
):
    thread = community.create_thread(
        group=group, author=other_member, title="Still waiting", body="Hello"
    )
    elsewhere = make_group("Caregivers")

    services.move_thread(thread=thread, to_group=elsewhere, by=moderator)

    assert_counts_are_true()
    services.approve_post(post=thread.posts.get(position=1), by=moderator)
    assert_counts_are_true()
    assert Group.objects.get(pk=elsewhere.pk).thread_count == 1


def test_a_post_its_author_deleted_stays_out_of_the_counts_whatever_moderators_do(
    discussion, regular, moderator
):
    reply = discussion.posts.get(author=regular)
    community.delete_own_post(post=reply, member=regular)
    assert_counts_are_true()
    services.hide_post(post=reply, by=moderator, reason="Spam")
    services.restore_post(post=reply, by=moderator)
    assert_counts_are_true()
