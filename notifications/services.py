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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from itertools import batched
from typing import cast

from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext

from accounts.languages import member_language
from accounts.models import User
from community.models import GroupFollow, Mention, Post, Thread, ThreadFollow
from notifications.models import (
    ACTOR,
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
    Notification.Kind.THREAD,
]

# --- Where the community app plugs in -------------------------------------------------------
# The only functions that know how community stores follows, mentions, visibility and URLs.


def thread_follower_ids(thread: Thread) -> set[int]:
    """Members who follow the thread (community's ThreadFollow: authors follow their threads
    and replies automatically; anyone can press "Follow this discussion")."""
    return set(ThreadFollow.objects.filter(thread=thread).values_list("member_id", flat=True))


def group_follower_ids(group_id: int) -> set[int]:
    """Members who follow a group. Following a group means hearing about each NEW discussion
    started in it (the group page promises "you will hear about new discussions"), not every
    reply: replies reach those who follow the thread itself."""
    return set(GroupFollow.objects.filter(group_id=group_id).values_list("member_id", flat=True))


def mentioned_member_ids(post: Post) -> set[int]:
    """Members @mentioned in the post, as community stored them when it rendered the text
    (real handles only, never inside code)."""
    return set(Mention.objects.filter(post=post).values_list("member_id", flat=True))


def members_may_read(post: Post) -> bool:
    """Whether every member may read the post; pending, hidden or deleted posts, and posts in
    a thread whose first post is pending or hidden, notify nobody (community's rule:
    `Post.objects.readable_by_every_member()`)."""
    return Post.objects.filter(pk=post.pk).readable_by_every_member().exists()


def post_path(post_id: int) -> str:
    """A post's stable permalink `/p/<id>/` (it redirects to the right page and #post-<id>)."""
    return Post(pk=post_id).get_absolute_url()


def thread_path(thread: Thread) -> str:
    """A thread's stable URL."""
    return thread.get_absolute_url()


# --- Quiet mode -----------------------------------------------------------------------------

_quiet: ContextVar[bool] = ContextVar("notifications_quiet", default=False)


@contextmanager
def quiet() -> Iterator[None]:
    """No notification is made inside this block (loading demo data through the real
    posting services must not fill inboxes or send e-mail)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def wants_email(member: User) -> bool:
    """False once the member turned every e-mail off (one-click unsubscribe or the settings
    page). Apps that send their own notices (membership, webinars) ask this first."""
    return (
        member.is_active
        and not getattr(member, "is_former_member", False)
        and bool(member.email)
        and preferences_for(member).email_unsubscribed_at is None
    )


# --- Preferences --------------------------------------------------------------------------


def preferences_for(member: User) -> NotificationPreference:
    """The member's preferences, or unsaved defaults if they never changed them."""
    try:
        return member.notification_preference
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(member=member)


def update_preferences(
    *,
    member: User,
    replies: str,
    quotes: str,
    mentions: str,
    email: bool,
    discreet_email: bool,
    quiet_start: datetime.time | None,
    quiet_end: datetime.time | None,
) -> NotificationPreference:
    """Saves the member's e-mail choices; `email=False` is the same as unsubscribing.

    Quiet hours (both times or neither, in the member's time zone) delay e-mail, see
    notifications.quiet_hours."""
    with transaction.atomic():
        prefs, _ = NotificationPreference.objects.select_for_update().get_or_create(member=member)
        prefs.replies, prefs.quotes, prefs.mentions = replies, quotes, mentions
        prefs.discreet_email = discreet_email
        prefs.quiet_start, prefs.quiet_end = quiet_start, quiet_end
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


def _format(message: str | Promise, params: dict) -> str:
    return str(message) % params if params else str(message)


def lazy_text(message: str | Promise, **params) -> Promise:
    """A notification's line, written when each recipient's row is made, in that
    recipient's language: pass `gettext_lazy("Your post in “%(title)s” is hidden.")` and
    its values (`title=thread.title`), not a string already translated in the sender's."""
    return cast(Promise, lazy(_format, str)(message, params))


def text_in_language_of(member: User, text: str | Promise) -> str:
    """The stored line: a lazy text (`lazy_text`, `gettext_lazy`) in the member's language
    (accounts.languages.member_language), a plain string as it is. Stored, not translated
    when shown, so safety's redaction finds the very words the member reads."""
    if not isinstance(text, Promise):
        return text
    with translation.override(member_language(member)):
        return str(text)


