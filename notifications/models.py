from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Stored at the start of a notification's text in place of the actor's name; `line` puts
# the name back when the notification is shown, so no stored row keeps a member's name (a
# renamed member shows under their new name, a closed account as "Former member").
ACTOR = "{actor}"


class NotificationQuerySet(models.QuerySet):
    def readable_by(self, user):
        """The member's own notifications, leaving out those about a post they may no longer
        read (community's rule: hidden since, or its thread's first post hidden), whose
        line names a title they must not see."""
        from django.contrib.auth import get_user_model

        from accounts import roles
        from community.models import Post

        if not user.is_authenticated:
            return self.none()
        # Moderators read every post. Asked inside this query, so the header's unread count
        # and moderator check stay one query (core.context_processors).
        moderator = get_user_model().objects.filter(
            models.Q(pk=user.pk) & roles.holds_permission(roles.MODERATE_PERMISSION)
        )
        # Whether the member may read the notification's own post, asked row by row with a
        # scalar subquery (TRUE, or NULL when not): PostgreSQL checks each row it needs by
        # primary key. With EXISTS it may instead build the set of every readable post (a
        # "hashed SubPlan") as soon as it expects many rows, even for a page of 25: 760 ms
        # for a member with 20,000 notifications on the bench's 202,072 posts, 0.5 ms so.
        own_post_readable = models.Subquery(
            Post.objects.readable_by(user, moderator=False)
            .filter(pk=models.OuterRef("post_id"))
            .order_by()
            .values(readable=models.Value(True))[:1],
            output_field=models.BooleanField(),
        )
        return (
            self.filter(recipient=user)
            .alias(own_post_readable=own_post_readable)
            .filter(
                models.Q(post__isnull=True)
                | models.Q(own_post_readable=True)
                | models.Exists(moderator)
            )
        )


class Notification(models.Model):
    """One thing a member should know about, shown in their inbox (and maybe e-mailed)."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("Reply in a thread you follow")
        THREAD = "thread", _("New discussion in a group you follow")
        QUOTE = "quote", _("Reply quoting you")
        MENTION = "mention", _("Mention")
        MODERATION = "moderation", _("Moderation decision")
        # The care team's private, kind words to a member whose post matched crisis language.
        CARE = "care", _("A personal message from the care team")
        MEMBERSHIP = "membership", _("Membership")
        WEBINAR = "webinar", _("Webinar")
        MESSAGE = "message", _("Private message")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    post = models.ForeignKey(
        "community.Post",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    text = models.CharField(
        max_length=300, help_text=_("One plain-text line, as the inbox shows it.")
    )
    url = models.CharField(max_length=500, help_text=_("Where opening the notification leads."))
    # The event, e.g. "post:42" or "membership:7:granted". Unique per recipient, so a retried
    # task or a post that both quotes and mentions someone gives them one notification.
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    read_at = models.DateTimeField(null=True, blank=True)
    # Chosen at creation from the member's preferences; the daily digest gathers these.
    wants_digest = models.BooleanField(default=False, editable=False)
    digest = models.ForeignKey(
        "EmailDelivery",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="digested_notifications",
        help_text=_("The daily digest e-mail that included this notification."),
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], name="notification_unique_event_per_recipient"
            ),
        ]
        indexes = [
            # The header's unread count: COUNT(*) WHERE recipient = ? AND read_at IS NULL.
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(wants_digest=True, digest__isnull=True, read_at__isnull=True),
                name="notification_digest_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.recipient_id}: {self.text}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def line(self) -> str:
        """The text as the member reads it, with the actor's name as it is now (select
        "actor" with the notification to spare a query)."""
        if not self.text.startswith(ACTOR):
            return self.text
        name = self.actor.name if self.actor is not None else gettext("Former member")
        return name + self.text[len(ACTOR) :]


class EmailDelivery(models.Model):
    """One e-mail to send, kept until it is sent or given up: the outbox the tasks work from."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, will retry")
        GIVEN_UP = "given_up", _("Given up")
        SKIPPED = "skipped", _("Not sent (unsubscribed or nothing left to say)")

    class Kind(models.TextChoices):
        NOTIFICATION = "notification", _("Notification")
        DIGEST = "digest", _("Daily digest")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_deliveries"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.NOTIFICATION)
    notification = models.OneToOneField(
        Notification,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="email_delivery",
    )
    # "notification:<id>" or "digest:<member>:<date>": one e-mail per event, ever.
    key = models.CharField(max_length=200, unique=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(
        default=timezone.now, help_text=_("When the periodic sweep sends it if nothing did before.")
    )
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state__in=["pending", "failed"]),
                name="email_delivery_due",
            ),
            models.Index(fields=["state", "-created_at"], name="email_delivery_state"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} e-mail to {self.recipient_id} ({self.state})"


class NotificationPreference(models.Model):
    """How a member wants to hear about things. No row means the defaults below."""

    class Delivery(models.TextChoices):
        IMMEDIATELY = "immediately", _("E-mail me right away")
        DIGEST = "digest", _("Once a day, in a summary e-mail")
        OFF = "off", _("No e-mail")

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    replies = models.CharField(max_length=12, choices=Delivery.choices, default=Delivery.DIGEST)
    quotes = models.CharField(max_length=12, choices=Delivery.choices, default=Delivery.IMMEDIATELY)
    mentions = models.CharField(
        max_length=12, choices=Delivery.choices, default=Delivery.IMMEDIATELY
    )
    # One-click unsubscribe turns every e-mail off (the inbox on the site keeps working).
    email_unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # Discreet e-mail: no group name, thread title or post text in any e-mail (always so for
    # posts in sensitive groups), just "New reply in a thread you follow" and the link.
    discreet_email = models.BooleanField(default=False)
    # Quiet hours, in the member's own time zone (User.time_zone); both set or neither.
    # An e-mail due in them waits and goes out once when they end (notifications.quiet_hours).
    quiet_start = models.TimeField(null=True, blank=True)
    quiet_end = models.TimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Notification preferences of {self.member_id}"

    def delivery_for(self, kind: str) -> str:
        """How a notification of this kind reaches the member by e-mail."""
        if self.email_unsubscribed_at is not None:
            return self.Delivery.OFF
        fields: dict[str, str] = {
            Notification.Kind.REPLY: "replies",
            Notification.Kind.THREAD: "replies",
            Notification.Kind.QUOTE: "quotes",
            Notification.Kind.MENTION: "mentions",
        }
        field = fields.get(kind)
        # Moderation, care, membership and webinar notices are always e-mailed unless unsubscribed.
        return getattr(self, field) if field else self.Delivery.IMMEDIATELY


class ThreadMute(models.Model):
    """A member who wants no notifications about new posts in a thread.

    Community's follow model (the discussions branch) decides who follows a thread; muting
    is kept here so it works whatever the follow model looks like.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_mutes"
    )
    thread = models.ForeignKey("community.Thread", on_delete=models.CASCADE, related_name="mutes")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "thread"], name="thread_mute_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} muted thread {self.thread_id}"


class MemberMute(models.Model):
    """A member who does not want to be notified by what another member writes."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_mutes"
    )
    muted = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="muted_by"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "muted"], name="member_mute_unique"),
            models.CheckConstraint(
                condition=~models.Q(member=models.F("muted")), name="member_mute_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} muted {self.muted_id}"
