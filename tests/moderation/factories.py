"""Groups, threads and posts for the moderation tests, counted as community's services do:
a published, visible post adds one to its thread's replies (unless it opens the thread, when
it adds the thread to its group's threads), its group's posts and its author's posts."""

import itertools

from django.db.models import F
from django.utils import timezone

from accounts.models import User
from community.models import Group, Post, Thread
from community.services import waits_for_review_since
from core.markdown import render_markdown
from moderation import review
from moderation.models import Flag

_seq = itertools.count(1)


def make_group(name: str | None = None) -> Group:
    n = next(_seq)
    name = name or f"Group {n}"
    return Group.objects.create(name=name, slug=f"group-{n}")


def make_post(
    *,
    author: User,
    thread: Thread | None = None,
    group: Group | None = None,
    status: str = Post.Status.PUBLISHED,
    text: str = "A kind, ordinary post.",
) -> Post:
    """A new thread's first post when no thread is given, else a reply at the next position."""
    if thread is None:
        group = group or make_group()
        thread = Thread.objects.create(
            group=group, title=f"Thread {next(_seq)}", slug="thread", author=author
        )
    Thread.objects.filter(pk=thread.pk).update(last_position=F("last_position") + 1)
    thread.refresh_from_db()
    now = timezone.now()
    post = Post.objects.create(
        thread=thread,
        author=author,
        position=thread.last_position,
        status=status,
        body_markdown=text,
        body_html=render_markdown(text),
        created_at=now,
        review_since=waits_for_review_since(status, now),
    )
    if status == Post.Status.PUBLISHED:
        if post.position > 1:
            Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") + 1)
        else:
            Group.objects.filter(pk=thread.group_id).update(thread_count=F("thread_count") + 1)
        Group.objects.filter(pk=thread.group_id).update(post_count=F("post_count") + 1)
        User.objects.filter(pk=author.pk).update(post_count=F("post_count") + 1)
    return post


def open_flag(post: Post, *, flagger: User, **fields) -> Flag:
    """A member's open flag on the post, written directly (not through flag_post, which
    hides a post after enough flags) and with the post's place in the queue brought up to
    date, as every service that opens a flag does."""
    fields.setdefault("reason", Flag.Reason.SPAM)
    flag = Flag.objects.create(post=post, flagger=flagger, **fields)
    review.refresh(post_ids=[post.pk])
    return flag


def counts(post: Post) -> tuple[int, int, int]:
    """(thread replies, group posts, author posts) as stored now."""
    thread = Thread.objects.get(pk=post.thread_id)
    return (
        thread.reply_count,
        Group.objects.get(pk=thread.group_id).post_count,
        User.objects.get(pk=post.author_id).post_count,
    )
