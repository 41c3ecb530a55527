"""Private messages in "Download my data" and in closing an account (accounts.hooks).

The export holds the member's own messages and the titles of their conversations, never
other members' words. Closing removes the text of every message they wrote (others see
"Message removed by a former member") and ends their place in every conversation.
"""

from django.utils import timezone

from accounts.models import User
from conversations.models import (
    Block,
    Conversation,
    Message,
    MessageRevision,
    MessageSettings,
    Participant,
)


def export_conversations(member: User) -> list[dict]:
    conversations = Conversation.objects.filter(participants__member=member).order_by("pk")
    own = Message.objects.filter(author=member, removed_at__isnull=True).order_by("created_at")
    by_conversation: dict[int, list[dict]] = {}
    for message in own:
        by_conversation.setdefault(message.conversation_id, []).append(
            {
                "written_at": message.created_at.isoformat(),
                "edited_at": message.edited_at.isoformat() if message.edited_at else None,
                "text": message.body_markdown,
            }
        )
    return [
        {
            "conversation": conversation.pk,
            "title": conversation.title,
            "started_at": conversation.created_at.isoformat(),
            "your_messages": by_conversation.get(conversation.pk, []),
        }
        for conversation in conversations
    ]


def export_blocks(member: User) -> dict:
    return {
        "members_you_blocked": list(
            Block.objects.filter(blocker=member)
            .order_by("pk")
            .values_list("blocked__handle", flat=True)
        ),
        "only_members_you_talked_with": MessageSettings.objects.filter(
            member=member, only_known_members=True
        ).exists(),
        "message_text_in_emails": MessageSettings.objects.filter(
            member=member, email_previews=True
        ).exists(),
    }


def erase(member: User) -> None:
    """Inside the closing transaction: the text of the member's messages goes, and so does
    their place in every conversation, their blocks and their settings."""
    now = timezone.now()
    Message.objects.filter(author=member).update(
        body_markdown="", body_html="", removed_at=now, submission_token=None
    )
    # Their words leave their earlier versions and the quotes of them in others' replies.
    MessageRevision.objects.filter(message__author=member).delete()
    Message.objects.filter(reply_to__author=member).update(quote_excerpt="")
    Participant.objects.filter(member=member, left_at__isnull=True).update(left_at=now)
    Block.objects.filter(blocker=member).delete()
    Block.objects.filter(blocked=member).delete()
    MessageSettings.objects.filter(member=member).delete()
