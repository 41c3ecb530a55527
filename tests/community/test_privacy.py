"""A member's reactions and follows in "Download my data", and gone when they close their
account (posts stay, as accounts.closing promises)."""

import json

from accounts.closing import close_account
from community import services
from community.models import Group, GroupFollow, Post, Reaction, ThreadFollow, ThreadVisit
from community.tasks import flush_thread_visits


def test_the_export_lists_the_members_own_reactions_and_follows_only(
    member_client, member, other_member, thread, group
):
    sams = services.create_reply(thread=thread, author=other_member, body="Walking helped.")
    services.toggle_reaction(post=sams, member=member, kind="helpful")
    services.toggle_reaction(post=thread.posts.get(position=1), member=other_member, kind="hug")
    services.follow_group(group=group, member=member)
    quiet = Group.objects.create(name="Caregivers", slug="caregivers")
    services.follow_group(group=quiet, member=other_member)

    data = json.loads(member_client.get("/accounts/export/").content)

    assert [(r["kind"], r["post_url"]) for r in data["reactions"]] == [
        ("helpful", f"http://testserver/p/{sams.pk}/")
    ]
    assert [f["title"] for f in data["follows"]["discussions"]] == ["Coming home after surgery"]
    assert [g["name"] for g in data["follows"]["groups"]] == ["Transplants"]
    assert "Caregivers" not in json.dumps(data)


def test_closing_an_account_takes_back_its_reactions_follows_and_reading_history(
    member, other_member, thread, group
):
    sams = services.create_reply(thread=thread, author=other_member, body="Walking helped.")
    services.toggle_reaction(post=sams, member=member, kind="helpful")
    services.toggle_reaction(post=sams, member=member, kind="hug")
    first = thread.posts.get(position=1)
    services.toggle_reaction(post=first, member=other_member, kind="hug")
    services.follow_group(group=group, member=member)
    services.record_visit(thread=thread, member=member)
    services.record_visit(thread=thread, member=other_member)

    close_account(member=member)
    flush_thread_visits()  # visits noted in Redis reach ThreadVisit; the closed account's not

    sams.refresh_from_db()
    assert (sams.helpful_count, sams.hug_count) == (0, 0)
    assert Post.objects.get(pk=first.pk).hug_count == 1
    assert not Reaction.objects.filter(member=member).exists()
    assert not ThreadFollow.objects.filter(member=member).exists()
    assert not GroupFollow.objects.filter(member=member).exists()
    assert not ThreadVisit.objects.filter(member=member).exists()
    assert ThreadFollow.objects.filter(member=other_member).exists()
    assert ThreadVisit.objects.filter(member=other_member).exists()
    assert Post.objects.filter(thread=thread, author=member).exists()  # posts stay
