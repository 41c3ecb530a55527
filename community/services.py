"""Every change of state in the discussions: one function each, one transaction each.

Views call these after checking permission; the functions check the rules that must hold
whoever calls them (a locked thread takes no reply, nobody edits another member's post,
nobody reacts to their own post). Markdown is rendered here, once, when text is saved.

A new post goes: the same form sent again? (give back the first post) -> the cheap refusals
(suspension, new-member hourly limit) and counting the attempt -> rendering, with no
transaction open -> one short transaction that saves. Counting before rendering means a
request killed while rendering still used up one of a new member's posts.

The apps above community take part through community.hooks, registered in their
AppConfig.ready():
- MODERATION HOOK, `initial_status()`: decides whether a new post is published at once.
- NOTIFICATIONS HOOK, `_queue_notifications()`: called inside the post's transaction; the
  notifications app writes its rows there and sends e-mail from Celery after the commit.
- SAFETY HOOK, `_text_saved()`: safety marks crisis language for a caring look.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID

from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchVector
from django.db import IntegrityError, connection, transaction
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from community import drafts, hooks, visits
from community.languages import detect_language, language_codes
from community.mentions import MentionExtension, members_by_handle
from community.models import (
    Group,
    GroupFollow,
    Mention,
    Post,
    PostRevision,
    Reaction,
    Thread,
    ThreadFollow,
)
from core import page_cache, submission
from core.markdown import html_to_text, render_markdown

if TYPE_CHECKING:
    from accounts.models import User

EXCERPT_LENGTH = 300
QUOTE_MAX_LENGTH = 1000
# A reply that quotes no chosen passage quotes the first lines of the post (one line on a
# desktop, three on a phone): enough to say which post it answers, not the whole post.
QUOTE_EXCERPT_LENGTH = 100


class DiscussionError(Exception):
    """A rule of the discussions said no; `str(error)` is a message fit for the member."""


class ThreadLocked(DiscussionError):
    pass


class NotAllowed(DiscussionError):
    pass


# --- Text ------------------------------------------------------------------------------------


def render_body(source: str) -> tuple[str, list[User]]:
    """The sanitised HTML of a post's Markdown and the members it @mentions."""
    mentions = MentionExtension(members_by_handle(source))
    html = render_markdown(source, extra_extensions=[mentions])
    return html, list(mentions.linked.values())


def make_excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    """The first `length` characters of plain text, cut at a word, with an ellipsis if cut."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:!?-") + "…"


class Quotable(Protocol):
    """A post, or anything else quoted the same way (a private message)."""

    body_html: str


def excerpt_of(post: Quotable) -> str:
    """What a reply quotes when the replier chose no passage: the first lines of the post."""
    return make_excerpt(html_to_text(post.body_html), QUOTE_EXCERPT_LENGTH)


def chosen_quote(reply_to: Quotable, quote_excerpt: str) -> str:
    """The replier's selected passage if it really is in the quoted post, else the excerpt.

    Checking the passage against the post stops anyone putting words in another's mouth.
    """
    wanted = " ".join(quote_excerpt.split())
    if wanted and wanted in html_to_text(reply_to.body_html):
        return make_excerpt(wanted, QUOTE_MAX_LENGTH)
    return excerpt_of(reply_to)


def update_search_vector(post: Post, *, title: str = "") -> None:
    """Stores the post's search vector (PostgreSQL only): the title above the body."""
    if connection.vendor != "postgresql":
        return
    body = SearchVector(Value(html_to_text(post.body_html)), weight="B", config="english")
    vector = SearchVector(Value(title), weight="A", config="english") + body if title else body
    Post.objects.filter(pk=post.pk).update(search_vector=vector)


