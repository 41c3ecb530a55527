"""Demo moderation work: a flagged post and a newcomer's post waiting in the queue.

Fictional people and words. Idempotent: the thread is created once, flags once per member.
"""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from community import services as community_services
from community.models import Group, Post, Thread
from core.markdown import render_markdown
from moderation import review
from moderation.models import Flag

THREAD_TITLE = "First clinic visit next week: what should I bring?"
POSTS = [
    # author handle, status, text
    (
        "sam_k",
        Post.Status.PUBLISHED,
        "My first visit at the transplant clinic is next Tuesday. I'm nervous. "
        "What did you bring, and what do you wish you had asked?",
    ),
    (
        "mentor_walt",
        Post.Status.PUBLISHED,
        "Bring a list of every medicine you take, with the doses, and a notebook. "
        "Write your questions down the night before: it is easy to forget them in the room.",
    ),
    (
        "ana_lucia",
        Post.Status.PUBLISHED,
        "Honestly you can skip the pills they give you before the visit, my cousin "
        "did and felt better. A green juice cleanse does the same job.",
    ),
    (
        "theo_r",
        Post.Status.PENDING,
        "Hello, I'm new here. I go for my first visit in January. "
        "Is it all right to bring my daughter along to take notes?",
    ),
]
FLAGS = [
    # flagger handle, reason, note
    ("june_b", Flag.Reason.MISINFORMATION, "Telling someone to skip their medicines is dangerous."),
    ("mentor_walt", Flag.Reason.MISINFORMATION, ""),
]


def load(members: dict[str, User]) -> None:
    group, _ = Group.objects.get_or_create(
        slug="newcomers",
        defaults={
            "name": "Newcomers",
            "description": "New here? Say hello and ask anything. No question is too small.",
        },
    )
    thread, created = Thread.objects.get_or_create(
        group=group,
        title=THREAD_TITLE,
        defaults={"slug": slugify(THREAD_TITLE)[:80], "author": members["sam_k"]},
    )
    if created:
        _add_posts(thread)
    flagged = Post.objects.get(thread=thread, position=3)
    for handle, reason, note in FLAGS:
        Flag.objects.get_or_create(
            post=flagged, flagger=members[handle], defaults={"reason": reason, "note": note}
        )
    review.refresh(post_ids=thread.posts.values_list("pk", flat=True))


def _add_posts(thread: Thread) -> None:
    """Adds the posts and counts the published ones with community's one counting function."""
    now = timezone.now()
    count = len(POSTS)
    Thread.objects.filter(pk=thread.pk).update(last_position=count, last_activity_at=now)
    for position, (handle, status, text) in enumerate(POSTS, start=1):
        post = Post.objects.create(
            thread=thread,
            author=User.objects.get(handle=handle),
            position=position,
            body_markdown=text,
            body_html=render_markdown(text),
            status=status,
            created_at=now - datetime.timedelta(hours=(count - position) * 3 + 1),
        )
        if status == Post.Status.PUBLISHED:
            community_services.change_counters(post=post, delta=1)
