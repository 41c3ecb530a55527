"""Who may read which conversation: its current participants, nobody else.

Moderators and staff read nothing of a conversation they are not in (reported messages
will reach the moderation queue on their own). Every view fetches through
`readable_by(user)` (core.readable.get_readable_or_404), so a non-participant gets the
same 404 as for a conversation that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models


def _current_places(user: Any) -> models.QuerySet:
    participant = apps.get_model("conversations", "Participant")
    return participant.objects.filter(member=user, left_at__isnull=True)


class ConversationQuerySet(models.QuerySet):
    def readable_by(self, user: Any) -> ConversationQuerySet:
        """Conversations `user` takes part in now (not those they left)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Exists(_current_places(user).filter(conversation=models.OuterRef("pk")))
        )


class MessageQuerySet(models.QuerySet):
    def readable_by(self, user: Any) -> MessageQuerySet:
        """Messages of the conversations `user` takes part in now."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Exists(
                _current_places(user).filter(conversation=models.OuterRef("conversation"))
            )
        )