def _store_mentions(post: Post, members: list[User]) -> set[int]:
    """Stores who the post @mentions; returns the members it did not mention before."""
    wanted = {m.pk for m in members if m.pk != post.author_id}
    before = set(Mention.objects.filter(post=post).values_list("member_id", flat=True))
    Mention.objects.filter(post=post).exclude(member_id__in=wanted).delete()
    Mention.objects.bulk_create(
        [Mention(post=post, member_id=pk) for pk in wanted - before], ignore_conflicts=True
    )
    return wanted - before


# --- The two hook points for the next branches -------------------------------------------


def admit_new_post(*, author: User) -> None:
    """The cheap checks before a new post's text is rendered; NotAllowed with the reason.

    Moderation's rules decide: a suspended member (or a new member over the hourly limit)
    may not post, and is told why and until when. An admitted attempt counts towards a new
    member's hourly limit at once, before rendering, so a request that is killed still counts.
    """
    refusal = hooks.posting_refusal(user=author)
    if refusal:
        raise NotAllowed(refusal)
    hooks.count_new_post(user=author)


def initial_status(*, author: User, thread: Thread | None, group: Group) -> str:
    """MODERATION HOOK: the status a new post starts with, inside its transaction.

    A new member's first posts wait for a moderator (Post.Status.PENDING); everyone else is
    published at once. Whether the author may post at all is admit_new_post's question.
    """
    return hooks.initial_post_status(author=author)


def waits_for_review_since(status: str, created_at: datetime.datetime) -> datetime.datetime | None:
    """A new post's place in the moderation queue (Post.review_since): a pending post waits
    for a moderator from its creation; later changes are moderation.review's."""
    return created_at if status == Post.Status.PENDING else None


class TooManyLinks(NotAllowed):
    """A new member's post holds more links than the first-day limit; forms show it at the body."""

    field = "body"


def check_links(*, author: User, body: str, html: str | None = None) -> None:
    """Raises TooManyLinks when a member younger than a day puts too many links in a post.

    `html`: the post already rendered (render_body), so the text is not rendered twice.
    """
    error = hooks.link_limit_error(user=author, body=body, html=html)
    if error:
        raise TooManyLinks(error)


def earlier_submission(
    *, author: User, token: UUID | None, body: str
) -> tuple[Post | None, UUID | None]:
    """The post this member already made from the same form (marked `repeated_submission`),
    and the token to store (core.submission.same_form_again says which)."""
    earlier = _submitted_with(author=author, token=token)
    return submission.same_form_again(earlier, token=token, body=body)


def _submitted_with(*, author: User, token: UUID | None) -> Post | None:
    """The author's post made from the form with this token, or None.

    Also answers, after an IntegrityError, which post a simultaneous request with the same
    form saved. The post and its thread are marked `repeated_submission` for the view.
    """
    if token is None:
        return None
    earlier = (
        Post.objects.filter(author=author, submission_token=token).select_related("thread").first()
    )
    if earlier is not None:
        earlier.repeated_submission = True  # type: ignore[attr-defined]  # read by the view
        earlier.thread.repeated_submission = True  # type: ignore[attr-defined]
    return earlier


def _queue_notifications(event: str, post_id: int, *, new_mentions: set[int]) -> None:
    """NOTIFICATIONS HOOK: tells people about a new or edited post.

    Called INSIDE the post's transaction: the notifications (and their e-mail rows) are
    written with the post, so a rolled-back post notifies nobody and a Redis outage loses
    nothing; the e-mails go to Celery after the commit (`transaction.on_commit`).
    "created": followers, the quoted member and @mentioned members (nobody while the post
    waits for a moderator; moderation's approval sends them). "edited": only members the
    edit newly @mentions, and only if nobody told them about this post before.
    """
    if event == "created":
        for created in hooks.post_created:
            created(post_id=post_id)
    elif event == "edited":
        for edited in hooks.post_edited:
            edited(post_id=post_id, member_ids=new_mentions)


def _text_saved(post: Post, text: str) -> None:
    """SAFETY HOOK: the post's title and body as just written, inside its transaction."""
    for saved in hooks.post_text_saved:
        saved(post=post, text=text)


