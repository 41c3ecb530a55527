"""Demo notifications for june_b, so the inbox and the header count have something to show.

Rows are written directly (no e-mail is queued): demo loading must not print or send mail.
Idempotent: every row has a fixed key.
"""

import datetime

from django.utils import timezone

from accounts.models import User
from community.models import Post
from notifications.models import MemberMute, Notification, NotificationPreference
from notifications.services import post_path


def load(members: dict[str, User]) -> None:
    june = members["june_b"]
    now = timezone.now()
    posts = list(
        Post.objects.filter(status=Post.Status.PUBLISHED, deleted_at__isnull=True)
        .exclude(author=june)
        .select_related("author", "thread")
        .order_by("-created_at")[:4]
    )
    kinds = [
        (Notification.Kind.QUOTE, "quoted you in"),
        (Notification.Kind.MENTION, "mentioned you in"),
        (Notification.Kind.REPLY, "replied in"),
        (Notification.Kind.REPLY, "replied in"),
    ]
    for index, (post, (kind, verb)) in enumerate(zip(posts, kinds, strict=False)):
        Notification.objects.get_or_create(
            recipient=june,
            key=f"post:{post.pk}",
            defaults={
                "kind": kind,
                "actor": post.author,
                "post": post,
                "text": f"{post.author.name} {verb} “{post.thread.title}”",
                "url": post_path(post.pk),
                "created_at": now - datetime.timedelta(hours=index * 5 + 1),
                "read_at": now if index >= 2 else None,
            },
        )
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
