"""Reporting a private message, and the moderators' view of reported messages.

A participant reports one message (not their own) with a reason, and may tick some of the
two messages before and after it to show them too. Moderators then read that message and
those ticked, with their authors and times, and nothing else of the conversation: no other
message, no title, no list of participants. Every time a moderator is shown a reported
message, an audit row (`message.report_read`) records who read which, so reads can be
accounted for; closing a report is audited too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from conversations.models import Message, MessageReport
from conversations.services import ConversationError
from moderation.models import AuditEntry
from moderation.services import record

if TYPE_CHECKING:
    from accounts.models import User


NEIGHBOURS = 2  # the reporter may show this many messages before and after the one reported


def neighbours(message: Message) -> tuple[list[Message], list[Message]]:
    """The messages just before and just after `message` in its conversation (at most
    NEIGHBOURS each, removed ones left out), oldest first: what a reporter may include."""
    around = Message.objects.filter(
        conversation_id=message.conversation_id, removed_at__isnull=True
    ).select_related("author")
    earlier = around.filter(
        Q(created_at__lt=message.created_at) | Q(created_at=message.created_at, pk__lt=message.pk)
    ).order_by("-created_at", "-pk")[:NEIGHBOURS]
    later = around.filter(
        Q(created_at__gt=message.created_at) | Q(created_at=message.created_at, pk__gt=message.pk)
    ).order_by("created_at", "pk")[:NEIGHBOURS]
    return list(reversed(earlier)), list(later)


def report_message(
    *, reporter: User, message: Message, reason: str, include: Iterable[int] = ()
) -> MessageReport:
    """Puts the message in front of the moderators, with the neighbouring messages whose
    ids are in `include` (others are ignored: only those next to it can be shown).
    `message` must be one the reporter reads (fetch it with Message.objects.readable_by).
    Reporting twice changes nothing."""
    if message.author_id == reporter.pk:
        raise ConversationError(gettext("You cannot report your own message."))
    wanted = set(include)
    before, after = neighbours(message)
    chosen = [m for m in before + after if m.pk in wanted]
    try:
        with transaction.atomic():
            report, created = MessageReport.objects.get_or_create(
                message=message, reporter=reporter, defaults={"reason": reason.strip()}
            )
            if created and chosen:
                report.included.add(*chosen)
    except IntegrityError:
        report = MessageReport.objects.get(message=message, reporter=reporter)
    return report


def open_reports() -> QuerySet[MessageReport]:
    """Open reports, oldest first, each with its message and the neighbours the reporter
    chose (`report.context`, oldest first)."""
    return (
        MessageReport.objects.filter(closed_at__isnull=True)
        .select_related("message__author", "reporter")
        .prefetch_related(
            Prefetch(
                "included",
                queryset=Message.objects.filter(removed_at__isnull=True)
                .select_related("author")
                .order_by("created_at", "pk"),
                to_attr="context",
            )
        )
        .order_by("created_at", "pk")
    )


def record_reads(*, moderator: User, reports: list[MessageReport]) -> None:
    """One audit row per message shown to the moderator (each reported message and each
    neighbour its reporter included), in one statement."""
    shown = [
        (report, message_id)
        for report in reports
        for message_id in [report.message_id, *(m.pk for m in getattr(report, "context", []))]
    ]
    if not shown:
        return
    message_type = ContentType.objects.get_for_model(Message)
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=moderator,
                action=AuditEntry.Action.MESSAGE_REPORT_READ,
                target_type=message_type,
                target_id=message_id,
                target_label=f"Message {message_id}",
                detail={"report": report.pk, "included": message_id != report.message_id},
            )
            for report, message_id in shown
        ]
    )


def close_report(*, report: MessageReport, by: User, note: str = "") -> bool:
    """The moderators are done with this report; False if it was already closed."""
    with transaction.atomic():
        closed = MessageReport.objects.filter(pk=report.pk, closed_at__isnull=True).update(
            closed_at=timezone.now(), closed_by=by
        )
        if closed:
            record(
                actor=by,
                action=AuditEntry.Action.MESSAGE_REPORT_CLOSE,
                target=report.message,
                reason=note,
                detail={"report": report.pk},
            )
    return bool(closed)
