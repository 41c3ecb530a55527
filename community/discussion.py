"""One page of a thread's posts, ready for templates/community/_discussion.html.

The thread page uses it, and so does any page that shows a discussion beneath itself (a
webinar's page):

    context["discussion"] = discussion_context(request, thread, page_number=n, base_url=...)
    {% include "community/_discussion.html" with discussion=discussion only %}

Posts are fetched by position range (a post's page is (position - 1) // POSTS_PER_PAGE + 1),
so a page costs the same few queries whether the thread has five posts or five thousand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, QuerySet, Subquery, TextField, Value
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.functional import lazy

from accounts.querysets import badge_annotations, remember_badges
from accounts.roles import is_moderator
from community import hooks, post_blocks
from community.forms import ReplyForm
from community.languages import written_in
from community.models import Draft, Post, Reaction, Thread, ThreadFollow
from community.querysets import can_read_text, quote_is_available
from community.services import QUOTE_EXCERPT_LENGTH, chosen_quote, excerpt_of, make_excerpt
from community.unread import has_unread, unread_url
from core.pagination import clamp, page_nav, page_url

# A quote longer than this shows only its first lines, the rest behind "Show the whole quote"
# (a <details> element: it opens without JavaScript). Shorter quotes show whole.
QUOTE_FOLD_LENGTH = 160


def discussion_home(thread: Thread) -> str:
    """The page a thread's discussion is read on: the webinar's page for a webinar's
    discussion (webinars.Webinar.thread, reached back as `thread.webinar`), else the thread's
    own page. select_related("thread__webinar") on a post spares the query."""
    webinar = getattr(thread, "webinar", None)  # None: no webinar holds this thread
    return webinar.get_absolute_url() if webinar is not None else thread.get_absolute_url()


def post_location(post: Post, *, base_url: str | None = None) -> str:
    """Where a post lives: the page that holds it (on its discussion's home page, see
    discussion_home, unless `base_url` names another), ending in #post-<id>."""
    base = base_url or discussion_home(post.thread)
    return f"{page_url(base, post.page_number)}#post-{post.pk}"


DISCUSSION_FACTS = ("last_shown_position", "is_following", "draft_body")


def discussion_facts(user, *, thread_ref: str = "pk") -> dict:
    """What a page of the discussion asks about its thread, as annotations for the query
    that reads the thread (`thread_ref` names the thread's id there: "thread_id" on a
    webinar): `last_shown_position` (the reader's last post, for the page count) and
    `is_following`, and `draft_body` (the member's unpublished reply, community.drafts, so a
    draft comes back on a webinar's page as on the thread's). discussion_context() reads
    them from the thread."""
    last = (
        Post.objects.filter(thread=OuterRef(thread_ref))
        .shown_in_thread_to(user)
        .order_by("-position")
        .values("position")[:1]
    )
    following: Any = Value(False)
    draft: Any = Value(None, TextField())
    if user.is_authenticated:
        following = Exists(ThreadFollow.objects.filter(thread=OuterRef(thread_ref), member=user))
        mine = Draft.objects.filter(thread=OuterRef(thread_ref), member=user)
        draft = Subquery(mine.values("body")[:1])
    return {"last_shown_position": Subquery(last), "is_following": following, "draft_body": draft}


def with_discussion_facts(threads: QuerySet[Thread], user) -> QuerySet[Thread]:
    """`threads` with discussion_facts() read in their own query."""
    return threads.annotate(**discussion_facts(user))


def keep_discussion_facts(row, thread: Thread) -> None:
    """Hands the facts read on another row (a webinar, thread_ref="thread_id") to its thread."""
    for name in DISCUSSION_FACTS:
        setattr(thread, name, getattr(row, name))