# --- Counters ----------------------------------------------------------------------------


def change_counters(*, post: Post, delta: int) -> None:
    """Counts a post in (+1) or out (-1) of its thread, group and author totals.

    Called when a post becomes or stops being a published, undeleted post: here on create
    and delete, and by moderation when it approves, hides or restores. The one definition of
    the counts: Thread.reply_count (published replies, not the first post), Group.post_count
    (all published posts), Group.thread_count (threads whose first post is published) and
    User.post_count.
    """
    if delta not in (1, -1):
        raise ValueError("delta is +1 or -1")
    now = timezone.now()
    threads = Thread.objects.filter(pk=post.thread_id)
    groups = Group.objects.filter(pk=post.thread.group_id)
    authors = get_user_model().objects.filter(pk=post.author_id)
    if delta < 0:
        # Never below zero, even if a count was already off.
        threads = threads.filter(reply_count__gt=0)
        groups = groups.filter(post_count__gt=0)
        authors = authors.filter(post_count__gt=0)
    if post.position > 1:
        # "Last reply by" names the latest reply members can read now: the one just counted
        # in, or, when a reply is deleted, hidden or restored, whichever visible one is last.
        latest_visible_reply = Post.objects.filter(
            thread=OuterRef("pk"),
            position__gt=1,
            status=Post.Status.PUBLISHED,
            deleted_at__isnull=True,
        ).order_by("-position")
        fields: dict[str, Any] = {
            "reply_count": F("reply_count") + delta,
            "last_poster_id": Subquery(latest_visible_reply.values("author_id")[:1]),
        }
        if delta > 0:
            fields["last_activity_at"] = now
        threads.update(**fields)
    group_fields: dict[str, Any] = {"post_count": F("post_count") + delta}
    if delta > 0:
        group_fields["last_activity_at"] = now
    groups.update(**group_fields)
    if post.position == 1:
        counted = Group.objects.filter(pk=post.thread.group_id)
        if delta < 0:
            counted = counted.filter(thread_count__gt=0)
        counted.update(thread_count=F("thread_count") + delta)
    authors.update(post_count=F("post_count") + delta)


def move_thread_counters(*, thread: Thread, from_group: Group, to_group: Group) -> None:
    """Carries a thread's counted posts (and the thread, if its first post counts) across groups.

    Counts mean what change_counters makes them mean: published, undeleted posts; a thread
    counts in its group while its first post does. Call it inside the move's transaction.
    """
    counted = Post.objects.filter(
        thread=thread, status=Post.Status.PUBLISHED, deleted_at__isnull=True
    )
    posts = counted.count()
    threads = 1 if counted.filter(position=1).exists() else 0
    if not posts and not threads:
        return
    Group.objects.filter(pk=from_group.pk).update(
        thread_count=Greatest(F("thread_count") - threads, 0),
        post_count=Greatest(F("post_count") - posts, 0),
    )
    Group.objects.filter(pk=to_group.pk).update(
        thread_count=F("thread_count") + threads,
        post_count=F("post_count") + posts,
        last_activity_at=Greatest(
            Coalesce(F("last_activity_at"), Value(thread.last_activity_at)),
            Value(thread.last_activity_at),
        ),
    )


# --- Creating ----------------------------------------------------------------------------


def thread_slug(title: str) -> str:
    """The URL slug for a thread titled `title`."""
    return slugify(title)[:80].strip("-") or "thread"


