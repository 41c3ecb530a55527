"""Demo members for the embedded default. Fictional people; every password is the same."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts.models import MODERATORS_GROUP, Membership, TrialRequest, User, site_today
from accounts.premium import default_trial_end

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
        {"asks_for_trial": True},
    ),
    (
        "ana_lucia",
        "ana@example.org",
        "Ana Lucía",
        "Mother of a teenager with cystic fibrosis.",
        {"expired_trial": True},
    ),
    ("theo_r", "theo@example.org", "Theo", "", {}),
]

# How long ago each demo member joined: before anything the demo shows them doing (the
# other apps' demo posts go back about three weeks). Theo and Ana are newcomers, joined
# within MENTOR_NEWCOMER_DAYS (30) of the threads mentor_walt's queue shows them waiting in.
JOINED_DAYS_AGO = {
    "admin": 1100,
    "nurse_rosa": 1000,
    "mentor_walt": 820,
    "june_b": 410,
    "sam_k": 230,
    "ana_lucia": 26,
    "theo_r": 24,
}


def load() -> dict[str, User]:
    """Creates (or refreshes) the demo members; safe to run any number of times."""
    moderators, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    moderators.permissions.add(*Permission.objects.filter(content_type__app_label="moderation"))
    members: dict[str, User] = {}
    for handle, email, name, bio, flags in MEMBERS:
        user = User.objects.filter(handle__iexact=handle).first()
        if user is None:
            user = User.objects.create_user(email=email, handle=handle, password=DEMO_PASSWORD)
        user.display_name = name
        user.bio = bio
        user.is_staff = flags.get("is_staff", False)
        user.is_superuser = flags.get("is_superuser", False)
        user.is_mentor = flags.get("is_mentor", False)
        joined = timezone.now() - datetime.timedelta(days=JOINED_DAYS_AGO[handle])
        user.date_joined = min(user.date_joined, joined)  # run again later: never moves on
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if flags.get("moderator"):
            user.groups.add(moderators)
        today = site_today()
        if flags.get("premium") and not user.memberships.exists():
            Membership.objects.create(
                member=user,
                kind=Membership.Kind.TRIAL,
                starts_on=today,
                ends_on=default_trial_end(today),
                granted_by=members.get("admin"),
                note="Demo trial",
            )
        if flags.get("expired_trial") and not user.memberships.exists():
            Membership.objects.create(
                member=user,
                kind=Membership.Kind.TRIAL,
                starts_on=today - datetime.timedelta(days=25),
                ends_on=today - datetime.timedelta(days=4),
                granted_by=members.get("admin"),
                note="Demo trial, ended",
            )
        if flags.get("asks_for_trial") and not user.trial_requests.exists():
            TrialRequest.objects.create(member=user)
        members[handle] = user
    return members
