"""Demo: a private conversation between sam_k and june_b. Safe to run again."""

from django.test import override_settings

from conversations import services
from conversations.models import Conversation

TITLE = "Thank you for Tuesday"
MESSAGES = [
    ("sam_k", "Thank you for sitting with me in the waiting room on Tuesday. It helped."),
    ("june_b", "I was glad to. How did the appointment go in the end?"),
    ("sam_k", "Better than I feared. They want to **wait and see** for three months."),
]


def load(members: dict) -> None:
    if Conversation.objects.filter(title=TITLE).exists():
        return
    if not {"sam_k", "june_b"} <= set(members):
        return
    rules = {
        "CONVERSATIONS_MIN_DAYS": 0,
        "CONVERSATIONS_MIN_APPROVED_POSTS": 0,
        "CONVERSATIONS_MESSAGES_PER_HOUR": 1_000_000,
    }
    with override_settings(**rules):
        (first_author, first_body), *rest = MESSAGES
        conversation = services.start_conversation(
            starter=members[first_author],
            recipients=[members["june_b"]],
            title=TITLE,
            body=first_body,
        )
        for handle, body in rest:
            services.send_message(author=members[handle], conversation=conversation, body=body)
