"""Every patient-safety change of state, each in one transaction with its audit row."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, Min, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy

from accounts import roles
from community.models import Mention, Post, PostRevision, Thread
from community.services import (
    DiscussionError,
    render_body,
    thread_slug,
    update_search_vector,
)
from core import page_cache
from core.markdown import html_to_text, render_markdown
from moderation import review
from moderation.models import AuditEntry, Flag
from moderation.services import record
from notifications.models import Notification
from notifications.services import notify, notify_many
from safety import crisis
from safety.models import CareMark, ClinicalNote

if TYPE_CHECKING:
    from accounts.models import User

REACH_OUT_MAX_LENGTH = 240
# How the care team's message starts in the member's inbox (the team's words follow), written
# in the member's language when the notice is made (notifications.services.lazy_text).
CARE_MESSAGE_START = gettext_lazy("A message from the care team, just for you: ")
# The moderator's form starts with these words, in the moderator's language.
REACH_OUT_DEFAULT = gettext_lazy(
    "We read your post and wanted to check in with you. You are not alone here. If you are "
    "in danger right now, please call your local emergency number. Write back any time."
)


def _care_line(message: str) -> str:
    return f"{CARE_MESSAGE_START}{message}"


class SafetyError(DiscussionError):
    """A request that cannot be carried out, with a message fit to show the person (a
    DiscussionError, so the discussions' and moderation's views show it like their own)."""


# --- Crisis language ------------------------------------------------------------------------


def mark_if_matching(*, post: Post, text: str) -> CareMark | None:
    """Marks the post for a caring look if `text` (its title and body) uses crisis language.

    Call it inside the transaction that writes the post. A post that already has an open
    mark keeps that one; the post is never blocked, it only goes first in the moderation
    queue (moderation.review).
    """
    phrases = crisis.phrases_in(text)
    if not phrases:
        return None
    if CareMark.objects.filter(post=post, closed_at__isnull=True).exists():
        return None
    try:
        with transaction.atomic():
            mark = CareMark.objects.create(post=post, phrases=phrases)
            review.refresh(post_ids=[post.pk])
            return mark
    except IntegrityError:
        return None  # marked at the same moment by another request


def reach_out(*, mark: CareMark, by: User, message: str) -> bool:
    """Sends the post's author a private, kind message from the care team and closes the
    mark. Only the author sees it (their inbox, and e-mail if they chose it). False if the
    mark was already closed."""

    message = " ".join(message.split())[:REACH_OUT_MAX_LENGTH]
    if not message:
        raise SafetyError(gettext("Please write the message the member will read."))
    with transaction.atomic():
        closed = CareMark.objects.filter(pk=mark.pk, closed_at__isnull=True).update(
            closed_at=timezone.now(), closed_by=by, reached_out=True
        )
        if not closed:
            return False
        post = mark.post
        review.refresh(post_ids=[post.pk])
        # The audit row keeps that someone reached out, not the words: they were private.
        entry = record(actor=by, action=AuditEntry.Action.CARE_REACH_OUT, target=post)
        notify(
            recipient=post.author,
            kind=Notification.Kind.CARE,
            text=lazy(_care_line, str)(message),
            url=post.get_absolute_url(),
            key=f"care:{entry.pk}",
            actor=by,
            post=post,
        )
    return True


def close_care(*, mark: CareMark, by: User, reason: str = "") -> bool:
    """Takes a post off the "needs a caring look" list without a message."""

    with transaction.atomic():
        closed = CareMark.objects.filter(pk=mark.pk, closed_at__isnull=True).update(
            closed_at=timezone.now(), closed_by=by
        )
        if not closed:
            return False
        review.refresh(post_ids=[mark.post_id])
        record(actor=by, action=AuditEntry.Action.CARE_CLOSE, target=mark.post, reason=reason)
    return True


# --- Redaction ------------------------------------------------------------------------------

REDACTED = "[removed]"
# An excerpt cut short ("… call me on 555-01…") may end with the start of the passage.
_MIN_PARTIAL = 3


def may_redact(*, post: Post, user: User) -> bool:
    """The author of a post, or a moderator, may remove a passage from it."""
    return user.is_authenticated and (post.author_id == user.pk or roles.is_moderator(user))


def _scrub(text: str, pattern: re.Pattern, passage: str, replacement: str = REDACTED) -> str:
    """`text` with every copy of the passage replaced, including a copy cut short at the end
    of an excerpt ("…"): excerpts keep the start of a passage when they are cut inside it."""
    text = pattern.sub(replacement, text)
    if text.endswith("…"):
        body = text[:-1]
        lowered, wanted = body.lower(), passage.lower()
        for size in range(min(len(wanted), len(body)) - 1, _MIN_PARTIAL - 1, -1):
            if lowered.endswith(wanted[:size]):
                return body[:-size] + replacement + "…"
    return text


def scrub(text: str, removals: list[tuple[re.Pattern, str]], replacement: str = REDACTED) -> str:
    """`text` without any of the passages (each a `(pattern, passage)` pair from
    `passage_removal` or `old_version_removals`), copies cut short by an excerpt included.
    Other apps' texts (private messages) are redacted with it as posts are."""
    for pattern, passage in removals:
        text = _scrub(text, pattern, passage, replacement)
    return text


