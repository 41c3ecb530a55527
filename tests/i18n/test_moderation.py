"""Moderation's pages in the reader's language: a member's flag form and standing page, the
moderators' queue, review, edit and member pages, staff's log (issue 19).

Each page is rendered in the pseudo-language (tests/i18n/harness.py): everything a Spanish
moderator or member would read must have come through the catalogue, and have Spanish.
"""

import pytest

from community.models import Post
from tests.i18n.catalogue import catalogue_problems
from tests.i18n.harness import Page
from tests.i18n.scoped import own_problems


def _flaggable(demo) -> Post:
    """A published post june_b (the "member" reader) did not write."""
    return (
        Post.objects.filter(status=Post.Status.PUBLISHED, deleted_at__isnull=True)
        .exclude(author__handle="june_b")
        .exclude(flags__flagger__handle="june_b")
        .order_by("pk")
        .first()
    )


def _flagged(demo) -> Post:
    """The demo's post in the queue with flags on it (moderation/demo.py)."""
    return Post.objects.filter(flags__isnull=False).order_by("pk").first()


PAGES = [
    Page("member", "moderation:flag-post", lambda demo: [_flaggable(demo).pk], name="flag"),
    Page(
        "member",
        "moderation:flag-post",
        lambda demo: [_flaggable(demo).pk],
        post={"reason": "other", "note": ""},
        name="flag-without-note",
    ),
    Page("member", "moderation:standing"),
    Page("moderator", "moderation:queue"),
    Page("moderator", "moderation:post-review", lambda demo: [_flagged(demo).pk], name="review"),
    Page("moderator", "moderation:post-edit", lambda demo: [_flagged(demo).pk], name="edit"),
    Page("moderator", "moderation:member", lambda demo: [demo.member.handle]),
    Page(
        "moderator",
        "moderation:member-suspend",
        lambda demo: [demo.member.handle],
        post={"until": "yesterday", "reason": ""},
        status=400,
        name="suspend-with-errors",
    ),
    Page("staff", "moderation:log"),
    Page("staff", "/moderation/log/?action=post.hide", name="log-filtered-empty"),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_moderation_page_is_all_in_the_catalogue(i18n, page):
    assert own_problems(i18n, page) == []


def test_moderations_strings_have_spanish():
    problems = catalogue_problems(("moderation/", "templates/moderation/", "templates/admin/"))
    assert problems == [], "\n".join(problems)
