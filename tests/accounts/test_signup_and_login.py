import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"
LOGIN = "/accounts/login/"
STRONG = "quiet-harbour-lantern-42"


def sign_up(client, **overrides):
    data = {
        "email": "maya@example.org",
        "username": "maya_r",
        "display_name": "Maya",
        "password1": STRONG,
        "password2": STRONG,
    }
    data.update(overrides)
    return client.post(SIGNUP, data)


def confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body).group(1)


def test_sign_up_sends_a_verification_email_and_the_link_verifies_the_address(client):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(handle="maya_r")
    assert user.display_name == "Maya"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["maya@example.org"]

    link = confirmation_link(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    assert b"maya@example.org" in page.content
    client.post(link)

    assert EmailAddress.objects.get(user=user).verified


def test_an_unverified_member_cannot_log_in_until_they_verify(client):
    sign_up(client)
    client.logout()
    mail.outbox.clear()

    response = client.post(LOGIN, {"login": "maya_r", "password": STRONG})

    # allauth holds the login and points the member back to the verification e-mail.
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("login", ["june@example.org", "june", "JUNE"])
def test_a_member_logs_in_with_their_email_or_handle_and_reaches_their_profile(
    client, member, password, login
):
    response = client.post(LOGIN, {"login": login, "password": password})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)
    profile = client.get("/u/june/")
    assert b"Edit your profile" in profile.content


def test_a_wrong_password_gets_a_clear_message_and_keeps_the_login(client, member):
    response = client.post(LOGIN, {"login": "june", "password": "not-it"})

    assert response.status_code == 200
    assert b"not correct" in response.content
    assert b'value="june"' in response.content


def test_repeated_failed_logins_are_rate_limited(client, member, password):
    for _ in range(5):
        client.post(LOGIN, {"login": "june", "password": "wrong-password"})

    response = client.post(LOGIN, {"login": "june", "password": password})

    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert b"Too many failed login attempts" in response.content


def test_a_taken_handle_is_refused_whatever_its_case(client, member):
    response = sign_up(client, username="JuNe", email="another@example.org")

    assert response.status_code == 200
    assert b"That handle isn&#x27;t available" in response.content
    assert b'value="another@example.org"' in response.content
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    "handle", ["ab", "has space", "dash-ed", "emoji\U0001f600", "x" * 31, "admin", "Moderator"]
)
def test_handles_outside_the_rules_are_refused_with_a_message(client, handle):
    response = sign_up(client, username=handle)

    assert response.status_code == 200
    assert not User.objects.exists()
    assert b"errorlist" in response.content


def test_a_weak_password_is_refused_and_the_rest_of_the_form_is_kept(client):
    response = sign_up(client, password1="password", password2="password")

    assert response.status_code == 200
    assert b"too common" in response.content
    assert b'value="maya_r"' in response.content
    assert not User.objects.exists()


def test_an_already_registered_email_creates_no_second_account_and_reveals_nothing(client, member):
    # Whether an address belongs to a member of a patient community is private, so the
    # form behaves as for a new address and the owner of the address is told by e-mail.
    response = sign_up(client, email="JUNE@example.org")

    assert response.status_code == 302
    assert User.objects.filter(email__iexact="june@example.org").count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["june@example.org"]
    assert "already" in mail.outbox[0].body.lower()


def test_a_bad_verification_link_says_so_without_an_error(client):
    response = client.get("/accounts/confirm-email/not-a-real-key/")

    assert response.status_code in (200, 404)
    assert b"expired or is invalid" in response.content


def test_password_reset_by_email_and_a_used_token_is_refused(client, member):
    client.post("/accounts/password/reset/", {"email": "june@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", mail.outbox[0].body)
    reset_url = link.group(1)

    form_page = client.get(reset_url, follow=True)
    new = "gentle-river-morning-77"
    client.post(form_page.redirect_chain[-1][0], {"password1": new, "password2": new})
    member.refresh_from_db()
    assert member.check_password(new)

    again = client.get(reset_url, follow=True)
    assert b"invalid" in again.content.lower()


def test_log_out_is_a_post_and_ends_the_session(member_client):
    response = member_client.post("/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in member_client.session
