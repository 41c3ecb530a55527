"""The inbox, the header count, the settings page and one-click unsubscribe."""

import datetime

import pytest
from django.core import signing
from django.db import connection
from django.template import engines
from django.template.context_processors import csrf
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from notifications import unread
from notifications.models import MemberMute, Notification, NotificationPreference, ThreadMute
from notifications.tokens import SALT, make_unsubscribe_token
from tests.notifications.conftest import notify_membership

pytestmark = pytest.mark.django_db


def make_notifications(member, count, **extra):
    now = timezone.now()
    return Notification.objects.bulk_create(
        Notification(
            recipient=member,
            kind=Notification.Kind.REPLY,
            text=f"Someone replied, number {i}",
            url=f"/p/{1000 + i}/",
            key=f"test:{i}",
            created_at=now - datetime.timedelta(minutes=count - i),
            **extra,
        )
        for i in range(count)
    )


def test_visitors_are_sent_to_log_in(client):
    response = client.get("/notifications/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# At most eight queries: session, member, the header's unread count and the page (not counted);
# base.html's moderator link adds three (permissions and groups).


def test_the_inbox_lists_newest_first_and_marks_unread(
    member_client, member, other_member, django_assert_max_num_queries
):
    make_notifications(member, 3)
    Notification.objects.filter(key="test:0").update(read_at=timezone.now())
    make_notifications(other_member, 1)

    with django_assert_max_num_queries(8):
        response = member_client.get("/notifications/")

    html = response.content.decode()
    assert html.index("number 2") < html.index("number 1") < html.index("number 0")
    assert html.count('class="notification notification--unread"') == 2
    assert 'aria-label="2 unread"' in html
    assert "Mark all as read" in html


def test_a_long_inbox_is_paginated_with_a_fixed_number_of_queries(
    member_client, member, django_assert_max_num_queries
):
    make_notifications(member, 60)

    with django_assert_max_num_queries(8):
        response = member_client.get("/notifications/?page=2")

    html = response.content.decode()
    assert "Page 2" in html and "Page 2 of" not in html  # a member's inbox is not counted
    assert 'href="?page=1" rel="prev"' in html and 'href="?page=3" rel="next"' in html
    assert html.count('class="notification-list"') == 1
    assert html.count('<li class="notification') == 25


def inbox_queries(client, url="/notifications/") -> tuple[int, str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def test_the_inbox_runs_the_same_queries_for_3_or_3000_notifications(member_client, member):
    make_notifications(member, 3)
    short, _ = inbox_queries(member_client)
    Notification.objects.all().delete()
    make_notifications(member, 3000)
    unread.changed([member.pk])  # as the services do: the header counts again
    long, html = inbox_queries(member_client)

    assert long == short
    assert html.count('<li class="notification') == 25
    assert 'href="?page=2" rel="next"' in html


def test_a_page_number_past_the_end_of_the_inbox_shows_its_last_page(member_client, member):
    make_notifications(member, 30)

    for number in ("3", "99999999999999999999"):
        _, html = inbox_queries(member_client, f"/notifications/?page={number}")
        assert "That page number is past the end, so this is the last page (page 2 of 2)" in html
        assert html.count('<li class="notification') == 5
        assert 'rel="next"' not in html


def test_an_empty_inbox_says_what_to_do_next(member_client):
    html = member_client.get("/notifications/").content.decode()

    assert "Nothing here yet" in html
    assert "Mark all as read" not in html


def test_opening_a_notification_marks_it_read_and_goes_to_the_post(member_client, member):
    (note,) = make_notifications(member, 1)

    response = member_client.get(f"/notifications/{note.pk}/")

    assert response.status_code == 302
    assert response["Location"] == "/p/1000/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_nobody_can_open_someone_elses_notification(member_client, other_member):
    (note,) = make_notifications(other_member, 1)

    assert member_client.get(f"/notifications/{note.pk}/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_an_offsite_url_is_never_followed(member_client, member):
    (note,) = make_notifications(member, 1)
    Notification.objects.filter(pk=note.pk).update(url="https://evil.example/")

    response = member_client.get(f"/notifications/{note.pk}/")

    assert response["Location"] == "/notifications/"


def test_mark_all_read_clears_the_header_count(member_client, member):
    make_notifications(member, 3)

    response = member_client.post("/notifications/read-all/", follow=True)

    assert not member.notifications.filter(read_at__isnull=True).exists()
    html = response.content.decode()
    assert "All your notifications are marked as read." in html
    assert "unread" not in html


def test_mark_all_read_needs_a_post(member_client, member):
    make_notifications(member, 1)

    assert member_client.get("/notifications/read-all/").status_code == 405
    assert member.notifications.filter(read_at__isnull=True).count() == 1


def test_the_header_count_costs_no_query_for_visitors(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/accounts/login/")

    assert response.status_code == 200


def test_the_header_count_is_one_count_query_for_members(member_client, member):
    make_notifications(member, 7)

    with CaptureQueriesContext(connection) as queries:
        html = member_client.get("/").content.decode()

    assert 'aria-label="7 unread"' in html
    ours = [q["sql"] for q in queries if "notifications_notification" in q["sql"]]
    assert len(ours) == 1


def test_settings_page_saves_the_three_choices_and_email_switch(member_client, member):
    response = member_client.get("/notifications/settings/")
    assert response.status_code == 200
    assert "Replies in threads you follow" in response.content.decode()

    response = member_client.post(
        "/notifications/settings/",
        {"replies": "off", "quotes": "digest", "mentions": "immediately", "email": "on"},
        follow=True,
    )

    assert "Your notification settings are saved." in response.content.decode()
    prefs = NotificationPreference.objects.get(member=member)
    assert (prefs.replies, prefs.quotes, prefs.mentions) == ("off", "digest", "immediately")
    assert prefs.email_unsubscribed_at is None


def test_settings_page_keeps_choices_and_explains_a_bad_value(member_client, member):
    response = member_client.post(
        "/notifications/settings/",
        {"replies": "sometimes", "quotes": "digest", "mentions": "off", "email": "on"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert 'name="quotes" value="digest" id="id_quotes_1" required checked' in html
    assert not NotificationPreference.objects.filter(member=member).exists()


def test_settings_page_lists_mutes_and_unmutes_them(member_client, member, other_member, thread):
    ThreadMute.objects.create(member=member, thread=thread)
    MemberMute.objects.create(member=member, muted=other_member)

    html = member_client.get("/notifications/settings/").content.decode()
    assert "Sleeping after surgery" in html
    assert f'href="/t/{thread.pk}/{thread.slug}/"' in html
    assert "@sam" in html

    member_client.post(f"/notifications/unmute/thread/{thread.pk}/")
    member_client.post(f"/notifications/unmute/member/{other_member.pk}/")

    assert not ThreadMute.objects.exists()
    assert not MemberMute.objects.exists()


def test_members_can_mute_a_thread_and_a_member(member_client, member, other_member, thread):
    member_client.post(f"/notifications/mute/thread/{thread.pk}/", {"next": "/groups/"})
    response = member_client.post(f"/notifications/mute/member/{other_member.pk}/")
    member_client.post(f"/notifications/mute/member/{member.pk}/")

    assert response["Location"] == "/notifications/settings/"
    assert ThreadMute.objects.filter(member=member, thread=thread).exists()
    assert list(MemberMute.objects.values_list("muted_id", flat=True)) == [other_member.pk]


# --- Unsubscribe -------------------------------------------------------------------------


def test_the_unsubscribe_link_shows_a_confirm_page_without_login(member):
    token = make_unsubscribe_token(member.pk)

    response = Client().get(f"/notifications/unsubscribe/{token}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Stop e-mails from Gathering?" in html
    assert '<button type="submit" class="button">Stop e-mails</button>' in html
    assert not NotificationPreference.objects.filter(member=member).exists()


def test_one_click_unsubscribe_works_without_login_or_csrf_token(member):
    token = make_unsubscribe_token(member.pk)
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        f"/notifications/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 200
    assert "You will get no more e-mails from us" in response.content.decode()
    prefs = NotificationPreference.objects.get(member=member)
    assert prefs.email_unsubscribed_at is not None
    # And the next notice is not e-mailed.
    notify_membership(member, key="membership:9:reminder", text="Your premium trial ends soon.")
    assert not member.email_deliveries.exists()


def test_a_changed_unsubscribe_token_is_refused(member, other_member):
    token = make_unsubscribe_token(member.pk)
    forged = signing.dumps({"m": other_member.pk}, salt=SALT, key="not-our-secret-key-at-all")

    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), forged, "nonsense"):
        response = Client().post(f"/notifications/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "This unsubscribe link does not work" in response.content.decode()

    assert not NotificationPreference.objects.exists()


def test_an_old_unsubscribe_token_gets_a_clear_page(member, settings):
    signer = signing.TimestampSigner(salt=SALT)
    long_ago = datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(days=400)
    signer.timestamp = lambda: signing.b62_encode(int(long_ago.timestamp()))
    old = signer.sign_object({"m": member.pk}, compress=True)

    response = Client().get(f"/notifications/unsubscribe/{old}/")

    assert response.status_code == 400
    assert "This unsubscribe link is too old" in response.content.decode()


def test_the_mute_button_includes_post_back_to_the_page_they_are_on(rf, member, thread):
    request = rf.get("/t/1/sleeping/")
    request.user = member
    template = engines["django"].from_string(
        '{% include "notifications/_mute_thread_form.html" with thread=thread muted=False %}'
        '{% include "notifications/_mute_member_form.html" with member=member muted=True %}'
    )
    html = template.render({"thread": thread, "member": member, **csrf(request)}, request)

    assert f'action="/notifications/mute/thread/{thread.pk}/"' in html
    assert f'action="/notifications/unmute/member/{member.pk}/"' in html
    assert 'name="next" value="/t/1/sleeping/"' in html
    assert html.count('name="csrfmiddlewaretoken"') == 2
    assert "Mute this thread" in html and "Unmute @june" in html