def passage_removal(*, passage: str, reason: str) -> tuple[re.Pattern, str]:
    """The `(pattern, passage)` a redaction removes (any case), after the checks every
    redaction makes; raises SafetyError (with the words the person sees) otherwise."""
    passage = passage.strip()
    if len(passage) < 2:
        raise SafetyError(gettext("Please copy the passage to remove (at least two characters)."))
    if passage.lower() in " ".join(reason.split()).lower():
        raise SafetyError(gettext("Please give the reason without repeating the text you remove."))
    return re.compile(re.escape(passage), re.IGNORECASE), passage


def old_version_removals(
    *, body_before: str, html_before: str, body_after: str, html_after: str
) -> list[tuple[re.Pattern, str]]:
    """What an edit took out of a text (its Markdown and what it showed), as `(pattern,
    passage)` pairs for `scrub`: "Remove the old version everywhere" for other apps."""
    passages = removed_passages(body_before, body_after)
    passages += removed_passages(html_to_text(html_before), html_to_text(html_after))
    return [(_passage_pattern(p), p) for p in dict.fromkeys(passages)]


def redact_passage(*, post: Post, by: User, passage: str, reason: str = "") -> int:
    """Replaces a passage of a post (a phone number, a name) with "[removed]" everywhere the
    site stored it: the post's text and HTML, its earlier versions, the quotes in replies,
    the search index and its notifications (e-mails not sent yet are written from the post
    when they go out). In a thread's first post the thread's title counts as the post's
    text: a passage there leaves the title, the slug (old links redirect), the titles kept
    on earlier versions and the notifications of every post in the thread that name it.
    Returns how many times it was in the post's text and title.

    Matches ignore case. The audit row records who redacted, when and why, and how many
    copies went, never the passage. Raises SafetyError (nothing changed) if the passage is
    not in the post, or the person may not redact it.
    """

    passage = passage.strip()
    reason = " ".join(reason.split())
    if len(passage) < 2:
        raise SafetyError(gettext("Please copy the passage to remove (at least two characters)."))
    if not may_redact(post=post, user=by):
        raise SafetyError(
            gettext("Only the person who wrote a post, or a moderator, can remove text.")
        )
    pattern, passage = passage_removal(passage=passage, reason=reason)
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=post.thread_id)
        current = Post.objects.select_for_update().get(pk=post.pk)
        body, count = pattern.subn(REDACTED, current.body_markdown)
        old_title = thread.title
        title, title_count = (
            pattern.subn(REDACTED, old_title) if current.position == 1 else (old_title, 0)
        )
        if not count and not title_count:
            if pattern.search(html_to_text(current.body_html)):
                raise SafetyError(
                    gettext(
                        "That text is in the post, but written with formatting (bold, a link). "
                        "Copy a shorter part of it, without the formatting. Nothing was changed."
                    )
                )
            raise SafetyError(
                gettext(
                    "That text is not in this post. Copy it exactly as the post has it and "
                    "try again. Nothing was changed."
                )
            )
        if count:
            html, _ = render_body(body)
            Post.objects.filter(pk=current.pk).update(body_markdown=body, body_html=html)
            current.body_markdown, current.body_html = body, html
            post.body_markdown, post.body_html = body, html
        if title_count:
            # The old words leave the URL too; links with the old slug redirect to the new one.
            thread.title, thread.slug = title, thread_slug(title)
            thread.save(update_fields=["title", "slug"])
            if Post.thread.is_cached(post):
                post.thread.title, post.thread.slug = thread.title, thread.slug

        found = _scrub_copies(
            current=current,
            thread=thread,
            removals=[(pattern, passage)],
            title_before=old_title,
        )
        revisions, quotes = found["revisions"], found["quotes"]
        current.thread = thread
        record(
            actor=by,
            action=AuditEntry.Action.POST_REDACT,
            target=current,
            reason=reason,
            detail={
                "copies": count,
                "revisions": revisions,
                "quotes": quotes,
                "title": title_count,
                "by_author": by.pk == current.author_id,
            },
        )
    return count + title_count


