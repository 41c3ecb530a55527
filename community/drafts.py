"""Drafts: what a member is writing, kept on the server until they publish or discard it.

One draft per member and thread (a reply), or per member and group (a new discussion). The
forms save it when the member previews, and static/js/drafts.js saves it as they type; the
reply form and the new-discussion form give it back on any device. Publishing deletes it
(community.services), and so does closing the account (community.personal_data).

Every function takes the member: a draft is only ever read or changed by its own writer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext

from community.models import Draft, Group, Post, Thread

if TYPE_CHECKING:
    from accounts.models import User

# Ten posts' worth: a runaway paste is refused with a message, never cut.
MAX_DRAFT_LENGTH = 200_000


class DraftTooLong(Exception):
    """The text is too long to keep as a draft; `str(error)` says so in plain words."""


def _where(*, thread: Thread | None, group: Group | None) -> Q:
    if thread is not None:
        return Q(thread=thread)
    if group is None:
        raise ValueError("A draft belongs to a thread or, for a new discussion, to a group.")
    return Q(group=group, thread__isnull=True)


def save_draft(
    *,
    member: User,
    thread: Thread | None = None,
    group: Group | None = None,
    title: str = "",
    body: str = "",
    submission_token: UUID | None = None,
) -> Draft | None:
    """Keeps the member's text for `thread` (a reply) or `group` (a new discussion).

    Empty text discards the draft. A form that was already published (its one-time token is
    on a post) saves nothing, so a late autosave cannot bring back a draft of a sent post.
    """
    if len(title) + len(body) > MAX_DRAFT_LENGTH:
        raise DraftTooLong(
            gettext("This is too long to keep as a draft (over %(limit)s characters).")
            % {"limit": number_format(MAX_DRAFT_LENGTH, force_grouping=True)}
        )
    if not title.strip() and not body.strip():
        discard_draft(member=member, thread=thread, group=group)
        return None
    if (
        submission_token is not None
        and Post.objects.filter(author=member, submission_token=submission_token).exists()
    ):
        return None
    where = {"thread": thread} if thread is not None else {"group": group, "thread": None}
    draft, _ = Draft.objects.update_or_create(
        member=member,
        **where,
        defaults={"title": title, "body": body, "updated_at": timezone.now()},
    )
    return draft


def discard_draft(
    *, member: User, thread: Thread | None = None, group: Group | None = None
) -> bool:
    """Deletes the member's draft there; False if there was none."""
    deleted, _ = Draft.objects.filter(_where(thread=thread, group=group), member=member).delete()
    return bool(deleted)


def draft_for_new_thread(*, member: User, group: Group) -> Draft | None:
    """The member's draft of a new discussion in `group` (one query, on that form's page)."""
    return Draft.objects.filter(_where(thread=None, group=group), member=member).first()
