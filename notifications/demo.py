"""Demo notifications for june_b, so the inbox and the header count have something to show.

Rows are written directly (no e-mail is queued): demo loading must not print or send mail.
Idempotent: every row has a fixed key.
"""

import datetime

from django.utils import timezone

from accounts.models import User
from community.models import Post
from notifications.models import ACTOR, MemberMute, Notification, NotificationPreference
from notifications.services import post_path


def load(members: dict[str, User]) -> None:
    june = members["june_b"]
    now = timezone.now()
    verbs = {
        Notification.Kind.QUOTE: "quoted you in",
        Notification.Kind.MENTION: "mentioned you in",
        Notification.Kind.REPLY: "replied in",
    }
    june_threads = set(Post.objects.filter(author=june).values_list("thread_id", flat=True))
    recent = (
        Post.objects.filter(status=Post.Status.PUBLISHED, deleted_at__isnull=True)
        .exclude(author=june)
        .select_related("author", "thread", "reply_to")
        .order_by("-created_at")[:50]
    )
    made = 0
    for post in recent:
        # Only what June would really have been told about.
        if post.reply_to is not None and post.reply_to.author_id == june.pk:
            kind = Notification.Kind.QUOTE
        elif f"@{june.handle}" in post.body_markdown.lower():
            kind = Notification.Kind.MENTION
        elif post.thread_id in june_threads:
            kind = Notification.Kind.REPLY
        else:
            continue
        Notification.objects.get_or_create(
            recipient=june,
            key=f"post:{post.pk}",
            defaults={
                "kind": kind,
                "actor": post.author,
                "post": post,
                "text": f"{ACTOR} {verbs[kind]} “{post.thread.title}”",
                "url": post_path(post.pk),
                "created_at": post.created_at,
                "read_at": now if made >= 2 else None,
            },
        )
        made += 1
        if made == 4:
            break
    Notification.objects.get_or_create(
        recipient=june,
        key="demo:membership:welcome",
        defaults={
            "kind": Notification.Kind.MEMBERSHIP,
            "actor": members.get("nurse_rosa"),
            "text": "Your premium membership is active. Thank you for being here.",
            "url": "/accounts/",
            "created_at": now - datetime.timedelta(days=2),
        },
    )
    Notification.objects.get_or_create(
        recipient=june,
        key="demo:webinar:reminder",
        defaults={
            "kind": Notification.Kind.WEBINAR,
            "actor": members.get("nurse_rosa"),
            "text": "Reminder: the webinar on breathing exercises starts tomorrow.",
            "url": "/webinars/",
            "created_at": now - datetime.timedelta(days=3),
            "read_at": now - datetime.timedelta(days=2),
        },
    )
    NotificationPreference.objects.get_or_create(
        member=june, defaults={"replies": NotificationPreference.Delivery.DIGEST}
    )
    MemberMute.objects.get_or_create(member=june, muted=members["theo_r"])
