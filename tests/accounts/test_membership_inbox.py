"""Membership notices land in the notifications inbox too, with one e-mail each."""

import datetime

from django.core import mail

from accounts.models import TrialRequest, site_today
from accounts.premium import decline_trial_requests, default_trial_end, grant_premium_trial
from core.dates import format_day
from notifications.membership_tasks import send_trial_ending_reminders, send_trial_granted_notices
from notifications.models import EmailDelivery, Notification
from notifications.services import unsubscribe
from tests.mail_headers import assert_one_click_unsubscribe


def test_a_grant_gives_one_inbox_entry_and_exactly_one_e_mail(
    member, granter, django_capture_on_commit_callbacks
):
    ends_on = default_trial_end()
    with django_capture_on_commit_callbacks(execute=True):
        result = grant_premium_trial(members=[member], ends_on=ends_on, by=granter, note="")
    [membership] = result.granted
    send_trial_granted_notices(membership_ids=[membership.pk])  # a retried task

    [note] = Notification.objects.filter(recipient=member)
    assert note.kind == Notification.Kind.MEMBERSHIP
    assert note.text == (f"You're all set: Trial Premium membership through {format_day(ends_on)}.")
    assert note.url == "/accounts/"
    assert len(mail.outbox) == 1  # the membership e-mail, not a second one from the outbox
    assert not EmailDelivery.objects.exists()


def test_the_ending_reminder_is_in_the_inbox(member, make_membership):
    ends = site_today() + datetime.timedelta(days=7)
    make_membership(member, starts_on=site_today() - datetime.timedelta(days=50), ends_on=ends)

    send_trial_ending_reminders()

    assert Notification.objects.get(recipient=member).text.startswith(
        f"Your premium trial runs through {format_day(ends)}"
    )
    assert len(mail.outbox) == 1


def test_a_declined_request_is_in_the_inbox(member, granter, django_capture_on_commit_callbacks):
    request = TrialRequest.objects.create(member=member)
    with django_capture_on_commit_callbacks(execute=True):
        decline_trial_requests(requests=[request], by=granter)

    assert Notification.objects.get(recipient=member).text == (
        "We are not able to offer a premium trial to your account right now."
    )
    assert len(mail.outbox) == 1


def test_a_member_who_turned_e_mail_off_gets_the_inbox_entry_only(
    member, granter, django_capture_on_commit_callbacks
):
    unsubscribe(member=member)
    with django_capture_on_commit_callbacks(execute=True):
        grant_premium_trial(members=[member], ends_on=default_trial_end(), by=granter, note="")

    assert Notification.objects.filter(recipient=member).count() == 1
    assert mail.outbox == []


def test_every_membership_e_mail_offers_one_click_unsubscribe(
    member, other_member, granter, make_membership, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        grant_premium_trial(members=[member], ends_on=default_trial_end(), by=granter, note="")
        decline_trial_requests(requests=[TrialRequest.objects.create(member=member)], by=granter)
    ends = site_today() + datetime.timedelta(days=7)
    make_membership(
        other_member, starts_on=site_today() - datetime.timedelta(days=50), ends_on=ends
    )
    send_trial_ending_reminders()

    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert "Stop all e-mails from Gathering" in message.body
        assert_one_click_unsubscribe(message)
