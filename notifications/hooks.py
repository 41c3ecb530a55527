"""How the apps above notifications take part in its inbox and e-mails (registered in
their AppConfig.ready(); docs/architecture.md lists who registers what).

- `email_preview` (`fn(notification) -> str | None`): the text an e-mail about this
  notification may carry besides its line, read when the e-mail is written (so an edit
  or a redaction since is honoured). Asked only for e-mails that are not discreet; the
  first answer that is not None wins. Conversations answers for private messages whose
  recipient opted in to previews.
- `notification_actions` (`fn(notification) -> (label, url) | None`): one more link
  beside a notification in the inbox. Asked for each notification shown, with no query
  of its own. Conversations answers "Reply" for the care team's messages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.hooks import Hook

email_preview: Hook[Callable[[Any], str | None]] = Hook("notifications.email_preview")
notification_actions: Hook[Callable[[Any], tuple[str, str] | None]] = Hook(
    "notifications.notification_actions"
)


def preview_for(notification: Any) -> str:
    """The preview text for this notification's e-mail, or "" (none)."""
    for preview in email_preview:
        text = preview(notification)
        if text is not None:
            return text
    return ""


def actions_for(notification: Any) -> list[tuple[str, str]]:
    """The extra links shown beside the notification in the inbox."""
    return [action for fn in notification_actions if (action := fn(notification)) is not None]