def create_thread(
    *,
    group: Group,
    author: User,
    title: str,
    body: str,
    submission_token: UUID | None = None,
    language: str | None = None,
) -> Thread:
    """Starts a thread with its first post; the author follows it.

    Raises NotAllowed (with the reason in plain words) when the author may not post now.
    `submission_token` (the form's one-time token): sent again, the first thread comes back.
    `language`: what the author wrote in (detected from the text when not given).
    """
    earlier, token = earlier_submission(author=author, token=submission_token, body=body)
    if earlier is not None:
        return earlier.thread
    admit_new_post(author=author)
    html, mentioned = render_body(body)
    check_links(author=author, body=body, html=html)
    try:
        with transaction.atomic():
            status = initial_status(author=author, thread=None, group=group)
            now = timezone.now()
            thread = Thread.objects.create(
                group=group,
                title=title.strip(),
                slug=thread_slug(title),
                author=author,
                created_at=now,
                last_activity_at=now,
                last_position=1,
                last_poster=author,
            )
            post = Post.objects.create(
                thread=thread,
                author=author,
                position=1,
                body_markdown=body,
                body_html=html,
                language=post_language(language, f"{title}\n{body}"),
                status=status,
                created_at=now,
                review_since=waits_for_review_since(status, now),
                submission_token=token,
            )
            _settle_new_post(post, mentioned, title=thread.title)
            _text_saved(post, f"{thread.title}\n{body}")
            drafts.discard_draft(member=author, group=group)
    except IntegrityError:
        earlier = _submitted_with(author=author, token=token)
        if earlier is None:
            raise
        return earlier.thread
    return thread


def _settle_new_post(post: Post, mentioned: list[User], *, title: str = "") -> None:
    """What every new post brings, inside its creating transaction: mentions, search vector,
    counters (if published), the author following the thread, and the notifications hook.
    """
    new_mentions = _store_mentions(post, mentioned)
    update_search_vector(post, title=title)
    if post.status == Post.Status.PUBLISHED:
        change_counters(post=post, delta=1)
        page_cache.changed("post.published", thread_id=post.thread_id)
    follow_thread(thread=post.thread, member=post.author)
    _queue_notifications("created", post.pk, new_mentions=new_mentions)


def _next_position(thread: Thread) -> tuple[int, bool]:
    """Takes the thread's next position in one locking statement; returns it and is_locked."""
    table = connection.ops.quote_name(Thread._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_position = last_position + 1 "  # noqa: S608 (our table name)
            "WHERE id = %s RETURNING last_position, is_locked",
            [thread.pk],
        )
        position, is_locked = cursor.fetchone()
    return position, bool(is_locked)


def post_language(chosen: str | None, text: str) -> str:
    """The language a new post is stored with: the author's choice when it is one of the
    site's languages, else what the text looks like (community.languages)."""
    if chosen in language_codes():
        return chosen
    return detect_language(text)


def create_reply(
    *,
    thread: Thread,
    author: User,
    body: str,
    reply_to: Post | None = None,
    quote_excerpt: str = "",
    submission_token: UUID | None = None,
    language: str | None = None,
) -> Post:
    """Adds a reply at the end of the thread, quoting `reply_to` if given; the author follows.

    Raises ThreadLocked if the thread is locked (checked under the same row lock that hands
    out the position, so a reply cannot slip in while a moderator locks it).
    `submission_token` (the form's one-time token): sent again, even by two requests at the
    same moment, the first reply comes back instead of a second one (a unique constraint).
    """
    if reply_to is not None and reply_to.thread_id != thread.pk:
        raise NotAllowed(gettext("You can only quote a post from the same discussion."))
    earlier, token = earlier_submission(author=author, token=submission_token, body=body)
    if earlier is not None:
        return earlier
    admit_new_post(author=author)
    html, mentioned = render_body(body)
    check_links(author=author, body=body, html=html)
    try:
        with transaction.atomic():
            position, is_locked = _next_position(thread)
            if is_locked:
                raise ThreadLocked(
                    gettext("This discussion is locked, so it takes no new replies.")
                )
            status = initial_status(author=author, thread=thread, group=thread.group)
            now = timezone.now()
            post = Post.objects.create(
                thread=thread,
                author=author,
                position=position,
                body_markdown=body,
                body_html=html,
                language=post_language(language, body),
                reply_to=reply_to,
                quote_excerpt=chosen_quote(reply_to, quote_excerpt) if reply_to else "",
                status=status,
                created_at=now,
                review_since=waits_for_review_since(status, now),
                submission_token=token,
            )
            _settle_new_post(post, mentioned)
            _text_saved(post, body)
            drafts.discard_draft(member=author, thread=thread)
    except IntegrityError:
        earlier = _submitted_with(author=author, token=token)
        if earlier is None:
            raise
        return earlier
    return post


