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
