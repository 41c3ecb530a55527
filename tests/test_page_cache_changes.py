"""Walks core.page_cache.CHANGES: each change that alters what a visitor sees is made by the
real service that makes it, inside a transaction. Nothing is bumped before the commit, and
after it exactly the scopes the change names have new versions (checked in Redis)."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import transaction

from accounts import avatars, closing, profiles
from community import services as community
from community.models import Group, Post, Thread
from core import page_cache
from moderation import services as moderation
from safety import services as safety
from tests.moderation.factories import make_group, make_post
from tests.webinars.conftest import create_webinar
from webinars import services as webinars
from webinars.models import Webinar

pytestmark = pytest.mark.django_db(transaction=True)

SITE, LISTS, READABLE = page_cache.SITE, page_cache.LISTS, page_cache.READABLE


@dataclass
class World:
    group: Group
    thread: Thread
    first: Post
    reply: Post
    webinar: Webinar
    author: object
    other: object
    moderator: object

    @property
    def t(self) -> str:
        return f"thread:{self.thread.pk}"

    @property
    def w(self) -> str:
        return f"webinar:{self.webinar.slug}"


@pytest.fixture
def world(member, other_member, moderator, staff):
    group = make_group("Transplants")
    first = make_post(author=member, group=group, text="Clinic days: call me on 555 0101.")
    reply = make_post(author=other_member, thread=first.thread, text="A notebook helps.")
    webinar = create_webinar(contact_member=staff)
    return World(group, first.thread, first, reply, webinar, member, other_member, moderator)


@dataclass
class Case:
    name: str
    changes: list[str]  # the CHANGES rows this service announces
    # Prepares the world (outside the snapshot) and returns the call and the scopes it must bump.
    prepare: Callable[[World], tuple[Callable[[], object], set[str]]]


def _renamed(w: World):
    w.author.display_name = "June B."
    return lambda: profiles.update_profile(member=w.author, changed=["display_name"]), {SITE}


def _group_changed(w: World):
    w.group.visibility = Group.Visibility.MEMBERS
    return lambda: moderation.save_group(group=w.group, by=w.moderator), {SITE}


def _webinar_changed(w: World):
    w.webinar.title = "Sleeping well, revised"
    return lambda: webinars.save_webinar(webinar=w.webinar, by=w.moderator), {w.w, LISTS}


def _approved(w: World):
    waiting = make_post(author=w.other, thread=w.thread, status=Post.Status.PENDING)
    return lambda: moderation.approve_post(post=waiting, by=w.moderator), {w.t, LISTS, READABLE}


def _restored(w: World):
    moderation.hide_post(post=w.reply, by=w.moderator, reason="Checking")
    return lambda: moderation.restore_post(post=w.reply, by=w.moderator), {w.t, LISTS, READABLE}


def _unlocked(w: World):
    moderation.lock_thread(thread=w.thread, by=w.moderator)
    return lambda: moderation.unlock_thread(thread=w.thread, by=w.moderator), {w.t, LISTS}


def _cancelled(w: World):
    webinars.register(webinar=w.webinar, member=w.author)
    return lambda: webinars.cancel_registration(webinar=w.webinar, member=w.author), {w.w}


def _moved(w: World):
    to = make_group("Caregivers")
    return lambda: moderation.move_thread(thread=w.thread, to_group=to, by=w.moderator), {
        w.t,
        LISTS,
    }


CASES = [
    Case("a reply is posted", ["post.published"], lambda w: (
        lambda: community.create_reply(thread=w.thread, author=w.other, body="Same here."),
        {w.t, LISTS})),
    Case("a waiting post is approved", ["post.restored"], _approved),
    Case("a hidden post is restored", ["post.restored"], _restored),
    Case("a moderator hides a post", ["post.hidden"], lambda w: (
        lambda: moderation.hide_post(post=w.reply, by=w.moderator, reason="Off topic"),
        {w.t, LISTS, READABLE})),
    Case("the author deletes a post", ["post.deleted"], lambda w: (
        lambda: community.delete_own_post(post=w.reply, member=w.other),
        {w.t, LISTS, READABLE})),
    Case("the author edits a reply", ["post.edited"], lambda w: (
        lambda: community.edit_post(post=w.reply, editor=w.other, body="A notebook, yes."),
        {w.t, LISTS})),
    Case("a moderator edits a post", ["post.edited"], lambda w: (
        lambda: moderation.edit_post(post=w.reply, by=w.moderator, body="Edited.", reason="x"),
        {w.t, LISTS})),
    Case("the author retitles the thread", ["post.edited", "thread.retitled"], lambda w: (
        lambda: community.edit_post(
            post=w.first, editor=w.author, body=w.first.body_markdown, title="Clinic mornings"
        ),
        {w.t, LISTS})),
    Case("a passage is redacted", ["post.redacted"], lambda w: (
        lambda: safety.redact_passage(post=w.first, by=w.author, passage="555 0101"),
        {w.t, LISTS})),
    Case("a clinician adds a note", ["post.annotated"], lambda w: (
        lambda: safety.add_clinical_note(post=w.reply, by=w.moderator, text="Ask your team."),
        {w.t, LISTS})),
    Case("a member reacts", ["reaction.toggled"], lambda w: (
        lambda: community.toggle_reaction(post=w.first, member=w.other, kind="helpful"),
        {w.t, LISTS})),
    Case("a moderator locks the thread", ["thread.locked"], lambda w: (
        lambda: moderation.lock_thread(thread=w.thread, by=w.moderator), {w.t, LISTS})),
    Case("a moderator unlocks the thread", ["thread.locked"], _unlocked),
    Case("a moderator pins the thread", ["thread.pinned"], lambda w: (
        lambda: moderation.pin_thread(thread=w.thread, by=w.moderator), {w.t, LISTS})),
    Case("a moderator moves the thread", ["thread.moved"], _moved),
    Case("staff make a group members-only", ["group.changed"], _group_changed),
    Case("a member changes their name", ["member.renamed"], _renamed),
    Case("a member changes their picture", ["member.pictured"], lambda w: (
        lambda: avatars.remove_picture(member=w.author), {SITE})),
    Case("a member closes their account", ["account.closed"], lambda w: (
        lambda: closing.close_account(member=w.other), {SITE})),
    Case("staff change a webinar", ["webinar.changed"], _webinar_changed),
    Case("a member registers for a webinar", ["webinar.registration"], lambda w: (
        lambda: webinars.register(webinar=w.webinar, member=w.author), {w.w})),
    Case("a member cancels a registration", ["webinar.registration"], _cancelled),
]  # fmt: skip


def all_scopes() -> list[str]:
    threads = [f"thread:{pk}" for pk in Thread.objects.values_list("pk", flat=True)]
    slugs = [f"webinar:{slug}" for slug in Webinar.objects.values_list("slug", flat=True)]
    return [SITE, LISTS, READABLE, *threads, *slugs]


def versions(scopes: list[str]) -> dict[str, object]:
    found = cache.get_many([page_cache._version_key(s) for s in scopes])
    return {s: found.get(page_cache._version_key(s)) for s in scopes}


def test_every_change_in_the_table_is_walked():
    assert {change for case in CASES for change in case.changes} == set(page_cache.CHANGES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_change_bumps_its_scopes_only_after_the_commit(world, case):
    call, expected = case.prepare(world)
    scopes = all_scopes()
    before = versions(scopes)

    with transaction.atomic():
        call()
        assert versions(scopes) == before, "bumped before the commit"

    after = versions(scopes)
    bumped = {scope for scope in scopes if after[scope] != before[scope]}
    assert bumped == expected
    ids = {"thread_id": world.thread.pk, "slug": world.webinar.slug, "group_id": world.group.pk}
    assert bumped == {s for c in case.changes for s in page_cache.scopes_for(c, **ids)}


def test_an_unknown_change_is_refused_at_once():
    with pytest.raises(KeyError, match="not in page_cache.CHANGES"):
        page_cache.changed("post.teleported", thread_id=1)
    with pytest.raises(KeyError):
        page_cache.changed("post.hidden")  # which thread?
