"""Profile pictures: checked, squared, stripped of EXIF, stored by hashed name, drawn without
a query; initials for members without one."""

import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import ExifTags, Image

from accounts import avatars, closing
from accounts.models import User
from community import services
from community.models import Group
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

EDIT = reverse("accounts:profile-edit")
GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (41.0, 52.0, 12.0),
    ExifTags.GPS.GPSLongitudeRef: "W",
    ExifTags.GPS.GPSLongitude: (87.0, 37.0, 48.0),
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def group(db):
    return Group.objects.create(name="Faces", slug="faces", description="For all.")


def photo_with_gps(width=640, height=480, colour=(200, 120, 40)) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCam"
    exif[ExifTags.Base.GPSInfo] = GPS
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(data: bytes, name="me.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def form_data(**extra):
    return {
        "display_name": "June M",
        "bio": "Caregiver for my mum, writing from Chicago.",
        "time_zone": "America/Chicago",
        **extra,
    }


def stored(member: User, size: int) -> Image.Image:
    with default_storage.open(avatars.file_name(member.avatar, size)) as f:
        image = Image.open(io.BytesIO(f.read()))
        image.load()
    return image


def test_the_test_photo_really_carries_a_gps_position():
    with Image.open(io.BytesIO(photo_with_gps())) as image:
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_an_uploaded_picture_comes_back_square_and_without_its_gps_position(member_client):
    response = member_client.post(EDIT, form_data(picture=upload(photo_with_gps())))

    assert response.status_code == 302
    member = User.objects.get(handle="june")
    assert member.avatar.startswith("avatars/")
    assert member.display_name == "June M"
    for size in avatars.SIZES:
        image = stored(member, size)
        assert image.size == (size, size)
        assert image.format == "JPEG"
        assert "exif" not in image.info
        assert not image.getexif()  # no GPS, no camera, nothing
    profile = member_client.get(member.get_absolute_url()).content.decode()
    assert f'src="{default_storage.url(avatars.file_name(member.avatar, 96))}"' in profile


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"%PDF-1.7 this is a letter from the clinic",
            "This file is not a picture we can read. Please choose a JPEG, PNG, GIF or WebP image.",
        ),
        (
            b"\xff\xd8\xff" + b"\0" * (30 * 1024 * 1024),
            "This picture is 30.0 MB; the limit is 5.0 MB. Please choose a smaller picture.",
        ),
    ],
    ids=["not-an-image", "30-mb"],
)
def test_a_refused_file_gets_a_clear_message_and_the_rest_of_the_form_is_kept(
    member_client, member, data, message
):
    response = member_client.post(EDIT, form_data(picture=upload(data, name="scan.jpg")))

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'value="June M"' in page
    assert "Caregiver for my mum, writing from Chicago." in page
    member.refresh_from_db()
    assert member.avatar == ""
    assert member.display_name == "June"  # nothing half-saved either


@pytest.fixture
def save_profile(member_client, member, django_capture_on_commit_callbacks):
    """save_profile(**fields): posts the edit form, runs what waits for the commit, and
    answers the member's picture stem."""

    def save(**fields) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            member_client.post(EDIT, form_data(**fields))
        member.refresh_from_db()
        return member.avatar

    return save


def test_a_new_picture_replaces_the_old_files(save_profile, member):
    first = save_profile(picture=upload(photo_with_gps()))
    second = save_profile(picture=upload(photo_with_gps(colour=(10, 90, 200))))

    assert second != first
    assert default_storage.exists(avatars.file_name(member.avatar, 48))
    assert not default_storage.exists(avatars.file_name(first, 48))
    assert not default_storage.exists(avatars.file_name(first, 96))


def test_removing_the_picture_brings_back_the_initials(save_profile, member_client, member):
    old = save_profile(picture=upload(photo_with_gps()))

    assert save_profile(remove_picture="on") == ""
    assert not default_storage.exists(avatars.file_name(old, 96))
    profile = member_client.get(member.get_absolute_url()).content.decode()
    assert 'aria-hidden="true">JM</span>' in profile


def test_a_member_without_a_picture_shows_initials_on_a_colour_from_their_id(client):
    june = MemberFactory(handle="june_m", display_name="June Mayer")
    page = client.get(june.get_absolute_url()).content.decode()
    assert f'class="avatar avatar--96 avatar--hue-{june.pk % avatars.HUES}"' in page
    assert ">JM</span>" in page
    assert avatars.initials(MemberFactory(handle="theo_r", display_name="")) == "TH"


def test_the_data_export_gives_the_pictures_address(member_client, member):
    member_client.post(EDIT, form_data(picture=upload(photo_with_gps())))
    member.refresh_from_db()

    data = json.loads(member_client.get(reverse("accounts:export-data")).content)

    assert data["profile"]["profile_picture"] == {
        f"{size}px": f"http://testserver/media/{avatars.file_name(member.avatar, size)}"
        for size in avatars.SIZES
    }


def test_closing_the_account_erases_the_picture(
    member_client, member, django_capture_on_commit_callbacks
):
    member_client.post(EDIT, form_data(picture=upload(photo_with_gps())))
    member.refresh_from_db()
    stem = member.avatar

    with django_capture_on_commit_callbacks(execute=True):
        closing.close_account(member=member)

    member.refresh_from_db()
    assert member.avatar == ""
    assert not default_storage.exists(avatars.file_name(stem, 48))
    assert not default_storage.exists(avatars.file_name(stem, 96))


def test_the_header_shows_the_members_own_face(member_client, member):
    page = member_client.get("/groups/").content.decode()
    assert 'class="avatar avatar--24 avatar--hue-' in page


def _thread_with_pictured_authors(group, posts: int):
    authors = [MemberFactory() for _ in range(3)]
    for author in authors:
        avatars.set_picture(member=author, files=avatars.square_jpegs(photo_with_gps()))
    thread = services.create_thread(group=group, author=authors[0], title="Faces", body="One")
    for n in range(2, posts + 1):
        services.create_reply(thread=thread, author=authors[n % 3], body=f"Reply {n}")
    return thread


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_faces_beside_posts_cost_no_query_per_post(member_client, group):
    small = _thread_with_pictured_authors(group, 5)
    big = _thread_with_pictured_authors(group, 200)
    member_client.get("/groups/")  # the header's unread count is kept from here on

    small_count, small_page = _queries(member_client, small.get_absolute_url())
    big_count, big_page = _queries(member_client, f"{big.get_absolute_url()}?page=10")

    assert small_count == big_count
    assert small_page.count('<img class="avatar avatar--40"') == 5
    assert big_page.count('<img class="avatar avatar--40"') == 20
