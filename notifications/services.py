"""Every way a notification comes to exist or changes: one file to read.

Other apps call these:

* `notify(...)` for one member and one event (a moderation decision, a membership grant, a
  webinar reminder). Idempotent by `key`.
* `notify_many(recipient_ids=..., ...)` for the same event to many members (a webinar's
  registrants), with a fixed number of queries.
* `notify_post_published(post_id=...)` from the service that publishes a post (a new post,
  or a pending post a moderator approves), inside that service's transaction.

Both write rows in the caller's transaction and queue e-mail with `transaction.on_commit`:
a rolled-back post notifies nobody, and if Redis is down when the post commits, the rows are
still there and the periodic sweep (`tasks.send_due_emails`) sends them later.
"""

import datetime
import logging
import re
from collections.abc import Callable, Iterable
from functools import partial
from itertools import batched

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import User
from community.models import Post, Thread
from notifications.models import (
    EmailDelivery,
    MemberMute,
    Notification,
    NotificationPreference,
    ThreadMute,
)

logger = logging.getLogger(__name__)

EMAIL_BATCH_SIZE = 100
# A fresh e-mail is sent by the task queued on commit; the sweep only picks it up after
# this long, so the two rarely race (and when they do, the row lock decides).
SWEEP_GRACE = datetime.timedelta(minutes=1)

# When one post gives a member several reasons to hear about it, the first kind here wins.
POST_KIND_PRIORITY = [
    Notification.Kind.QUOTE,
    Notification.Kind.MENTION,
    Notification.Kind.REPLY,
]

MENTION_PATTERN = re.compile(r"(?<![\w@/.])@([A-Za-z0-9_]{3,30})\b")


# --- Where the community app plugs in -------------------------------------------------------
# LEAD: these three functions are the only places that know how community stores follows,
# mentions and visibility. Point them at community's models after the merge.


def thread_follower_ids(thread: Thread) -> set[int]:
    """Members who follow the thread.

    LEAD: replace with community's Follow model, e.g.
    `set(Follow.objects.filter(thread=thread).values_list("member_id", flat=True))`.
    Until then, everyone who has a published post in the thread counts as following it.
    """
    return set(
        Post.objects.filter(thread=thread, status=Post.Status.PUBLISHED, deleted_at__isnull=True)
        .values_list("author_id", flat=True)
        .distinct()
    )


def mentioned_member_ids(post: Post) -> set[int]:
    """Members @mentioned in the post.

    LEAD: replace with community's stored Mentions, e.g.
    `set(post.mentions.values_list("member_id", flat=True))`.
    Until then, a small pattern over the post's Markdown (one query, however many mentions).
    """
    handles = {h.lower() for h in MENTION_PATTERN.findall(post.body_markdown)}
    if not handles:
        return set()
    return set(
        User.objects.annotate(handle_lower=Lower("handle"))
        .filter(handle_lower__in=handles, is_active=True)
        .values_list("pk", flat=True)
    )


def members_may_read(post: Post) -> bool:
    """Whether members may see the post at all; pending, hidden or deleted posts notify nobody.

    LEAD: if community adds groups members may not read, filter the recipients here with the
    same rule as `Post.objects.visible_to(user)`.
    """
    return post.status == Post.Status.PUBLISHED and post.deleted_at is None


def post_path(post_id: int) -> str:
    """A post's permalink (PRODUCT.md's stable `/p/<id>/`); Post.get_absolute_url() once the
    community branch's URLs are merged."""
    return f"/p/{post_id}/"


def thread_path(thread: Thread) -> str:
    """A thread's stable URL; Thread.get_absolute_url() once community's URLs are merged."""
    return f"/t/{thread.pk}/{thread.slug}/"


# --- Preferences --------------------------------------------------------------------------


def preferences_for(member: User) -> NotificationPreference:
    """The member's preferences, or unsaved defaults if they never changed them."""
    try:
        return member.notification_preference
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(member=member)


def update_preferences(
    *, member: User, replies: str, quotes: str, mentions: str, email: bool
) -> NotificationPreference:
    """Saves the member's e-mail choices; `email=False` is the same as unsubscribing."""
    with transaction.atomic():
        prefs, _ = NotificationPreference.objects.select_for_update().get_or_create(member=member)
        prefs.replies, prefs.quotes, prefs.mentions = replies, quotes, mentions
        if not email:
            prefs.email_unsubscribed_at = prefs.email_unsubscribed_at or timezone.now()
        else:
            prefs.email_unsubscribed_at = None
        prefs.save()
    member.notification_preference = prefs
    return prefs


