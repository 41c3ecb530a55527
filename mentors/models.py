from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MentorClaim(models.Model):
    """A mentor said "I'll answer this" about a newcomer's unanswered thread.

    One row per thread (the OneToOneField is a unique constraint), so two mentors never hold
    the same thread: the claim service locks the thread row and the constraint backs it up.
    A claim lapses at `expires_at` if nobody replied; another mentor may then take it over
    (the row is reused).
    """

    thread = models.OneToOneField(
        "community.Thread",
        on_delete=models.CASCADE,
        related_name="mentor_claim",
        verbose_name=_("thread"),
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentor_claims",
        verbose_name=_("mentor"),
    )
    claimed_at = models.DateTimeField(default=timezone.now, verbose_name=_("claimed at"))
    expires_at = models.DateTimeField(verbose_name=_("expires at"))

    class Meta:
        verbose_name = _("mentor's claim")
        verbose_name_plural = _("mentors' claims")

    def __str__(self) -> str:
        return f"{self.mentor_id} answers thread {self.thread_id} until {self.expires_at}"

    def is_active(self, now=None) -> bool:
        return self.expires_at > (now or timezone.now())
