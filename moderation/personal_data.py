"""What moderation holds about a member, for "Download my data" (accounts.hooks.exporters,
registered by ModerationConfig.ready()): the flags they raised and the warnings and
suspensions they received. Closing an account keeps these moderation records (they hold ids and the
moderators' and member's own words, no name); nothing here is erased."""

from typing import Any

from django.conf import settings

from accounts.models import User
from moderation.models import Flag, Sanction


def _when(value) -> str | None:
    return value.isoformat() if value else None


def flags(member: User) -> list[dict[str, Any]]:
    """Posts the member flagged, why, and what the moderators decided."""
    return [
        {
            "post_url": f"{settings.SITE_URL}/p/{f.post_id}/",
            "reason": f.get_reason_display(),
            "note": f.note,
            "flagged_at": _when(f.created_at),
            "decided_at": _when(f.resolved_at),
            "outcome": f.get_outcome_display() if f.outcome else None,
        }
        for f in Flag.objects.filter(flagger=member).order_by("created_at", "pk")
    ]


def sanctions(member: User) -> list[dict[str, Any]]:
    """Warnings and suspensions the member received, in the words they were shown."""
    return [
        {
            "kind": s.get_kind_display(),
            "reason": s.reason,
            "given_at": _when(s.created_at),
            "suspended_until": _when(s.ends_at),
            "lifted_at": _when(s.lifted_at),
        }
        for s in Sanction.objects.filter(member=member).order_by("created_at", "pk")
    ]
