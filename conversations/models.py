"""Private conversations between members: who takes part, what they wrote, who blocks whom.

Who may read a conversation is decided in conversations.querysets (current participants
only); every change of state is in conversations.services.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from conversations.querysets import ConversationQuerySet, MessageQuerySet


class Conversation(models.Model):
    """Two or more members writing to each other, away from the public threads."""

    title = models.CharField(max_length=160, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # The newest message's time: the list's order and the unread markers read it.
    last_message_at = models.DateTimeField(default=timezone.now)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-last_message_at", "-pk"]

    def __str__(self) -> str:
        return f"Conversation {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("conversations:detail", kwargs={"pk": self.pk})


class Participant(models.Model):
    """A member's place in a conversation; `left_at` set once they leave (or close their
    account): they read nothing of it any more."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conversation_places",
    )
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)
    last_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "member"], name="participant_once_per_conversation"
            ),
        ]
        indexes = [
            models.Index(
                fields=["member"],
                condition=models.Q(left_at__isnull=True),
                name="participant_current",
            ),
        ]

    def __str__(self) -> str:
        return f"Member {self.member_id} in conversation {self.conversation_id}"


class Message(models.Model):
    """One message; its Markdown is rendered and sanitised once, when it is saved."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="conversation_messages",
    )
    body_markdown = models.TextField()
    body_html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True)
    # The form's one-time token: a double click gives back the first message.
    submission_token = models.UUIDField(null=True, blank=True, editable=False)
    # Set when the text is removed (its author closed their account); the text is gone.
    removed_at = models.DateTimeField(null=True, blank=True)
    # A quote of an earlier message of the same conversation ("Jump to this post").
    reply_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="quoted_by"
    )
    quote_excerpt = models.TextField(blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_token"], name="message_unique_submission"
            ),
        ]
        indexes = [
            models.Index(fields=["conversation", "created_at"], name="message_in_conversation"),
        ]

    def __str__(self) -> str:
        return f"Message {self.pk} in conversation {self.conversation_id}"

    def get_absolute_url(self) -> str:
        """The permalink: redirects to the page of the conversation that holds it."""
        return reverse(
            "conversations:message",
            kwargs={"pk": self.conversation_id, "message_id": self.pk},
        )


class MessageRevision(models.Model):
    """The text a message had before one edit (as community.PostRevision for posts); only
    its author reads it."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="revisions")
    body_markdown = models.TextField()
    body_html = models.TextField()
    # When this version was written (the message's creation or the previous edit).
    written_at = models.DateTimeField()
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["message", "-replaced_at"]

    def __str__(self) -> str:
        return f"Revision of message {self.message_id}"


class Block(models.Model):
    """`blocker` no longer hears from `blocked`: no new conversation, no message, no notice."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(
                condition=~models.Q(blocker=models.F("blocked")), name="block_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class MessageReport(models.Model):
    """A participant asks the moderators to look at one message; moderators read that
    message and nothing else of the conversation (conversations.reports)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_reports"
    )
    reason = models.CharField(max_length=500)
    # The neighbouring messages the reporter chose to show too (at most two either side).
    included = models.ManyToManyField(Message, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["message", "reporter"], name="report_once"),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(closed_at__isnull=True),
                name="report_open",
            ),
        ]

    def __str__(self) -> str:
        return f"Report {self.pk} of message {self.message_id}"


class MessageSettings(models.Model):
    """A member's choices about private messages. No row means the defaults."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_settings"
    )
    # Only members they have already talked with (and staff) may start a conversation.
    only_known_members = models.BooleanField(default=False)
    # Message e-mails carry the message's text (never when e-mails are discreet).
    email_previews = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Message settings of {self.member_id}"
