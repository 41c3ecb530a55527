import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership, TrialRequest, site_today
from accounts.premium import default_trial_end, grant_premium_trial
from core.dates import format_day
from notifications.membership_tasks import send_trial_granted_notices
from tests.factories import MemberFactory


def test_granting_200_members_takes_a_fixed_number_of_queries_and_one_email_each(
    granter, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    few = MemberFactory.create_batch(2)
    many = MemberFactory.create_batch(200)
    ends_on = default_trial_end()

    with CaptureQueriesContext(connection) as for_two:
        grant_premium_trial(members=few, ends_on=ends_on, by=granter, note="")
    # Lock the members, find who is covered, insert the rows, settle requests (+ savepoints).
    assert len(for_two.captured_queries) <= 6
    with (
        django_capture_on_commit_callbacks(execute=True),
        django_assert_max_num_queries(len(for_two.captured_queries)),
    ):
        result = grant_premium_trial(members=many, ends_on=ends_on, by=granter, note="Webinar")

    assert len(result.granted) == 200
    assert (
        Membership.objects.filter(member__in=many, ends_on=ends_on, granted_by=granter).count()
        == 200
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in many)
    status = f"Trial Premium membership through {format_day(ends_on)}"
    assert {m.subject for m in mail.outbox} == {f"You're all set: {status}"}


def test_the_email_has_a_text_and_an_html_part_with_the_status(
    member, granter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        grant_premium_trial(
            members=[member], ends_on=datetime.date(2030, 3, 31), by=granter, note=""
        )

    [message] = mail.outbox
    assert message.subject == "You're all set: Trial Premium membership through Sun, Mar 31, 2030"
    assert message.to == [member.email]
    assert "Trial Premium membership through Sun, Mar 31, 2030" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Trial Premium membership through Sun, Mar 31, 2030" in html
    assert "http://testserver/accounts/" in message.body


def test_members_already_premium_through_that_day_are_listed_and_left_unchanged(
    member, other_member, granter, make_membership, django_capture_on_commit_callbacks
):
    ends_on = default_trial_end()
    longer = make_membership(
        member, kind=Membership.Kind.PAID, ends_on=ends_on + datetime.timedelta(days=100)
    )

    with django_capture_on_commit_callbacks(execute=True):
        result = grant_premium_trial(
            members=[member, other_member], ends_on=ends_on, by=granter, note=""
        )

    assert result.unchanged == [member]
    assert result.granted_members == [other_member]
    assert list(member.memberships.all()) == [longer]
    assert [m.to for m in mail.outbox] == [[other_member.email]]


def test_a_new_grant_adds_to_the_history_and_never_overwrites(member, granter, make_membership):
    today = site_today()
    old = make_membership(member, ends_on=today + datetime.timedelta(days=3), note="first")

    grant_premium_trial(members=[member], ends_on=default_trial_end(), by=granter, note="second")

    old.refresh_from_db()
    assert old.note == "first"
    assert old.ends_on == today + datetime.timedelta(days=3)
    assert member.memberships.count() == 2
    assert member.premium_until() == default_trial_end()


def test_granting_settles_the_members_open_trial_request(member, granter):
    trial_request = TrialRequest.objects.create(member=member)

    grant_premium_trial(members=[member], ends_on=default_trial_end(), by=granter, note="")

    trial_request.refresh_from_db()
    assert trial_request.status == TrialRequest.Status.APPROVED
    assert trial_request.decided_by == granter
    assert trial_request.decided_at is not None


def test_a_trial_cannot_end_in_the_past(member, granter):
    with pytest.raises(ValueError):
        grant_premium_trial(
            members=[member],
            ends_on=site_today() - datetime.timedelta(days=1),
            by=granter,
            note="",
        )


def test_the_granted_email_task_sends_nothing_twice(member, granter):
    result = grant_premium_trial(members=[member], ends_on=default_trial_end(), by=granter)
    ids = [m.pk for m in result.granted]

    send_trial_granted_notices(membership_ids=ids)
    send_trial_granted_notices(membership_ids=ids)

    assert len(mail.outbox) == 1
