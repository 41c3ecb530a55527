import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from community.models import Post
from moderation import rules, services
from tests.factories import MemberFactory
from tests.moderation.factories import make_post

pytestmark = pytest.mark.django_db


def an_old_member(**fields):
    return MemberFactory(date_joined=timezone.now() - datetime.timedelta(days=30), **fields)


# --- Pre-moderation -------------------------------------------------------------------------


def test_a_new_members_first_post_waits_for_a_moderator(member):
    assert rules.initial_post_status(author=member) == Post.Status.PENDING


def test_once_their_first_post_is_approved_the_next_one_is_published(member, moderator):
    first = make_post(author=member, status=Post.Status.PENDING)
    assert rules.initial_post_status(author=member) == Post.Status.PENDING

    services.approve_post(post=first, by=moderator)

    assert rules.initial_post_status(author=member) == Post.Status.PUBLISHED


def test_the_number_of_posts_that_wait_is_configurable(member, settings):
    settings.PREMODERATE_FIRST_POSTS = 2
    make_post(author=member)
    assert rules.initial_post_status(author=member) == Post.Status.PENDING
    make_post(author=member)
    assert rules.initial_post_status(author=member) == Post.Status.PUBLISHED


def test_zero_turns_pre_moderation_off(member, settings):
    settings.PREMODERATE_FIRST_POSTS = 0
    assert rules.initial_post_status(author=member) == Post.Status.PUBLISHED


def test_staff_moderators_and_mentors_are_never_held_back(staff, moderator):
    mentor = MemberFactory(is_mentor=True)
    for person in (staff, moderator, mentor):
        assert rules.initial_post_status(author=person) == Post.Status.PUBLISHED


# --- Suspensions ----------------------------------------------------------------------------


def test_a_visitor_is_asked_to_log_in():
    assert (
        rules.posting_refusal(user=AnonymousUser()) == "Please log in or register to post a reply."
    )
    assert "log in" in rules.may_react_or_flag(user=AnonymousUser())


def test_a_member_in_good_standing_may_post_react_and_flag():
    member = an_old_member()
    assert rules.posting_refusal(user=member) is None
    assert rules.may_react_or_flag(user=member) is None


def test_a_suspended_member_is_told_why_and_until_when(moderator):
    member = an_old_member()
    until = timezone.now() + datetime.timedelta(days=3)
    services.suspend_member(member=member, by=moderator, until=until, reason="Repeated insults.")

    refusal = rules.posting_refusal(user=member)

    assert "suspended until" in refusal
    assert str(timezone.localtime(until).year) in refusal
    assert "Repeated insults." in refusal
    assert "You can still read" in refusal
    assert rules.may_react_or_flag(user=member) == refusal


def test_a_suspension_ends_by_itself_at_its_date(moderator):
    member = an_old_member()
    until = timezone.now() + datetime.timedelta(days=3)
    services.suspend_member(member=member, by=moderator, until=until, reason="Spam.")

    assert rules.posting_refusal(user=member, now=until - datetime.timedelta(minutes=1))
    assert rules.posting_refusal(user=member, now=until) is None
    assert rules.posting_refusal(user=member, now=until + datetime.timedelta(days=1)) is None


def test_a_lifted_suspension_no_longer_refuses(moderator):
    member = an_old_member()
    services.suspend_member(
        member=member, by=moderator, until=timezone.now() + datetime.timedelta(days=3), reason="x"
    )
    services.lift_suspension(member=member, by=moderator)
    assert rules.posting_refusal(user=member) is None
    assert rules.may_react_or_flag(user=member) is None


def test_a_deactivated_account_cannot_post():
    banned = an_old_member(is_active=False)
    assert "closed" in rules.posting_refusal(user=banned)


# --- Rate limits ----------------------------------------------------------------------------


def test_a_member_younger_than_a_day_may_post_n_times_an_hour(member, settings):
    settings.NEW_MEMBER_POSTS_PER_HOUR = 2
    for _ in range(2):
        assert rules.posting_refusal(user=member) is None
        rules.count_new_post(user=member)

    refusal = rules.posting_refusal(user=member)

    assert "2 times an hour" in refusal
    assert "your text is kept" in refusal


def test_the_hourly_limit_starts_again_the_next_hour(member, settings):
    settings.NEW_MEMBER_POSTS_PER_HOUR = 1
    now = timezone.now()
    rules.count_new_post(user=member, now=now)
    assert rules.posting_refusal(user=member, now=now)
    assert rules.posting_refusal(user=member, now=now + datetime.timedelta(hours=1)) is None


def test_the_hourly_limit_is_kept_in_the_shared_cache(member, settings):
    """Another web server sees the same count: it is in Redis, not in this process."""
    from django.core.cache import caches

    settings.NEW_MEMBER_POSTS_PER_HOUR = 1
    rules.count_new_post(user=member)
    caches.close_all()  # a fresh connection, as another process would have

    assert rules.posting_refusal(user=member)


def test_older_members_and_moderators_have_no_hourly_limit(moderator, settings):
    settings.NEW_MEMBER_POSTS_PER_HOUR = 1
    old = an_old_member()
    for person in (old, moderator):
        rules.count_new_post(user=person)
        rules.count_new_post(user=person)
        assert rules.posting_refusal(user=person) is None


def test_a_new_member_may_include_only_a_few_links(member, settings):
    settings.NEW_MEMBER_MAX_LINKS_PER_POST = 1
    body = "See [this](https://example.org/a) and https://example.org/b"

    error = rules.link_limit_error(user=member, body=body)

    assert "up to 1 link in a post; this one has 2" in error
    assert "Your text is kept" in error
    assert rules.link_limit_error(user=member, body="Only https://example.org/a") is None


def test_older_members_may_include_many_links(settings):
    settings.NEW_MEMBER_MAX_LINKS_PER_POST = 1
    body = " ".join(f"https://example.org/{n}" for n in range(5))
    assert rules.link_limit_error(user=an_old_member(), body=body) is None
