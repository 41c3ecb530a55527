"""Who attended a webinar: members say so themselves, or staff import the list.

A registrant may mark "I attended" once the webinar has started, and undo it. Staff import
an attendance list (a CSV of e-mail addresses, e.g. the meeting service's report) on the
webinar's admin page: every address must belong to a member, or nothing is saved and the
message lists the ones we do not know. Imported members need not have registered (someone
who came in person without a place is still counted as attending).
"""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from webinars.models import Attendance, Registration, Webinar

MAX_CSV_BYTES = 2 * 1024 * 1024
# Column headings taken as "the e-mail column" in a list with headings (any case).
EMAIL_HEADINGS = {"email", "e-mail", "email address", "e-mail address", "mail", "user email"}
SHOWN_AT_MOST = 20  # unknown addresses named in one message


class AttendanceError(ValueError):
    """Why an attendance list or a mark cannot be taken, in words for the reader."""


@dataclass(frozen=True)
class ImportResult:
    added: int
    already: int


def mark_attended(*, webinar: Webinar, member: User) -> bool:
    """Records that a registrant attended; False when they had already said so. Only an
    active registrant, and only once the webinar has started."""
    if webinar.status == Webinar.Status.UPCOMING:
        raise AttendanceError(_("You can say you attended once the webinar has started."))
    registered = Registration.objects.filter(
        webinar=webinar, member=member, cancelled_at__isnull=True
    ).exists()
    if not registered:
        raise AttendanceError(_("Only members who registered can say they attended."))
    _attendance, created = Attendance.objects.get_or_create(
        webinar=webinar, member=member, defaults={"source": Attendance.Source.MEMBER}
    )
    return created


def unmark_attended(*, webinar: Webinar, member: User) -> bool:
    """Takes a member's attendance back (a mistaken tap); False when there was none."""
    deleted, _rows = Attendance.objects.filter(webinar=webinar, member=member).delete()
    return bool(deleted)


def emails_from_csv(data: bytes) -> list[str]:
    """The e-mail addresses in an attendance list: the column headed "Email" (or similar)
    when the first row has headings, else the first column. Blank cells are skipped.
    AttendanceError for a file that is not readable text or holds no address."""
    if len(data) > MAX_CSV_BYTES:
        raise AttendanceError(
            _("This file is larger than 2 MB. An attendance list of e-mail addresses is smaller.")
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AttendanceError(
            _("This file is not a CSV text file we can read. Please save it as “CSV UTF-8”.")
        ) from None
    if "\x00" in text:
        raise AttendanceError(
            _("This file is not a CSV text file we can read. Please save it as “CSV UTF-8”.")
        )
    try:
        rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    except csv.Error:
        raise AttendanceError(_("This file is not a CSV file we can read.")) from None
    column = 0
    if rows:
        headings = [cell.strip().lower() for cell in rows[0]]
        found = [i for i, heading in enumerate(headings) if heading in EMAIL_HEADINGS]
        if found:
            column, rows = found[0], rows[1:]
    emails = [row[column].strip() for row in rows if len(row) > column and row[column].strip()]
    if not emails:
        raise AttendanceError(_("This file holds no e-mail addresses."))
    return emails


def _listed(values: list[str]) -> str:
    shown = ", ".join(values[:SHOWN_AT_MOST])
    if len(values) > SHOWN_AT_MOST:
        more = len(values) - SHOWN_AT_MOST
        shown += " " + ngettext("and %(count)d more", "and %(count)d more", more) % {"count": more}
    return shown


def import_attendance(*, webinar: Webinar, emails: list[str]) -> ImportResult:
    """Marks every member in `emails` as having attended, all or nothing: AttendanceError
    naming the addresses that are not e-mail addresses or belong to no member."""
    malformed = []
    for email in emails:
        try:
            validate_email(email)
        except ValidationError:
            malformed.append(email)
    if malformed:
        raise AttendanceError(
            ngettext(
                "Nothing was saved: this is not an e-mail address: %(emails)s.",
                "Nothing was saved: these are not e-mail addresses: %(emails)s.",
                len(malformed),
            )
            % {"emails": _listed(malformed)}
        )
    wanted = {email.lower() for email in emails}
    members = dict(
        User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=wanted, closed_at__isnull=True)
        .values_list("email_lower", "pk")
    )
    unknown = sorted(wanted - set(members))
    if unknown:
        raise AttendanceError(
            ngettext(
                "Nothing was saved: no member has this e-mail address: %(emails)s. Correct "
                "it or take it out of the list, then import it again.",
                "Nothing was saved: no member has these %(count)d e-mail addresses: "
                "%(emails)s. Correct them or take them out of the list, then import it again.",
                len(unknown),
            )
            % {"emails": _listed(unknown), "count": len(unknown)}
        )
    member_ids = set(members.values())
    with transaction.atomic():
        already = set(
            Attendance.objects.filter(webinar=webinar, member_id__in=member_ids).values_list(
                "member_id", flat=True
            )
        )
        now = timezone.now()
        Attendance.objects.bulk_create(
            [
                Attendance(
                    webinar=webinar, member_id=pk, source=Attendance.Source.IMPORT, marked_at=now
                )
                for pk in sorted(member_ids - already)
            ],
            ignore_conflicts=True,
        )
    return ImportResult(added=len(member_ids - already), already=len(already))
