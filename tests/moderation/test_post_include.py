"""The include community's post template uses to show moderation state and the Flag link."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string

from community.models import Post
from tests.moderation.factories import make_post

pytestmark = pytest.mark.django_db


def render(post, viewer, can_moderate=False, can_flag=True) -> str:
    return render_to_string(
        "moderation/_post_moderation.html",
        {"post": post, "viewer": viewer, "can_moderate": can_moderate, "can_flag": can_flag},
    )


def test_other_members_get_a_flag_link_and_the_author_does_not(member, other_member):
    post = make_post(author=member)
    assert f"/p/{post.pk}/flag/" in render(post, other_member)
    assert "Flag" not in render(post, member)
    assert "Flag" not in render(post, AnonymousUser())


def test_a_member_the_view_may_not_let_flag_gets_no_flag_link(member, other_member):
    post = make_post(author=member)
    assert "Flag" not in render(post, other_member, can_flag=False)


def test_moderators_get_a_moderate_link(member, moderator):
    post = make_post(author=member)
    assert f"/moderation/posts/{post.pk}/" in render(post, moderator, can_moderate=True)
    assert "Moderate" not in render(post, member)


def test_the_author_and_moderators_see_why_a_post_was_hidden(member, other_member, moderator):
    post = make_post(author=member, status=Post.Status.HIDDEN)
    post.hidden_reason = "It shares an address."

    assert "It shares an address." in render(post, member)
    assert "It shares an address." in render(post, moderator, can_moderate=True)
    assert "It shares an address." not in render(post, other_member)


def test_the_author_sees_their_pending_post_marked(member):
    post = make_post(author=member, status=Post.Status.PENDING)
    assert "Waiting for a moderator" in render(post, member)