def unsubscribe(*, member: User) -> None:
    """Turns every e-mail off for the member (one-click unsubscribe). Idempotent."""
    with transaction.atomic():
        prefs, _ = NotificationPreference.objects.get_or_create(member=member)
        NotificationPreference.objects.filter(
            pk=prefs.pk, email_unsubscribed_at__isnull=True
        ).update(email_unsubscribed_at=timezone.now())


# --- Creating notifications ---------------------------------------------------------------


def notify(
    *,
    recipient: User,
    kind: str,
    text: str,
    url: str,
    key: str,
    actor: User | None = None,
    post: Post | None = None,
) -> Notification | None:
    """Notifies one member of one event and e-mails them if their preferences say so.

    `key` names the event for this member (e.g. "moderation:post:42:hidden",
    "membership:7:granted", "webinar:3:reminder"): calling again with the same key does
    nothing and returns None, so callers and their tasks may safely run twice. Mutes are not
    applied here (a moderation decision reaches the member whoever made it).
    """
    if not recipient.is_active:
        return None
    delivery = preferences_for(recipient).delivery_for(kind)
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            recipient=recipient,
            key=key,
            defaults={
                "kind": kind,
                "text": text[:300],
                "url": url,
                "actor": actor,
                "post": post,
                "wants_digest": delivery == NotificationPreference.Delivery.DIGEST,
            },
        )
        if not created:
            return None
        if delivery == NotificationPreference.Delivery.IMMEDIATELY:
            email = EmailDelivery.objects.create(
                recipient=recipient,
                notification=notification,
                key=f"notification:{notification.pk}",
                next_attempt_at=notification.created_at + SWEEP_GRACE,
            )
            queue_emails([email.pk])
    return notification


def _post_text(kind: str, *, actor: User, thread: Thread) -> str:
    verb = {
        Notification.Kind.QUOTE: "quoted you in",
        Notification.Kind.MENTION: "mentioned you in",
        Notification.Kind.REPLY: "replied in",
    }[kind]
    return f"{actor.name} {verb} “{thread.title}”"


def notify_post_published(*, post_id: int) -> int:
    """Notifies followers of the thread, the quoted member and @mentioned members of a post.

    Call it from the service that publishes the post, in its transaction. Nobody hears about
    their own post, a post members may not read, a thread they muted or a member they muted.
    Each member gets at most one notification per post (quote, then mention, then reply).
    The number of queries does not grow with the number of followers. Returns how many
    notifications were created.
    """
    post = Post.objects.select_related("thread", "author", "reply_to").filter(pk=post_id).first()
    if post is None or not members_may_read(post):
        return 0

    reasons: dict[int, str] = dict.fromkeys(
        thread_follower_ids(post.thread), Notification.Kind.REPLY
    )
    reasons.update(dict.fromkeys(mentioned_member_ids(post), Notification.Kind.MENTION))
    if post.reply_to is not None and post.reply_to.author_id:
        reasons[post.reply_to.author_id] = Notification.Kind.QUOTE
    reasons.pop(post.author_id, None)
    if not reasons:
        return 0

    recipients = list(
        User.objects.filter(pk__in=reasons, is_active=True)
        .exclude(thread_mutes__thread_id=post.thread_id)
        .exclude(member_mutes__muted_id=post.author_id)
        .select_related("notification_preference")
    )
    return _bulk_notify(
        recipients=recipients,
        kind_of=reasons,
        key=f"post:{post.pk}",
        text_for=lambda kind: _post_text(kind, actor=post.author, thread=post.thread),
        url=post_path(post.pk),
        actor_id=post.author_id,
        post_id=post.pk,
    )


