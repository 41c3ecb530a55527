"""What moderation lets higher apps add, registered in their AppConfig.ready().

Moderation sits below safety in the layers (docs/architecture.md), yet the queue must put
a post that used crisis language first and show its phrases, and a misinformation flag
must reach the clinical reviewers. Safety registers here:

- misinformation_flagged  (post_id=) inside the transaction of a flag for medical
                          misinformation (queue the work: core.background.after_commit).
- urgent_in_queue         () -> a boolean expression on a post (e.g. Exists(open CareMark
                          with post=OuterRef("pk"))): such posts wait in the queue whatever
                          their status, first of all (`needs_care`).
- review_annotations      () -> {name: expression}: what each post under review shows
                          beside it (e.g. `care_mark_id`, `care_phrases`).
- review_context          () -> {name: value}: template context of the queue and post pages
                          (e.g. the "reach out privately" form's default words).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.hooks import Hook

misinformation_flagged: Hook[Callable[..., object]] = Hook("moderation.misinformation_flagged")
urgent_in_queue: Hook[Callable[[], Any]] = Hook("moderation.urgent_in_queue")
review_annotations: Hook[Callable[[], dict[str, Any]]] = Hook("moderation.review_annotations")
review_context: Hook[Callable[[], dict[str, Any]]] = Hook("moderation.review_context")