def _scrub_copies(
    *,
    current: Post,
    thread,
    removals: list[tuple[re.Pattern, str]],
    title_before: str,
    replacement: str = REDACTED,
    whole_texts: bool = False,
) -> dict[str, int]:
    """Removes every copy of the passages from the places a post's words are kept besides
    the post itself: its earlier versions (text and title), the quotes in replies, the
    search index, visitors' cached pages and the notifications (of every post in the thread
    when the title changed). `current` and `thread` hold the new text and title already.
    `whole_texts`: the earlier versions' text and the quotes go entirely (an edit that
    rewrote too much to list), the passages still apply to titles and notifications.
    Call inside the transaction that holds the thread's and the post's row locks."""

    def scrub(text: str) -> str:
        for pattern, passage in removals:
            text = _scrub(text, pattern, passage, replacement)
        return text

    def found_in(text: str) -> bool:
        return any(pattern.search(text) for pattern, _ in removals)

    revisions = 0
    for revision in PostRevision.objects.filter(post=current).select_for_update():
        changed = []
        if whole_texts and revision.body_markdown != replacement:
            revision.body_markdown = replacement
            revision.body_html, _ = render_body(replacement)
            changed += ["body_markdown", "body_html"]
        elif found_in(revision.body_markdown) or found_in(html_to_text(revision.body_html)):
            revision.body_markdown = scrub(revision.body_markdown)
            revision.body_html, _ = render_body(revision.body_markdown)
            if found_in(html_to_text(revision.body_html)):
                # Written with formatting inside the passage: the version's words go.
                revision.body_markdown = replacement
                revision.body_html, _ = render_body(replacement)
            changed += ["body_markdown", "body_html"]
        if found_in(revision.title):
            revision.title = scrub(revision.title)
            changed.append("title")
        if changed:
            revision.save(update_fields=changed)
            revisions += 1

    quotes = 0
    for reply in Post.objects.filter(reply_to=current).select_for_update():
        scrubbed = replacement if whole_texts else scrub(reply.quote_excerpt)
        if scrubbed != reply.quote_excerpt:
            Post.objects.filter(pk=reply.pk).update(quote_excerpt=scrubbed)
            quotes += 1

    update_search_vector(current, title=thread.title if current.position == 1 else "")
    # visitors' cached pages lose the passage too
    page_cache.changed("post.redacted", thread_id=thread.pk)

    # Notifications name the thread's title ("… replied in “title”"), so when the title
    # changed, those of every post in the thread lose the passage too.
    title_after = thread.title if current.position == 1 else title_before
    notifications = Notification.objects.filter(post=current)
    if title_after != title_before:
        notifications = Notification.objects.filter(post__thread=thread)
    for notification in notifications:
        scrubbed = notification.text.replace(f"“{title_before}”", f"“{title_after}”")
        if notification.post_id == current.pk or found_in(scrubbed):
            scrubbed = scrub(scrubbed)
        if scrubbed != notification.text:
            Notification.objects.filter(pk=notification.pk).update(text=scrubbed)
    return {"revisions": revisions, "quotes": quotes}


