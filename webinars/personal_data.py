"""What the webinars hold about a member: the export's section and the eraser for a closed
account, registered in accounts.hooks.exporters and accounts.hooks.erasers by
WebinarsConfig.ready()."""

from typing import Any

from django.conf import settings

from accounts.models import User
from webinars.models import Attendance, Presenter, Registration, Webinar


def _when(value) -> str | None:
    return value.isoformat() if value else None


def registrations(member: User) -> list[dict[str, Any]]:
    rows = (
        Registration.objects.filter(member=member)
        .select_related("webinar")
        .prefetch_related("notices")
        .order_by("created_at", "pk")
    )
    return [
        {
            "webinar": r.webinar.title,
            "url": settings.SITE_URL + r.webinar.get_absolute_url(),
            "starts_at": _when(r.webinar.starts_at),
            "registered_at": _when(r.created_at),
            "cancelled_at": _when(r.cancelled_at),
            "emails_sent": [
                {"kind": n.kind, "sent_at": _when(n.sent_at)}
                for n in sorted(r.notices.all(), key=lambda n: n.claimed_at)
                if n.sent_at
            ],
        }
        for r in rows
    ]


def attendance(member: User) -> list[dict[str, Any]]:
    """The webinars the member attended (said so, or staff imported it)."""
    rows = Attendance.objects.filter(member=member).select_related("webinar").order_by("marked_at")
    return [
        {
            "webinar": a.webinar.title,
            "url": settings.SITE_URL + a.webinar.get_absolute_url(),
            "marked_at": _when(a.marked_at),
            "source": a.source,
        }
        for a in rows
    ]


def erase(member: User) -> None:
    """A closed account's registrations go (with their e-mail records), so no reminder or
    "recording is ready" e-mail is sent, and its attendance goes too; webinar pages stop
    naming it as presenter or contact."""
    Registration.objects.filter(member=member).delete()  # cascades to Notice rows
    Attendance.objects.filter(member=member).delete()
    Presenter.objects.filter(member=member).update(member=None)
    Webinar.objects.filter(contact_member=member).update(contact_member=None)
