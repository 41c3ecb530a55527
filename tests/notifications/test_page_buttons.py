"""The buttons other pages offer: settings from the account page, mute on threads and
profiles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community import services as community
from community.models import Group
from notifications.models import MemberMute, ThreadMute

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(db, other_member):
    group = Group.objects.create(name="Caregivers", slug="caregivers")
    return community.create_thread(
        group=group, author=other_member, title="Night care", body="How do you cope?"
    )


def test_the_account_page_links_to_the_notification_settings(member_client):
    page = member_client.get("/accounts/").content.decode()
    assert 'href="/notifications/settings/"' in page


def test_a_member_mutes_and_unmutes_a_thread_from_its_page(member_client, member, thread):
    url = thread.get_absolute_url()
    page = member_client.get(url).content.decode()
    assert f'action="/notifications/mute/thread/{thread.pk}/"' in page
    assert "Mute this thread" in page

    response = member_client.post(
        f"/notifications/mute/thread/{thread.pk}/", {"next": url}, follow=True
    )
    assert response.redirect_chain[-1][0] == url
    assert ThreadMute.objects.filter(member=member, thread=thread).exists()
    page = response.content.decode()
    assert "You will not be notified about “Night care”." in page
    assert f'action="/notifications/unmute/thread/{thread.pk}/"' in page
    assert "Unmute this thread" in page

    member_client.post(f"/notifications/unmute/thread/{thread.pk}/", {"next": url})
    assert not ThreadMute.objects.filter(member=member, thread=thread).exists()


def test_visitors_see_no_mute_button_on_a_thread(client, thread):
    assert "Mute this thread" not in client.get(thread.get_absolute_url()).content.decode()


def test_a_member_mutes_and_unmutes_another_member_from_their_profile(
    member_client, member, other_member
):
    url = f"/u/{other_member.handle}/"
    page = member_client.get(url).content.decode()
    assert f'action="/notifications/mute/member/{other_member.pk}/"' in page

    response = member_client.post(
        f"/notifications/mute/member/{other_member.pk}/", {"next": url}, follow=True
    )
    assert MemberMute.objects.filter(member=member, muted=other_member).exists()
    assert f"Unmute @{other_member.handle}" in response.content.decode()

    member_client.post(f"/notifications/unmute/member/{other_member.pk}/", {"next": url})
    assert not MemberMute.objects.filter(member=member, muted=other_member).exists()


def test_nobody_is_offered_to_mute_themselves(member_client, member):
    page = member_client.get(f"/u/{member.handle}/").content.decode()
    assert "/notifications/mute/member/" not in page


def test_the_mute_state_costs_the_thread_page_no_extra_query(
    member_client, member, thread, django_assert_num_queries
):
    url = thread.get_absolute_url()
    member_client.get(url)
    with CaptureQueriesContext(connection) as before:
        member_client.get(url)
    ThreadMute.objects.create(member=member, thread=thread)
    with django_assert_num_queries(len(before)):
        assert "Unmute this thread" in member_client.get(url).content.decode()
