"""Who hears about a new post, and how often."""

import pytest
from django.core import mail
from django.db import transaction

from community.models import Post
from notifications.models import EmailDelivery, MemberMute, Notification, ThreadMute
from notifications.services import notify_many, notify_post_published
from tests.notifications.conftest import notify_membership, write_post

pytestmark = pytest.mark.django_db


def kinds_by_handle(post):
    return {
        n.recipient.handle: n.kind
        for n in Notification.objects.filter(post=post).select_related("recipient")
    }


def test_a_reply_notifies_everyone_in_the_thread_but_its_author(thread, member, make_member):
    sam, ana = make_member("sam_k"), make_member("ana")
    write_post(thread=thread, author=sam, body="Pillows help.")
    reply = write_post(thread=thread, author=ana, body="A recliner saved me.", notify=True)

    assert kinds_by_handle(reply) == {"june": "reply", "sam_k": "reply"}
    note = Notification.objects.get(recipient=member, post=reply)
    assert note.url == f"/p/{reply.pk}/"
    assert note.actor == ana
    assert note.line == "Ana replied in “Sleeping after surgery”"


def test_a_reply_quoting_you_notifies_you_as_a_quote(thread, member, make_member):
    sam = make_member("sam_k")
    first = thread.posts.get()
    reply = write_post(thread=thread, author=sam, body="Same here.", reply_to=first, notify=True)

    assert kinds_by_handle(reply) == {"june": "quote"}
    assert Notification.objects.get(recipient=member).line.startswith("Sam quoted you in")


def test_a_post_that_quotes_and_mentions_you_gives_one_notification(thread, member, make_member):
    sam = make_member("sam_k")
    first = thread.posts.get()
    reply = write_post(
        thread=thread, author=sam, body="@june you are right.", reply_to=first, notify=True
    )

    assert Notification.objects.filter(recipient=member).count() == 1
    assert kinds_by_handle(reply) == {"june": "quote"}


def test_a_mention_outranks_a_reply_and_reaches_members_outside_the_thread(
    thread, member, make_member
):
    sam, walt = make_member("sam_k"), make_member("mentor_walt")
    reply = write_post(
        thread=thread,
        author=sam,
        body="@June and @MENTOR_WALT, what do you think? Write to sam@example.org.",
        notify=True,
    )

    assert kinds_by_handle(reply) == {"june": "mention", "mentor_walt": "mention"}
    assert Notification.objects.get(recipient=walt).line == (
        "Sam mentioned you in “Sleeping after surgery”"
    )


def test_nobody_is_notified_of_their_own_post(thread, member):
    own = write_post(thread=thread, author=member, body="Replying to myself, @june.", notify=True)

    assert not Notification.objects.filter(post=own).exists()


@pytest.mark.parametrize("status", [Post.Status.PENDING, Post.Status.HIDDEN])
def test_posts_members_cannot_see_notify_nobody(thread, member, make_member, status):
    sam = make_member("sam_k")
    first = thread.posts.get()
    post = write_post(
        thread=thread, author=sam, body="@june hi", reply_to=first, status=status, notify=True
    )

    assert not Notification.objects.filter(post=post).exists()


def test_an_approved_post_notifies_once_even_if_published_twice(thread, member, make_member):
    sam = make_member("sam_k")
    post = write_post(thread=thread, author=sam, body="Hello", status=Post.Status.PENDING)
    Post.objects.filter(pk=post.pk).update(status=Post.Status.PUBLISHED)

    assert notify_post_published(post_id=post.pk) == 1
    assert notify_post_published(post_id=post.pk) == 0
    assert Notification.objects.filter(post=post).count() == 1
    assert EmailDelivery.objects.filter(recipient=member).count() <= 1


def test_a_muted_thread_or_a_muted_author_notifies_nobody(thread, member, make_member):
    sam, ana, theo = make_member("sam_k"), make_member("ana"), make_member("theo")
    write_post(thread=thread, author=ana, body="I am here too.")
    ThreadMute.objects.create(member=member, thread=thread)
    MemberMute.objects.create(member=ana, muted=sam)
    reply = write_post(thread=thread, author=sam, body="@june @ana @theo look", notify=True)

    assert kinds_by_handle(reply) == {"theo": "mention"}
    assert theo.notifications.count() == 1


def test_deactivated_members_are_not_notified(thread, member, make_member):
    sam = make_member("sam_k")
    member.is_active = False
    member.save()
    reply = write_post(thread=thread, author=sam, body="@june hello", notify=True)

    assert not Notification.objects.filter(post=reply).exists()


def test_notify_is_idempotent_by_key(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify_membership(member)
        again = notify_membership(member)

    assert first is not None and again is None
    assert member.notifications.count() == 1
    assert len(mail.outbox) == 1


def test_a_rolled_back_post_sends_no_email_and_leaves_no_notification(
    thread, member, make_member, django_capture_on_commit_callbacks
):
    sam = make_member("sam_k")
    first = thread.posts.get()

    class Boom(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(Boom),
        transaction.atomic(),
    ):
        write_post(thread=thread, author=sam, body="Oops", reply_to=first, notify=True)
        raise Boom

    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_a_webinar_reminder_reaches_every_registrant_once(
    member, make_member, django_assert_num_queries, django_capture_on_commit_callbacks
):
    others = [make_member(f"guest_{i}") for i in range(5)]
    gone = make_member("gone_away", is_active=False)
    ids = [member.pk, gone.pk, *(m.pk for m in others)]
    reminder = {
        "kind": Notification.Kind.WEBINAR,
        "text": "Reminder: “Eating well after a transplant” starts tomorrow at 10 am.",
        "url": "/webinars/eating-well/",
        "key": "webinar:7:reminder-1d",
    }

    with django_capture_on_commit_callbacks(execute=True):
        # members; savepoint; insert; read back the new ones; e-mail rows; release
        with django_assert_num_queries(6):
            assert notify_many(recipient_ids=ids, **reminder) == 6
        assert notify_many(recipient_ids=ids, **reminder) == 0

    assert Notification.objects.filter(key="webinar:7:reminder-1d").count() == 6
    assert not gone.notifications.exists()
    assert len(mail.outbox) == 6
