"""Slides have their own audience, and may be an uploaded PDF served behind it."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.webinars.test_admin import inline_management
from webinars import slides
from webinars.models import Webinar
from webinars.querysets import may_see_recording, may_see_slides

pytestmark = pytest.mark.django_db

PLAYER = 'src="https://www.youtube-nocookie.com/embed/abcDEF12345"'
SLIDES_LINK = 'href="https://example.org/slides/eating-well.pdf"'
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def page_for(client, webinar, reader) -> str:
    client.logout()
    if reader is not None:
        client.force_login(reader)
    return client.get(webinar.get_absolute_url()).content.decode()


def test_public_slides_beside_a_premium_recording(client, archived_webinar, member):
    Webinar.objects.filter(pk=archived_webinar.pk).update(slides_audience=Webinar.Audience.EVERYONE)
    archived_webinar.refresh_from_db()

    for reader in (None, member):
        html = page_for(client, archived_webinar, reader)
        assert SLIDES_LINK in html
        assert PLAYER not in html
        assert "Available to premium members — request a trial" in html  # for the recording
    assert may_see_slides(archived_webinar, member)
    assert not may_see_recording(archived_webinar, member)


def test_premium_slides_beside_a_public_recording_prompt_for_the_slides(
    client, archived_webinar, member
):
    Webinar.objects.filter(pk=archived_webinar.pk).update(audience=Webinar.Audience.EVERYONE)

    html = page_for(client, archived_webinar, member)

    assert PLAYER in html
    assert SLIDES_LINK not in html
    assert "Available to premium members — request a trial" in html


def upload(name="slides.pdf", data=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def save_in_admin(admin_client, webinar, **extra):
    data = _form_for(webinar)
    data.update(extra)
    return admin_client.post(f"/admin/webinars/webinar/{webinar.pk}/change/", data)


def _form_for(webinar) -> dict:
    """The admin's change form as staff would send it back unchanged."""
    data = {
        "title": webinar.title,
        "slug": webinar.slug,
        "description_markdown": webinar.description_markdown,
        "time_zone": webinar.time_zone,
        "location_kind": webinar.location_kind,
        "audience": webinar.audience,
        "slides_audience": webinar.slides_audience,
        "slides_url": webinar.slides_url,
        "recording_url": webinar.recording_url,
        "contact_member": webinar.contact_member_id,
        "appearances-TOTAL_FORMS": "0",
        "appearances-INITIAL_FORMS": "0",
        "appearances-MIN_NUM_FORMS": "0",
        "appearances-MAX_NUM_FORMS": "1000",
        # The transcript and chapters inlines (tests/webinars/test_transcripts.py), empty.
        **inline_management("transcript"),
        **inline_management("chapters"),
    }
    start = webinar.starts_at.astimezone(webinar.zone)
    data["starts_at"] = f"{start:%Y-%m-%dT%H:%M}"
    data["ends_at"] = f"{start + datetime.timedelta(hours=1):%Y-%m-%dT%H:%M}"
    return data


def test_staff_upload_a_pdf_stored_under_a_hashed_name_and_served_behind_the_gate(
    admin_client, client, archived_webinar, member, premium_member
):
    response = save_in_admin(admin_client, archived_webinar, slides_pdf=upload("My talk.pdf"))

    assert response.status_code == 302, response.content.decode()[:2000]
    archived_webinar.refresh_from_db()
    name = archived_webinar.slides_file
    assert name.startswith("slides/") and name.endswith(".pdf")
    assert "talk" not in name
    assert default_storage.open(name).read() == PDF

    client.force_login(premium_member)
    html = client.get(archived_webinar.get_absolute_url()).content.decode()
    assert f'href="/webinars/{archived_webinar.slug}/slides.pdf"' in html
    served = client.get(f"/webinars/{archived_webinar.slug}/slides.pdf")
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert b"".join(served.streaming_content) == PDF
    assert "private" in served["Cache-Control"]

    client.force_login(member)  # not premium
    assert client.get(f"/webinars/{archived_webinar.slug}/slides.pdf").status_code == 403
    client.logout()
    to_login = client.get(f"/webinars/{archived_webinar.slug}/slides.pdf")
    assert to_login.status_code == 302
    assert to_login["Location"].startswith("/accounts/login/")


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_saved(
    admin_client, archived_webinar, media
):
    response = save_in_admin(
        admin_client,
        archived_webinar,
        title="A new title that must not be saved",
        slides_pdf=upload("slides.pdf", b"PK\x03\x04 a PowerPoint file, really"),
    )

    assert response.status_code == 200
    assert "This file is not a PDF." in response.content.decode()
    archived_webinar.refresh_from_db()
    assert archived_webinar.slides_file == ""
    assert archived_webinar.title == "Eating well on dialysis"
    assert not (media / "slides").exists()


def test_a_pdf_over_the_size_limit_is_refused_with_its_size(
    admin_client, archived_webinar, monkeypatch
):
    monkeypatch.setattr(slides, "MAX_BYTES", 50)

    response = save_in_admin(admin_client, archived_webinar, slides_pdf=upload())

    assert response.status_code == 200
    assert "the limit is 0.0 MB. Please upload a smaller PDF." in response.content.decode()
    archived_webinar.refresh_from_db()
    assert archived_webinar.slides_file == ""


def test_removing_the_pdf_deletes_its_file(
    admin_client, archived_webinar, django_capture_on_commit_callbacks
):
    save_in_admin(admin_client, archived_webinar, slides_pdf=upload())
    archived_webinar.refresh_from_db()
    name = archived_webinar.slides_file

    with django_capture_on_commit_callbacks(execute=True):
        save_in_admin(admin_client, archived_webinar, remove_slides_pdf="on")

    archived_webinar.refresh_from_db()
    assert archived_webinar.slides_file == ""
    assert not default_storage.exists(name)


def test_a_webinar_without_an_uploaded_pdf_has_no_slides_file(client, archived_webinar):
    assert client.get(f"/webinars/{archived_webinar.slug}/slides.pdf").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_slides_the_audience_the_webinar_had():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    # Found by name, so the test survives renumbering when migrations are merged.
    [mine] = [key for key in executor.loader.graph.nodes if "slides_audience" in key[1]]
    parents = executor.loader.graph.node_map[mine].parents
    before = [parent.key for parent in parents if parent.key[0] == "webinars"]
    after = executor.loader.graph.leaf_nodes("webinars")  # back to the latest
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    fields = {
        "description_markdown": "x",
        "starts_at": datetime.datetime(2026, 1, 5, 15, tzinfo=datetime.UTC),
        "ends_at": datetime.datetime(2026, 1, 5, 16, tzinfo=datetime.UTC),
    }
    OldWebinar = old.get_model("webinars", "Webinar")
    OldWebinar.objects.create(title="Premium", slug="premium-one", audience="premium", **fields)
    OldWebinar.objects.create(title="Open", slug="open-one", audience="everyone", **fields)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    executor.loader.build_graph()

    audiences = dict(Webinar.objects.values_list("slug", "slides_audience"))
    assert audiences == {"premium-one": "premium", "open-one": "everyone"}
