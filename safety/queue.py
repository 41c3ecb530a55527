"""What safety adds to the moderation queue (moderation.hooks), registered by
SafetyConfig.ready(): a post that used crisis language (an open CareMark) waits first, the
phrases that matched stand beside it, and the "reach out privately" form has kind default
words."""

from typing import Any

from django.db.models import Exists, OuterRef, Subquery

from safety.models import CareMark
from safety.services import REACH_OUT_DEFAULT, REACH_OUT_MAX_LENGTH


def _open_care():
    return CareMark.objects.filter(post=OuterRef("pk"), closed_at__isnull=True)


def needs_care() -> Exists:
    """The post has an open CareMark: it waits in the queue whatever its status, first."""
    return Exists(_open_care())


def care_annotations() -> dict[str, Any]:
    """ "Needs a caring look": the open CareMark and the phrases that matched."""
    open_care = _open_care()
    return {
        "care_mark_id": Subquery(open_care.values("pk")[:1]),
        "care_phrases": Subquery(open_care.values("phrases")[:1]),
    }


def reach_out_form_context() -> dict[str, Any]:
    """The kind default words of the "reach out privately" form."""
    return {"care_message": REACH_OUT_DEFAULT, "care_max_length": REACH_OUT_MAX_LENGTH}
