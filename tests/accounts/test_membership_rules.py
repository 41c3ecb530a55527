import datetime

import pytest

from accounts.models import Membership, site_today
from accounts.premium import default_trial_end, membership_status

UTC = datetime.UTC


@pytest.mark.parametrize(
    ("granted_on", "ends_on"),
    [
        ("2019-01-18", "2019-03-31"),  # the reference page's trial
        ("2019-12-05", "2020-02-29"),  # across the new year, into a leap February
        ("2018-12-31", "2019-02-28"),  # a plain February
        ("2023-12-01", "2024-02-29"),  # leap year again
        ("2100-12-15", "2101-02-28"),  # 2100 is not a leap year
        ("2019-11-30", "2020-01-31"),
        ("2019-06-30", "2019-08-31"),
        ("2019-07-31", "2019-09-30"),  # September has 30 days
        ("2019-01-01", "2019-03-31"),
    ],
)
def test_a_trial_ends_on_the_last_day_of_the_month_two_months_later(granted_on, ends_on):
    granted = datetime.date.fromisoformat(granted_on)

    assert default_trial_end(granted) == datetime.date.fromisoformat(ends_on)


def test_the_site_day_turns_at_midnight_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "America/Chicago"

    # Chicago is on daylight time (UTC-5) at the end of March 2019.
    assert site_today(datetime.datetime(2019, 4, 1, 4, 59, tzinfo=UTC)) == datetime.date(
        2019, 3, 31
    )
    assert site_today(datetime.datetime(2019, 4, 1, 5, 0, tzinfo=UTC)) == datetime.date(2019, 4, 1)


def test_an_expired_trial_no_longer_grants_premium_the_day_after_its_end(member, settings):
    settings.TIME_ZONE = "America/Chicago"
    Membership.objects.create(
        member=member,
        kind=Membership.Kind.TRIAL,
        starts_on=datetime.date(2019, 1, 18),
        ends_on=datetime.date(2019, 3, 31),
    )
    one_minute_to_midnight = datetime.datetime(2019, 4, 1, 4, 59, 59, tzinfo=UTC)
    midnight_in_chicago = datetime.datetime(2019, 4, 1, 5, 0, tzinfo=UTC)

    assert member.premium_until(site_today(one_minute_to_midnight)) == datetime.date(2019, 3, 31)
    assert member.premium_until(site_today(midnight_in_chicago)) is None
    # Already April 1 in London, but the trial is counted in the site's zone.
    assert member.premium_until(datetime.date(2019, 3, 31)) == datetime.date(2019, 3, 31)


def test_the_status_says_the_kind_and_the_last_day_in_words(member, make_membership):
    assert membership_status(member) == "Free membership"

    make_membership(
        member, starts_on=datetime.date(2019, 1, 18), ends_on=datetime.date(2019, 3, 31)
    )

    assert (
        membership_status(member, datetime.date(2019, 2, 1))
        == "Trial Premium membership through Sun, Mar 31, 2019"
    )
    assert membership_status(member, datetime.date(2019, 4, 1)) == "Free membership"


def test_the_longest_covering_grant_decides_the_status(member, make_membership):
    today = site_today()
    make_membership(member, ends_on=today + datetime.timedelta(days=10))
    make_membership(
        member, kind=Membership.Kind.COMPLIMENTARY, ends_on=today + datetime.timedelta(days=90)
    )

    assert member.is_premium
    assert member.premium_until() == today + datetime.timedelta(days=90)
    assert membership_status(member).startswith("Complimentary Premium membership through")


def test_the_premium_badge_shows_only_while_premium(member, make_membership):
    today = site_today()
    make_membership(
        member,
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today - datetime.timedelta(days=1),
    )
    assert "Premium" not in member.badges

    make_membership(member)
    member.refresh_from_db()

    assert "Premium" in member.badges
