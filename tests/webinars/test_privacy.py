"""A member's webinar registrations in "Download my data", and gone when they close their
account (so no reminder reaches a closed account)."""

import datetime
import json

import pytest
from django.core import mail
from django.utils import timezone

from accounts.closing import close_account
from webinars import services
from webinars.models import Notice, Presenter, Registration, Webinar, WebinarPresenter
from webinars.tasks import queue_webinar_notices


@pytest.fixture
def tomorrow(make_webinar):
    return make_webinar(
        title="Breathing exercises for every day", starts_in=datetime.timedelta(hours=20)
    )


def test_the_export_lists_the_members_own_registrations_only(
    member_client, member, other_member, tomorrow, archived_webinar
):
    services.register(webinar=tomorrow, member=member)
    services.register(webinar=tomorrow, member=other_member)
    Registration.objects.create(
        webinar=archived_webinar, member=member, cancelled_at=timezone.now()
    )
    Registration.objects.create(webinar=archived_webinar, member=other_member)

    data = json.loads(member_client.get("/accounts/export/").content)

    rows = data["webinar_registrations"]
    assert [(r["webinar"], r["cancelled_at"] is None) for r in rows] == [
        ("Breathing exercises for every day", True),
        ("Eating well on dialysis", False),
    ]
    assert rows[0]["url"] == f"http://testserver{tomorrow.get_absolute_url()}"
    assert rows[0]["emails_sent"] == []


def test_the_export_names_the_reminders_sent_to_the_member(member_client, member, tomorrow):
    registration = services.register(webinar=tomorrow, member=member)
    Notice.objects.create(
        registration=registration, kind=Notice.Kind.REMINDER_24H, sent_at=timezone.now()
    )

    data = json.loads(member_client.get("/accounts/export/").content)

    assert [e["kind"] for e in data["webinar_registrations"][0]["emails_sent"]] == ["reminder_24h"]


def test_a_closed_account_is_registered_for_nothing_and_gets_no_reminder(
    member, other_member, tomorrow
):
    services.register(webinar=tomorrow, member=member)
    services.register(webinar=tomorrow, member=other_member)

    close_account(member=member)
    queue_webinar_notices()

    assert not Registration.objects.filter(member=member).exists()
    assert Registration.objects.filter(member=other_member).exists()
    assert [m.to for m in mail.outbox] == [[other_member.email]]


def test_a_closed_account_is_no_longer_named_as_presenter_or_contact(staff, tomorrow):
    presenter = Presenter.objects.create(name="Nadia Farah", member=staff)
    WebinarPresenter.objects.create(webinar=tomorrow, presenter=presenter, position=0)

    close_account(member=staff)

    presenter.refresh_from_db()
    assert presenter.member is None
    assert Webinar.objects.get(pk=tomorrow.pk).contact_member is None
