import pytest
from django.core.management import call_command
from django.db.models import F

from community.models import Mention, Post, Reaction, Thread

pytestmark = pytest.mark.django_db


def test_demo_data_has_a_long_thread_with_quotes_across_pages_and_loads_twice_the_same():
    call_command("load_demo", verbosity=0)
    counts = (Thread.objects.count(), Post.objects.count(), Reaction.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Thread.objects.count(), Post.objects.count(), Reaction.objects.count()) == counts

    long_thread = Thread.objects.get(title="The first weeks home after a transplant")
    assert long_thread.posts.count() > 40  # three pages of twenty
    across = [
        p
        for p in long_thread.posts.select_related("reply_to")
        if p.reply_to and p.reply_to.page_number < p.page_number
    ]
    assert {p.page_number for p in across} == {2, 3}
    assert Mention.objects.filter(post__thread=long_thread).exists()
    assert Reaction.objects.filter(post__thread=long_thread).count() >= 10
    assert not Reaction.objects.filter(post__author=F("member")).exists()  # nobody self-reacts
