"""Every moderation action: a member gets 403, a visitor logs in, a moderator succeeds and an
audit row is written in the same transaction."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import site_today
from community.models import Group, Post, PostRevision, Thread
from moderation import services
from moderation.models import AuditEntry, Flag
from tests.factories import MemberFactory
from tests.moderation.factories import counts, make_group, make_post

pytestmark = pytest.mark.django_db

A = AuditEntry.Action


def _post(status=Post.Status.PUBLISHED):
    author = MemberFactory()
    return make_post(author=author, thread=make_post(author=author).thread, status=status)


def _flagged_post():
    post = _post()
    Flag.objects.create(post=post, flagger=MemberFactory(), reason="spam")
    return post


def _thread(**fields):
    thread = make_post(author=MemberFactory()).thread
    Thread.objects.filter(pk=thread.pk).update(**fields)
    return thread


def _suspended_member():
    member = MemberFactory()
    services.suspend_member(
        member=member,
        by=MemberFactory(),
        until=timezone.now() + datetime.timedelta(days=3),
        reason="Cooling off.",
    )
    return member


def _next_week() -> str:
    return (site_today() + datetime.timedelta(days=7)).isoformat()


# name: (url name, makes the target, form data (or makes it), audit action)
ACTIONS = {
    "approve": ("post-approve", lambda: _post(Post.Status.PENDING), {}, A.POST_APPROVE),
    "hide": ("post-hide", _post, {"reason": "Please keep it kind."}, A.POST_HIDE),
    "restore": ("post-restore", lambda: _post(Post.Status.HIDDEN), {}, A.POST_RESTORE),
    "dismiss flags": ("post-dismiss-flags", _flagged_post, {}, A.FLAGS_DISMISS),
    "edit": ("post-edit", _post, {"body": "Kinder words.", "reason": "Tone"}, A.POST_EDIT),
    "lock": ("thread-lock", _thread, {}, A.THREAD_LOCK),
    "unlock": ("thread-unlock", lambda: _thread(is_locked=True), {}, A.THREAD_UNLOCK),
    "pin": ("thread-pin", _thread, {}, A.THREAD_PIN),
    "unpin": ("thread-unpin", lambda: _thread(is_pinned=True), {}, A.THREAD_UNPIN),
    "move": ("thread-move", _thread, lambda: {"group": make_group().pk}, A.THREAD_MOVE),
    "warn": ("member-warn", MemberFactory, {"message": "Please be kind."}, A.MEMBER_WARN),
    "suspend": (
        "member-suspend",
        MemberFactory,
        lambda: {"until": _next_week(), "reason": "Spam links."},
        A.MEMBER_SUSPEND,
    ),
    "lift": ("member-lift", _suspended_member, {}, A.MEMBER_LIFT),
}


@pytest.fixture(params=list(ACTIONS))
def action(request, db):
    url_name, make_target, data, audit_action = ACTIONS[request.param]
    target = make_target()
    arg = target.handle if url_name.startswith("member") else target.pk
    data = data() if callable(data) else data
    return reverse(f"moderation:{url_name}", args=[arg]), data, audit_action, target


def test_a_member_gets_403_and_nothing_changes(client, member, action):
    url, data, audit_action, _ = action
    client.force_login(member)

    response = client.post(url, data)

    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action=audit_action).exists()


def test_a_mentor_has_no_moderation_power(client, action):
    url, data, audit_action, _ = action
    client.force_login(MemberFactory(is_mentor=True))

    assert client.post(url, data).status_code == 403


def test_a_visitor_is_sent_to_log_in(client, action):
    url, data, _, _ = action

    response = client.post(url, data)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_moderator_succeeds_and_the_action_is_logged(client, moderator, action):
    url, data, audit_action, target = action
    client.force_login(moderator)

    response = client.post(url, data)

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=audit_action, actor=moderator)
    assert entry.target == target
    assert entry.reason == data.get("reason", data.get("message", ""))


def test_a_get_request_never_acts(client, moderator, action):
    url, _, audit_action, _ = action
    client.force_login(moderator)

    response = client.get(url)

    # The edit page is a form; every other action answers only POST.
    assert response.status_code == (200 if url.endswith("/edit/") else 405)
    assert not AuditEntry.objects.filter(action=audit_action).exists()


# --- What each action does ------------------------------------------------------------------


def test_approving_a_pending_post_publishes_it_and_counts_it(moderator):
    post = _post(Post.Status.PENDING)
    before = counts(post)

    services.approve_post(post=post, by=moderator)

    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED
    assert counts(post) == tuple(n + 1 for n in before)


def test_hiding_a_post_takes_it_out_of_the_counts_and_keeps_the_reason(moderator):
    post = _flagged_post()
    before = counts(post)

    services.hide_post(post=post, by=moderator, reason="Shares a phone number.")

    post.refresh_from_db()
    assert post.status == Post.Status.HIDDEN
    assert post.hidden_reason == "Shares a phone number."
    assert counts(post) == tuple(n - 1 for n in before)
    assert Flag.objects.get(post=post).outcome == Flag.Outcome.UPHELD


def test_hiding_a_pending_post_leaves_the_counts_alone(moderator):
    post = _post(Post.Status.PENDING)
    before = counts(post)

    services.hide_post(post=post, by=moderator, reason="Advertising.")

    assert counts(post) == before


def test_hiding_the_first_post_does_not_change_the_reply_count(moderator):
    first = make_post(author=MemberFactory())
    make_post(author=MemberFactory(), thread=first.thread)
    replies, group_posts, author_posts = counts(first)

    services.hide_post(post=first, by=moderator, reason="Off topic.")

    assert counts(first) == (replies, group_posts - 1, author_posts - 1)


def test_restoring_a_post_counts_it_again(moderator):
    post = _post()
    before = counts(post)
    services.hide_post(post=post, by=moderator, reason="Checking a claim.")

    services.restore_post(post=post, by=moderator)

    post.refresh_from_db()
    assert (post.status, post.hidden_reason) == (Post.Status.PUBLISHED, "")
    assert counts(post) == before


def test_an_action_twice_changes_the_counts_once(moderator):
    post = _post()
    before = counts(post)

    assert services.hide_post(post=post, by=moderator, reason="One.")
    services.restore_post(post=post, by=moderator)
    assert not services.restore_post(post=post, by=moderator)

    assert counts(post) == before
    assert AuditEntry.objects.filter(action=A.POST_RESTORE).count() == 1


def test_dismissing_flags_brings_back_a_post_hidden_by_flags(moderator, settings):
    settings.FLAGS_TO_HIDE = 1
    post = _post()
    before = counts(post)
    services.flag_post(post=post, by=MemberFactory(), reason="spam")
    post.refresh_from_db()
    assert post.status == Post.Status.HIDDEN

    services.dismiss_flags(post=post, by=moderator)

    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED
    assert counts(post) == before


def test_editing_keeps_the_previous_text_and_renders_the_new_one_safely(client, moderator):
    post = _post()
    client.force_login(moderator)

    client.post(
        reverse("moderation:post-edit", args=[post.pk]),
        {"body": "**Kinder** words <script>alert(1)</script>", "reason": "Removed a phone number"},
    )

    post.refresh_from_db()
    assert post.body_html.startswith("<p><strong>Kinder</strong> words")
    assert "<script>" not in post.body_html
    assert post.edited_at is not None
    revision = PostRevision.objects.get(post=post)
    assert revision.body_markdown == "A kind, ordinary post."
    assert (revision.edited_by, revision.reason) == (moderator, "Removed a phone number")


def test_an_edit_without_a_reason_keeps_the_moderators_text(client, moderator):
    post = _post()
    client.force_login(moderator)

    response = client.post(
        reverse("moderation:post-edit", args=[post.pk]), {"body": "New words", "reason": ""}
    )

    assert response.status_code == 200
    assert "Please give a reason for the edit." in response.content.decode()
    assert "New words" in response.content.decode()
    post.refresh_from_db()
    assert post.body_markdown == "A kind, ordinary post."


def test_hiding_needs_a_reason_for_the_author(client, moderator):
    post = _post()
    client.force_login(moderator)

    response = client.post(reverse("moderation:post-hide", args=[post.pk]), {"reason": " "})

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED
    assert not AuditEntry.objects.exists()


def test_moving_a_thread_moves_its_counts_between_groups(moderator):
    first = make_post(author=MemberFactory())
    thread = first.thread
    make_post(author=MemberFactory(), thread=thread)
    make_post(author=MemberFactory(), thread=thread, status=Post.Status.PENDING)
    old = Group.objects.get(pk=thread.group_id)
    new = make_group("Caregivers")

    services.move_thread(thread=thread, to_group=new, by=moderator, reason="Fits better there")

    old.refresh_from_db()
    new.refresh_from_db()
    thread.refresh_from_db()
    assert thread.group == new
    assert (old.thread_count, old.post_count) == (0, 0)
    assert (new.thread_count, new.post_count) == (1, 2)
    entry = AuditEntry.objects.get(action=A.THREAD_MOVE)
    assert entry.detail == {"from": old.name, "to": "Caregivers"}


def test_locking_and_pinning_change_the_thread(moderator):
    thread = _thread()
    services.lock_thread(thread=thread, by=moderator)
    services.pin_thread(thread=thread, by=moderator)
    thread.refresh_from_db()
    assert thread.is_locked and thread.is_pinned


def test_an_action_returns_to_the_page_it_came_from_on_this_site_only(client, moderator):
    thread = _thread()
    client.force_login(moderator)
    url = reverse("moderation:thread-lock", args=[thread.pk])

    assert client.post(url, {"next": "/moderation/?page=2"})["Location"] == "/moderation/?page=2"
    thread_2 = _thread()
    url_2 = reverse("moderation:thread-lock", args=[thread_2.pk])
    assert client.post(url_2, {"next": "https://evil.example/"})["Location"] == "/moderation/"


def test_a_restored_post_leaves_no_upheld_flag_on_its_authors_record(client, moderator):
    post = _flagged_post()
    services.hide_post(post=post, by=moderator, reason="Looks like spam.")
    services.restore_post(post=post, by=moderator, reason="It was a real question.")
    # Later another of the author's posts is flagged and waits in the queue.
    other = make_post(author=post.author, thread=post.thread)
    Flag.objects.create(post=other, flagger=MemberFactory(), reason="other")

    client.force_login(moderator)
    page = client.get(reverse("moderation:post-review", args=[other.pk])).content.decode()

    assert "0 hidden" in page
    assert "0 upheld flags" in page
    assert Flag.objects.get(post=post).outcome == Flag.Outcome.DISMISSED
    restore = AuditEntry.objects.get(action=A.POST_RESTORE)
    assert restore.detail == {"flags_overturned": 1}
