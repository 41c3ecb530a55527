"""The one reason the site writes by itself: a post hidden because several members flagged it.

It is stored in English in the post's hidden_reason and the audit row (it also tells a hide
by flags apart from a moderator's), and shown in the reader's language through `shown()`.
A moderator's own reason is their words and is shown as written.
"""

from django.utils.translation import gettext, gettext_noop

AUTO_HIDE_REASON = gettext_noop(
    "Several members flagged this post. It is hidden until a moderator looks at it."
)


def shown(reason: str) -> str:
    """A hidden post's reason as its reader should see it: the site's own one translated."""
    return gettext(reason) if reason == AUTO_HIDE_REASON else reason
