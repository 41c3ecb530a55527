"""Attendance: registrants say "I attended" (after the start; undo possible), staff import
an attendance list in the admin (all addresses known, or nothing saved)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import MemberFactory
from webinars.models import Attendance, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(make_webinar):
    return make_webinar(starts_in=-datetime.timedelta(days=1), title="Pacing your energy")


def attended(webinar, member) -> bool:
    return Attendance.objects.filter(webinar=webinar, member=member).exists()


def test_a_registrant_says_they_attended_and_can_take_it_back(member_client, member, finished):
    Registration.objects.create(webinar=finished, member=member)
    url = f"/webinars/{finished.slug}/attended/"

    before = member_client.get(finished.get_absolute_url()).content.decode()
    marked = member_client.post(url, follow=True).content.decode()
    undone = member_client.post(url, {"undo": "1"}, follow=True).content.decode()

    assert ">I attended</button>" in before
    assert "Thank you for telling us you attended." in marked
    assert "You attended this webinar." in marked
    assert "Undo: I did not attend" in marked
    assert "you are no longer counted as attending" in undone
    assert ">I attended</button>" in undone
    assert not attended(finished, member)


def test_saying_so_twice_counts_once(member_client, member, finished):
    Registration.objects.create(webinar=finished, member=member)

    member_client.post(f"/webinars/{finished.slug}/attended/")
    member_client.post(f"/webinars/{finished.slug}/attended/")

    assert Attendance.objects.filter(webinar=finished, member=member).count() == 1


def test_nobody_attends_a_webinar_that_has_not_started(member_client, member, make_webinar):
    upcoming = make_webinar()
    Registration.objects.create(webinar=upcoming, member=member)

    page = member_client.get(upcoming.get_absolute_url()).content.decode()
    response = member_client.post(f"/webinars/{upcoming.slug}/attended/", follow=True)

    assert "I attended" not in page
    assert "You can say you attended once the webinar has started." in response.content.decode()
    assert not attended(upcoming, member)


def test_only_registrants_are_offered_and_allowed_i_attended(member_client, member, finished):
    page = member_client.get(finished.get_absolute_url()).content.decode()
    response = member_client.post(f"/webinars/{finished.slug}/attended/", follow=True)
    visitor = Client().post(f"/webinars/{finished.slug}/attended/")

    assert "I attended" not in page
    assert "Only members who registered can say they attended." in response.content.decode()
    assert visitor.status_code == 302 and visitor["Location"].startswith("/accounts/login/")
    assert not Attendance.objects.exists()


def import_list(admin_client, webinar, text: str | bytes, name="attendees.csv"):
    data = text.encode() if isinstance(text, str) else text
    return admin_client.post(
        f"/admin/webinars/webinar/{webinar.pk}/attendance/",
        {"file": SimpleUploadedFile(name, data, content_type="text/csv")},
        follow=True,
    )


def test_staff_import_an_attendance_list_of_members_registered_or_not(admin_client, finished):
    ana = MemberFactory(email="ana@example.org")
    walt = MemberFactory(email="Walt@Example.org")  # came in person, never registered
    Registration.objects.create(webinar=finished, member=ana)
    Attendance.objects.create(webinar=finished, member=ana)  # she had said so already

    response = import_list(
        admin_client,
        finished,
        "Name,Email,Minutes\nAna,ana@example.org,55\nWalt,walt@example.ORG,60\n",
    )

    html = response.content.decode()
    assert "1 member marked as attending (1 already were)." in html
    assert set(Attendance.objects.values_list("member_id", flat=True)) == {ana.pk, walt.pk}
    assert Attendance.objects.get(member=walt).source == Attendance.Source.IMPORT
    assert "2 members attended." in html  # on the webinar's admin page


def test_unknown_addresses_are_listed_and_nothing_is_saved(admin_client, finished):
    MemberFactory(email="ana@example.org")

    response = import_list(
        admin_client, finished, "ana@example.org\nnobody@example.org\nghost@example.org\n"
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was saved: no member has these 2 e-mail addresses:" in html
    assert "ghost@example.org, nobody@example.org" in html
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV text file we can read"),
        (b"\xff\xfe\xfa not utf-8", "not a CSV text file we can read"),
        (b"Email\n\n", "This file holds no e-mail addresses."),
        (b"ana@example.org\nnot an address\n", "this is not an e-mail address: not an address"),
    ],
)
def test_a_file_that_is_not_a_list_of_addresses_gets_a_clear_message(
    admin_client, finished, data, message
):
    MemberFactory(email="ana@example.org")

    response = import_list(admin_client, finished, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attendance.objects.exists()


def test_only_staff_may_import(client, member, finished):
    client.force_login(member)

    response = client.get(f"/admin/webinars/webinar/{finished.pk}/attendance/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
