import pytest

from accounts import demo as accounts_demo
from community.models import Group, Post
from moderation import demo, querysets
from moderation.models import Flag

pytestmark = pytest.mark.django_db


def test_the_demo_puts_a_flagged_post_and_a_newcomers_pending_post_in_the_queue():
    members = accounts_demo.load()
    demo.load(members)
    demo.load(members)  # safe to run again

    queued = list(querysets.queue())

    assert [post.status for post in queued] == [Post.Status.PENDING, Post.Status.PUBLISHED]
    assert queued[0].author.handle == "theo_r"
    assert Flag.objects.filter(post=queued[1]).count() == 2
    newcomers = Group.objects.get(slug="newcomers")
    assert newcomers.name == "Newcomers"
    assert (newcomers.thread_count, newcomers.post_count) == (1, 3)
    assert members["nurse_rosa"].has_perm("moderation.moderate")
    assert not members["mentor_walt"].has_perm("moderation.moderate")