def notify_many(
    *,
    recipient_ids: Iterable[int],
    kind: str,
    text: str,
    url: str,
    key: str,
    actor: User | None = None,
    post: Post | None = None,
) -> int:
    """`notify` for many members at once (webinar reminders, premium grants to a list).

    Same rules as `notify` (idempotent by key per member, inactive members skipped), with a
    fixed number of queries however many members. Returns how many were notified anew.
    """
    recipients = list(
        User.objects.filter(pk__in=set(recipient_ids), is_active=True).select_related(
            "notification_preference"
        )
    )
    return _bulk_notify(
        recipients=recipients,
        kind_of=dict.fromkeys((m.pk for m in recipients), kind),
        key=key,
        text_for=lambda _kind: text,
        url=url,
        actor_id=actor.pk if actor else None,
        post_id=post.pk if post else None,
    )


def _bulk_notify(
    *,
    recipients: list[User],
    kind_of: dict[int, str],
    key: str,
    text_for: Callable[[str], str],
    url: str,
    actor_id: int | None,
    post_id: int | None,
) -> int:
    """Inserts one notification per recipient (skipping those who already have `key`) and
    their e-mail rows, in four queries; queues the e-mails on commit."""
    if not recipients:
        return 0
    stamp = timezone.now()
    wanted_now: set[int] = set()
    rows = []
    for member in recipients:
        kind = kind_of[member.pk]
        delivery = preferences_for(member).delivery_for(kind)
        if delivery == NotificationPreference.Delivery.IMMEDIATELY:
            wanted_now.add(member.pk)
        rows.append(
            Notification(
                recipient_id=member.pk,
                kind=kind,
                actor_id=actor_id,
                post_id=post_id,
                text=text_for(kind)[:300],
                url=url,
                key=key,
                created_at=stamp,
                wants_digest=delivery == NotificationPreference.Delivery.DIGEST,
            )
        )

    with transaction.atomic():
        # A member notified before (the post was published, hidden, then approved again)
        # keeps their first notification: the unique (recipient, key) makes this a no-op,
        # and the rows stamped `stamp` are exactly the new ones.
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        created = list(
            Notification.objects.filter(
                recipient_id__in=[m.pk for m in recipients], key=key, created_at=stamp
            ).values_list("pk", "recipient_id")
        )
        emails = EmailDelivery.objects.bulk_create(
            [
                EmailDelivery(
                    recipient_id=recipient_id,
                    notification_id=notification_id,
                    key=f"notification:{notification_id}",
                    next_attempt_at=stamp + SWEEP_GRACE,
                )
                for notification_id, recipient_id in created
                if recipient_id in wanted_now
            ]
        )
        queue_emails([e.pk for e in emails])
    return len(created)


# --- E-mail queueing ----------------------------------------------------------------------


def queue_emails(delivery_ids: list[int]) -> None:
    """After the current transaction commits, send these e-mails in batched tasks.

    `robust=True`: if Redis is down the post still succeeds; the rows stay pending and the
    periodic sweep sends them when the broker is back.
    """
    if delivery_ids:
        transaction.on_commit(partial(enqueue_email_batches, list(delivery_ids)), robust=True)


def enqueue_email_batches(delivery_ids: list[int]) -> None:
    """Sends the e-mails in tasks of EMAIL_BATCH_SIZE, not one huge task."""
    from notifications.tasks import send_email_batch

    for chunk in batched(delivery_ids, EMAIL_BATCH_SIZE):
        send_email_batch.delay(delivery_ids=list(chunk))


# --- Reading and muting -------------------------------------------------------------------


def mark_read(*, member: User, notification_id: int) -> None:
    """Marks one of the member's notifications read; idempotent."""
    Notification.objects.filter(pk=notification_id, recipient=member, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def mark_all_read(*, member: User) -> int:
    """Marks every unread notification of the member read. Returns how many changed."""
    return Notification.objects.filter(recipient=member, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def mute_thread(*, member: User, thread: Thread) -> None:
    """No more notifications about new posts in this thread (quotes and mentions included)."""
    ThreadMute.objects.get_or_create(member=member, thread=thread)


def unmute_thread(*, member: User, thread_id: int) -> None:
    ThreadMute.objects.filter(member=member, thread_id=thread_id).delete()


def mute_member(*, member: User, muted: User) -> None:
    """No more notifications caused by what `muted` writes."""
    if muted.pk != member.pk:
        MemberMute.objects.get_or_create(member=member, muted=muted)


def unmute_member(*, member: User, muted_id: int) -> None:
    MemberMute.objects.filter(member=member, muted_id=muted_id).delete()
