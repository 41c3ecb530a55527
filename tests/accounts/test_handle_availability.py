"""Sign-up does not say who holds a handle (accounts/handles.py).

A member may hide their profile from visitors; "that handle is taken" would tell a visitor
they are here. Any handle that cannot be had gets the same words and a couple of free
alternatives.
"""

import html
import re

import pytest

from accounts.handles import available_handles, handle_is_available, suggest_handles
from accounts.models import User
from tests.accounts.test_signup_and_login import sign_up
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def handle_error(response) -> str:
    page = response.content.decode()
    field = re.search(r'name="username".*?</div>', page, re.S) or re.search(r".*", page)
    errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
    assert errors, f"no error shown near {field.group(0)[:200]}"
    return html.unescape(re.sub(r"<[^>]+>", "", " ".join(errors))).strip()


def without_suggestions(message: str) -> str:
    return re.sub(r"You could use \w+ or \w+, or", "You could use A or B, or", message)


def test_a_held_handle_is_refused_with_free_alternatives_and_no_word_of_who_holds_it(client):
    MemberFactory(handle="june_b", display_name="June")

    response = sign_up(client, username="june_b", email="newcomer@example.org")

    message = handle_error(response)
    assert message.startswith("That handle isn't available. You could use june_b")
    assert "taken" not in message and "member" not in message and "reserved" not in message
    first, second = re.search(r"You could use (\w+) or (\w+),", message).groups()
    assert first.lower().startswith("june_b") and second.lower().startswith("june_b")
    assert handle_is_available(first) and handle_is_available(second)
    # What was typed is kept, and a suggestion can be taken as it is.
    assert 'value="newcomer@example.org"' in response.content.decode()
    assert sign_up(client, username=first, email="newcomer@example.org").status_code == 302
    assert User.objects.filter(handle=first).exists()


def test_a_hidden_members_handle_reads_like_a_reserved_word_or_a_closed_accounts_handle(client):
    MemberFactory(handle="quiet_one", hide_profile_from_visitors=True)

    answers = {
        typed: without_suggestions(handle_error(sign_up(client, username=typed)))
        for typed in ["quiet_one", "QUIET_ONE", "moderator", "former_member_12"]
    }

    assert len(set(answers.values())) == 1, answers
    assert not User.objects.filter(email="maya@example.org").exists()


def test_available_handles_leaves_out_held_reserved_and_malformed_ones_whatever_the_case():
    MemberFactory(handle="June_B47")

    assert available_handles(
        ["june_b47", "june_b48", "admin", "Former_Member_3", "no spaces", "ab", "JUNE_B49"]
    ) == ["june_b48", "JUNE_B49"]
    assert not handle_is_available("JUNE_b47")


@pytest.mark.parametrize("typed", ["june", "x" * 30, "Admin", "former_member_1", "__a"])
def test_suggestions_are_free_well_formed_handles(typed):
    MemberFactory(handle="june")

    suggestions = suggest_handles(typed)

    assert len(suggestions) == 2
    for handle in suggestions:
        assert re.fullmatch(r"[A-Za-z0-9_]{3,30}", handle)
        assert handle_is_available(handle)
        assert not handle.lower().startswith(("admin", "former_member"))


def test_checking_a_handle_and_its_suggestions_takes_two_queries(
    client, django_assert_max_num_queries
):
    MemberFactory(handle="june")

    with django_assert_max_num_queries(2):
        assert not handle_is_available("june")
        assert len(suggest_handles("june")) == 2
