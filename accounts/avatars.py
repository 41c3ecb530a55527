"""Members' faces: an uploaded profile picture, or a generated initials avatar.

An upload is checked with Pillow (a real image, at most MAX_BYTES, at most MAX_PIXELS),
turned upright by its EXIF orientation, centre-cropped to a square and re-encoded as JPEG
at each of SIZES. Re-encoding writes no metadata, so EXIF data (GPS position, camera,
date) never reaches the stored files.

Files go through Django's storage API (`default_storage`, STORAGES["default"]), so an
S3-compatible backend can replace the file system by settings alone. Names are hashes of
the member and the picture ("avatars/3f/3f9c…-96.jpg"): they never change for one
picture, so they may be cached for ever, and they say nothing about the member. The
member's row keeps the name stem (`User.avatar`), so a page that already shows the member
draws the picture with no query; the old files are removed once a change commits.

A member without a picture gets initials on a colour chosen from their id (templates:
`{% avatar member 48 %}` from accounts/templatetags/avatars.py).
"""

import hashlib
import io
from collections.abc import Iterable
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext
from PIL import Image, ImageOps, UnidentifiedImageError

from accounts.models import User
from core import page_cache

MAX_BYTES = 5 * 1024 * 1024
# Larger images are refused before decoding: a small file can unpack to gigabytes.
MAX_PIXELS = 40_000_000
SIZES = (48, 96)
# Colours for initials avatars, each with white text at 4.5:1 or more (AA).
HUES = 8


class PictureError(ValueError):
    """Why an uploaded file cannot be a profile picture, in words for the member."""


def _megabytes(size: int) -> str:
    return gettext("%(size)s MB") % {"size": number_format(round(size / (1024 * 1024), 1), 1)}


def square_jpegs(data: bytes) -> dict[int, bytes]:
    """The picture at each of SIZES, as JPEG bytes without metadata; PictureError if the
    bytes are not an image Pillow can read."""
    unreadable = PictureError(
        gettext(
            "This file is not a picture we can read. Please choose a JPEG, PNG, GIF or WebP image."
        )
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()  # a truncated or forged file fails here
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise PictureError(
                    gettext(
                        "This picture is %(width)s by %(height)s pixels. Please choose "
                        "a smaller one (a phone photo is fine)."
                    )
                    % {"width": image.width, "height": image.height}
                )
            image.seek(0)  # the first frame of an animation
            upright = ImageOps.exif_transpose(image)
            rgba = upright.convert("RGBA")
    except PictureError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise unreadable from None
    # Transparent parts show white, as on the page behind the picture.
    flat = Image.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    files = {}
    for size in SIZES:
        square = ImageOps.fit(flat, (size, size), method=Image.Resampling.LANCZOS)
        out = io.BytesIO()
        square.save(out, format="JPEG", quality=88, optimize=True)
        files[size] = out.getvalue()
    return files


def check_upload(upload) -> dict[int, bytes]:
    """The upload's resized files, or PictureError saying why not (too large, not an image)."""
    if upload.size > MAX_BYTES:
        raise PictureError(
            gettext(
                "This picture is %(size)s; the limit is %(limit)s. Please choose a smaller picture."
            )
            % {"size": _megabytes(upload.size), "limit": _megabytes(MAX_BYTES)}
        )
    return square_jpegs(upload.read())


def file_name(stem: str, size: int) -> str:
    return f"{stem}-{size}.jpg"


def url(member: User, size: int) -> str:
    """The address of the member's picture file at `size` (one of SIZES), or ""."""
    return default_storage.url(file_name(member.avatar, size)) if member.avatar else ""


def _delete_files(stems: Iterable[str]) -> None:
    for stem in stems:
        for size in SIZES:
            default_storage.delete(file_name(stem, size))


def _replace(member: User, stem: str) -> None:
    """Stores `stem` on the member's row; the old files go once this commits."""
    old = User.objects.select_for_update().values_list("avatar", flat=True).get(pk=member.pk)
    User.objects.filter(pk=member.pk).update(avatar=stem)
    member.avatar = stem
    if old and old != stem:
        transaction.on_commit(lambda: _delete_files([old]))
    page_cache.changed("member.pictured")


def set_picture(*, member: User, files: dict[int, bytes]) -> None:
    """Makes `files` (from check_upload) the member's profile picture."""
    digest = hashlib.sha256(str(member.pk).encode() + b":" + files[max(SIZES)]).hexdigest()[:32]
    stem = f"avatars/{digest[:2]}/{digest}"
    for size, data in files.items():
        name = file_name(stem, size)
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(data))
    with transaction.atomic():
        _replace(member, stem)


def remove_picture(*, member: User) -> None:
    """Back to the initials avatar; the files go once this commits."""
    with transaction.atomic():
        _replace(member, "")


def erase(member: User) -> None:
    """For account closing (accounts.closing): the picture's files go with the account."""
    if member.avatar:
        stem = member.avatar
        transaction.on_commit(lambda: _delete_files([stem]))
        User.objects.filter(pk=member.pk).update(avatar="")
        member.avatar = ""


def export(member: User) -> dict[str, str] | None:
    """For "Download my data": where the member's picture files are, if they have one."""
    if not member.avatar:
        return None
    # A file-system storage answers "/media/…"; S3 answers a full address already.
    return {f"{size}px": urljoin(settings.SITE_URL + "/", url(member, size)) for size in SIZES}


def initials(member: User) -> str:
    """ "JM" for "June Mayer", "JU" for @june; nothing for a former member."""
    if member.is_former_member:
        return ""
    words = [w for w in member.name.split() if w[:1].isalnum()]
    if len(words) >= 2:
        return (words[0][0] + words[-1][0]).upper()
    return (words[0][:2] if words else member.handle[:2]).upper()


def hue(member: User) -> int:
    return (member.pk or 0) % HUES
