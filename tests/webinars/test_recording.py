import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.models import Membership
from tests.factories import MemberFactory
from tests.webinars.conftest import grant_premium
from webinars.models import Webinar
from webinars.querysets import may_see_recording

PLAYER = 'src="https://www.youtube-nocookie.com/embed/abcDEF12345"'
SLIDES = 'href="https://example.org/slides/eating-well.pdf"'
PREMIUM_PROMPT = "Available to premium members — request a trial"


def page_for(client, webinar, reader):
    if reader is not None:
        client.force_login(reader)
    return client.get(webinar.get_absolute_url()).content.decode()


@pytest.fixture
def readers(db, member, premium_member, trial_member, staff):
    expired = grant_premium(
        MemberFactory(handle="ex_premium"), kind=Membership.Kind.TRIAL, ended_days_ago=1
    )
    return {
        "visitor": None,
        "member": member,
        "premium member": premium_member,
        "trial member": trial_member,
        "member whose trial ended": expired,
        "staff": staff,
    }


@pytest.mark.parametrize(
    ("reader", "sees_it"),
    [
        ("visitor", False),
        ("member", False),
        ("premium member", True),
        ("trial member", True),
        ("member whose trial ended", False),
        ("staff", True),
    ],
)
def test_premium_recording_and_slides_are_shown_only_to_premium_members_and_staff(
    client, archived_webinar, readers, reader, sees_it
):
    html = page_for(client, archived_webinar, readers[reader])

    assert (PLAYER in html) is sees_it
    assert (SLIDES in html) is sees_it
    assert ("Link to the presentation slides" in html) is sees_it
    assert (PREMIUM_PROMPT in html) is not sees_it


def test_a_member_without_premium_can_request_a_trial_from_the_page(
    client, archived_webinar, member
):
    html = page_for(client, archived_webinar, member)

    assert '<form method="post" action="/accounts/premium/request-trial/"' in html
    assert f'name="next" value="{archived_webinar.get_absolute_url()}"' in html
    assert "Request a trial" in html
    assert "csrfmiddlewaretoken" in html


def test_a_visitor_is_asked_to_log_in_or_register_before_requesting_a_trial(
    client, archived_webinar
):
    html = page_for(client, archived_webinar, None)

    assert PREMIUM_PROMPT in html
    assert "/accounts/premium/request-trial/" not in html
    assert f'href="/accounts/login/?next=/webinars/{archived_webinar.slug}/">Log in</a>' in html


@pytest.mark.parametrize(("reader", "sees_it"), [("visitor", False), ("member", True)])
def test_a_members_only_recording_needs_a_log_in_but_not_premium(
    client, archived_webinar, readers, reader, sees_it
):
    Webinar.objects.filter(pk=archived_webinar.pk).update(
        audience=Webinar.Audience.MEMBERS, slides_audience=Webinar.Audience.MEMBERS
    )

    html = page_for(client, archived_webinar, readers[reader])

    assert (PLAYER in html) is sees_it
    assert ("Available to members" in html) is not sees_it
    assert PREMIUM_PROMPT not in html


def test_a_recording_for_everyone_is_shown_to_visitors(client, archived_webinar):
    Webinar.objects.filter(pk=archived_webinar.pk).update(
        audience=Webinar.Audience.EVERYONE, slides_audience=Webinar.Audience.EVERYONE
    )

    html = page_for(client, archived_webinar, None)

    assert PLAYER in html
    assert SLIDES in html


def test_an_inactive_account_is_treated_as_a_visitor(archived_webinar, premium_member):
    premium_member.is_active = False

    assert not may_see_recording(archived_webinar, premium_member)
    assert not may_see_recording(archived_webinar, AnonymousUser())


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://vimeo.com/123456", 'src="https://player.vimeo.com/video/123456"'),
        (
            "https://youtu.be/abcDEF12345",
            'src="https://www.youtube-nocookie.com/embed/abcDEF12345"',
        ),
        ("https://example.org/files/talk.mp4", '<video class="webinar-recording-video" controls'),
        ("https://example.org/recordings/talk", ">Watch the recording</a>"),
    ],
)
def test_the_recording_is_embedded_when_possible_and_linked_otherwise(
    client, archived_webinar, staff, url, shown
):
    Webinar.objects.filter(pk=archived_webinar.pk).update(recording_url=url)

    html = page_for(client, archived_webinar, staff)

    assert shown in html


def test_an_archived_webinar_without_a_recording_says_it_is_coming(client, make_webinar):
    webinar = make_webinar(starts_in=-datetime.timedelta(days=1))

    html = client.get(webinar.get_absolute_url()).content.decode()

    assert "The recording is not posted yet." in html
