"""E-mail: what it says, that it goes out once, and that it survives failures and outages."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import site_today
from community.models import Post
from notifications import digests, emails, tasks
from notifications.models import EmailDelivery, Notification, NotificationPreference
from notifications.services import notify
from tests.mail_headers import assert_one_click_unsubscribe
from tests.notifications.backends import FailsTwiceBackend
from tests.notifications.conftest import notify_membership, write_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def quoted_reply(thread, member, make_member, django_capture_on_commit_callbacks):
    """Sam replies quoting June's first post; the e-mail task runs after commit."""
    sam = make_member("sam_k")
    first = thread.posts.get()
    with django_capture_on_commit_callbacks(execute=True):
        return write_post(
            thread=thread,
            author=sam,
            body="Two pillows & a **wedge**: it <works> for me.",
            reply_to=first,
            notify=True,
        )


def test_a_quoted_member_gets_one_email_with_text_html_and_a_jump_link(quoted_reply, member):
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert message.subject == "Sam quoted you in “Sleeping after surgery”"
    assert 'Sam (@sam_k) wrote in "Sleeping after surgery"' in message.body
    assert "Two pillows & a wedge: it <works> for me." in message.body
    assert f"Jump to this post: http://testserver/p/{quoted_reply.pk}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://testserver/p/{quoted_reply.pk}/"' in html
    assert "Jump to this post" in html
    assert "it &lt;works&gt; for me" in html
    delivery = EmailDelivery.objects.get(recipient=member)
    assert delivery.state == EmailDelivery.State.SENT
    assert delivery.attempts == 1
    assert delivery.sent_at is not None


def test_every_email_carries_one_click_unsubscribe_headers(quoted_reply):
    assert_one_click_unsubscribe(mail.outbox[0])


def test_a_duplicated_or_retried_task_never_sends_twice(quoted_reply, member):
    delivery = EmailDelivery.objects.get(recipient=member)

    tasks.send_email_batch(delivery_ids=[delivery.pk, delivery.pk])
    tasks.send_due_emails()
    emails.send_delivery(delivery_id=delivery.pk, now=timezone.now() + datetime.timedelta(days=1))

    assert len(mail.outbox) == 1


