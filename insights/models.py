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
