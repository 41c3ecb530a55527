"""Flags, sanctions, moderators' edits and the audit log.

Every change to these rows goes through moderation.services; the audit log is append-only
(the admin offers no change or delete, and a PostgreSQL trigger refuses UPDATE and DELETE).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class Flag(models.Model):
    """A member's report that a post needs a moderator's eyes. One per member per post."""

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        MISINFORMATION = "misinformation", "Medical misinformation"
        PERSONAL_INFO = "personal_info", "Shares personal information"
        ABUSIVE = "abusive", "Abusive or unkind"
        OTHER = "other", "Something else"

    class Outcome(models.TextChoices):
        DISMISSED = "dismissed", "Dismissed"
        UPHELD = "upheld", "Upheld: post hidden"
        # A clinical reviewer answered a medical misinformation flag with a note (safety).
        CONTEXT = "context", "A clinician added context"

    post = models.ForeignKey("community.Post", on_delete=models.CASCADE, related_name="flags")
    flagger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags_made"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Set when a moderator decides; an open flag has resolved_at NULL.
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["created_at"]
        # The one permission the moderation pages check; the "Moderators" group holds it.
        permissions = [("moderate", "Can work the moderation queue and act on members")]
        constraints = [
            models.UniqueConstraint(fields=["post", "flagger"], name="flag_once_per_member"),
        ]
        indexes = [
            models.Index(
                fields=["post", "created_at"],
                condition=models.Q(resolved_at__isnull=True),
                name="flag_open_by_post",
            ),
            # The author's record beside each post in the queue (upheld flags on their
            # posts): without it, a scan of every flag for each post on the page.
            models.Index(
                fields=["post"],
                condition=models.Q(outcome="upheld"),
                name="flag_upheld_by_post",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on post {self.post_id}"


class SanctionQuerySet(models.QuerySet):
    def warnings(self):
        return self.filter(kind=Sanction.Kind.WARNING)

    def active_suspensions(self, now=None):
        """Suspensions in force: not lifted and not yet at their end. No job ends them."""
        return self.filter(
            kind=Sanction.Kind.SUSPENSION, lifted_at__isnull=True, ends_at__gt=now or timezone.now()
        )


class Sanction(models.Model):
    """A warning (a message the member sees) or a suspension (cannot post until ends_at)."""

    class Kind(models.TextChoices):
        WARNING = "warning", "Warning"
        SUSPENSION = "suspension", "Suspension"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    reason = models.TextField(help_text="Shown to the member in these words.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    ends_at = models.DateTimeField(null=True, blank=True, help_text="Suspensions only.")
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # When the member was shown the warning (on their next page).
    seen_at = models.DateTimeField(null=True, blank=True)

    objects = SanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["member", "kind", "-ends_at"], name="sanction_member")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="suspension") | models.Q(ends_at__isnull=False),
                name="sanction_suspension_has_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.member}"

    def is_active_suspension(self, now=None) -> bool:
        return (
            self.kind == self.Kind.SUSPENSION
            and self.lifted_at is None
            and self.ends_at is not None
            and self.ends_at > (now or timezone.now())
        )


class AuditEntry(models.Model):
    """One moderation action: who did what to which object, when and why. Append-only."""

    class Action(models.TextChoices):
        POST_FLAG_HIDE = "post.flag_hide", "Post hidden by flags"
        POST_APPROVE = "post.approve", "Post approved"
        POST_HIDE = "post.hide", "Post hidden"
        POST_RESTORE = "post.restore", "Post restored"
        POST_EDIT = "post.edit", "Post edited"
        FLAGS_DISMISS = "flags.dismiss", "Flags dismissed"
        THREAD_LOCK = "thread.lock", "Thread locked"
        THREAD_UNLOCK = "thread.unlock", "Thread unlocked"
        THREAD_PIN = "thread.pin", "Thread pinned"
        THREAD_UNPIN = "thread.unpin", "Thread unpinned"
        THREAD_MOVE = "thread.move", "Thread moved"
        GROUP_CREATE = "group.create", "Group created"
        GROUP_CHANGE = "group.change", "Group settings changed"
        MEMBER_WARN = "member.warn", "Member warned"
        MEMBER_SUSPEND = "member.suspend", "Member suspended"
        MEMBER_LIFT = "member.lift", "Suspension lifted"
        MEMBER_BAN = "member.ban", "Member banned"
        # Patient safety (safety.services): a caring look, a redaction, a clinician's note.
        CARE_REACH_OUT = "post.care_reach_out", "Reached out to the author with care"
        CARE_CLOSE = "post.care_close", "Caring look closed"
        POST_REDACT = "post.redact", "Passage redacted"
        CLINICAL_NOTE = "post.clinical_note", "Clinician's note added"
        # Private messages (conversations.reports): moderators read only reported messages.
        MESSAGE_REPORT_READ = "message.report_read", "Reported private message read"
        MESSAGE_REPORT_CLOSE = "message.report_close", "Message report closed"
        MESSAGE_REDACT = "message.redact", "Passage removed from a private message"

    # NULL for what the site does by itself (a post hidden after enough flags).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    # What the target is, by id only ("Post 42 in thread 7", "Member 12"): no name or title,
    # so nothing a member closing their account or an edit for privacy removes stays here.
    # The log page shows the current names beside it.
    target_label = models.CharField(max_length=200)
    reason = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "audit log entry"
        verbose_name_plural = "audit log"
        indexes = [
            models.Index(fields=["-created_at"], name="audit_recent"),
            models.Index(fields=["action", "-created_at"], name="audit_action"),
            models.Index(fields=["actor", "-created_at"], name="audit_actor"),
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.target_label}"
