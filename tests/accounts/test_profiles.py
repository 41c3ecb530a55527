import pytest

from accounts.models import Membership, site_today
from core.dates import format_day

pytestmark = pytest.mark.django_db


def test_a_profile_shows_name_handle_bio_join_date_and_post_count(client, member):
    member.bio = "Caregiver for my mum."
    member.save()

    page = client.get("/u/june/").content.decode()

    assert "<h1>June</h1>" in page
    assert "@june" in page
    assert "Caregiver for my mum." in page
    assert format_day(member.date_joined) in page
    assert "<dt>Posts</dt><dd>0</dd>" in page


def test_a_profile_address_in_another_case_redirects_to_the_real_one(client, member):
    response = client.get("/u/JUNE/")

    assert response.status_code == 301
    assert response["Location"] == "/u/june/"


def test_an_unknown_handle_is_a_friendly_404(client, db):
    response = client.get("/u/nobody_here/")

    assert response.status_code == 404
    assert b"We could not find that page" in response.content


def test_a_hidden_profile_is_404_for_visitors_and_visible_to_members(client, member, other_member):
    member.hide_profile_from_visitors = True
    member.save()

    assert client.get("/u/june/").status_code == 404
    client.force_login(other_member)
    assert client.get("/u/june/").status_code == 200


def test_role_badges_show_staff_moderator_mentor_and_premium(client, moderator, member):
    moderator.is_staff = True
    moderator.is_mentor = True
    moderator.save()
    Membership.objects.create(
        member=moderator, kind=Membership.Kind.TRIAL, starts_on=site_today(), ends_on=site_today()
    )

    page = client.get("/u/rosa/").content.decode()
    plain = client.get("/u/june/").content.decode()

    for badge in ["Staff", "Moderator", "Mentor", "Premium"]:
        assert f'class="badge badge--{badge.lower()}">{badge}<' in page
        assert f"badge--{badge.lower()}" not in plain

    # In Spanish the words change and the badge's look (its class) does not.
    spanish = client.get("/u/rosa/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'class="badge badge--staff">Personal<' in spanish
    assert 'class="badge badge--moderator">Moderador<' in spanish


def test_a_member_edits_their_own_profile(member_client, member):
    response = member_client.post(
        "/accounts/profile/",
        {
            "display_name": "June B.",
            "bio": "Hello from Minnesota.",
            "time_zone": "America/New_York",
            "hide_profile_from_visitors": "on",
        },
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "June B."
    assert member.time_zone == "America/New_York"
    assert member.hide_profile_from_visitors


def test_an_unknown_time_zone_is_refused_and_the_bio_is_kept(member_client, member):
    response = member_client.post(
        "/accounts/profile/", {"display_name": "June", "bio": "Draft bio", "time_zone": "Mars/Base"}
    )

    assert response.status_code == 200
    assert b"Draft bio" in response.content
    assert b"errorlist" in response.content
    member.refresh_from_db()
    assert member.time_zone == "America/Chicago"


def test_editing_a_profile_needs_a_login(client, db):
    response = client.get("/accounts/profile/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
