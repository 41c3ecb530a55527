"""Reporting a private message, and the moderators' view of reported messages.

A participant reports one message (not their own) with a reason. Moderators then read
that message, with its author and time, and nothing else of the conversation: no other
message, no title, no list of participants. Every time a moderator is shown a reported
message, an audit row (`message.report_read`) records who read which, so reads can be
accounted for; closing a report is audited too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from conversations.models import Message, MessageReport
from conversations.services import ConversationError
from moderation.models import AuditEntry
from moderation.services import record

if TYPE_CHECKING:
    from accounts.models import User


def report_message(*, reporter: User, message: Message, reason: str) -> MessageReport:
    """Puts the message in front of the moderators. `message` must be one the reporter
    reads (fetch it with Message.objects.readable_by). Reporting twice changes nothing."""
    if message.author_id == reporter.pk:
        raise ConversationError("You cannot report your own message.")
    try:
        with transaction.atomic():
            report, _ = MessageReport.objects.get_or_create(
                message=message, reporter=reporter, defaults={"reason": reason.strip()}
            )
    except IntegrityError:
        report = MessageReport.objects.get(message=message, reporter=reporter)
    return report


def open_reports() -> QuerySet[MessageReport]:
    return (
        MessageReport.objects.filter(closed_at__isnull=True)
        .select_related("message__author", "reporter")
        .order_by("created_at", "pk")
    )


def record_reads(*, moderator: User, reports: list[MessageReport]) -> None:
    """One audit row per reported message shown to the moderator, in one statement."""
    if not reports:
        return
    message_type = ContentType.objects.get_for_model(Message)
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=moderator,
                action=AuditEntry.Action.MESSAGE_REPORT_READ,
                target_type=message_type,
                target_id=report.message_id,
                target_label=f"Message {report.message_id}",
                detail={"report": report.pk},
            )
            for report in reports
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