# --- Changing and deleting ---------------------------------------------------------------


def edit_post(
    *,
    post: Post,
    editor: User,
    body: str,
    title: str | None = None,
    remove_old_version: bool = False,
    language: str | None = None,
) -> Post:
    """Replaces a post's text (and the thread's title, for a first post), keeping the old one.

    `language` (one of the site's languages) corrects the language the post is marked with.

    Only the author may edit, and not once the post is deleted or the thread locked, nor
    while they are suspended (they may still delete it). `remove_old_version`: what the
    edit takes out leaves every earlier copy too (community.hooks.old_version_removed).
    """
    if post.author_id != editor.pk:
        raise NotAllowed(gettext("Only the person who wrote a post can edit it."))
    if post.deleted_at is not None:
        raise NotAllowed(gettext("A deleted post cannot be edited."))
    suspension = hooks.suspension_refusal(editor)
    if suspension is not None:
        raise NotAllowed(suspension)
    if language in language_codes() and language != post.language:
        # The language is a label, not a version of the words: no revision for it.
        Post.objects.filter(pk=post.pk).update(language=language)
        post.language = language
    if body == post.body_markdown and (title is None or title.strip() == post.thread.title):
        return post  # nothing changed (e.g. the form sent twice): no new version
    # Rendered before the transaction, so the thread's row lock is held only to save.
    rendered = render_body(body)
    check_links(author=editor, body=body, html=rendered[0])
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=post.thread_id)
        if thread.is_locked:
            raise ThreadLocked(gettext("This discussion is locked, so its posts cannot be edited."))
        replace_post_body(
            post=post,
            thread=thread,
            body=body,
            title=title,
            edited_by=editor,
            rendered=rendered,
            remove_old_version=remove_old_version,
        )
        # The author's own words only: a moderator's edit does not mark the post.
        _text_saved(post, f"{title or ''}\n{body}")
    return post


def replace_post_body(
    *,
    post: Post,
    thread: Thread,
    body: str,
    edited_by: User,
    title: str | None = None,
    reason: str = "",
    rendered: tuple[str, list[User]] | None = None,
    remove_old_version: bool = False,
) -> None:
    """Writes a new version of a post, keeping the old one as a PostRevision.

    The one place a post's text changes: the author's edit and a moderator's edit (with a
    reason) both come here, so mentions, search and history stay right. Call it inside a
    transaction that holds the thread's row lock; pass `rendered` (render_body(body), done
    before the transaction) so the lock is not held while Markdown runs. With
    `remove_old_version`, what the edit takes out is removed from the kept versions, quotes,
    search and notifications too ("Remove the old version everywhere", through
    community.hooks.old_version_removed).
    """
    html, mentioned = rendered if rendered is not None else render_body(body)
    body_before, html_before, title_before = post.body_markdown, post.body_html, thread.title
    page_cache.changed("post.edited", thread_id=post.thread_id)
    now = timezone.now()
    PostRevision.objects.create(
        post=post,
        title=thread.title if post.position == 1 else "",
        body_markdown=post.body_markdown,
        body_html=post.body_html,
        written_at=post.edited_at or post.created_at,
        replaced_at=now,
        edited_by=edited_by,
        reason=reason,
    )
    if post.position == 1 and title is not None and title.strip() != thread.title:
        thread.title = title.strip()
        thread.slug = thread_slug(thread.title)
        thread.save(update_fields=["title", "slug"])
        page_cache.changed("thread.retitled", thread_id=thread.pk)
    post.body_markdown = body
    post.body_html = html
    post.edited_at = now
    post.save(update_fields=["body_markdown", "body_html", "edited_at"])
    post.thread = thread
    new_mentions = _store_mentions(post, mentioned)
    update_search_vector(post, title=thread.title if post.position == 1 else "")
    for remove_everywhere in hooks.old_version_removed if remove_old_version else []:
        remove_everywhere(
            post=post,
            thread=thread,
            by=edited_by,
            body_before=body_before,
            html_before=html_before,
            title_before=title_before,
            reason=reason,
        )
    _queue_notifications("edited", post.pk, new_mentions=new_mentions)


