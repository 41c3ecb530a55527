"""The demo's members joined before anything the demo shows them doing."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import Min
from django.utils import timezone

from accounts import demo
from accounts.models import User, site_today
from community.models import Post

pytestmark = pytest.mark.django_db


def test_demo_members_joined_before_their_first_post_and_not_all_at_once():
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # run again: join dates do not move

    members = User.objects.filter(handle__in=[handle for handle, *_ in demo.MEMBERS])
    assert members.count() == len(demo.MEMBERS)
    first_posts = dict(
        Post.objects.values("author")
        .annotate(first=Min("created_at"))
        .values_list("author", "first")
    )
    assert first_posts  # the demo has posts to compare with
    for member in members:
        assert member.date_joined < timezone.now() - datetime.timedelta(days=20), member
        if member.pk in first_posts:
            assert member.date_joined < first_posts[member.pk], member
        for membership in member.memberships.all():
            assert timezone.localdate(member.date_joined) <= membership.starts_on <= site_today()
    assert len({member.date_joined.date() for member in members}) == len(demo.MEMBERS)
