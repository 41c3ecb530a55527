import datetime

import pytest
from django.contrib.auth.models import Permission

from accounts.models import Membership, site_today
from tests.factories import MemberFactory


def _perms(*codenames: str) -> list[Permission]:
    return list(
        Permission.objects.filter(content_type__app_label="accounts", codename__in=codenames)
    )


@pytest.fixture
def granter(db):
    """Staff who may grant memberships (accounts.add_membership) from the members' list."""
    user = MemberFactory(handle="dana_staff", display_name="Dana", is_staff=True)
    user.user_permissions.add(
        *_perms("view_user", "change_user", "add_membership", "view_trialrequest",
                "change_trialrequest")
    )  # fmt: skip
    return user


@pytest.fixture
def staff_without_grant(db):
    """Staff who may look at and edit members, but not grant memberships."""
    user = MemberFactory(handle="lee_staff", display_name="Lee", is_staff=True)
    user.user_permissions.add(*_perms("view_user", "change_user", "view_trialrequest"))
    return user


@pytest.fixture
def make_membership():
    def make(member, *, starts_on=None, ends_on=None, kind=Membership.Kind.TRIAL, **extra):
        today = site_today()
        return Membership.objects.create(
            member=member,
            kind=kind,
            starts_on=starts_on or today,
            ends_on=ends_on or today + datetime.timedelta(days=30),
            **extra,
        )

    return make


@pytest.fixture
def make_post(db):
    """make_post(author, thread=None, text=..., reply_to=None): a published post."""
    from community.models import Group, Post, Thread
    from core.markdown import render_markdown

    def make(author, *, thread=None, text="Hello", reply_to=None, title="Living with COPD"):
        if thread is None:
            group, _ = Group.objects.get_or_create(
                slug="caregivers", defaults={"name": "Caregivers"}
            )
            thread = Thread.objects.create(group=group, title=title, slug="thread", author=author)
        thread.last_position += 1
        thread.save(update_fields=["last_position"])
        return Post.objects.create(
            thread=thread,
            author=author,
            position=thread.last_position,
            body_markdown=text,
            body_html=render_markdown(text),
            reply_to=reply_to,
            quote_excerpt=reply_to.body_markdown[:80] if reply_to else "",
        )

    return make
