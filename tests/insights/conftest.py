"""A small hand-built community whose figures are known, for two weeks of March 2026.

Period: Monday 2 March to Sunday 15 March 2026 (site time zone), weeks W1 (2 March) and W2
(9 March). The right answers, worked out by hand, are in EXPECTED.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from community.models import Group, Post, Reaction, Thread
from insights.figures import Period
from moderation.models import AuditEntry, Flag
from tests.factories import MemberFactory
from webinars.models import Registration, Webinar

START = datetime.date(2026, 3, 2)
END = datetime.date(2026, 3, 15)

EXPECTED = {
    "weeks": [datetime.date(2026, 3, 2), datetime.date(2026, 3, 9)],
    "new_members": [1, 2],
    "active_members": [4, 5],
    "active_members_total": 5,
    "threads_started": [2, 3],
    "replies": [3, 4],
    "threads_total": 5,
    "threads_replied_in_24h": 2,
    "first_threads": 3,
    "first_threads_answered": 2,
    "first_reply_median_seconds": 16 * 3600,  # median of 2 h and 30 h
    "first_replies_by_mentors": 1,
    "flags_received": 3,
    "flags_decided": 2,
    "flag_decision_median_seconds": 2 * 3600,  # median of 1 h and 3 h
    "posts_held": 3,
    "posts_still_waiting": 1,
    "held_wait_median_seconds": 3 * 3600,  # median of 2 h and 4 h
}


def at(day: int, hour: int = 12, minute: int = 0, month: int = 3) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=ZoneInfo(settings.TIME_ZONE))


class Community:
    def __init__(self):
        self.positions: dict[int, int] = {}

    def thread(self, group, author, when, title="A question") -> Thread:
        thread = Thread.objects.create(
            group=group, title=title, slug="a-question", author=author, created_at=when
        )
        self.post(thread, author, when)
        return thread

    def post(self, thread, author, when, status=Post.Status.PUBLISHED) -> Post:
        position = self.positions.get(thread.pk, 0) + 1
        self.positions[thread.pk] = position
        return Post.objects.create(
            thread=thread,
            author=author,
            position=position,
            body_markdown="Hello",
            body_html="<p>Hello</p>",
            status=status,
            created_at=when,
        )


@pytest.fixture
def period():
    return Period(START, END)


@pytest.fixture
def community(db, moderator):
    c = Community()
    c.group = Group.objects.create(name="Transplant", slug="transplant")
    c.other_group = Group.objects.create(name="Caregivers", slug="caregivers")
    old_timer = MemberFactory(handle="old_timer", date_joined=at(1, month=1))
    mentor = MemberFactory(handle="mentor", is_mentor=True, date_joined=at(1, month=1))
    newbie_a = MemberFactory(handle="newbie_a", date_joined=at(3, 9))
    newbie_b = MemberFactory(handle="newbie_b", date_joined=at(10, 8))
    newbie_c = MemberFactory(handle="newbie_c", date_joined=at(12, 8))
    MemberFactory(handle="later", date_joined=at(20))
    c.members = [old_timer, mentor, newbie_a, newbie_b, newbie_c]

    # Before the period: old_timer's first thread, and the webinar's discussion.
    c.thread(c.group, old_timer, at(1, month=2))
    discussion = c.thread(c.group, moderator, at(2, month=2), title="Webinar discussion")
    c.post(discussion, old_timer, at(3, month=2))
    c.post(discussion, mentor, at(4, month=2))

    # TA: newbie_a's first thread; the mentor answers after 2 hours.
    ta = c.thread(c.group, newbie_a, at(3, 10))
    mentor_reply = c.post(ta, mentor, at(3, 12))
    flagged = c.post(ta, old_timer, at(4, 9))
    held_b = c.post(ta, newbie_b, at(5, 8))  # held, approved after 2 hours
    c.post(ta, newbie_c, at(14, 9), status=Post.Status.PENDING)  # still waiting
    # TE: old_timer's thread in the other group, never answered.
    c.thread(c.other_group, old_timer, at(6, 10))
    # TD: old_timer's thread, newbie_a answers after 2 hours.
    td = c.thread(c.group, old_timer, at(9, 8))
    c.post(td, newbie_a, at(9, 10))
    c.post(td, old_timer, at(10, 11), status=Post.Status.HIDDEN)
    held_c = c.post(td, newbie_c, at(12, 10))  # held, approved after 4 hours
    # TB: newbie_b's first thread; their own follow-up, then old_timer after 30 hours.
    tb = c.thread(c.group, newbie_b, at(10, 9))
    c.post(tb, newbie_b, at(10, 9, 30))
    tb_answer = c.post(tb, old_timer, at(11, 15))
    # TC: newbie_c's first thread, no answer.
    c.thread(c.group, newbie_c, at(12, 11))

    Reaction.objects.create(post=mentor_reply, member=newbie_a, kind="hug", created_at=at(3, 13))
    Reaction.objects.create(post=tb_answer, member=mentor, kind="helpful", created_at=at(13, 9))

    post_type = ContentType.objects.get_for_model(Post)
    for post, hours in ((held_b, 2), (held_c, 4)):
        AuditEntry.objects.create(
            actor=moderator,
            action=AuditEntry.Action.POST_APPROVE,
            target_type=post_type,
            target_id=post.pk,
            target_label="post",
            created_at=post.created_at + datetime.timedelta(hours=hours),
        )
    Flag.objects.create(
        post=flagged,
        flagger=newbie_a,
        reason="abusive",
        created_at=at(4, 12),
        resolved_at=at(4, 13),
        outcome="dismissed",
    )
    Flag.objects.create(
        post=flagged,
        flagger=mentor,
        reason="abusive",
        created_at=at(5, 0),
        resolved_at=at(5, 3),
        outcome="dismissed",
    )
    Flag.objects.create(post=tb_answer, flagger=newbie_a, reason="spam", created_at=at(12, 9))
    Flag.objects.create(
        post=tb_answer, flagger=newbie_c, reason="spam", created_at=at(20, 9, month=2)
    )

    webinar = Webinar.objects.create(
        title="Living with a new kidney",
        slug="living-with-a-new-kidney",
        starts_at=at(10, 18),
        ends_at=at(10, 19),
        description_markdown="A talk.",
        thread=discussion,
    )
    for member in c.members[:3]:
        Registration.objects.create(webinar=webinar, member=member)
    Registration.objects.create(webinar=webinar, member=newbie_c, cancelled_at=at(9))
    c.webinar = webinar
    return c