def delete_own_post(*, post: Post, member: User) -> None:
    """The author withdraws a post: it shows "deleted by its author"; its words stay stored,
    and replies that quote it keep working (their quote block says it is no longer available).
    """
    if post.author_id != member.pk:
        raise NotAllowed(gettext("Only the person who wrote a post can delete it."))
    with transaction.atomic():
        updated = Post.objects.filter(pk=post.pk, deleted_at__isnull=True).update(
            deleted_at=timezone.now()
        )
        if updated and post.status == Post.Status.PUBLISHED:
            change_counters(post=post, delta=-1)
        if updated:
            page_cache.changed("post.deleted", thread_id=post.thread_id)
    post.refresh_from_db(fields=["deleted_at"])


def toggle_reaction(*, post: Post, member: User, kind: str) -> bool:
    """Adds the member's "Helpful" or "Hug" to a post, or takes it back; True if now added."""
    if kind not in Reaction.Kind.values:
        raise NotAllowed(gettext("That is not a reaction we know."))
    if post.author_id == member.pk:
        raise NotAllowed(gettext("You cannot react to your own post."))
    if post.status != Post.Status.PUBLISHED or post.deleted_at is not None:
        raise NotAllowed(gettext("This post is no longer available."))
    refusal = hooks.may_react_or_flag(user=member)
    if refusal:
        raise NotAllowed(refusal)
    counter = f"{kind}_count"
    with transaction.atomic():
        removed, _ = Reaction.objects.filter(post=post, member=member, kind=kind).delete()
        if removed:
            Post.objects.filter(pk=post.pk, **{f"{counter}__gt": 0}).update(
                **{counter: F(counter) - 1}
            )
            page_cache.changed("reaction.toggled", thread_id=post.thread_id)
            return False
        try:
            with transaction.atomic():
                Reaction.objects.create(post=post, member=member, kind=kind)
        except IntegrityError:
            return True  # a double click already added it
        Post.objects.filter(pk=post.pk).update(**{counter: F(counter) + 1})
        page_cache.changed("reaction.toggled", thread_id=post.thread_id)
        return True


# --- Following and reading ---------------------------------------------------------------


def follow_thread(*, thread: Thread, member: User) -> None:
    ThreadFollow.objects.bulk_create(
        [ThreadFollow(thread=thread, member=member)], ignore_conflicts=True
    )


def unfollow_thread(*, thread: Thread, member: User) -> None:
    ThreadFollow.objects.filter(thread=thread, member=member).delete()


def follow_group(*, group: Group, member: User) -> None:
    GroupFollow.objects.bulk_create(
        [GroupFollow(group=group, member=member)], ignore_conflicts=True
    )


def unfollow_group(*, group: Group, member: User) -> None:
    GroupFollow.objects.filter(group=group, member=member).delete()


def record_visit(*, thread: Thread, member: User) -> None:
    """Remembers that the member has just read the thread: noted in Redis and written to
    ThreadVisit by a beat task, so a page view writes nothing (community.visits)."""
    visits.record_visit(thread=thread, member=member)
