import datetime

from tests.factories import MemberFactory
from webinars.models import Registration


def registered(webinar, member) -> bool:
    return Registration.objects.filter(
        webinar=webinar, member=member, cancelled_at__isnull=True
    ).exists()


def test_a_member_registers_and_the_page_says_so(member_client, member, make_webinar):
    webinar = make_webinar()

    response = member_client.post(f"/webinars/{webinar.slug}/register/", follow=True)

    assert registered(webinar, member)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == webinar.get_absolute_url()
    assert "You're registered" in html
    assert "Cancel my registration" in html


def test_registering_twice_keeps_one_registration(member_client, member, make_webinar):
    webinar = make_webinar()

    member_client.post(f"/webinars/{webinar.slug}/register/")
    member_client.post(f"/webinars/{webinar.slug}/register/")

    assert Registration.objects.filter(webinar=webinar, member=member).count() == 1


def test_a_member_cancels_and_can_register_again(member_client, member, make_webinar):
    webinar = make_webinar()
    member_client.post(f"/webinars/{webinar.slug}/register/")

    response = member_client.post(f"/webinars/{webinar.slug}/cancel/", follow=True)

    assert not registered(webinar, member)
    html = response.content.decode()
    assert "Your registration is cancelled" in html
    assert ">Register</button>" in html

    member_client.post(f"/webinars/{webinar.slug}/register/")
    assert registered(webinar, member)
    assert Registration.objects.filter(webinar=webinar, member=member).count() == 1


def test_the_join_link_is_shown_only_to_registered_members(member_client, make_webinar):
    webinar = make_webinar(
        join_url="https://example.org/join/rest", starts_in=datetime.timedelta(minutes=10)
    )

    before = member_client.get(webinar.get_absolute_url()).content.decode()
    member_client.post(f"/webinars/{webinar.slug}/register/")
    after = member_client.get(webinar.get_absolute_url()).content.decode()

    assert "https://example.org/join/rest" not in before
    assert "https://example.org/join/rest" in after


def test_a_visitor_is_asked_to_log_in_to_register(client, make_webinar):
    webinar = make_webinar()

    html = client.get(webinar.get_absolute_url()).content.decode()
    response = client.post(f"/webinars/{webinar.slug}/register/")

    assert "Registration is free for members." in html
    assert ">Register</button>" not in html
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/webinars/{webinar.slug}/"
    assert not Registration.objects.exists()


def test_registration_closes_with_a_clear_message_when_the_webinar_is_full(
    member_client, member, make_webinar, register_members
):
    webinar = make_webinar(capacity=2)
    register_members(webinar, 2)

    page = member_client.get(webinar.get_absolute_url()).content.decode()
    response = member_client.post(f"/webinars/{webinar.slug}/register/", follow=True)

    assert "This webinar is full, so registration has closed." in page
    assert ">Register</button>" not in page
    assert "This webinar is full, so registration has closed." in response.content.decode()
    assert not registered(webinar, member)


def test_a_cancelled_place_opens_again_for_someone_else(
    member_client, member, make_webinar, register_members
):
    webinar = make_webinar(capacity=1)
    [first] = register_members(webinar, 1)
    Registration.objects.filter(member=first).update(cancelled_at=webinar.created_at)

    member_client.post(f"/webinars/{webinar.slug}/register/")

    assert registered(webinar, member)


def test_nobody_registers_for_a_webinar_that_has_started(member_client, member, make_webinar):
    webinar = make_webinar(starts_in=-datetime.timedelta(minutes=10))

    page = member_client.get(webinar.get_absolute_url()).content.decode()
    response = member_client.post(f"/webinars/{webinar.slug}/register/", follow=True)

    assert "Live now" in page
    assert ">Register</button>" not in page
    assert "this webinar has already started" in response.content.decode()
    assert not registered(webinar, member)


def test_registering_needs_a_post(member_client, make_webinar):
    webinar = make_webinar()

    assert member_client.get(f"/webinars/{webinar.slug}/register/").status_code == 405


def test_staff_see_the_registrant_list_and_members_do_not(
    client, staff, member, make_webinar, register_members
):
    webinar = make_webinar()
    register_members(webinar, 2, display_name="Listed")
    cancelled = MemberFactory(handle="gone_away")
    Registration.objects.create(webinar=webinar, member=cancelled, cancelled_at=webinar.created_at)

    client.force_login(staff)
    staff_html = client.get(webinar.get_absolute_url()).content.decode()
    client.force_login(member)
    member_html = client.get(webinar.get_absolute_url()).content.decode()

    assert "Registrants (2)" in staff_html
    assert "@gone_away" not in staff_html
    assert "Registrants" not in member_html
