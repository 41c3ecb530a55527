"""Slides uploaded as a PDF: checked, stored under a hashed name, served behind the gate.

An upload is a PDF when it starts with the PDF header ("%PDF-", within the first 1024
bytes, as readers accept) and is at most MAX_BYTES. It goes through Django's storage API
(`default_storage`, like accounts/avatars.py), so an S3-compatible backend can replace the
file system by settings alone. Its name is a keyed hash of its bytes
("slides/3f/3f9c….pdf"): the same file keeps one name, and nobody can work the name out
from the slides, so a storage that serves MEDIA_URL publicly does not open premium slides
to the world. Readers get the file from `/webinars/<slug>/slides.pdf`, which asks
`may_see_slides` first (webinars/views.py).
"""

import hashlib
import hmac

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from webinars.models import Webinar

MAX_BYTES = 25 * 1024 * 1024
HEADER = b"%PDF-"


class SlidesError(ValueError):
    """Why an upload cannot be the slides, in words for staff."""


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_pdf(upload) -> bytes:
    """The upload's bytes when it is a PDF within the size limit; SlidesError otherwise."""
    if upload.size > MAX_BYTES:
        raise SlidesError(
            _("This file is %(size)s; the limit is %(limit)s. Please upload a smaller PDF.")
            % {"size": _megabytes(upload.size), "limit": _megabytes(MAX_BYTES)}
        )
    upload.seek(0)
    data = upload.read()
    if HEADER not in data[:1024]:
        raise SlidesError(
            _(
                "This file is not a PDF. Please save the slides as a PDF (File, then Save "
                "as or Export, in most programs) and upload that, or give a link instead."
            )
        )
    return data


def file_name(data: bytes) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), data, hashlib.sha256).hexdigest()[:40]
    return f"slides/{digest[:2]}/{digest}.pdf"


def store(data: bytes) -> str:
    """Saves the PDF (once: the same bytes have the same name); returns its name."""
    name = file_name(data)
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))
    return name


def forget_later(name: str) -> None:
    """Deletes a PDF once the current transaction commits, unless a webinar still uses
    it (two webinars may share one file)."""

    def delete() -> None:
        if name and not Webinar.objects.filter(slides_file=name).exists():
            default_storage.delete(name)

    transaction.on_commit(delete)