# --- Removing the old version of an edited post everywhere ----------------------------------


_EDGE_PUNCTUATION = "()[]{}<>.,;:!?\"'*_`~"

# More removed passages than this and the earlier versions' text and quotes go whole.
_MAX_PASSAGES = 40

# Word-by-word comparison (difflib, quadratic at worst) only below this many word pairs.
_DIFF_BUDGET = 40_000

# Removed runs of words this close (a word or two kept between them) count as one passage.
_KEPT_GAP = 2


def removed_passages(before: str, after: str) -> list[str]:
    """The runs of words `before` has and `after` no longer has (deleted or replaced), each
    trimmed of what both still share at its edges, never cutting a word in two."""
    import difflib

    old, new = before.split(), after.split()
    # What both keep at the start and the end is not compared word by word.
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    old_middle, new_middle = old[head : len(old) - tail], new[head : len(new) - tail]
    if len(old_middle) * len(new_middle) <= _DIFF_BUDGET:
        matcher = difflib.SequenceMatcher(None, old_middle, new_middle, autojunk=False)
        changes = [
            (i1 + head, i2 + head, j1 + head, j2 + head)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag in ("delete", "replace")
        ]
    else:
        # Too large to compare word by word in a moment (a hostile or wholesale rewrite):
        # the removed words are those the new text no longer has anywhere.
        still_there = set(new_middle)
        changes = [
            (i + head, i + head + 1, 0, 0) for i, w in enumerate(old_middle) if w not in still_there
        ]
    runs: list[list[int]] = []
    for i1, i2, j1, j2 in changes:
        if runs and i1 - runs[-1][1] <= _KEPT_GAP:
            runs[-1][1], runs[-1][3] = i2, j2  # "Call me on 555…": one passage, not three
        else:
            runs.append([i1, i2, j1, j2])
    passages = []
    for i1, i2, j1, j2 in runs:
        gone, kept = " ".join(old[i1:i2]), " ".join(new[j1:j2])
        start = len(_common_edge(gone, kept))
        while 0 < start < len(gone) and gone[start - 1].isalnum() and gone[start].isalnum():
            start -= 1
        end = len(_common_edge(gone[::-1], kept[::-1]))
        while 0 < end < len(gone) and gone[-end].isalnum() and gone[-end - 1].isalnum():
            end -= 1
        passage = gone[start : len(gone) - end].strip() if start + end < len(gone) else ""
        if len(passage) >= 2 and passage not in passages:
            passages.append(passage)
    return passages


def _common_edge(a: str, b: str) -> str:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return a[:size]


def _passage_pattern(passage: str) -> re.Pattern:
    """Matches the passage's words whatever the spaces between them, ignoring case, and
    only as whole words (removing "the" leaves "there" alone)."""
    body = r"\s+".join(re.escape(word) for word in passage.split())
    start = r"(?<!\w)" if passage[0].isalnum() else ""
    end = r"(?!\w)" if passage[-1].isalnum() else ""
    return re.compile(start + body + end, re.IGNORECASE)


