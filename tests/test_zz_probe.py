import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community import services
from community.models import Group
from tests.factories import MemberFactory
from tests.webinars.conftest import create_webinar

pytestmark = pytest.mark.django_db


def show(client, url):
    with CaptureQueriesContext(connection) as c:
        r = client.get(url)
    print(f"\n=== {url} status={r.status_code} bytes={len(r.content)} queries={len(c)}")
    for q in c.captured_queries:
        print("  -", q["sql"][:260])


def test_probe(client, member):
    group = Group.objects.create(name="T", slug="t", description="x")
    others = [MemberFactory(is_staff=True), MemberFactory(is_mentor=True), MemberFactory()]
    thread = services.create_thread(group=group, author=member, title="Counting", body="One")
    first = thread.posts.get(position=1)
    for n in range(2, 60):
        p = services.create_reply(thread=thread, author=others[n % 3] if n % 7 else member, body=f"Reply {n}", reply_to=first if n % 4 == 0 else None)
        if n % 5 == 0 and n % 7:
            services.toggle_reaction(post=p, member=member, kind="hug")
    w = create_webinar(contact_member=others[0])
    services.create_reply(thread=w.thread, author=others[1], body="hi")
    client.force_login(member)
    show(client, thread.get_absolute_url())
    show(client, thread.get_absolute_url() + "?page=3")
    show(client, "/groups/t/")
    show(client, "/")
    show(client, w.get_absolute_url())
