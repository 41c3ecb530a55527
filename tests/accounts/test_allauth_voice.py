"""django-allauth's pages and e-mails speak in the product's voice and name the site as
members know it (SITE_NAME, SITE_URL), never the address the request came to."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

pytestmark = pytest.mark.django_db

STRONG = "quiet-harbour-lantern-42"
STOCK_WORDING = [
    "Hello from",
    "Thank you for using",
    "Confirm Email Address",
    "Verify Your Email Address",
    "finalize the signup process",
    "Password Reset",
    "Sign Out",
    "Bad Token",
    "testserver!",
]
# The allauth pages a member can reach with our settings: each has our own template.
REACHABLE_PAGES = [
    "account_inactive",
    "email",
    "email_confirm",
    "login",
    "logout",
    "password_change",
    "password_reset",
    "password_reset_done",
    "password_reset_from_key",
    "password_reset_from_key_done",
    "reauthenticate",
    "signup",
    "signup_closed",
    "verification_sent",
    "verified_email_required",
]


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_NAME = "Riverside Circle"
    settings.SITE_URL = "https://circle.example.org"


def _sign_up(client, email="maya@example.org"):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "username": "maya_r",
            "display_name": "Maya",
            "password1": STRONG,
            "password2": STRONG,
        },
    )


def _assert_our_voice(text: str) -> None:
    for stock in STOCK_WORDING:
        assert stock not in text, stock


def test_the_signup_email_welcomes_the_member_by_name_and_names_the_site(client):
    _sign_up(client)

    [message] = mail.outbox
    assert message.subject == "Welcome to Riverside Circle: one step left"
    assert message.body.startswith("Hello Maya,\n\nThank you for joining Riverside Circle")
    assert "Your handle is @maya_r." in message.body
    assert re.search(r"http://testserver/accounts/confirm-email/\S+/", message.body)
    assert message.body.endswith("The Riverside Circle team\nhttps://circle.example.org/")
    _assert_our_voice(message.body)


def test_the_password_reset_email_says_what_to_do_in_plain_words(client, member):
    client.post("/accounts/password/reset/", {"email": member.email})

    [message] = mail.outbox
    assert message.subject == "Choose a new password for Riverside Circle"
    assert "asked to choose a new password for your account on Riverside Circle" in message.body
    assert f"Your handle, in case you need it to log in: @{member.handle}" in message.body
    assert "If you did not ask for this, you can ignore this e-mail" in message.body
    _assert_our_voice(message.body)


def test_a_reset_for_an_unknown_address_is_answered_kindly_and_names_the_site(client, member):
    client.post("/accounts/password/reset/", {"email": "nobody@example.org"})

    [message] = mail.outbox
    assert message.subject == "About your visit to Riverside Circle"
    assert "No account uses this address, so nothing was changed." in message.body
    assert "http://testserver/accounts/signup/" in message.body
    _assert_our_voice(message.body)


def test_signing_up_with_a_used_address_tells_its_owner_in_our_words(client, member):
    _sign_up(client, email=member.email)

    [message] = mail.outbox
    assert message.subject == "You already have an account on Riverside Circle"
    assert "An account already uses it, so no new one was made." in message.body
    _assert_our_voice(message.body)


def test_the_pages_around_signing_up_speak_in_our_voice(client):
    sent = client.get(_sign_up(client)["Location"]).content.decode()
    assert "<h1>Check your e-mail</h1>" in sent
    assert "to finish joining Riverside Circle" in sent
    _assert_our_voice(sent)

    link = re.search(r"/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    confirm = client.get(link).content.decode()
    assert "<h1>Confirm your e-mail address</h1>" in confirm
    assert "maya@example.org" in confirm and "@maya_r" in confirm
    _assert_our_voice(confirm)


def test_the_password_reset_pages_speak_in_our_voice(client):
    form = client.get("/accounts/password/reset/").content.decode()
    assert "<h1>Forgot your password?</h1>" in form
    assert ">Your e-mail address</label>" in form
    done = client.get("/accounts/password/reset/done/").content.decode()
    assert "<h1>Check your e-mail</h1>" in done
    bad_link = client.get("/accounts/password/reset/key/1-bad-key/", follow=True).content.decode()
    assert "<h1>This link no longer works</h1>" in bad_link
    for page in (form, done, bad_link):
        _assert_our_voice(page)


def test_a_wrong_password_gets_plain_words(client, member):
    response = client.post("/accounts/login/", {"login": member.handle, "password": "nope"})

    assert (
        "The handle or the password is not correct. Please check both and try again."
        in response.content.decode()
    )


def test_every_allauth_page_a_member_can_reach_has_our_own_template():
    ours = Path(settings.BASE_DIR) / "templates" / "account"

    assert [name for name in REACHABLE_PAGES if not (ours / f"{name}.html").exists()] == []
