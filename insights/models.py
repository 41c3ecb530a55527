from django.conf import settings
from django.db import models
from django.utils import timezone


class InsightsSubscription(models.Model):
    """A staff member who asked for the weekly community-health summary by e-mail."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="insights_subscription"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # The Monday (site time zone) of the last week whose summary went out: one e-mail a week.
    last_sent_week = models.DateField(null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return f"Weekly insights for {self.member}"


class DayFigures(models.Model):
    """One day's figures (site time zone), for the whole community (group NULL) or one group.

    Written by insights.rollup (a Celery beat task, and `manage.py insights_rollup`) for
    days that are over; the page reads these rows and measures only the days without one
    (today). A whole-community row exists for every day rolled up, even a quiet one; a
    group's row only when something happened in it. Fields: see insights.tally.Tally.
    """

    day = models.DateField()
    group = models.ForeignKey(
        "community.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    new_members = models.PositiveIntegerField(default=0)
    threads_started = models.PositiveIntegerField(default=0)
    replies = models.PositiveIntegerField(default=0)
    threads = models.PositiveIntegerField(default=0)
    threads_replied_in_24h = models.PositiveIntegerField(default=0)
    first_threads = models.PositiveIntegerField(default=0)
    first_threads_answered = models.PositiveIntegerField(default=0)
    first_replies_by_mentors = models.PositiveIntegerField(default=0)
    flags_received = models.PositiveIntegerField(default=0)
    flags_decided = models.PositiveIntegerField(default=0)
    posts_approved = models.PositiveIntegerField(default=0)
    # zlib-compressed bitmap of the ids of the members who posted or reacted (insights.tally).
    active_members = models.BinaryField(default=bytes)
    # Seconds, the raw values behind each median.
    first_reply_waits = models.JSONField(default=list)
    flag_waits = models.JSONField(default=list)
    approval_waits = models.JSONField(default=list)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day"], condition=models.Q(group__isnull=True), name="day_figures_site"
            ),
            models.UniqueConstraint(fields=["day", "group"], name="day_figures_group"),
        ]

    def __str__(self) -> str:
        return f"Figures of {self.day} ({self.group_id or 'all groups'})"
