"""{% load moderation %}: `{{ post.hidden_reason|hidden_reason }}` shows a hidden post's
reason in the reader's language when the site wrote it (moderation.reasons)."""

from django import template

from moderation import reasons

register = template.Library()


@register.filter
def hidden_reason(reason: str) -> str:
    return reasons.shown(reason or "")
