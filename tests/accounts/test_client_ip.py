"""Failed-login limits key on the real client address: TRUSTED_PROXY_COUNT
(ALLAUTH_TRUSTED_PROXY_COUNT) says how many proxies of ours stand in front of the app."""

import pytest

from core.client_ip import client_ip
from tests.accounts.test_signup_and_login import LOGIN

pytestmark = pytest.mark.django_db

LOAD_BALANCER = "10.0.0.2"
TOO_MANY = b"Too many failed login attempts"


@pytest.fixture(autouse=True)
def three_failures_per_address(settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip"}


def fail_to_log_in(client, n: int, **meta) -> None:
    for attempt in range(n):
        response = client.post(LOGIN, {"login": f"guess{attempt}", "password": "nope"}, **meta)
        assert TOO_MANY not in response.content


def test_two_members_behind_one_load_balancer_have_separate_limits(
    client, member, password, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    first = {"REMOTE_ADDR": LOAD_BALANCER, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    second = {"REMOTE_ADDR": LOAD_BALANCER, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}

    fail_to_log_in(client, 3, **first)
    refused = client.post(LOGIN, {"login": "guess9", "password": "nope"}, **first)
    response = client.post(LOGIN, {"login": "june", "password": password}, **second)

    assert TOO_MANY in refused.content
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


@pytest.mark.parametrize(
    ("proxies", "remote_addr", "forwarded_for"),
    [
        # The load balancer appends the address it saw; what comes before is the client's.
        (1, LOAD_BALANCER, "{forged}, 203.0.113.5"),
        # No proxy is trusted: the header is the client's alone.
        (0, "203.0.113.5", "{forged}"),
        # Two proxies are trusted but the header names one hop: the request did not come
        # through both, so nothing in it is vouched for (allauth alone answers 500 here).
        (2, "203.0.113.5", "{forged}"),
    ],
    ids=["behind-one-proxy", "no-trusted-proxy", "header-shorter-than-the-chain"],
)
def test_a_forged_x_forwarded_for_does_not_escape_the_limit(
    client, settings, proxies, remote_addr, forwarded_for
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    for forged in ["1.1.1.1", "2.2.2.2", "3.3.3.3"]:
        fail_to_log_in(
            client,
            1,
            REMOTE_ADDR=remote_addr,
            HTTP_X_FORWARDED_FOR=forwarded_for.format(forged=forged),
        )

    refused = client.post(
        LOGIN,
        {"login": "guess9", "password": "nope"},
        REMOTE_ADDR=remote_addr,
        HTTP_X_FORWARDED_FOR=forwarded_for.format(forged="4.4.4.4"),
    )

    assert refused.status_code == 200
    assert TOO_MANY in refused.content


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, None, "192.0.2.1"),
        (0, "203.0.113.5", "192.0.2.1"),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),
        (2, "6.6.6.6, 203.0.113.5, 10.0.0.3", "203.0.113.5"),
        (2, "203.0.113.5", "192.0.2.1"),
        (1, None, "192.0.2.1"),
        (1, "not-an-address", "192.0.2.1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_reads_the_entry_our_nearest_proxy_vouches_for(
    rf, settings, proxies, forwarded_for, expected
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    meta = {"REMOTE_ADDR": "192.0.2.1"}
    if forwarded_for is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for

    assert client_ip(rf.get("/", **meta)) == expected
