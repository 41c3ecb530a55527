import datetime

from django.template.loader import render_to_string

from accounts.models import Membership, TrialRequest, User, site_today
from accounts.querysets import badge_prefetches
from tests.factories import MemberFactory


def test_a_free_member_sees_free_membership_and_the_request_button(member_client):
    response = member_client.get("/accounts/")

    assert response.status_code == 200
    assert "Free membership" in response.text
    assert 'action="/accounts/premium/request-trial/"' in response.text
    assert "No premium membership yet" in response.text


def test_a_member_on_trial_sees_it_in_words_with_its_history(
    member_client, member, make_membership
):
    today = site_today()
    make_membership(
        member,
        starts_on=today - datetime.timedelta(days=200),
        ends_on=today - datetime.timedelta(days=140),
    )
    trial = make_membership(member, ends_on=today + datetime.timedelta(days=20))

    response = member_client.get("/accounts/")

    assert trial.description in response.text
    assert "Request a premium trial" not in response.text
    history = response.text.split('class="membership-history"')[1].split("</ul>")[0]
    assert history.count("<li>") == 2
    assert "Ended" in history and "Current" in history


def test_a_member_who_asked_sees_that_staff_will_answer(member_client, member):
    TrialRequest.objects.create(member=member)

    response = member_client.get("/accounts/")

    assert "You asked for a premium trial on" in response.text
    assert "Request a premium trial</button>" not in response.text


def test_the_account_page_links_email_password_profile_export_and_closing(member_client):
    text = member_client.get("/accounts/").text

    for href in (
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/profile/",
        "/accounts/export/",
        "/accounts/close/",
    ):
        assert f'href="{href}"' in text


def test_visitors_are_sent_to_log_in(client):
    response = client.get("/accounts/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_premium_badges_of_many_members_render_without_queries(
    db, make_membership, django_assert_num_queries
):
    for member in MemberFactory.create_batch(5):
        make_membership(member)
    members = list(User.objects.prefetch_related(*badge_prefetches()))

    with django_assert_num_queries(0):
        html = "".join(render_to_string("includes/badges.html", {"member": m}) for m in members)

    assert html.count("badge--premium") == 5


def test_the_profile_shows_the_premium_badge_while_premium(client, member, make_membership):
    make_membership(member, kind=Membership.Kind.COMPLIMENTARY)

    response = client.get(member.get_absolute_url())

    assert '<span class="badge badge--premium">Premium</span>' in response.text


def test_the_email_and_password_pages_speak_plainly_and_lead_back(member_client):
    emails = member_client.get("/accounts/email/")
    password = member_client.get("/accounts/password/change/")

    assert "Make it primary" in emails.text and "june@example.org" in emails.text
    assert '<label for="id_oldpassword">Your current password' in password.text
    for page in (emails, password):
        assert page.status_code == 200
        assert 'href="/accounts/"' in page.text


def test_a_member_changes_their_password(member_client, member, password):
    response = member_client.post(
        "/accounts/password/change/",
        {
            "oldpassword": password,
            "password1": "a-new-calm-password-42",
            "password2": "a-new-calm-password-42",
        },
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("a-new-calm-password-42")


def test_a_member_sets_their_time_zone_from_the_common_ones(member_client, member):
    form = member_client.get("/accounts/profile/")
    assert '<optgroup label="Common time zones">' in form.text

    response = member_client.post(
        "/accounts/profile/",
        {"display_name": "June", "bio": "", "time_zone": "America/New_York"},
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.time_zone == "America/New_York"


def test_an_unknown_time_zone_is_refused_next_to_the_field_keeping_the_text(member_client, member):
    response = member_client.post(
        "/accounts/profile/",
        {"display_name": "June B.", "bio": "My words stay.", "time_zone": "Mars/Olympus"},
    )

    assert response.status_code == 200
    assert "Choose a time zone from the list." in response.text
    assert "My words stay." in response.text
    member.refresh_from_db()
    assert member.time_zone == "America/Chicago"


def test_a_long_membership_history_costs_no_extra_queries(
    member_client, member, make_membership, django_assert_max_num_queries
):
    today = site_today()
    for months_ago in range(1, 13):
        start = today - datetime.timedelta(days=31 * months_ago)
        make_membership(member, starts_on=start, ends_on=start + datetime.timedelta(days=20))

    # Session, member, memberships, open request; the layout's permission and group checks.
    with django_assert_max_num_queries(7):
        response = member_client.get("/accounts/")

    assert response.text.count("Ended") == 12
