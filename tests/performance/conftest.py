"""Fixtures the member-page tests share with the webinar tests."""

from tests.webinars.conftest import make_webinar, presenter  # noqa: F401
