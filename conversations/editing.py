"""Changing a message after it was sent: its author edits it or removes a passage from it.

The rules are the posts' (community and safety), reused rather than copied:
- an edit renders the same bounded Markdown once, keeps the earlier version (a
  MessageRevision, which only the author reads), refuses a suspended member
  (community.hooks.suspension_refusal) and a removed message; "Remove the old version
  everywhere" takes what the edit took out of the earlier versions and of the quotes in
  other messages (safety.services.old_version_removals and scrub);
- a redaction (by the author, or by a moderator for a reported message) replaces a
  passage with "[removed]" in the message, its earlier versions and the quotes of it,
  with safety's checks (safety.services.passage_removal); the audit
  row (`message.redact`) says who, when, why and how many copies, never the words.

Private messages have no search index, no thread title and no e-mail text stored (an
e-mail preview is written from the message when it goes out), so nothing else keeps them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts import roles
from community import hooks as community_hooks
from community.services import chosen_quote
from conversations.models import Message, MessageReport, MessageRevision
from conversations.services import ConversationError
from core.markdown import html_to_text, render_markdown
from moderation.models import AuditEntry
from moderation.services import record
from safety import services as safety

if TYPE_CHECKING:
    from accounts.models import User


def may_change(*, message: Message, user: User) -> bool:
    """Only a message's author changes it, and only while its text stands."""
    return user.is_authenticated and message.author_id == user.pk and message.removed_at is None


def may_redact_as_moderator(*, message: Message, user: User) -> bool:
    """A moderator may remove a passage from a message they were shown: one with an open
    report (they read nothing else of the conversation)."""
    return (
        user.is_authenticated
        and roles.is_moderator(user)
        and message.removed_at is None
        and MessageReport.objects.filter(message=message, closed_at__isnull=True).exists()
    )


def _check_author(message: Message, user: User) -> None:
    if not may_change(message=message, user=user):
        raise ConversationError(gettext("Only the person who wrote a message can change it."))
    if not Message.objects.readable_by(user).filter(pk=message.pk).exists():
        raise ConversationError(gettext("You are no longer in this conversation."))
    suspension = community_hooks.suspension_refusal(user)
    if suspension is not None:
        raise ConversationError(suspension)


def _scrub_copies(message: Message, removals: list[tuple[re.Pattern, str]]) -> dict[str, int]:
    """The passages leave the message's earlier versions and the quotes of it. Call inside
    the transaction that holds the message's row lock."""
    revisions = 0
    for revision in MessageRevision.objects.filter(message=message).select_for_update():
        body = safety.scrub(revision.body_markdown, removals)
        html = render_markdown(body)
        if any(pattern.search(html_to_text(html)) for pattern, _ in removals):
            body = safety.REDACTED  # written with formatting inside the passage: it all goes
            html = render_markdown(body)
        if body != revision.body_markdown:
            MessageRevision.objects.filter(pk=revision.pk).update(
                body_markdown=body, body_html=html
            )
            revisions += 1
    quotes = 0
    for reply in Message.objects.filter(reply_to=message).select_for_update():
        scrubbed = safety.scrub(reply.quote_excerpt, removals)
        if scrubbed != reply.quote_excerpt:
            Message.objects.filter(pk=reply.pk).update(quote_excerpt=scrubbed)
            quotes += 1
    return {"revisions": revisions, "quotes": quotes}


def edit_message(
    *, message: Message, editor: User, body: str, remove_old_version: bool = False
) -> Message:
    """The author rewrites their message; the old text is kept as a MessageRevision unless
    `remove_old_version`, when what the edit took out leaves every earlier copy too."""
    _check_author(message, editor)
    if body == message.body_markdown:
        return message  # nothing changed (the form sent twice): no new version
    html = render_markdown(body)  # before the transaction: the row lock is held only to save
    with transaction.atomic():
        current = Message.objects.select_for_update().get(pk=message.pk)
        if current.removed_at is not None:
            raise ConversationError(gettext("This message was removed and cannot be edited."))
        now = timezone.now()
        MessageRevision.objects.create(
            message=current,
            body_markdown=current.body_markdown,
            body_html=current.body_html,
            written_at=current.edited_at or current.created_at,
            replaced_at=now,
        )
        Message.objects.filter(pk=current.pk).update(
            body_markdown=body, body_html=html, edited_at=now
        )
        if remove_old_version:
            removals = safety.old_version_removals(
                body_before=current.body_markdown,
                html_before=current.body_html,
                body_after=body,
                html_after=html,
            )
            _scrub_copies(current, removals)
            # A quote of words the edit took out (or of part of them) shows the new text.
            current.body_html = html
            now_says = html_to_text(html)
            for reply in Message.objects.filter(reply_to=current).select_for_update():
                if reply.quote_excerpt.rstrip("…") not in now_says:
                    Message.objects.filter(pk=reply.pk).update(
                        quote_excerpt=chosen_quote(current, "")
                    )
    message.body_markdown, message.body_html, message.edited_at = body, html, now
    return message


def redact_message(*, message: Message, by: User, passage: str, reason: str = "") -> int:
    """Replaces a passage (a phone number, a name) of the author's own message with
    "[removed]" everywhere it is kept: the message, its earlier versions and the quotes of
    it. The author may, and a moderator may for a reported message. Returns how many times
    it was in the message; raises ConversationError (nothing changed) if it is not there or
    the person may not remove it."""
    by_moderator = message.author_id != by.pk and may_redact_as_moderator(message=message, user=by)
    if not by_moderator:
        _check_author(message, by)
    reason = " ".join(reason.split())
    try:
        pattern, passage = safety.passage_removal(passage=passage, reason=reason)
    except safety.SafetyError as error:
        raise ConversationError(str(error), field="passage") from error
    with transaction.atomic():
        current = Message.objects.select_for_update().get(pk=message.pk)
        body, count = pattern.subn(safety.REDACTED, current.body_markdown)
        if not count:
            raise ConversationError(
                gettext(
                    "That text is not in this message. Copy it exactly as the message has it "
                    "(without formatting) and try again. Nothing was changed."
                ),
                field="passage",
            )
        html = render_markdown(body)
        Message.objects.filter(pk=current.pk).update(body_markdown=body, body_html=html)
        found = _scrub_copies(current, [(pattern, passage)])
        record(
            actor=by,
            action=AuditEntry.Action.MESSAGE_REDACT,
            target=current,
            reason=reason,
            detail={"copies": count, "by_author": not by_moderator, **found},
        )
    message.body_markdown, message.body_html = body, html
    return count
