"""Who may see which threads and posts. Every view asks here; nothing else decides it.

- Everyone reads published posts (a post deleted by its author stays in place, shown as
  "deleted by its author" without its text).
- The author also sees their own pending ("Waiting for a moderator") and hidden posts.
- Moderators see everything.
- In a thread, a post that moderators hid keeps its place for everyone else as a short
  placeholder, never its text; pending posts of others are not shown at all.
- Members-only groups (Group.visibility == "members"): visitors who are not logged in see
  nothing of the group, its threads or its posts, anywhere (lists, home, search, sitemap,
  profiles, webinar pages). Views send them to the log-in page instead (see
  `needs_login_for`). Logged-in members read them like any other group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    Viewer = User | AnonymousUser

PUBLISHED = "published"
PENDING = "pending"
HIDDEN = "hidden"
MEMBERS_ONLY = "members"
INDEXABLE = "public"


def is_moderator(user: Viewer) -> bool:
    """True for members of the Moderators group or holders of moderation.moderate.

    Remembered on the user object, so a page asks the database at most once.
    """
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_community_is_moderator", None)
    if cached is None:
        cached = bool(user.is_moderator or user.has_perm("moderation.moderate"))
        user._community_is_moderator = cached
    return cached


class GroupQuerySet(models.QuerySet):
    def visible_to(self, user: Viewer) -> GroupQuerySet:
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
    def visible_to(self, user: Viewer) -> PostQuerySet:
        """Posts whose text (or deleted marker) this reader may see."""
        if is_moderator(user):
            return self
        if user.is_authenticated:
            return self.filter(models.Q(status=PUBLISHED) | models.Q(author=user))
        return self.filter(status=PUBLISHED).exclude(thread__group__visibility=MEMBERS_ONLY)

    def members_only(self) -> PostQuerySet:
        """Published posts in members-only groups (what a visitor's counts leave out)."""
        return self.filter(
            status=PUBLISHED, deleted_at__isnull=True, thread__group__visibility=MEMBERS_ONLY
        )

    def shown_in_thread_to(self, user: Viewer) -> PostQuerySet:
        """What takes a place on a thread page: visible posts plus placeholders of hidden ones."""
        if is_moderator(user):
            return self
        if user.is_authenticated:
            return self.filter(models.Q(status__in=[PUBLISHED, HIDDEN]) | models.Q(author=user))
        return self.filter(status__in=[PUBLISHED, HIDDEN]).exclude(
            thread__group__visibility=MEMBERS_ONLY
        )


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
    def visible_to(self, user: Viewer) -> ThreadQuerySet:
        """Threads whose first post this reader may see (a pending new thread stays private)."""
        from community.models import Post

        if is_moderator(user):
            return self
        # Written as "no unpublished first post (by someone else)" rather than "a published
        # first post, or mine": the few unpublished posts are found through the status
        # index, so a listing still stops after one page (an OR made PostgreSQL read every
        # post: 48 ms for a member's home page on the bench community).
        unpublished = [status for status in Post.Status.values if status != PUBLISHED]
        hidden_first = Post.objects.filter(
            thread=models.OuterRef("pk"), position=1, status__in=unpublished
        )
        if user.is_authenticated:
            hidden_first = hidden_first.exclude(author=user)
            return self.filter(~models.Exists(hidden_first))
        return self.filter(~models.Exists(hidden_first)).exclude(group__visibility=MEMBERS_ONLY)

    def indexable(self) -> ThreadQuerySet:
        """Threads search engines may list: visible to visitors, in a public group."""
        from django.contrib.auth.models import AnonymousUser

        return self.visible_to(AnonymousUser()).filter(group__visibility=INDEXABLE)

    def for_group(self, group) -> ThreadQuerySet:
        return self.filter(group=group).order_by("-is_pinned", "-last_activity_at", "-pk")

    def with_last_visit(self, user: Viewer) -> ThreadQuerySet:
        """Adds `last_visited_at` (None for visitors or unread threads) in the same query."""
        from community.models import ThreadVisit

        if not user.is_authenticated:
            return self.annotate(last_visited_at=models.Value(None, models.DateTimeField()))
        visit = ThreadVisit.objects.filter(thread=models.OuterRef("pk"), member=user)
        return self.annotate(last_visited_at=models.Subquery(visit.values("visited_at")[:1]))
