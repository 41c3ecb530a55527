"""Discussions, the mentors' queue and the staff insights, read in the pseudo-language by a
visitor, a member, the author of a post, a mentor, a moderator and staff: every word comes
from the catalogue, and the catalogue has Spanish for each of them (issue 19)."""

import pytest

from tests.i18n.catalogue import catalogue_problems
from tests.i18n.harness import Page


def _thread(demo):
    return demo.thread.get_absolute_url()


def _reply(demo):
    return f"{demo.thread.get_absolute_url()}reply/"


def _new_thread(demo):
    return f"/groups/{demo.group.slug}/new/"


def _post(action):
    return lambda demo: f"/p/{demo.post.pk}/{action}/"


PAGES = [
    Page("visitor", "/groups/"),
    Page("visitor", lambda demo: demo.group.get_absolute_url(), name="group"),
    Page("visitor", _thread, name="thread"),
    Page("visitor", lambda demo: f"{_thread(demo)}?page=2", name="thread-page-2"),
    Page("visitor", "/search/?q=tired", name="search"),
    Page("visitor", "/search/", name="search-empty"),
    Page("visitor", "/search/?q=zzzqqq", name="search-nothing"),
    Page(
        "visitor",
        "/search/?q=" + "+".join(["home"] * 14),
        name="search-shortened",
    ),
    Page("member", "/groups/"),
    Page("member", lambda demo: demo.group.get_absolute_url(), name="group"),
    Page("member", _thread, name="thread"),
    Page("member", lambda demo: f"{_thread(demo)}?page=2", name="thread-page-2"),
    Page(
        "member",
        lambda demo: f"{_thread(demo)}?reply_to={demo.post.pk}",
        name="thread-quoting",
    ),
    Page("member", _new_thread, name="new-thread"),
    Page(
        "member",
        _new_thread,
        post={"title": "Hi", "body": ""},
        name="new-thread-errors",
    ),
    Page(
        "member",
        _new_thread,
        post={"title": "A question", "body": "Call me on 312-555-0199 **please**"},
        name="new-thread-contact",
    ),
    Page(
        "member",
        _new_thread,
        post={"title": "A question about home", "body": "What *helped* you?", "preview": "1"},
        name="new-thread-preview",
    ),
    Page(
        "member",
        _reply,
        post=lambda demo: {"body": "Thank you", "preview": "1", "reply_to": demo.post.pk},
        name="reply-preview",
    ),
    Page("member", _reply, post={"body": ""}, name="reply-errors"),
    Page("member", "/search/?q=tired", name="search"),
    Page("sam_k", _post("edit"), name="edit"),
    Page("sam_k", _post("edit"), post={"body": "", "title": "x"}, name="edit-errors"),
    Page("sam_k", _post("delete"), name="delete"),
    Page("sam_k", _post("history"), name="history"),
    Page("mentor", "/mentors/"),
    Page("moderator", _thread, name="thread"),
    Page("moderator", _post("history"), name="history"),
    Page("staff", _thread, name="thread"),
    Page("staff", "/staff/insights/"),
    Page("staff", "/staff/insights/?period=range&start=2026-03-05&end=2026-03-01", name="bad"),
]


# What the reader typed, shown back to them (a preview, a kept form, the search box): theirs,
# not the interface's.
TYPED = {
    "new-thread-preview": ["What", "helped", "you?"],
    "new-thread-contact": ["Call me on 312-555-0199 **please**"],
    "search-shortened": ["home"],
}


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_is_all_in_the_catalogue(i18n, page):
    if page.reader == "sam_k":
        assert i18n.demo.post.author.handle == "sam_k"  # the author's own pages
    i18n.extra_allowed = TYPED.get(page.name, [])
    assert i18n.problems(page) == []


def test_my_files_strings_have_spanish():
    problems = catalogue_problems(
        (
            "community/",
            "templates/community/",
            "mentors/",
            "templates/mentors/",
            "insights/",
            "templates/insights/",
        )
    )
    assert problems == [], "\n".join(problems)
