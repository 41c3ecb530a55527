"""Preview: a post as it will look, before anything is published.

The text goes through the same pipeline as publishing (community.services.render_body:
Markdown, sanitising, @mentions), so what the member sees is what others will see. Nothing
is saved here; the views keep the member's text as a draft (community.drafts).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from community.forms import BODY_MAX_LENGTH
from community.services import render_body
from core.markdown import shape_problem
from core.text_limits import length_of, too_long_message

NOTHING_TO_PREVIEW = _(
    "There is nothing to preview yet: write your post in the box below, then press Preview."
)


@dataclass(frozen=True)
class Preview:
    html: str = ""  # sanitised HTML, exactly as publishing would store it
    title: str = ""  # plain text; the template escapes it
    problem: str = ""  # why there is nothing to show, in plain words


def preview_post(*, body: str, title: str = "") -> Preview:
    """The rendered post, or a clear message when there is nothing (or too much) to show."""
    title = " ".join(title.split())
    if not body.strip():
        return Preview(title=title, problem=str(NOTHING_TO_PREVIEW))
    length = length_of(body)
    if length > BODY_MAX_LENGTH:
        return Preview(
            title=title,
            problem=too_long_message(noun=gettext("post"), length=length, limit=BODY_MAX_LENGTH),
        )
    problem = shape_problem(body)
    if problem:
        return Preview(title=title, problem=problem)
    html, _ = render_body(body)
    return Preview(html=html, title=title)
