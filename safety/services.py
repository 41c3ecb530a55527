"""Every patient-safety change of state, each in one transaction with its audit row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from safety import crisis
from safety.models import CareMark

if TYPE_CHECKING:
    from accounts.models import User
    from community.models import Post

REACH_OUT_MAX_LENGTH = 240
REACH_OUT_DEFAULT = (
    "We read your post and wanted to check in with you. You are not alone here. If you are "
    "in danger right now, please call your local emergency number. Write back any time."
)


class SafetyError(Exception):
    """A request that cannot be carried out, with a message fit to show the person."""


# --- Crisis language ------------------------------------------------------------------------


def mark_if_matching(*, post: Post, text: str) -> CareMark | None:
    """Marks the post for a caring look if `text` (its title and body) uses crisis language.

    Call it inside the transaction that writes the post. A post that already has an open
    mark keeps that one; nothing about the post itself changes (it is never blocked).
    """
    phrases = crisis.phrases_in(text)
    if not phrases:
        return None
    if CareMark.objects.filter(post=post, closed_at__isnull=True).exists():
        return None
    try:
        with transaction.atomic():
            return CareMark.objects.create(post=post, phrases=phrases)
    except IntegrityError:
        return None  # marked at the same moment by another request


def reach_out(*, mark: CareMark, by: User, message: str) -> bool:
    """Sends the post's author a private, kind message from the moderators and closes the
    mark. Only the author sees it (their inbox, and e-mail if they chose it). False if the
    mark was already closed."""
    from moderation.models import AuditEntry
    from moderation.services import record
    from notifications.models import Notification
    from notifications.services import notify

    message = " ".join(message.split())[:REACH_OUT_MAX_LENGTH]
    if not message:
        raise SafetyError("Please write the message the member will read.")
    with transaction.atomic():
        closed = CareMark.objects.filter(pk=mark.pk, closed_at__isnull=True).update(
            closed_at=timezone.now(), closed_by=by, reached_out=True
        )
        if not closed:
            return False
        post = mark.post
        # The audit row keeps that someone reached out, not the words: they were private.
        entry = record(actor=by, action=AuditEntry.Action.CARE_REACH_OUT, target=post)
        notify(
            recipient=post.author,
            kind=Notification.Kind.MODERATION,
            text=f"A message from the moderators, just for you: {message}",
            url=post.get_absolute_url(),
            key=f"care:{entry.pk}",
            actor=by,
            post=post,
        )
    return True


def close_care(*, mark: CareMark, by: User, reason: str = "") -> bool:
    """Takes a post off the "needs a caring look" list without a message."""
    from moderation.models import AuditEntry
    from moderation.services import record

    with transaction.atomic():
        closed = CareMark.objects.filter(pk=mark.pk, closed_at__isnull=True).update(
            closed_at=timezone.now(), closed_by=by
        )
        if not closed:
            return False
        record(actor=by, action=AuditEntry.Action.CARE_CLOSE, target=mark.post, reason=reason)
    return True
