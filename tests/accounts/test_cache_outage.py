"""Redis is unreachable: signing up, logging in, resetting a password and posting still work.

allauth's rate limits keep their counters in the cache; the production backend
(core/fail_open_cache.py) answers "missing" when Redis cannot be reached, so the limits fail
open with one log line instead of answering 500. Sessions live in the database.
"""

import logging
import re

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse

from accounts.models import User
from community import services
from community.models import Group, Post
from tests.accounts.test_signup_and_login import LOGIN, STRONG, confirmation_link, sign_up

pytestmark = pytest.mark.django_db

CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens there


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            **django_settings.CACHES["default"],
            "BACKEND": "core.fail_open_cache.FailOpenRedisCache",
            "LOCATION": CLOSED_PORT,
        }
    }


@pytest.fixture
def thread(member):
    group = Group.objects.create(name="Transplants", slug="transplants", description="For all.")
    return services.create_thread(
        group=group, author=member, title="Coming home after surgery", body="What helped you?"
    )


def hidden_fields(page: str, action: str) -> dict[str, str]:
    """The hidden inputs of the form posting to `action`, as a browser would send them."""
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', page, re.S)
    assert form, f"no form posting to {action}"
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(1)))


def test_a_member_signs_up_logs_in_resets_a_password_and_posts_while_redis_is_down(
    client, thread, redis_down, caplog
):
    caplog.set_level(logging.WARNING, logger="core.fail_open_cache")

    # Sign up and confirm the address.
    response = sign_up(client)
    assert response.status_code == 302
    maya = User.objects.get(handle="maya_r")
    client.post(confirmation_link(mail.outbox[0]))
    assert client.session["_auth_user_id"] == str(maya.pk)

    # Log out and in again: the session is in the database, not in Redis.
    assert client.post("/accounts/logout/").status_code == 302
    assert (
        client.post(LOGIN, {"login": "maya_r", "password": "not-her-password"}).status_code == 200
    )
    response = client.post(LOGIN, {"login": "maya_r", "password": STRONG})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(maya.pk)

    # Forget the password, reset it by e-mail, log in with the new one.
    client.post("/accounts/logout/")
    mail.outbox.clear()
    response = client.post("/accounts/password/reset/", {"email": "maya@example.org"})
    assert response.status_code == 302
    reset_url = re.search(
        r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", mail.outbox[0].body
    ).group(1)
    form_page = client.get(reset_url, follow=True)
    new = "gentle-river-morning-77"
    response = client.post(form_page.redirect_chain[-1][0], {"password1": new, "password2": new})
    assert response.status_code == 302
    response = client.post(LOGIN, {"login": "maya@example.org", "password": new})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(maya.pk)

    # And post a reply.
    action = reverse("community:thread-reply", args=[thread.pk, thread.slug])
    page = client.get(thread.get_absolute_url()).content.decode()
    response = client.post(
        action, {**hidden_fields(page, action), "body": "Redis is down and I am still here."}
    )
    assert response.status_code == 302
    reply = Post.objects.get(thread=thread, author=maya)
    assert reply.body_markdown == "Redis is down and I am still here."
    assert (
        "Redis is down and I am still here."
        in client.get(thread.get_absolute_url()).content.decode()
    )

    failed_open = [r for r in caplog.records if "failing open" in r.getMessage()]
    assert failed_open, "the log says the limits failed open"
    assert "NOT enforced" in failed_open[0].getMessage()


def test_the_limits_work_again_once_redis_answers(client, member, password, caplog):
    # The real Redis of the test run: failed log-ins are counted and refused as before.
    for _ in range(5):
        client.post(LOGIN, {"login": "june", "password": "wrong-password"})

    response = client.post(LOGIN, {"login": "june", "password": password})

    assert b"Too many failed login attempts" in response.content
    assert not [r for r in caplog.records if "failing open" in r.getMessage()]


def test_healthz_says_redis_is_down(client, settings, redis_down):
    settings.REDIS_URL = CLOSED_PORT

    body = client.get("/healthz").json()

    assert body["checks"] == {"database": "ok", "redis": "down"}