def test_a_failing_mail_server_is_retried_with_backoff_and_sends_once(
    settings, thread, member, make_member, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": "tests.notifications.backends.FailsTwiceBackend"}}
    FailsTwiceBackend.failures_left = 2
    sam = make_member("sam_k")
    with django_capture_on_commit_callbacks(execute=True):
        write_post(thread=thread, author=sam, body="Hi", reply_to=thread.posts.get(), notify=True)
    delivery = EmailDelivery.objects.get(recipient=member)
    delivery.refresh_from_db()
    assert delivery.state == EmailDelivery.State.FAILED
    assert delivery.attempts == 1
    assert "SMTPServerDisconnected" in delivery.last_error
    first_retry = delivery.next_attempt_at

    second = datetime.timedelta(seconds=1)
    assert not emails.send_delivery(delivery_id=delivery.pk, now=first_retry - second)
    delivery.refresh_from_db()
    assert delivery.attempts == 1  # not due yet: untouched

    assert not emails.send_delivery(delivery_id=delivery.pk, now=first_retry)
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.state == EmailDelivery.State.FAILED
    assert delivery.next_attempt_at == first_retry + datetime.timedelta(minutes=2)

    assert not emails.send_delivery(
        delivery_id=delivery.pk, now=delivery.next_attempt_at - datetime.timedelta(seconds=1)
    )
    assert emails.send_delivery(delivery_id=delivery.pk, now=delivery.next_attempt_at)
    assert not emails.send_delivery(delivery_id=delivery.pk, now=delivery.next_attempt_at)

    delivery.refresh_from_db()
    assert delivery.state == EmailDelivery.State.SENT
    assert delivery.attempts == 3
    assert len(mail.outbox) == 1


def test_an_email_that_keeps_failing_is_given_up_and_kept(settings, member):
    settings.MAILERS = {"default": {"BACKEND": "tests.notifications.backends.FailsTwiceBackend"}}
    FailsTwiceBackend.failures_left = 100
    notify(
        recipient=member,
        kind=Notification.Kind.MODERATION,
        text="A moderator approved your post.",
        url="/p/1/",
        key="moderation:1:approved",
    )
    delivery = EmailDelivery.objects.get(recipient=member)
    now = timezone.now()
    for _ in range(emails.MAX_ATTEMPTS + 2):
        emails.send_delivery(delivery_id=delivery.pk, now=now)
        now += datetime.timedelta(days=1)

    delivery.refresh_from_db()
    assert delivery.state == EmailDelivery.State.GIVEN_UP
    assert delivery.attempts == emails.MAX_ATTEMPTS
    assert mail.outbox == []
    assert member.notifications.count() == 1


def test_emails_whose_task_was_lost_are_sent_by_the_periodic_sweep(
    thread, member, make_member, django_capture_on_commit_callbacks
):
    """Redis down when the post committed: the on-commit task never ran."""
    sam = make_member("sam_k")
    with django_capture_on_commit_callbacks(execute=False) as lost:
        write_post(thread=thread, author=sam, body="Hi", reply_to=thread.posts.get(), notify=True)
    # The e-mail task (beside the header count's bump, notifications.unread) never ran.
    assert [c.func.__name__ for c in lost if c.func.__name__ == "enqueue_email_batches"] == [
        "enqueue_email_batches"
    ]
    assert mail.outbox == []

    assert emails.send_due() == 0  # fresh rows wait for their own task first
    assert emails.send_due(now=timezone.now() + datetime.timedelta(minutes=2)) == 1
    assert len(mail.outbox) == 1
    assert emails.send_due(now=timezone.now() + datetime.timedelta(minutes=2)) == 0


def test_email_off_keeps_the_inbox_but_sends_nothing(thread, member, make_member):
    NotificationPreference.objects.create(member=member, quotes=NotificationPreference.Delivery.OFF)
    sam = make_member("sam_k")
    write_post(thread=thread, author=sam, body="Hi", reply_to=thread.posts.get(), notify=True)

    assert member.notifications.count() == 1
    assert not EmailDelivery.objects.exists()


def test_unsubscribed_members_get_no_email_even_about_their_membership(member):
    NotificationPreference.objects.create(member=member, email_unsubscribed_at=timezone.now())
    notify_membership(
        member, key="membership:3:reminder", text="Your premium membership ends in 7 days."
    )
    assert member.notifications.count() == 1
    assert mail.outbox == []


def test_members_who_unsubscribe_after_the_email_was_queued_do_not_get_it(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        notify(
            recipient=member,
            kind=Notification.Kind.WEBINAR,
            text="The recording of “Eating well after a transplant” is ready.",
            url="/webinars/eating-well/",
            key="webinar:2:recording",
        )
    NotificationPreference.objects.create(member=member, email_unsubscribed_at=timezone.now())
    for callback in queued:
        callback()

    assert mail.outbox == []
    assert EmailDelivery.objects.get().state == EmailDelivery.State.SKIPPED


def test_the_daily_digest_gathers_unread_notifications_once_a_day(
    thread, member, make_member, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        member=member,
        replies=NotificationPreference.Delivery.DIGEST,
        mentions=NotificationPreference.Delivery.DIGEST,
    )
    sam, ana = make_member("sam_k"), make_member("ana")
    with django_capture_on_commit_callbacks(execute=True):
        first = write_post(thread=thread, author=sam, body="Good night.", notify=True)
        second = write_post(thread=thread, author=ana, body="@june sleep well", notify=True)
        read = write_post(thread=thread, author=ana, body="And another thing.", notify=True)
    Notification.objects.filter(post=read).update(read_at=timezone.now())
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        assert digests.queue_daily_digests() == 2  # June's, and Sam's (he follows too)
    with django_capture_on_commit_callbacks(execute=True):
        assert digests.queue_daily_digests() == 0  # the scheduler ran twice

    junes = [m for m in mail.outbox if m.to == [member.email]]
    assert len(junes) == 1
    digest = junes[0]
    assert digest.subject == "2 new notifications on Gathering today"
    assert f"http://testserver/p/{first.pk}/" in digest.body
    assert f"http://testserver/p/{second.pk}/" in digest.body
    assert f"/p/{read.pk}/" not in digest.body
    assert_one_click_unsubscribe(digest)
    assert EmailDelivery.objects.get(kind="digest", recipient=member).key == (
        f"digest:{member.pk}:{site_today()}"
    )

    # Tomorrow's digest only has what came after.
    with django_capture_on_commit_callbacks(execute=True):
        write_post(thread=thread, author=sam, body="Morning!", notify=True)
        tomorrow = site_today() + datetime.timedelta(days=1)
        assert digests.queue_daily_digests(today=tomorrow) == 2  # June and Ana
    junes = [m for m in mail.outbox if m.to == [member.email]]
    assert len(junes) == 2
    assert junes[1].subject == "1 new notification on Gathering today"


def test_a_moderation_notice_about_a_hidden_post_reaches_its_author(
    thread, member, moderator, make_member, django_capture_on_commit_callbacks
):
    sam = make_member("sam_k")
    post = write_post(thread=thread, author=sam, body="Buy my miracle cure.")
    Post.objects.filter(pk=post.pk).update(status=Post.Status.HIDDEN)
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipient=sam,
            kind=Notification.Kind.MODERATION,
            text="A moderator hid your post: advertising is not allowed here.",
            url=f"/p/{post.pk}/",
            key=f"moderation:post:{post.pk}:hidden",
            actor=moderator,
            post=post,
        )

    (message,) = mail.outbox
    assert message.to == [sam.email]
    assert 'Your post in "Sleeping after surgery":' in message.body
    assert "Buy my miracle cure." in message.body


def test_a_post_hidden_before_its_email_went_out_is_not_emailed_to_others(
    thread, member, make_member, django_capture_on_commit_callbacks
):
    sam = make_member("sam_k")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        post = write_post(
            thread=thread, author=sam, body="Rude words", reply_to=thread.posts.get(), notify=True
        )
    Post.objects.filter(pk=post.pk).update(status=Post.Status.HIDDEN)
    for callback in queued:
        callback()

    assert mail.outbox == []
    assert EmailDelivery.objects.get().state == EmailDelivery.State.SKIPPED
