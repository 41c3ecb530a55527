"""Changes of state for insights: who gets the weekly summary, and sending it once a week."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.languages import member_language
from accounts.models import User, site_today
from core.mail import UnsubscribableEmail
from insights.figures import Period, duration, figures
from insights.models import InsightsSubscription
from notifications.emails import unsubscribe_url
from notifications.services import wants_email

log = logging.getLogger(__name__)


def set_subscription(*, member: User, subscribed: bool) -> None:
    with transaction.atomic():
        if subscribed:
            InsightsSubscription.objects.get_or_create(member=member)
        else:
            InsightsSubscription.objects.filter(member=member).delete()


def summary_context(period: Period) -> dict:
    data = figures(period)
    return {
        "data": data,
        "url": f"{settings.SITE_URL}{reverse('insights:page')}?period=7",
    }


def _in_words(context: dict) -> dict:
    """The context with the waits put in words, in the active language."""
    data = context["data"]
    return {
        **context,
        "first_reply_wait": duration(data.first_reply_median_seconds),
        "flag_wait": duration(data.flag_decision_median_seconds),
        "held_wait": duration(data.held_wait_median_seconds),
    }


def send_weekly_summaries(*, today: datetime.date | None = None) -> int:
    """E-mails last week's figures to each subscribed staff member, once per week.

    Each subscription is claimed with a conditional UPDATE of last_sent_week, so a second
    run in the same week (or two schedulers at once) sends nothing more.
    """
    today = today or site_today()
    week = today - datetime.timedelta(days=today.weekday())
    due = list(
        InsightsSubscription.objects.filter(member__is_staff=True, member__is_active=True)
        .exclude(last_sent_week=week)
        .select_related("member")
    )
    if not due:
        return 0
    context = summary_context(Period.last_days(7, today=today - datetime.timedelta(days=1)))
    sent = 0
    for subscription in due:
        claimed = (
            InsightsSubscription.objects.filter(pk=subscription.pk)
            .exclude(last_sent_week=week)
            .update(last_sent_week=week)
        )
        if not claimed:
            continue
        member = subscription.member
        if not wants_email(member):
            continue  # "Stop all e-mails" (one click, or the settings page) stops this too
        context["member"] = member
        context["unsubscribe_url"] = unsubscribe_url(member.pk)
        # In the recipient's language, whoever runs the task (docs/i18n.md).
        with translation.override(member_language(member)):
            shown = _in_words(context)
            subject = render_to_string("insights/email/summary_subject.txt", shown).strip()
            message = UnsubscribableEmail(
                subject=" ".join(subject.split()),
                body=render_to_string("insights/email/summary.txt", shown),
                to=[member.email],
                unsubscribe_url=context["unsubscribe_url"],
            )
            message.attach_alternative(
                render_to_string("insights/email/summary.html", shown), "text/html"
            )
        try:
            message.send()
        except Exception:
            # Let next run try again rather than lose this week's summary.
            InsightsSubscription.objects.filter(pk=subscription.pk).update(
                last_sent_week=subscription.last_sent_week
            )
            log.exception("Weekly insights summary to member %s failed", member.pk)
            continue
        sent += 1
    return sent