def notify(
    *,
    recipient: User,
    kind: str,
    text: str | Promise,
    url: str,
    key: str,
    actor: User | None = None,
    post: Post | None = None,
    email: bool = True,
) -> Notification | None:
    """Notifies one member of one event and e-mails them if their preferences say so.

    `key` names the event for this member (e.g. "moderation:post:42:hidden",
    "membership:7:granted", "webinar:3:reminder"): calling again with the same key does
    nothing and returns None, so callers and their tasks may safely run twice. Mutes are not
    applied here (a moderation decision reaches the member whoever made it).

    `email=False` makes the inbox entry only: for notices whose app sends its own e-mail
    (membership, webinars), so the member gets one e-mail per notice, not two.

    `text` is best a lazy text (`lazy_text(gettext_lazy(...), ...)`): it is then written
    in the recipient's language, whoever's action made the notification.
    """
    if not recipient.is_active or _quiet.get():
        return None
    delivery = preferences_for(recipient).delivery_for(kind) if email else None
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            recipient=recipient,
            key=key,
            defaults={
                "kind": kind,
                "text": text_in_language_of(recipient, text)[:300],
                "url": url,
                "actor": actor,
                "post": post,
                "wants_digest": delivery == NotificationPreference.Delivery.DIGEST,
            },
        )
        if not created:
            return None
        if delivery == NotificationPreference.Delivery.IMMEDIATELY:
            email_row = EmailDelivery.objects.create(
                recipient=recipient,
                notification=notification,
                key=f"notification:{notification.pk}",
                next_attempt_at=notification.created_at + SWEEP_GRACE,
            )
            queue_emails([email_row.pk])
    return notification


def _post_text(kind: str, *, thread: Thread) -> str:
    """The stored line, in the language active (the recipient's: `_bulk_notify`). The
    actor's name is put in when shown (Notification.line), so every translation starts
    with %(actor)s."""
    if kind == Notification.Kind.THREAD:
        return gettext("%(actor)s started “%(title)s” in %(group)s") % {
            "actor": ACTOR,
            "title": thread.title,
            "group": thread.group.name,
        }
    lines: dict[str, str] = {
        Notification.Kind.QUOTE: gettext("%(actor)s quoted you in “%(title)s”"),
        Notification.Kind.MENTION: gettext("%(actor)s mentioned you in “%(title)s”"),
        Notification.Kind.REPLY: gettext("%(actor)s replied in “%(title)s”"),
    }
    return lines[kind] % {"actor": ACTOR, "title": thread.title}


def _published_post(post_id: int) -> Post | None:
    post = (
        Post.objects.select_related("thread__group", "author", "reply_to")
        .filter(pk=post_id)
        .first()
    )
    if post is None or not members_may_read(post) or _quiet.get():
        return None
    return post


def notify_post_published(*, post_id: int) -> int:
    """Notifies who should hear about a post that members can now read.

    Call it from the service that publishes the post, in its transaction (community's
    create_thread / create_reply, moderation's approve and restore). Recipients: the quoted
    member, @mentioned members, followers of the thread, and, for a thread's first post,
    followers of its group. Nobody hears about their own post, a post members may not read,
    a thread they muted or a member they muted. Each member gets at most one notification
    per post (quote, then mention, then reply, then new discussion), ever: publishing the
    same post again (hidden, then restored) notifies only those not told before.
    The number of queries does not grow with the number of followers. Returns how many
    notifications were created.
    """
    post = _published_post(post_id)
    if post is None:
        return 0
    reasons: dict[int, str] = {}
    if post.position == 1:
        reasons.update(
            dict.fromkeys(group_follower_ids(post.thread.group_id), Notification.Kind.THREAD)
        )
    reasons.update(dict.fromkeys(thread_follower_ids(post.thread), Notification.Kind.REPLY))
    reasons.update(dict.fromkeys(mentioned_member_ids(post), Notification.Kind.MENTION))
    if post.reply_to is not None and post.reply_to.author_id:
        reasons[post.reply_to.author_id] = Notification.Kind.QUOTE
    return _notify_about_post(post, reasons)


def notify_new_mentions(*, post_id: int, member_ids: Iterable[int]) -> int:
    """After an edit: tells members newly @mentioned in a published post.

    Nobody else is notified again (followers and the quoted member heard about the post
    when it was published), and a member already notified about this post is not notified
    twice (same key as `notify_post_published`).
    """
    member_ids = set(member_ids)
    post = _published_post(post_id) if member_ids else None
    if post is None:
        return 0
    return _notify_about_post(post, dict.fromkeys(member_ids, Notification.Kind.MENTION))


def _notify_about_post(post: Post, reasons: dict[int, str]) -> int:
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
        text_for=lambda kind: lazy(_post_text, str)(kind, thread=post.thread),
        url=post_path(post.pk),
        actor_id=post.author_id,
        post_id=post.pk,
    )


def notify_many(
    *,
    recipient_ids: Iterable[int],
    kind: str,
    text: str | Promise,
    url: str,
    key: str,
    actor: User | None = None,
    post: Post | None = None,
    email: bool = True,
) -> int:
    """`notify` for many members at once (webinar reminders, premium grants to a list).

    Same rules as `notify` (idempotent by key per member, inactive members skipped,
    `email=False` for an inbox entry only), with a fixed number of queries however many
    members. Returns how many were notified anew.
    """
    if _quiet.get():
        return 0
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
        email=email,
    )


def _bulk_notify(
    *,
    recipients: list[User],
    kind_of: dict[int, str],
    key: str,
    text_for: Callable[[str], str | Promise],
    url: str,
    actor_id: int | None,
    post_id: int | None,
    email: bool = True,
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
        delivery = preferences_for(member).delivery_for(kind) if email else None
        if delivery == NotificationPreference.Delivery.IMMEDIATELY:
            wanted_now.add(member.pk)
        rows.append(
            Notification(
                recipient_id=member.pk,
                kind=kind,
                actor_id=actor_id,
                post_id=post_id,
                text=text_in_language_of(member, text_for(kind))[:300],
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
