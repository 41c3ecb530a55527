"""What community lets higher apps add, registered in their AppConfig.ready().

Community sits below moderation, notifications and safety in the layers
(docs/architecture.md), yet each of them must take part when a member posts:

- posting_rules    moderation's rules: who may post, react or flag now, whether a new post
                   waits for a moderator, the new-member link and rate limits.
- post_created     (post_id=) inside the new post's transaction: notifications tells
                   followers, the quoted and the @mentioned members.
- post_edited      (post_id=, member_ids=) inside the edit's transaction, with the members
                   the edit newly @mentions.
- post_text_saved  (post=, text=) inside the transaction that writes a post's title or
                   body: safety marks crisis language for a caring look.
- crisis_language  safety's crisis phrases and resources, for the draft's calm panel.
- old_version_removed  (post=, thread=, by=, body_before=, html_before=, title_before=,
                   reason=) inside an edit's transaction when the editor chose "Remove the
                   old version everywhere": safety takes what the edit removed out of every
                   copy (history, quotes, search, notifications). May raise a DiscussionError
                   (e.g. safety's SafetyError) whose message is shown to the editor.
- thread_page      (threads, viewer) -> threads: annotations a thread page shows (e.g.
                   notifications' "Mute this thread" state), kept in the page's one query.
- search_sections  (query=, reader=) -> a community.search.SearchSection or None: more
                   results on /search/, above the posts (webinars' transcripts).

The functions below ask every registered rule, so community code reads as before:
`posting_refusal(user=...)` is None when nobody objects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from community.models import Post
from core.hooks import Hook

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from community.models import Thread


class PostingRules(Protocol):
    """What a posting rule answers (moderation.rules is one): a sentence for the member when
    they may not act, None when they may."""

    def posting_refusal(self, *, user: Any) -> str | None: ...

    def suspension_refusal(self, user: Any) -> str | None: ...

    def may_react_or_flag(self, *, user: Any) -> str | None: ...

    def link_limit_error(self, *, user: Any, body: str, html: str | None = None) -> str | None: ...

    def initial_post_status(self, *, author: Any) -> str: ...

    def count_new_post(self, *, user: Any) -> None: ...


class CrisisLanguage(Protocol):
    """Crisis phrases in a draft and the resources to show beside them (safety.crisis is one)."""

    def phrases_in(self, text: str) -> list[str]: ...

    def active_resources(self) -> list[Any]: ...


posting_rules: Hook[PostingRules] = Hook("community.posting_rules")
# Called with keyword arguments; what they return is ignored.
post_created: Hook[Callable[..., object]] = Hook("community.post_created")
post_edited: Hook[Callable[..., object]] = Hook("community.post_edited")
post_text_saved: Hook[Callable[..., object]] = Hook("community.post_text_saved")
old_version_removed: Hook[Callable[..., object]] = Hook("community.old_version_removed")
crisis_language: Hook[CrisisLanguage] = Hook("community.crisis_language")
thread_page: Hook[Callable[[QuerySet[Thread], Any], QuerySet[Thread]]] = Hook(
    "community.thread_page"
)
search_sections: Hook[Callable[..., Any]] = Hook("community.search_sections")


def _first(answers) -> str | None:
    return next((answer for answer in answers if answer), None)


def posting_refusal(*, user: Any) -> str | None:
    """Why `user` may not post right now; None when they may."""
    return _first(rules.posting_refusal(user=user) for rules in posting_rules)


def suspension_refusal(user: Any) -> str | None:
    """Why a suspended member may not reply, react or flag (with the date and reason)."""
    return _first(rules.suspension_refusal(user) for rules in posting_rules)


def may_react_or_flag(*, user: Any) -> str | None:
    """Why `user` may not react to or flag posts; None when they may."""
    return _first(rules.may_react_or_flag(user=user) for rules in posting_rules)


def link_limit_error(*, user: Any, body: str, html: str | None = None) -> str | None:
    """A message when the post holds more links than its author may post yet.

    `html`: the post already rendered, so the text is not rendered twice."""
    return _first(
        rules.link_limit_error(user=user, body=body, html=html) for rules in posting_rules
    )


def initial_post_status(*, author: Any) -> str:
    """Published, unless a rule holds the post for a moderator (the first such answer)."""
    for rules in posting_rules:
        status = rules.initial_post_status(author=author)
        if status != Post.Status.PUBLISHED:
            return status
    return Post.Status.PUBLISHED


def count_new_post(*, user: Any) -> None:
    """Tells every rule a new post was admitted (rate limits), before its text is rendered."""
    for rules in posting_rules:
        rules.count_new_post(user=user)


def crisis_phrases_in(text: str) -> list[str]:
    return [phrase for language in crisis_language for phrase in language.phrases_in(text)]


def crisis_resources() -> list[Any]:
    return [resource for language in crisis_language for resource in language.active_resources()]
