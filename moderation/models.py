"""Flags, sanctions, moderators' edits and the audit log.

Every change to these rows goes through moderation.services; the audit log is append-only
(the admin offers no change or delete, and a PostgreSQL trigger refuses UPDATE and DELETE).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Flag(models.Model):
    """A member's report that a post needs a moderator's eyes. One per member per post."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        MISINFORMATION = "misinformation", _("Medical misinformation")
        PERSONAL_INFO = "personal_info", _("Shares personal information")
        ABUSIVE = "abusive", _("Abusive or unkind")
        OTHER = "other", _("Something else")

    class Outcome(models.TextChoices):
        DISMISSED = "dismissed", _("Dismissed")
        UPHELD = "upheld", _("Upheld: post hidden")
        # A clinical reviewer answered a medical misinformation flag with a note (safety).
        CONTEXT = "context", _("A clinician added context")

    post = models.ForeignKey(
        "community.Post", on_delete=models.CASCADE, related_name="flags", verbose_name=_("post")
    )
    flagger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="flags_made",
        verbose_name=_("flagged by"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("flagged at"), default=timezone.now, editable=False)
    # Set when a moderator decides; an open flag has resolved_at NULL.
    resolved_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
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
        return gettext("%(reason)s on post %(post)s") % {
            "reason": self.get_reason_display(),
            "post": self.post_id,
        }


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
        WARNING = "warning", _("Warning")
        SUSPENSION = "suspension", _("Suspension")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sanctions",
        verbose_name=_("member"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    reason = models.TextField(_("reason"), help_text=_("Shown to the member in these words."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("given by"),
    )
    created_at = models.DateTimeField(_("given at"), default=timezone.now, editable=False)
    ends_at = models.DateTimeField(
        _("ends at"), null=True, blank=True, help_text=_("Suspensions only.")
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lifted by"),
    )
    # When the member was shown the warning (on their next page).
    seen_at = models.DateTimeField(_("seen at"), null=True, blank=True)

    objects = SanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("warning or suspension")
        verbose_name_plural = _("warnings and suspensions")
        indexes = [models.Index(fields=["member", "kind", "-ends_at"], name="sanction_member")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="suspension") | models.Q(ends_at__isnull=False),
                name="sanction_suspension_has_end",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(kind)s for %(member)s") % {
            "kind": self.get_kind_display(),
            "member": self.member,
        }

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
        POST_FLAG_HIDE = "post.flag_hide", _("Post hidden by flags")
        POST_APPROVE = "post.approve", _("Post approved")
        POST_HIDE = "post.hide", _("Post hidden")
        POST_RESTORE = "post.restore", _("Post restored")
        POST_EDIT = "post.edit", _("Post edited")
        FLAGS_DISMISS = "flags.dismiss", _("Flags dismissed")
        THREAD_LOCK = "thread.lock", _("Thread locked")
        THREAD_UNLOCK = "thread.unlock", _("Thread unlocked")
        THREAD_PIN = "thread.pin", _("Thread pinned")
        THREAD_UNPIN = "thread.unpin", _("Thread unpinned")
        THREAD_MOVE = "thread.move", _("Thread moved")
        GROUP_CREATE = "group.create", _("Group created")
        GROUP_CHANGE = "group.change", _("Group settings changed")
        MEMBER_WARN = "member.warn", _("Member warned")
        MEMBER_SUSPEND = "member.suspend", _("Member suspended")
        MEMBER_LIFT = "member.lift", _("Suspension lifted")
        MEMBER_BAN = "member.ban", _("Member banned")
        # Patient safety (safety.services): a caring look, a redaction, a clinician's note.
        CARE_REACH_OUT = "post.care_reach_out", _("Reached out to the author with care")
        CARE_CLOSE = "post.care_close", _("Caring look closed")
        POST_REDACT = "post.redact", _("Passage redacted")
        CLINICAL_NOTE = "post.clinical_note", _("Clinician's note added")
        # Private messages (conversations.reports): moderators read only reported messages.
        MESSAGE_REPORT_READ = "message.report_read", _("Reported private message read")
        MESSAGE_REPORT_CLOSE = "message.report_close", _("Message report closed")
        MESSAGE_REDACT = "message.redact", _("Passage removed from a private message")

    # NULL for what the site does by itself (a post hidden after enough flags).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("target type")
    )
    target_id = models.PositiveBigIntegerField(_("target id"))
    target = GenericForeignKey("target_type", "target_id")
    # What the target is, by id only ("Post 42 in thread 7", "Member 12"): no name or title,
    # so nothing a member closing their account or an edit for privacy removes stays here.
    # The log page shows the current names beside it.
    target_label = models.CharField(_("target"), max_length=200)
    reason = models.TextField(_("reason"), blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        indexes = [
            models.Index(fields=["-created_at"], name="audit_recent"),
            models.Index(fields=["action", "-created_at"], name="audit_action"),
            models.Index(fields=["actor", "-created_at"], name="audit_actor"),
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.target_label}"
