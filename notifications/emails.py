"""Sending the e-mails the services queued: the only place that knows who an e-mail goes to.

A delivery row is claimed with `SELECT ... FOR UPDATE SKIP LOCKED` and marked sent in the
same transaction as the send, so a duplicated or retried task skips it. Failures are kept
on the row and retried with exponential backoff by the periodic sweep.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.languages import member_language
from community.models import Post
from core.mail import UnsubscribableEmail
from core.markdown import html_to_text
from notifications import hooks
from notifications.models import EmailDelivery, Notification
from notifications.quiet_hours import member_zone, quiet_until
from notifications.services import (
    enqueue_email_batches,
    preferences_for,
    thread_path,
)
from notifications.tokens import make_unsubscribe_token

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8  # 1 + 2 + 4 + ... + 64 minutes: about two hours of trying
SWEEP_LIMIT = 5000
EXCERPT_CHARS = 300
REQUEUE_AFTER = datetime.timedelta(minutes=10)


def retry_delay(attempts: int) -> datetime.timedelta:
    """1, 2, 4, 8 ... minutes after the 1st, 2nd, 3rd, 4th ... failed attempt."""
    return datetime.timedelta(minutes=2 ** (attempts - 1))


def absolute(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else f"{settings.SITE_URL}{path}"


def unsubscribe_url(member_id: int) -> str:
    token = make_unsubscribe_token(member_id)
    return absolute(reverse("notifications:unsubscribe", kwargs={"token": token}))


def _readable_posts(member):
    """What this recipient may read now (community's one rule): a post hidden since the
    notification was made, or whose thread was hidden, reaches nobody who may not read it."""
    return Post.objects.readable_by(member)


def _may_see(member, post) -> bool:
    return post is None or _readable_posts(member).filter(pk=post.pk).exists()


# What a discreet e-mail says instead of the notification's own line (which names threads).
DISCREET_HEADLINES = {
    Notification.Kind.REPLY: _("New reply in a thread you follow"),
    Notification.Kind.THREAD: _("New discussion in a group you follow"),
    Notification.Kind.QUOTE: _("New reply to your post"),
    Notification.Kind.MENTION: _("Someone mentioned you in a post"),
    Notification.Kind.MODERATION: _("News about one of your posts"),
    Notification.Kind.CARE: _("A personal message from the care team"),
    Notification.Kind.MEMBERSHIP: _("News about your membership"),
    Notification.Kind.WEBINAR: _("News about a webinar"),
    Notification.Kind.MESSAGE: _("You have a new private message"),
}


def is_discreet(notification: Notification, *, discreet_all: bool) -> bool:
    """No group name, thread title or post text for this e-mail: the member chose discreet
    e-mail, or the post is in a sensitive (health detail) or members-only group."""
    if discreet_all:
        return True
    post = notification.post
    if post is None:
        return False
    group = post.thread.group
    return group.is_sensitive or group.is_members_only


def _notification_context(notification: Notification, *, discreet_all: bool = False) -> dict:
    post = notification.post
    if is_discreet(notification, discreet_all=discreet_all):
        return {
            "discreet": True,
            "preview": "",
            "headline": str(
                DISCREET_HEADLINES.get(notification.kind, _("News on your notifications"))
            ),
            "notification": None,
            "own_post": False,
            "actor": None,
            "post": None,
            "thread": None,
            "thread_url": "",
            "excerpt": "",
            "link_url": absolute(notification.url),
            "link_label": gettext("Read it on the site"),
        }
    context = {
        "discreet": False,
        "preview": "" if post else Truncator(hooks.preview_for(notification)).chars(EXCERPT_CHARS),
        "headline": notification.line,
        "own_post": post is not None and post.author_id == notification.recipient_id,
        "notification": notification,
        "actor": notification.actor,
        "post": post,
        "thread": post.thread if post else None,
        "thread_url": absolute(thread_path(post.thread)) if post else "",
        "excerpt": (Truncator(html_to_text(post.body_html)).chars(EXCERPT_CHARS) if post else ""),
        "link_url": absolute(notification.url),
        "link_label": gettext("Jump to this post"),
    }
    return context


def build_message(delivery: EmailDelivery) -> UnsubscribableEmail | None:
    """The e-mail for a delivery, or None if there is nothing left worth sending; in the
    recipient's language (accounts.languages), whoever's action it tells of."""
    with translation.override(member_language(delivery.recipient)):
        return _build_message(delivery)


def _build_message(delivery: EmailDelivery) -> UnsubscribableEmail | None:
    member = delivery.recipient
    discreet_all = preferences_for(member).discreet_email
    context = {
        "member": member,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "inbox_url": absolute(reverse("notifications:inbox")),
        "settings_url": absolute(reverse("notifications:settings")),
        "unsubscribe_url": unsubscribe_url(member.pk),
    }
    if delivery.kind == EmailDelivery.Kind.DIGEST:
        items = [
            n
            for n in delivery.digested_notifications.filter(read_at__isnull=True)
            .filter(Q(post__isnull=True) | Q(post__in=_readable_posts(member)))
            .select_related("actor", "post__thread__group", "post__author")
            .order_by("created_at")
        ]
        if not items:
            return None
        context["items"] = [_notification_context(n, discreet_all=discreet_all) for n in items]
        template = "notifications/email/digest"
    else:
        notification = delivery.notification
        if notification.read_at is not None:
            return None
        if not _may_see(member, notification.post):
            return None
        context.update(_notification_context(notification, discreet_all=discreet_all))
        template = "notifications/email/notification"

    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    message = UnsubscribableEmail(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        to=[member.email],
        unsubscribe_url=context["unsubscribe_url"],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


def send_delivery(*, delivery_id: int, now: datetime.datetime | None = None) -> bool:
    """Sends one queued e-mail if it is still due. Safe to call twice; returns True if sent."""
    now = now or timezone.now()
    with transaction.atomic():
        delivery = (
            EmailDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related(
                "recipient__notification_preference",
                "notification__actor",
                "notification__post__thread__group",
                "notification__post__author",
            )
            .filter(
                Q(state=EmailDelivery.State.PENDING)
                | Q(state=EmailDelivery.State.FAILED, next_attempt_at__lte=now),
                pk=delivery_id,
            )
            .first()
        )
        if delivery is None:
            return False  # already sent, given up, not due, or another worker holds it

        member = delivery.recipient
        prefs = preferences_for(member)
        resume_at = quiet_until(
            start=prefs.quiet_start, end=prefs.quiet_end, zone=member_zone(member), now=now
        )
        if resume_at is not None:
            # In the member's quiet hours: wait (still pending, no attempt counted); the
            # sweep sends it once they end.
            delivery.next_attempt_at = resume_at
            delivery.save(update_fields=["next_attempt_at"])
            return False

        wants_email = (
            member.is_active
            and member.email
            and preferences_for(member).email_unsubscribed_at is None
        )
        message = build_message(delivery) if wants_email else None
        if message is None:
            delivery.state = EmailDelivery.State.SKIPPED
            delivery.save(update_fields=["state"])
            return False

        delivery.attempts += 1
        try:
            message.send(using="default")
        except Exception as exc:
            delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.state = EmailDelivery.State.GIVEN_UP
                logger.error("Giving up e-mail %s: %s", delivery.pk, delivery.last_error)
            else:
                delivery.state = EmailDelivery.State.FAILED
                delivery.next_attempt_at = now + retry_delay(delivery.attempts)
                logger.warning("E-mail %s failed, will retry: %s", delivery.pk, exc)
            delivery.save(update_fields=["attempts", "state", "next_attempt_at", "last_error"])
            return False

        delivery.state = EmailDelivery.State.SENT
        delivery.sent_at = timezone.now()
        delivery.save(update_fields=["attempts", "state", "sent_at"])
        return True


def send_due(*, now: datetime.datetime | None = None) -> int:
    """Queues batches for every e-mail that is due (new ones whose task never ran, retries).

    Returns how many were queued.
    """
    now = now or timezone.now()
    due = list(
        EmailDelivery.objects.filter(
            state__in=[EmailDelivery.State.PENDING, EmailDelivery.State.FAILED],
            next_attempt_at__lte=now,
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:SWEEP_LIMIT]
    )
    # A new e-mail the sweep queues is not queued again for a while, so a stopped worker
    # does not make the queue grow by thousands of duplicates a minute. (Failed rows are
    # claimed only when due, so their next_attempt_at stays as the backoff set it.)
    EmailDelivery.objects.filter(pk__in=due, state=EmailDelivery.State.PENDING).update(
        next_attempt_at=now + REQUEUE_AFTER
    )
    enqueue_email_batches(due)
    return len(due)
