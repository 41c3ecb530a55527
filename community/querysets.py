"""Who may read which groups, threads and posts. Every view asks here; nothing else decides it.

The one rule, asked through `readable_by(user)` on each model (and core.readable's
`get_readable_or_404`), folds in everything:

- Group visibility: visitors who are not logged in see nothing of a members-only group
  (Group.visibility == "members"), its threads or its posts, anywhere (lists, home, search,
  sitemap, profiles, webinar pages). Views send them to the log-in page instead (see
  `needs_login_for`). Logged-in members read them like any other group.
- Thread state: a thread whose first post is pending or hidden is readable only by that
  post's author and moderators, and so are all of its posts.
- Post status: everyone reads published posts; the author also reads their own pending
  ("Waiting for a moderator") and hidden posts.
- Deletion: a post deleted by its author is readable (for its history) only by its author
  and moderators; in a thread it keeps its place for everyone as "deleted by its author".
- Roles: moderators (accounts.roles.is_moderator) read everything.

`Post.objects.shown_in_thread_to(user)` is what takes a place on a thread page: the readable
posts plus placeholders of hidden and deleted ones, always inside a readable thread.
`can_read_text` says whether a reader sees the words of a post shown in the thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from accounts.roles import is_moderator

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    type Viewer = User | AnonymousUser

PUBLISHED = "published"
PENDING = "pending"
HIDDEN = "hidden"
MEMBERS_ONLY = "members"
INDEXABLE = "public"


class GroupQuerySet(models.QuerySet):
    def readable_by(self, user: Viewer) -> GroupQuerySet:
        """Groups this reader may know about: visitors do not see members-only groups."""
        if user.is_authenticated:
            return self
        return self.exclude(visibility=MEMBERS_ONLY)

    def indexable(self) -> GroupQuerySet:
        """Groups search engines may list (public, not "public but not indexed")."""
        return self.filter(visibility=INDEXABLE)


def needs_login_for(group, user: Viewer) -> bool:
    """True when a visitor asks for a members-only group (or its thread or post): the view
    answers with the log-in page, showing nothing of it."""
    return not user.is_authenticated and group.visibility == MEMBERS_ONLY


class PostQuerySet(models.QuerySet):
    def readable_by(self, user: Viewer, *, moderator: bool | None = None) -> PostQuerySet:
        """Posts this reader may open (react to, flag, quote, see in search or a feed): in a
        thread they may read, with a status and deletion state they may read.

        `moderator=False` gives the rule for the reader as a member, for a caller that
        decides the moderator case inside its own query (Notification.objects.readable_by).
        """
        if moderator is None:
            moderator = is_moderator(user)
        if moderator:
            return self
        return self._own_state_readable_by(user).filter(
            thread__in=_thread_queryset().readable_by(user, moderator=False)
        )

    def _own_state_readable_by(self, user: Viewer) -> PostQuerySet:
        if user.is_authenticated:
            return self.filter(
                models.Q(status=PUBLISHED, deleted_at__isnull=True) | models.Q(author=user)
            )
        return self.filter(status=PUBLISHED, deleted_at__isnull=True)

    def readable_by_every_member(self) -> PostQuerySet:
        """Posts any logged-in member may read, whoever they are: what notices and e-mails
        to members may show (published, not deleted, in a thread every member may read)."""
        return self.filter(
            status=PUBLISHED,
            deleted_at__isnull=True,
            thread__in=_thread_queryset().readable_by_every_member(),
        )

    def members_only(self) -> PostQuerySet:
        """Published posts in members-only groups (what a visitor's counts leave out)."""
        return self.filter(
            status=PUBLISHED, deleted_at__isnull=True, thread__group__visibility=MEMBERS_ONLY
        )

    def shown_in_thread_to(self, user: Viewer) -> PostQuerySet:
        """What takes a place on a thread page, inside threads this reader may read: readable
        posts plus placeholders of hidden and deleted ones (pending posts of others are left
        out)."""
        if is_moderator(user):
            return self
        if user.is_authenticated:
            shown = self.filter(models.Q(status__in=[PUBLISHED, HIDDEN]) | models.Q(author=user))
        else:
            shown = self.filter(status__in=[PUBLISHED, HIDDEN])
        return shown.filter(thread__in=_thread_queryset().readable_by(user))


def _thread_queryset() -> ThreadQuerySet:
    from community.models import Thread

    return Thread.objects.all()


def can_read_text(post, user: Viewer) -> bool:
    """Whether this reader sees the words of a post they can see in the thread."""
    if post.deleted_at is not None:
        return False
    if post.status == PUBLISHED or is_moderator(user):
        return True
    return user.is_authenticated and post.author_id == user.pk


def may_see_history(post, user: Viewer) -> bool:
    """Earlier versions of a post (and a retitled thread's old titles) are for its author
    and the moderators only: an edit may have taken out what should not stay public."""
    return user.is_authenticated and (post.author_id == user.pk or is_moderator(user))


def quote_is_available(quoted) -> bool:
    """A quote block shows its excerpt only while the quoted post is published and not deleted.

    Deliberately the same for every reader, moderators included: the excerpt was copied
    into the reply, so showing it for a hidden post would leak the hidden words.
    """
    return quoted is not None and quoted.status == PUBLISHED and quoted.deleted_at is None


class ThreadQuerySet(models.QuerySet):
    def readable_by(self, user: Viewer, *, moderator: bool | None = None) -> ThreadQuerySet:
        """Threads this reader may read: in a group they may see, and with a first post they
        may see (a pending or hidden first post keeps the whole thread private)."""
        if moderator is None:
            moderator = is_moderator(user)
        if moderator:
            return self
        if user.is_authenticated:
            return self._without_unpublished_first_post(except_author=user)
        return self._without_unpublished_first_post().exclude(group__visibility=MEMBERS_ONLY)

    def readable_by_every_member(self) -> ThreadQuerySet:
        """Threads any logged-in member may read, whoever they are (for notices sent to
        members, who need not have written the first post nor moderate)."""
        return self._without_unpublished_first_post()

    def _without_unpublished_first_post(self, *, except_author: User | None = None):
        from community.models import Post

        # Written as "no unpublished first post (by someone else)" rather than "a published
        # first post, or mine": the few unpublished posts are found through the status
        # index, so a listing still stops after one page (an OR made PostgreSQL read every
        # post: 48 ms for a member's home page on the bench community).
        unpublished = [status for status in Post.Status.values if status != PUBLISHED]
        hidden_first = Post.objects.filter(
            thread=models.OuterRef("pk"), position=1, status__in=unpublished
        )
        if except_author is not None:
            hidden_first = hidden_first.exclude(author=except_author)
        return self.filter(~models.Exists(hidden_first))

    def indexable(self) -> ThreadQuerySet:
        """Threads search engines may list: visible to visitors, in a public group."""
        from django.contrib.auth.models import AnonymousUser

        return self.readable_by(AnonymousUser()).filter(group__visibility=INDEXABLE)

    def for_group(self, group) -> ThreadQuerySet:
        return self.filter(group=group).order_by("-is_pinned", "-last_activity_at", "-pk")

    def with_last_visit(self, user: Viewer) -> ThreadQuerySet:
        """Adds `last_visited_at` (None for visitors or unread threads) in the same query,
        the member's latest visits noted in Redis included (community.visits)."""
        from community import visits

        if not user.is_authenticated:
            return self.with_stored_visit(user)
        last: Any = self._stored_visit(user)
        noted = visits.noted_visits(user.pk)  # newer than the rows, not yet flushed
        if noted:
            last = models.Case(
                *[models.When(pk=pk, then=models.Value(at)) for pk, at in noted.items()],
                default=last,
                output_field=models.DateTimeField(),
            )
        return self.annotate(last_visited_at=last)

    def with_stored_visit(self, user: Viewer) -> ThreadQuerySet:
        """`last_visited_at` from the member's ThreadVisit rows only, leaving out the visits
        noted in Redis (community.visits.noted_visits: later than the rows; the caller lays
        them over). The same SQL for every member, so it can be precompiled (core.precompiled)."""
        if not user.is_authenticated:
            return self.annotate(last_visited_at=models.Value(None, models.DateTimeField()))
        return self.annotate(last_visited_at=self._stored_visit(user))

    def _stored_visit(self, user: Viewer) -> models.Subquery:
        from community.models import ThreadVisit

        visit = ThreadVisit.objects.filter(thread=models.OuterRef("pk"), member=user.pk)
        return models.Subquery(visit.values("visited_at")[:1])
