"""One definition per role (accounts.roles), and the same answer in views, header and querysets."""

import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from accounts import roles
from accounts.models import User
from community import services
from community.models import Group, Post
from core.next_url import safe_next_url
from moderation import services as moderation
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _moderate_permission() -> Permission:
    return Permission.objects.get(content_type__app_label="moderation", codename="moderate")


@pytest.fixture
def hidden_reply(member, moderator):
    group = Group.objects.create(name="Transplants", slug="transplants")
    thread = services.create_thread(group=group, author=member, title="Home", body="Hello")
    reply = services.create_reply(thread=thread, author=member, body="Private words here")
    moderation.hide_post(post=reply, by=moderator, reason="Personal details")
    return reply


def test_a_moderators_group_member_without_the_permission_is_no_moderator(
    client, other_member, hidden_reply
):
    empty, _ = AuthGroup.objects.get_or_create(name=roles.MODERATORS_GROUP)
    empty.permissions.clear()
    other_member.groups.add(empty)
    client.force_login(other_member)

    assert client.get("/moderation/").status_code == 403
    page = client.get(hidden_reply.thread.get_absolute_url()).content.decode()
    assert "Private words here" not in page
    assert 'href="/moderation/"' not in page
    assert not Post.objects.readable_by(other_member).filter(pk=hidden_reply.pk).exists()


def test_a_member_given_the_permission_directly_moderates_with_the_header_link(
    client, other_member, hidden_reply
):
    other_member.user_permissions.add(_moderate_permission())
    client.force_login(other_member)

    assert client.get("/moderation/").status_code == 200
    page = client.get(hidden_reply.thread.get_absolute_url()).content.decode()
    assert "Private words here" in page
    assert 'href="/moderation/"' in page
    profile = client.get(f"/u/{other_member.handle}/").content.decode()
    assert "badge--moderator" in profile


def test_superusers_moderate_and_closed_accounts_do_not(admin_user, moderator):
    assert roles.is_moderator(admin_user)
    moderator.is_active = False
    moderator.save()
    assert not roles.is_moderator(User.objects.get(pk=moderator.pk))


def test_clinical_reviewers_are_permission_holders_or_moderators(client, member, moderator):
    permission = Permission.objects.get(codename="review_clinical")
    clinician = MemberFactory(handle="clinician")
    clinician.user_permissions.add(permission)
    assert roles.is_clinical_reviewer(clinician)
    assert roles.is_clinical_reviewer(moderator)
    assert not roles.is_clinical_reviewer(member)
    client.force_login(member)
    assert client.get("/moderation/clinical/").status_code == 403
    client.force_login(clinician)
    assert client.get("/moderation/clinical/").status_code == 200


def test_a_role_is_asked_of_the_database_once_per_request(moderator):
    user = User.objects.get(pk=moderator.pk)
    assert roles.is_moderator(user)
    with CaptureQueriesContext(connection) as queries:
        assert roles.is_moderator(user)
        assert roles.is_clinical_reviewer(user)
    assert len(queries) == 0


def test_the_mentors_link_follows_the_mentor_role(client, member):
    client.force_login(member)
    assert 'href="/mentors/"' not in client.get("/").content.decode()
    member.is_mentor = True
    member.save()
    assert 'href="/mentors/"' in client.get("/").content.decode()


def test_role_required_sends_visitors_to_log_in_and_refuses_members(client, member):
    assert client.get("/staff/insights/")["Location"].startswith("/accounts/login/")
    client.force_login(member)
    response = client.get("/staff/insights/")
    assert response.status_code == 403
    assert "Insights are for staff." in response.content.decode()


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/groups/", "/groups/"),
        ("https://evil.example/steal", "/fallback/"),
        ("//evil.example/", "/fallback/"),
        ("javascript:alert(1)", "/fallback/"),
        ("", "/fallback/"),
    ],
)
def test_only_addresses_on_this_site_are_followed(target, expected):
    request = RequestFactory().get("/", {"next": target})
    assert safe_next_url(request, "/fallback/") == expected
