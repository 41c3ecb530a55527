import datetime
import itertools
import zoneinfo

import pytest
from django.db.models import F
from django.utils import timezone

from accounts.models import Membership, site_today
from community.models import Post, Thread
from core.markdown import render_markdown
from tests.factories import MemberFactory
from webinars import services
from webinars.models import Presenter, Registration, Webinar, WebinarPresenter

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
_slugs = itertools.count(1)


def create_webinar(
    *, contact_member, starts_in=datetime.timedelta(days=3), presenters=(), **fields
):
    """A webinar with its discussion thread; starts `starts_in` from now unless starts_at given."""
    starts_at = fields.pop("starts_at", timezone.now() + starts_in)
    number = next(_slugs)
    values = {
        "title": f"Sleeping well after surgery, part {number}",
        "slug": f"sleeping-well-{number}",
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=1),
        "time_zone": "America/Chicago",
        "description_markdown": "How to rest when **everything** aches.",
        "contact_member": contact_member,
    }
    values.update(fields)
    webinar = Webinar.objects.create(**values)
    for position, presenter in enumerate(presenters):
        WebinarPresenter.objects.create(webinar=webinar, presenter=presenter, position=position)
    services.create_discussion_thread(webinar)
    webinar.refresh_from_db()
    return webinar


def create_post(thread: Thread, author, body: str, *, reply_to=None, excerpt="", **fields) -> Post:
    """A published post at the thread's next position."""
    position = Thread.objects.filter(pk=thread.pk).values_list("last_position", flat=True).get()
    post = Post.objects.create(
        thread=thread,
        author=author,
        position=position + 1,
        body_markdown=body,
        body_html=render_markdown(body),
        reply_to=reply_to,
        quote_excerpt=excerpt,
        **fields,
    )
    Thread.objects.filter(pk=thread.pk).update(last_position=F("last_position") + 1)
    return post


@pytest.fixture
def make_webinar(db, staff):
    """make_webinar(starts_in=timedelta(days=3), **fields), with staff as the contact."""

    def make(**fields):
        fields.setdefault("contact_member", staff)
        return create_webinar(**fields)

    return make


@pytest.fixture
def archived_webinar(make_webinar):
    return make_webinar(
        starts_in=-datetime.timedelta(days=10),
        title="Eating well on dialysis",
        slug="eating-well-on-dialysis",
        slides_url="https://example.org/slides/eating-well.pdf",
        recording_url="https://www.youtube.com/watch?v=abcDEF12345",
        audience=Webinar.Audience.PREMIUM,
        slides_audience=Webinar.Audience.PREMIUM,
    )


@pytest.fixture
def presenter(db):
    return Presenter.objects.create(
        name="Nadia Farah",
        title="Renal dietitian",
        bio="Nadia helps people on dialysis eat well without counting every bite.",
    )


@pytest.fixture
def add_post(db):
    return create_post


def grant_premium(member, *, kind=Membership.Kind.PAID, days=30, ended_days_ago=None):
    today = site_today()
    if ended_days_ago is not None:
        ends = today - datetime.timedelta(days=ended_days_ago)
        starts = ends - datetime.timedelta(days=days)
    else:
        starts, ends = today, today + datetime.timedelta(days=days)
    Membership.objects.create(member=member, kind=kind, starts_on=starts, ends_on=ends)
    return member


@pytest.fixture
def premium_member(db):
    return grant_premium(MemberFactory(handle="pat_premium"))


@pytest.fixture
def trial_member(db):
    return grant_premium(MemberFactory(handle="tess_trial"), kind=Membership.Kind.TRIAL)


@pytest.fixture
def register_members(db):
    def register(webinar, count: int, **member_fields):
        members = MemberFactory.create_batch(count, **member_fields)
        for member in members:
            Registration.objects.create(webinar=webinar, member=member)
        return members

    return register
