"""What the discussions hold about a member beyond their posts: the export's sections and
the eraser for a closed account (listed in accounts.personal_data.SECTIONS and
accounts.closing.ERASERS). Every query is filtered by the member."""

from typing import Any

from django.conf import settings
from django.db.models import F

from accounts.models import User
from community.models import GroupFollow, Post, Reaction, Thread, ThreadFollow, ThreadVisit


def _when(value) -> str | None:
    return value.isoformat() if value else None


def reactions(member: User) -> list[dict[str, Any]]:
    rows = Reaction.objects.filter(member=member).order_by("created_at", "pk")
    return [
        {
            "kind": r.kind,
            "post_url": f"{settings.SITE_URL}/p/{r.post_id}/",
            "reacted_at": _when(r.created_at),
        }
        for r in rows
    ]


def follows(member: User) -> dict[str, list[dict[str, Any]]]:
    threads = (
        ThreadFollow.objects.filter(member=member)
        .select_related("thread")
        .order_by("created_at", "pk")
    )
    groups = (
        GroupFollow.objects.filter(member=member).select_related("group").order_by("created_at")
    )
    # A thread's title is someone's words: given only while the member may see the thread.
    readable = set(
        Thread.objects.visible_to(member)
        .filter(follows__member=member)
        .values_list("pk", flat=True)
    )
    return {
        "discussions": [
            {
                "title": f.thread.title if f.thread_id in readable else None,
                "url": settings.SITE_URL + f.thread.get_absolute_url(),
                "since": _when(f.created_at),
            }
            for f in threads
        ],
        "groups": [
            {
                "name": f.group.name,
                "url": settings.SITE_URL + f.group.get_absolute_url(),
                "since": _when(f.created_at),
            }
            for f in groups
        ],
    }


def erase(member: User) -> None:
    """A closed account's reactions (the posts' counts go down with them), follows and
    reading history go; its posts stay, as accounts.closing says."""
    for kind in Reaction.Kind.values:
        counter = f"{kind}_count"
        reacted = Reaction.objects.filter(member=member, kind=kind).values("post_id")
        Post.objects.filter(pk__in=reacted, **{f"{counter}__gt": 0}).update(
            **{counter: F(counter) - 1}
        )
    Reaction.objects.filter(member=member).delete()
    ThreadFollow.objects.filter(member=member).delete()
    GroupFollow.objects.filter(member=member).delete()
    ThreadVisit.objects.filter(member=member).delete()
