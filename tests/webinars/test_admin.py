import csv
import datetime
import io

import pytest
from django.core import mail

from community.models import Post
from tests.factories import MemberFactory
from webinars.models import Registration, Webinar


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_admin_lists_webinars_with_their_registrant_count(
    admin_client, make_webinar, register_members
):
    webinar = make_webinar(title="Sleep after surgery")
    register_members(webinar, 3)

    html = admin_client.get("/admin/webinars/webinar/").content.decode()

    assert "Sleep after surgery" in html
    assert '<td class="field-registrant_count">3</td>' in html


def test_the_admin_filters_upcoming_and_archived_webinars(admin_client, make_webinar):
    make_webinar(title="Coming soon talk")
    make_webinar(title="Long ago talk", starts_in=-datetime.timedelta(days=30))

    upcoming = admin_client.get("/admin/webinars/webinar/?when=upcoming").content.decode()
    archived = admin_client.get("/admin/webinars/webinar/?when=archived").content.decode()

    assert "Coming soon talk" in upcoming and "Long ago talk" not in upcoming
    assert "Long ago talk" in archived and "Coming soon talk" not in archived


def test_the_admin_searches_titles_and_presenters(admin_client, make_webinar, presenter):
    make_webinar(title="Dialysis diet", presenters=[presenter])
    make_webinar(title="Unrelated talk")

    html = admin_client.get("/admin/webinars/webinar/?q=Farah").content.decode()

    assert "Dialysis diet" in html
    assert "Unrelated talk" not in html


def test_staff_export_the_active_registrants_as_csv(admin_client, make_webinar):
    webinar = make_webinar(title="Sleep, rest and recovery")
    kept = MemberFactory(handle="kept_place", display_name="=HYPERLINK(1)")
    gone = MemberFactory(handle="cancelled_place")
    Registration.objects.create(webinar=webinar, member=kept)
    Registration.objects.create(webinar=webinar, member=gone, cancelled_at=webinar.created_at)

    response = admin_client.post(
        "/admin/webinars/webinar/",
        {"action": "export_registrants_csv", "_selected_action": [webinar.pk]},
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["webinar", "starts (UTC)", "handle"]
    assert [row[2] for row in rows[1:]] == ["kept_place"]
    assert rows[1][0] == "Sleep, rest and recovery"
    assert rows[1][3] == "'=HYPERLINK(1)"  # never a formula in a spreadsheet
    assert rows[1][4] == "kept_place@example.org"


def inline_management(prefix: str, *, total: int = 0, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _form(presenter, **overrides):
    data = {
        "title": "Questions about your new inhaler",
        "slug": "new-inhaler-questions",
        "description_markdown": "Bring your **inhaler**.",
        "starts_at": "2031-02-03T14:00",
        "ends_at": "2031-02-03T15:00",
        "time_zone": "America/Chicago",
        "location_kind": "online",
        "audience": "everyone",
        "slides_audience": "everyone",
        "appearances-TOTAL_FORMS": "1",
        "appearances-INITIAL_FORMS": "0",
        "appearances-MIN_NUM_FORMS": "0",
        "appearances-MAX_NUM_FORMS": "1000",
        "appearances-0-presenter": presenter.pk,
        "appearances-0-position": "0",
        # The transcript and chapters inlines (tests/webinars/test_transcripts.py), empty.
        **inline_management("transcript"),
        **inline_management("chapters"),
    }
    data.update(overrides)
    return data


def test_adding_a_webinar_in_the_admin_creates_its_discussion_and_presenters(
    admin_client, admin_user, presenter
):
    response = admin_client.post("/admin/webinars/webinar/add/", _form(presenter))

    assert response.status_code == 302
    webinar = Webinar.objects.get(slug="new-inhaler-questions")
    assert webinar.description_html == "<p>Bring your <strong>inhaler</strong>.</p>"
    assert list(webinar.presenters.all()) == [presenter]
    assert webinar.thread is not None
    assert webinar.thread.posts.get().author == admin_user
    assert webinar.starts_at == datetime.datetime(2031, 2, 3, 20, tzinfo=datetime.UTC)


def test_the_discussion_opens_under_a_staff_contact(admin_client, staff, presenter):
    admin_client.post("/admin/webinars/webinar/add/", _form(presenter, contact_member=staff.pk))

    first = Webinar.objects.get(slug="new-inhaler-questions").thread.posts.get()
    assert first.author == staff


def test_a_member_as_contact_does_not_hold_the_discussion_back(
    admin_client, admin_user, member, presenter
):
    admin_client.post("/admin/webinars/webinar/add/", _form(presenter, contact_member=member.pk))

    webinar = Webinar.objects.get(slug="new-inhaler-questions")
    first = webinar.thread.posts.get()
    assert webinar.contact_member == member
    assert (first.author, first.status) == (admin_user, Post.Status.PUBLISHED)


def test_times_are_typed_in_the_events_zone_whatever_the_staff_members_zone(
    admin_client, admin_user, presenter
):
    admin_user.time_zone = "Europe/Paris"
    admin_user.save()

    admin_client.post(
        "/admin/webinars/webinar/add/", _form(presenter, time_zone="America/New_York")
    )
    webinar = Webinar.objects.get()
    page = admin_client.get(f"/admin/webinars/webinar/{webinar.pk}/change/").content.decode()

    assert webinar.starts_at == datetime.datetime(2031, 2, 3, 19, tzinfo=datetime.UTC)
    assert 'value="2031-02-03T14:00"' in page


def test_the_admin_refuses_an_end_before_the_start(admin_client, presenter):
    response = admin_client.post(
        "/admin/webinars/webinar/add/", _form(presenter, ends_at="2031-02-03T13:00")
    )

    assert response.status_code == 200
    assert "The end must be after the start." in response.content.decode()
    assert not Webinar.objects.exists()


def test_adding_a_recording_in_the_admin_emails_registrants_once(
    admin_client, make_webinar, register_members, presenter, django_capture_on_commit_callbacks
):
    webinar = make_webinar(starts_in=-datetime.timedelta(days=1), presenters=[presenter])
    register_members(webinar, 2)
    local_start = webinar.starts_at.astimezone(webinar.zone)
    local_end = webinar.ends_at.astimezone(webinar.zone)
    form = _form(
        presenter,
        title=webinar.title,
        slug=webinar.slug,
        starts_at=f"{local_start:%Y-%m-%dT%H:%M:%S}",
        ends_at=f"{local_end:%Y-%m-%dT%H:%M:%S}",
        recording_url="https://vimeo.com/76979871",
        **{
            "appearances-INITIAL_FORMS": "1",
            "appearances-0-id": webinar.appearances.get().pk,
            "appearances-0-webinar": webinar.pk,
        },
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/webinars/webinar/{webinar.pk}/change/", form)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/webinars/webinar/{webinar.pk}/change/", form)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert len(mail.outbox) == 2
    assert all(message.subject.startswith("The recording is ready") for message in mail.outbox)


def test_the_registration_admin_lists_and_searches(admin_client, make_webinar, register_members):
    webinar = make_webinar()
    [member] = register_members(webinar, 1)

    html = admin_client.get(f"/admin/webinars/registration/?q={member.handle}").content.decode()

    assert f"@{member.handle}" in html
