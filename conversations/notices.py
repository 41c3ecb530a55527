"""What conversations adds to notifications' inbox and e-mails (notifications.hooks,
registered in ConversationsConfig.ready()).

- A message e-mail says only "You have a new private message" unless its recipient opted
  in to previews in their message settings; then it carries the message's text as it is
  when the e-mail goes out (notifications never asks for discreet e-mails).
- The care team's private message in the inbox gets a "Reply" link that opens a
  conversation with the member of the team who wrote it.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext

from conversations.models import Message, MessageSettings
from core.markdown import html_to_text
from notifications.models import Notification


def message_preview(notification: Notification) -> str | None:
    """The message's text for a recipient who opted in to previews; "" for anyone else
    (nothing); None for notifications that are not about a private message."""
    if notification.kind != Notification.Kind.MESSAGE or not notification.key.startswith(
        "message:"
    ):
        return None
    recipient = notification.recipient
    if not MessageSettings.objects.filter(member=recipient, email_previews=True).exists():
        return ""
    message_id = notification.key.removeprefix("message:")
    message = (
        Message.objects.readable_by(recipient)
        .filter(pk=int(message_id), removed_at__isnull=True)
        .first()
        if message_id.isdigit()
        else None
    )
    return html_to_text(message.body_html) if message else ""


def care_reply_action(notification: Notification) -> tuple[str, str] | None:
    """ "Reply" beside the care team's message: it becomes a conversation with its writer."""
    if notification.kind != Notification.Kind.CARE or notification.actor_id is None:
        return None
    return gettext("Reply"), reverse(
        "conversations:care-reply", kwargs={"notification_id": notification.pk}
    )
