"""Demo members for the embedded default. Fictional people; every password is the same."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission

from accounts.models import MODERATORS_GROUP, Membership, User, site_today

DEMO_PASSWORD = "gathering-demo"  # noqa: S105 (fictional demo accounts)

MEMBERS = [
    # handle, e-mail, display name, bio, flags
    (
        "admin",
        "admin@example.org",
        "Site Admin",
        "Runs the site.",
        {"is_staff": True, "is_superuser": True},
    ),
    (
        "nurse_rosa",
        "rosa@example.org",
        "Rosa Delgado, RN",
        "Transplant nurse coordinator and community moderator.",
        {"is_staff": True, "moderator": True},
    ),
    (
        "mentor_walt",
        "walt@example.org",
        "Walt",
        "Kidney transplant in 2016. Volunteer mentor: ask me anything about the first year.",
        {"is_mentor": True},
    ),
    (
        "june_b",
        "june@example.org",
        "June",
        "Caregiver for my husband, who has COPD.",
        {"premium": True},
    ),
    (
        "sam_k",
        "sam@example.org",
        "Sam",
        "Waiting for a lung transplant. I like crosswords and long walks (short ones, these days).",
        {},
    ),
    ("ana_lucia", "ana@example.org", "Ana Lucía", "Mother of a teenager with cystic fibrosis.", {}),
    ("theo_r", "theo@example.org", "Theo", "", {}),
]


def load() -> dict[str, User]:
    """Creates (or refreshes) the demo members; safe to run any number of times."""
    moderators, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    moderators.permissions.add(*Permission.objects.filter(content_type__app_label="moderation"))
    members = {}
    for handle, email, name, bio, flags in MEMBERS:
        user = User.objects.filter(handle__iexact=handle).first()
        if user is None:
            user = User.objects.create_user(email=email, handle=handle, password=DEMO_PASSWORD)
        user.display_name = name
        user.bio = bio
        user.is_staff = flags.get("is_staff", False)
        user.is_superuser = flags.get("is_superuser", False)
        user.is_mentor = flags.get("is_mentor", False)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if flags.get("moderator"):
            user.groups.add(moderators)
        if flags.get("premium") and not user.memberships.exists():
            today = site_today()
            Membership.objects.create(
                member=user,
                kind=Membership.Kind.TRIAL,
                starts_on=today,
                ends_on=today + datetime.timedelta(days=60),
                note="Demo trial",
            )
        members[handle] = user
    return members
