import pytest

from community import services
from community.models import Group, Post
from tests.factories import MemberFactory


@pytest.fixture
def group(db):
    return Group.objects.create(name="Transplants", slug="transplants", description="For all.")


@pytest.fixture
def thread(group, member):
    return services.create_thread(
        group=group, author=member, title="Coming home after surgery", body="What helped you?"
    )


@pytest.fixture
def make_thread(group):
    """make_thread(posts=n): a thread of n posts in all, written in turn by a few members."""

    def make(posts: int = 1, *, title: str = "A long conversation", author=None):
        writers = [author or MemberFactory(), MemberFactory(), MemberFactory()]
        thread = services.create_thread(
            group=group, author=writers[0], title=title, body="Post number 1"
        )
        for n in range(2, posts + 1):
            services.create_reply(thread=thread, author=writers[n % 3], body=f"Post number {n}")
        return thread

    return make


def post_at(thread, position: int) -> Post:
    return Post.objects.get(thread=thread, position=position)