def remove_old_version(
    *,
    post: Post,
    thread,
    by: User,
    body_before: str,
    html_before: str,
    title_before: str,
    reason: str = "",
) -> int:
    """Does "Remove the old version everywhere" for an edit that has just been saved: what the
    edit took out of the post (and of the thread's title, for a first post) leaves the
    earlier versions, the quotes in replies, the search index, notifications and e-mails
    not sent yet, as a redaction does. Call it in the edit's transaction, with `post` and
    `thread` already holding the new text and title. The audit row records that it
    happened and how many copies went, never the words. Returns how many passages went.

    Raises SafetyError (and the caller's transaction rolls back) if the reason repeats
    what is removed.
    """

    passages = removed_passages(body_before, post.body_markdown)
    passages += removed_passages(html_to_text(html_before), html_to_text(post.body_html))
    title_passages = removed_passages(title_before, thread.title) if post.position == 1 else []
    passages = list(dict.fromkeys(passages + title_passages))
    if not passages:
        return 0
    # A rewrite that removed too many passages to look for each: the earlier versions' text
    # and the quotes go whole (bounded work whatever the post holds).
    whole_texts = len(passages) > _MAX_PASSAGES
    kept = {word.lower() for word in f"{post.body_markdown} {thread.title}".split()}
    distinctive = {
        word.strip(_EDGE_PUNCTUATION).lower()
        for passage in passages
        for word in passage.split()
        if len(word.strip(_EDGE_PUNCTUATION)) >= 5 and word.lower() not in kept
    }
    removals = [
        (_passage_pattern(passage), passage)
        for passage in (title_passages if whole_texts else passages)
    ]
    if any(pattern.search(reason) for pattern, _ in removals) or any(
        word in reason.lower() for word in distinctive
    ):
        raise SafetyError(gettext("Please give the reason without repeating the text you remove."))
    found = _scrub_copies(
        current=post,
        thread=thread,
        removals=removals,
        title_before=title_before,
        whole_texts=whole_texts,
    )
    record(
        actor=by,
        action=AuditEntry.Action.POST_REDACT,
        target=post,
        reason=reason,
        detail={
            "edit": True,
            "passages": len(passages),
            "whole_versions": whole_texts,
            "revisions": found["revisions"],
            "quotes": found["quotes"],
            "by_author": by.pk == post.author_id,
        },
    )
    return len(passages)


# --- A closed account's name in other members' posts -----------------------------------------

FORMER_MEMBER = "Former member"
_MENTION_LINK = re.compile(r'<a [^>]*href="/u/([A-Za-z0-9_]{3,30})/"')


def erase_mentions(*, member: User) -> set[str]:
    """A closing account's @handle leaves the posts that mention it, whatever the handle was
    when they were written: "@june thanks" becomes "Former member thanks" in the posts,
    their earlier versions, quotes of them, search and notifications (the redaction path).
    The handles come from the links the mentions were rendered with, so a handle changed
    since is found too. Returns every handle found (accounts.closing retires them).
    Call inside the closing transaction."""

    mentioning = Post.objects.filter(pk__in=Mention.objects.filter(member=member).values("post_id"))
    linked: set[str] = set()
    for html in mentioning.values_list("body_html", flat=True):
        linked.update(_MENTION_LINK.findall(html))
    for html in PostRevision.objects.filter(post__in=mentioning).values_list(
        "body_html", flat=True
    ):
        linked.update(_MENTION_LINK.findall(html))
    # A handle someone else holds now was theirs, not this member's.
    taken = (
        {
            h.lower()
            for h in get_user_model()
            .objects.exclude(pk=member.pk)
            .filter(handle__iregex=r"^(" + "|".join(map(re.escape, linked)) + r")$")
            .values_list("handle", flat=True)
        }
        if linked
        else set()
    )
    handles = {member.handle} | {h for h in linked if h.lower() not in taken}
    removals = [
        (re.compile(rf"(?<!\w)@{re.escape(h)}(?!\w)", re.IGNORECASE), f"@{h}") for h in handles
    ]
    for post in mentioning.select_for_update(of=("self",)):
        thread = Thread.objects.get(pk=post.thread_id)
        body = post.body_markdown
        for pattern, _ in removals:
            body = pattern.sub(FORMER_MEMBER, body)
        if body != post.body_markdown:
            html, _ = render_body(body)
            Post.objects.filter(pk=post.pk).update(body_markdown=body, body_html=html)
            post.body_markdown, post.body_html = body, html
        _scrub_copies(
            current=post,
            thread=thread,
            removals=removals,
            title_before=thread.title,
            replacement=FORMER_MEMBER,
        )
    Mention.objects.filter(member=member).delete()
    return handles


# --- Medical misinformation -----------------------------------------------------------------

NOTE_MAX_LENGTH = 2000