def page_count(thread: Thread, user) -> int:
    """Pages of the thread for this reader (trailing posts they cannot see make no page)."""
    if hasattr(thread, "last_shown_position"):  # with_discussion_facts() read it
        last = thread.last_shown_position
    else:
        last = (
            Post.objects.filter(thread=thread)
            .shown_in_thread_to(user)
            .aggregate(last=Max("position"))["last"]
        )
    return max(1, ((last or 1) - 1) // settings.POSTS_PER_PAGE + 1)


@dataclass
class PostView:
    """A post as one reader sees it: what to show and which actions to offer."""

    post: Post
    can_read: bool
    is_own: bool
    can_act: bool  # the reader is a member who may reply, quote and react
    can_flag: bool = False  # a member who is not suspended (the Flag link)
    can_moderate: bool = False  # the Moderate link and the hidden reason
    viewer: object = None  # the reader, for moderation's include
    suspended: bool = False  # the reader is suspended: they may still delete, not edit
    reacted: set[str] = field(default_factory=set)
    quote_available: bool = False
    answers_post_above: bool = False  # see _answers_post_above
    reply_url: str = ""
    permalink: str = ""
    base_url: str = ""  # the page this discussion is shown on

    @property
    def language_note(self) -> str:
        """ "Written in Spanish" for a reader whose interface language is another one (the
        block's cache key holds the reader's language, community.post_blocks)."""
        return written_in(self.post.language)

    @property
    def is_hidden_placeholder(self) -> bool:
        return self.post.status == Post.Status.HIDDEN and not self.can_read

    @property
    def quote_head(self) -> str:
        """The first lines of a long quote, shown while it is folded ("" for a short one)."""
        excerpt = self.post.quote_excerpt
        if len(excerpt) <= QUOTE_FOLD_LENGTH:
            return ""
        return make_excerpt(excerpt, QUOTE_EXCERPT_LENGTH)

    @property
    def can_see_history(self) -> bool:
        """The "edited" marker links to the earlier versions for the author and moderators."""
        return self.is_own or self.can_moderate

    @property
    def can_delete(self) -> bool:
        return self.is_own and not self.post.is_deleted and not self.post.thread.is_locked

    @property
    def can_edit(self) -> bool:
        return self.can_delete and not self.suspended

    @property
    def has_footer(self) -> bool:
        """Whether the post has reactions or actions to show (no empty footer otherwise)."""
        post = self.post
        return bool(
            self.can_react
            or post.helpful_count
            or post.hug_count
            or (self.can_act and post.status == Post.Status.PUBLISHED)
            or (self.can_flag and not self.is_own and post.status == Post.Status.PUBLISHED)
            or self.can_delete
            or self.can_moderate
        )

    @property
    def can_react(self) -> bool:
        return (
            self.can_act
            and not self.is_own
            and self.post.status == Post.Status.PUBLISHED
            and not self.post.is_deleted
        )

    @property
    def reacted_helpful(self) -> bool:
        return Reaction.Kind.HELPFUL in self.reacted

    @property
    def reacted_hug(self) -> bool:
        return Reaction.Kind.HUG in self.reacted


def discussion_context(
    request: HttpRequest,
    thread: Thread,
    *,
    page_number: int,
    base_url: str | None = None,
    reply_form: ReplyForm | None = None,
    fragment: str = "",
) -> dict:
    """Everything _discussion.html needs for one page of `thread` (past the end: the last page,
    with `page.past_end` set, as every list does).

    `base_url` is the page the discussion is shown on (default: the thread's own page);
    pagination and Reply links point there, page links ending in `fragment` (e.g.
    "#discussion", so a page link on a webinar's page lands on the discussion). `reply_form`
    passes back a form that failed validation, so the member's text is kept. `?reply_to=<id>`
    (and `&quote=<text>`) in the request open the reply form quoting that post.
    """
    user = request.user
    base_url = base_url or thread.get_absolute_url()
    num_pages = page_count(thread, user)
    page_number, past_end = clamp(page_number, num_pages)
    per_page = settings.POSTS_PER_PAGE
    first = (page_number - 1) * per_page + 1
    posts = list(
        Post.objects.filter(thread=thread, position__range=(first, first + per_page - 1))
        .shown_in_thread_to(user)
        # clinical_note: context a clinician added (safety), in the same query.
        .select_related("author", "reply_to__author", "clinical_note")
        .defer("search_vector")
        .annotate(**badge_annotations("author"), **_reader_reactions(user))
        .order_by("position")
    )

    is_member = user.is_authenticated
    # A suspended member reads everything but may not reply, react or flag; they are told why
    # and until when where the reply form would be.
    suspension = hooks.suspension_refusal(user) if is_member else None
    can_reply = is_member and not thread.is_locked and suspension is None
    moderator = is_moderator(user)
    here = page_url(base_url, page_number)
    separator = "&" if "?" in here else "?"
    items = []
    above = None
    for post in posts:
        post.thread = thread  # the page's thread, so templates never fetch it again
        remember_badges(post.author, post)
        items.append(
            PostView(
                post=post,
                can_read=can_read_text(post, user),
                is_own=is_member and post.author_id == user.pk,
                can_act=can_reply,
                can_flag=is_member and suspension is None,
                can_moderate=moderator,
                viewer=user,
                suspended=suspension is not None,
                reacted={kind for kind in Reaction.Kind.values if getattr(post, f"reader_{kind}")},
                quote_available=quote_is_available(post.reply_to),
                answers_post_above=_answers_post_above(post, above),
                reply_url=f"{here}{separator}reply_to={post.pk}#reply",
                permalink=post_location(post, base_url=base_url),
                base_url=base_url,
            )
        )
        above = post

    for item, html in zip(items, post_blocks.render_blocks(items), strict=True):
        item.html = html  # type: ignore[attr-defined]

    replying_to = None
    if can_reply:
        replying_to, reply_form = _reply_form(request, thread, reply_form)

    return {
        "thread": thread,
        "posts": items,
        # "Jump to latest" lands on the last post (its <li id="latest">) of the last page.
        "latest_url": (
            "#latest" if page_number == num_pages else f"{page_url(base_url, num_pages)}#latest"
        ),
        # "First unread post", for members when the thread moved on since their last visit
        # (annotated by the page's thread query, read before this visit was recorded).
        "unread_url": (
            unread_url(thread, since=thread.last_visited_at)  # type: ignore[attr-defined]
            if is_member and has_unread(thread)
            else ""
        ),
        "page": page_nav(page_number, num_pages, base_url, fragment=fragment, past_end=past_end),
        "base_url": base_url,
        "here": here,
        "is_member": is_member,
        "is_moderator": moderator,
        "can_reply": can_reply,
        "suspension_message": suspension or "",
        "reply_form": reply_form,
        "reply_action": reverse(
            "community:thread-reply", kwargs={"pk": thread.pk, "slug": thread.slug}
        ),
        # The member's saved draft (community.drafts): autosaved to, and discarded at, this
        # address. `draft_body` comes with the thread (discussion_facts).
        "draft_action": reverse(
            "community:thread-draft", kwargs={"pk": thread.pk, "slug": thread.slug}
        ),
        "has_draft": bool(getattr(thread, "draft_body", None)),
        "preview": None,
        "replying_to": replying_to,
        "is_following": is_member and _is_following(thread, user),
        "follow_action": reverse(
            "community:thread-follow", kwargs={"pk": thread.pk, "slug": thread.slug}
        ),
        "login_url": f"{reverse('account_login')}?next={quote(here)}",
        "signup_url": f"{reverse('account_signup')}?next={quote(here)}",
        # Lazy: only forms (shown to members) ask for it, so a visitor's page sets no CSRF
        # cookie and can be shared from the visitors' page cache.
        "csrf_token": lazy(get_token, str)(request),
    }


def _reader_reactions(user) -> dict:
    """`reader_helpful` and `reader_hug` on each post: the reader's own reactions, in the
    posts' query (post_blocks keeps them out of a block's key and presses them after)."""
    pressed: dict[str, Any] = {}
    for kind in Reaction.Kind.values:
        mine: Any = Value(False)
        if user.is_authenticated:
            mine = Exists(Reaction.objects.filter(post=OuterRef("pk"), member=user, kind=kind))
        pressed[f"reader_{kind}"] = mine
    return pressed


def _is_following(thread: Thread, user) -> bool:
    if hasattr(thread, "is_following"):  # with_discussion_facts() read it
        return bool(thread.is_following)
    return ThreadFollow.objects.filter(thread=thread, member=user).exists()


def _answers_post_above(post: Post, above: Post | None) -> bool:
    """A reply to the post just above it on the page, quoting only that post's first lines:
    the quote would repeat what the reader has just read, so it shows as one short line."""
    return (
        above is not None
        and post.reply_to_id == above.pk
        and quote_is_available(post.reply_to)
        and post.quote_excerpt == excerpt_of(post.reply_to)
    )


def quotable_post(thread: Thread, user, post_id) -> Post | None:
    """The post a reply may quote: in this thread, readable, published and not deleted."""
    try:
        post_id = int(post_id)
    except (TypeError, ValueError):
        return None
    return (
        Post.objects.readable_by(user)
        .filter(thread=thread, pk=post_id, status=Post.Status.PUBLISHED, deleted_at__isnull=True)
        .select_related("author")
        .first()
    )


def _reply_form(
    request: HttpRequest, thread: Thread, form: ReplyForm | None
) -> tuple[dict | None, ReplyForm]:
    """The reply form, quoting the post named by ?reply_to= (or the given form's reply_to).

    A new form holds the member's draft, if the thread came with one (`draft_body`)."""
    if form is not None:
        sent = form.data if form.is_bound else form.initial  # failed, or previewed
        quoted = quotable_post(thread, request.user, sent.get("reply_to"))
        excerpt = sent.get("quote_excerpt", "")
    else:
        quoted = quotable_post(thread, request.user, request.GET.get("reply_to"))
        excerpt = request.GET.get("quote", "")
    replying_to = None
    if quoted is not None:
        excerpt = chosen_quote(quoted, excerpt) if excerpt else excerpt_of(quoted)
        replying_to = {
            "post": quoted,
            "excerpt": excerpt,
            "permalink": reverse("community:post-permalink", args=[quoted.pk]),
        }
    if form is None:
        form = ReplyForm(
            initial={
                "reply_to": quoted.pk if quoted else None,
                "quote_excerpt": excerpt,
                "body": getattr(thread, "draft_body", None) or "",
            }
        )
    return replying_to, form
