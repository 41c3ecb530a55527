"""The one date style in templates (core.dates): `{% load dates %}`, then

- `{{ post.created_at|when }}`: a `<time>` reading "3 hours ago" with the full moment as
  its tooltip, or the full moment once older than a week;
- `{{ post.edited_at|when_full }}`: a `<time>` reading "Sat, Dec 12, 2026, 11:42pm CT";
- `{{ suspension.ends_at|when_until }}`: the same for an end, an end at midnight reading
  as the minute before ("until Sat, Dec 12, 2026, 11:59pm CT");
- `{{ membership.ends_on|when_day }}`: a `<time>` reading "Sat, Dec 12, 2026";
- `{{ value|moment }}` and `{{ value|day }}`: the same words as plain text, for e-mails,
  subjects and sentences that need no `<time>` element.

Times read in the active time zone: the member's own on pages (accounts.middleware), the
site's elsewhere. tests/test_date_style.py keeps ad-hoc `|date:"…"` formats out of templates.
"""

import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

from core import dates

register = template.Library()


def _iso(value: datetime.date | datetime.datetime) -> str:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


@register.filter
def moment(value: datetime.date | datetime.datetime | None) -> str:
    """ "Tue, Dec 15, 2026, 11:00am CT" (a date alone reads as its day)."""
    if not value:
        return ""
    if not isinstance(value, datetime.datetime):
        return dates.format_day(value)
    return dates.format_moment(value)


@register.filter
def day(value: datetime.date | datetime.datetime | None) -> str:
    """ "Tue, Dec 15, 2026" """
    return dates.format_day(value) if value else ""


@register.filter
def when(value: datetime.datetime | None) -> str:
    """`<time>` reading "3 hours ago" (the full moment as tooltip) or the full moment."""
    if not value:
        return ""
    full = moment(value)
    if isinstance(value, datetime.datetime) and dates.is_recent(value):
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            _iso(value),
            full,
            dates.format_relative(value),
        )
    return format_html('<time datetime="{}">{}</time>', _iso(value), full)


@register.filter
def is_recent(value: datetime.datetime | None) -> bool:
    """Whether `when` reads "3 hours ago" (so a sentence says "3 hours ago", not "on …")."""
    return isinstance(value, datetime.datetime) and dates.is_recent(value)


@register.filter
def when_full(value: datetime.date | datetime.datetime | None) -> str:
    """`<time>` reading "Sat, Dec 12, 2026, 11:59pm CT", however recent."""
    if not value:
        return ""
    return format_html('<time datetime="{}">{}</time>', _iso(value), moment(value))


@register.filter
def when_until(value: datetime.datetime | None) -> str:
    """`<time>` for an end: "Sat, Dec 12, 2026, 11:59pm CT" for an end at midnight."""
    if not value:
        return ""
    return format_html('<time datetime="{}">{}</time>', _iso(value), dates.format_until(value))


@register.filter
def when_day(value: datetime.date | datetime.datetime | None) -> str:
    """`<time>` reading "Sat, Dec 12, 2026" """
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return format_html('<time datetime="{}">{}</time>', _iso(value), day(value))