def misinformation_queue():
    """Posts with open "medical misinformation" flags, the longest waiting first, with their
    flags and current clinician's note: the clinical reviewers' queue."""

    open_misinformation = Flag.objects.filter(
        post=OuterRef("pk"), resolved_at__isnull=True, reason=Flag.Reason.MISINFORMATION
    )
    return (
        Post.objects.filter(deleted_at__isnull=True)
        .filter(Exists(open_misinformation))
        .annotate(
            first_flag_at=Min(
                "flags__created_at",
                filter=Q(
                    flags__resolved_at__isnull=True,
                    flags__reason=Flag.Reason.MISINFORMATION,
                ),
            )
        )
        .select_related("thread", "thread__group", "author", "clinical_note")
        .prefetch_related(
            Prefetch(
                "flags",
                queryset=Flag.objects.filter(
                    resolved_at__isnull=True, reason=Flag.Reason.MISINFORMATION
                ).select_related("flagger"),
                to_attr="misinformation_flags",
            )
        )
        .order_by("first_flag_at", "pk")
    )


def _resolve_misinformation_flags(*, post: Post, by: User, outcome: str) -> int:

    resolved = Flag.objects.filter(
        post=post, resolved_at__isnull=True, reason=Flag.Reason.MISINFORMATION
    ).update(resolved_at=timezone.now(), resolved_by=by, outcome=outcome)
    review.refresh(post_ids=[post.pk])
    return resolved


def add_clinical_note(*, post: Post, by: User, text: str):
    """Writes (or rewrites) the clinician's note beneath a post, rendered once here with
    core.markdown, and closes the post's open medical misinformation flags as "a clinician
    added context". Only clinical reviewers (and moderators) may."""

    if not roles.is_clinical_reviewer(by):
        raise SafetyError(gettext("Only clinical reviewers can add a clinician's note."))
    text = text.strip()
    if not text:
        raise SafetyError(gettext("Please write the context readers should know."))
    if len(text) > NOTE_MAX_LENGTH:
        raise SafetyError(
            gettext("Please keep the note under %(limit)s characters.") % {"limit": NOTE_MAX_LENGTH}
        )
    if "\x00" in text:  # PostgreSQL cannot store it
        raise SafetyError(
            gettext("The note holds a NUL character, which cannot be saved. Please retype it.")
        )

    with transaction.atomic():
        note, created = ClinicalNote.objects.update_or_create(
            post=post,
            defaults={
                "author": by,
                "body_markdown": text,
                "body_html": render_markdown(text),
                "updated_at": timezone.now(),
            },
        )
        page_cache.changed("post.annotated", thread_id=post.thread_id)
        resolved = _resolve_misinformation_flags(post=post, by=by, outcome=Flag.Outcome.CONTEXT)
        record(
            actor=by,
            action=AuditEntry.Action.CLINICAL_NOTE,
            target=post,
            detail={"flags": resolved, "replaced": not created},
        )
    return note


def dismiss_misinformation_flags(*, post: Post, by: User, reason: str = "") -> int:
    """A clinical reviewer finds nothing wrong: closes the misinformation flags only."""

    if not roles.is_clinical_reviewer(by):
        raise SafetyError(gettext("Only clinical reviewers can close these flags."))
    with transaction.atomic():
        dismissed = _resolve_misinformation_flags(post=post, by=by, outcome=Flag.Outcome.DISMISSED)
        if dismissed:
            record(
                actor=by,
                action=AuditEntry.Action.FLAGS_DISMISS,
                target=post,
                reason=reason or "Not medical misinformation (clinical review).",
                detail={"flags": dismissed, "clinical": True},
            )
    return dismissed


def notify_clinical_reviewers(*, post_id: int) -> int:
    """Tells each clinical reviewer, in their inbox, that a post waits in their queue. Once
    per post and reviewer (safe to run twice); inbox only, so no post detail goes by e-mail.
    The same few queries however many reviewers (safety.tasks runs it in Celery)."""

    post = Post.objects.filter(pk=post_id).first()
    if post is None:
        return 0
    permission = Q(groups__permissions__codename="review_clinical") | Q(
        user_permissions__codename="review_clinical"
    )
    return notify_many(
        recipient_ids=get_user_model()
        .objects.filter(permission, is_active=True)
        .values_list("pk", flat=True)
        .distinct(),
        kind=Notification.Kind.MODERATION,
        text="A post was flagged as medical misinformation and waits for a clinical review.",
        url=reverse("safety:clinical-queue"),
        key=f"clinical:post:{post.pk}",
        post=post,
        email=False,
    )
