"""What the discussions hold about a member: the export's sections (their posts and each
earlier version, reactions and follows) and the eraser for a closed account, registered in
accounts.hooks.exporters and accounts.hooks.erasers by CommunityConfig.ready(). Every query
is filtered by the member."""

from typing import Any

from django.conf import settings
from django.db.models import Exists, F, OuterRef

from accounts.models import User
from community import visits
from community.models import (
    Draft,
    GroupFollow,
    Post,
    PostRevision,
    Reaction,
    Thread,
    ThreadFollow,
    ThreadVisit,
)
from community.querysets import quote_is_available


def _when(value) -> str | None:
    return value.isoformat() if value else None


def posts(member: User) -> list[dict[str, Any]]:
    """The member's posts. Someone else's words appear only as the site shows them to the
    member now: a quote while the quote block shows it (quote_is_available), a thread's
    title while the member may read the thread."""
    rows = (
        Post.objects.filter(author=member)
        .select_related("thread", "reply_to")
        .annotate(
            thread_readable=Exists(
                Thread.objects.readable_by(member).filter(pk=OuterRef("thread_id"))
            )
        )
        .order_by("created_at", "pk")
        .iterator(chunk_size=500)
    )

    def quoted(p) -> str | None:
        if not p.quote_excerpt or p.reply_to is None:
            return None
        if p.reply_to.author_id == member.pk or quote_is_available(p.reply_to):
            return p.quote_excerpt
        return None

    return [
        {
            "id": p.pk,
            "url": f"{settings.SITE_URL}/p/{p.pk}/",  # the stable permalink (PRODUCT.md)
            "thread_id": p.thread_id,
            "thread_title": p.thread.title if p.thread_readable else None,
            "started_the_thread": p.position == 1,
            "in_reply_to_post_id": p.reply_to_id,
            "quoted_text": quoted(p),
            "text_markdown": p.body_markdown,
            "status": p.status,
            "hidden_reason": p.hidden_reason or None,
            "written_at": _when(p.created_at),
            "edited_at": _when(p.edited_at),
            "deleted_at": _when(p.deleted_at),
        }
        for p in rows
    ]


def post_versions(member: User) -> list[dict[str, Any]]:
    """Every earlier version of the member's posts, as the history page shows them."""
    rows = (
        PostRevision.objects.filter(post__author=member)
        .order_by("post_id", "replaced_at", "pk")
        .iterator(chunk_size=500)
    )
    return [
        {
            "post_url": f"{settings.SITE_URL}/p/{r.post_id}/",
            "thread_title": r.title or None,
            "text_markdown": r.body_markdown,
            "written_at": _when(r.written_at),
            "replaced_at": _when(r.replaced_at),
            "replaced_by": "you" if r.edited_by_id == member.pk else "a moderator",
            "moderators_reason": r.reason or None,
        }
        for r in rows
    ]


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


# A followed discussion the member may no longer read (moderators hid its first post): the
# follow is their data, the title is not theirs to see.
UNREADABLE_TITLE = "A discussion that is no longer available"


def follows(member: User) -> dict[str, list[dict[str, Any]]]:
    threads = (
        ThreadFollow.objects.filter(member=member)
        .select_related("thread")
        .annotate(
            readable=Exists(Thread.objects.readable_by(member).filter(pk=OuterRef("thread_id")))
        )
        .order_by("created_at", "pk")
    )
    groups = (
        GroupFollow.objects.filter(member=member).select_related("group").order_by("created_at")
    )
    return {
        "discussions": [
            {
                "title": f.thread.title if f.readable else UNREADABLE_TITLE,
                "url": settings.SITE_URL + f.thread.get_absolute_url() if f.readable else None,
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


def drafts(member: User) -> list[dict[str, Any]]:
    """What the member was writing and had not published (community.drafts)."""
    rows = (
        Draft.objects.filter(member=member)
        .select_related("thread", "group")
        .annotate(
            readable=Exists(Thread.objects.readable_by(member).filter(pk=OuterRef("thread_id")))
        )
        .order_by("updated_at", "pk")
    )
    return [
        {
            "reply_to_discussion": _draft_thread_title(d),
            "new_discussion_in_group": d.group.name if d.group is not None else None,
            "title": d.title or None,
            "text_markdown": d.body,
            "saved_at": _when(d.updated_at),
        }
        for d in rows
    ]


def _draft_thread_title(draft) -> str | None:
    if draft.thread is None:
        return None
    return draft.thread.title if draft.readable else UNREADABLE_TITLE


def erase(member: User) -> None:
    """A closed account's reactions (the posts' counts go down with them), follows, reading
    history and unpublished drafts go; its posts stay, as accounts.closing says."""
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
    visits.forget(member.pk)  # times noted but not yet flushed (community.visits)
    Draft.objects.filter(member=member).delete()
