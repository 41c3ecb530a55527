"""Demo: two newcomers' discussions nobody has answered yet, for mentor_walt's /mentors/.
Safe to run again."""

import datetime

from django.test import override_settings
from django.utils import timezone

from community import services
from community.models import Group, Post, Thread

WAITING = [
    (
        "newcomers",
        "theo_r",
        "Is it normal to feel scared before a first clinic visit?",
        "My first appointment at the transplant clinic is on Monday. I keep rehearsing what "
        "to say. Did anyone else feel this nervous?",
        30,
    ),
    (
        "caregivers",
        "ana_lucia",
        "How do you explain a hospital stay to a six-year-old?",
        "My daughter's brother goes into hospital next week. She asks a lot of questions and "
        "I want to be honest without scaring her.",
        20,
    ),
]


def load(members: dict) -> None:
    with override_settings(PREMODERATE_FIRST_POSTS=0, NEW_MEMBER_POSTS_PER_HOUR=1_000_000):
        for slug, handle, title, body, hours_ago in WAITING:
            group = Group.objects.filter(slug=slug).first()
            if group is None or Thread.objects.filter(group=group, title=title).exists():
                continue
            thread = services.create_thread(
                group=group, author=members[handle], title=title, body=body
            )
            started = timezone.now() - datetime.timedelta(hours=hours_ago)
            Thread.objects.filter(pk=thread.pk).update(created_at=started, last_activity_at=started)
            Post.objects.filter(thread=thread).update(created_at=started)
