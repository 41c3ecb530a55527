"""The "Jump to latest" and "First unread post" links: where each lands, for everyone."""

import datetime
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from community import services
from community.models import Post, ThreadVisit
from tests.community.conftest import post_at

pytestmark = pytest.mark.django_db

START = timezone.now() - datetime.timedelta(days=2)


def _written_a_minute_apart(thread) -> None:
    """Post n was written n minutes after START, so a visit can fall between two posts."""
    for post in thread.posts.all():
        Post.objects.filter(pk=post.pk).update(
            created_at=START + datetime.timedelta(minutes=post.position)
        )


def _visited(thread, member, *, after_position: float) -> datetime.datetime:
    at = START + datetime.timedelta(minutes=after_position)
    ThreadVisit.objects.update_or_create(thread=thread, member=member, defaults={"visited_at": at})
    return at


def _unread(thread) -> str:
    return f"{thread.get_absolute_url()}unread/"


def test_first_unread_post_is_the_first_one_written_after_the_last_visit(
    member_client, member, make_thread
):
    thread = make_thread(posts=45)
    _written_a_minute_apart(thread)
    _visited(thread, member, after_position=30.5)

    response = member_client.get(_unread(thread))

    first_new = post_at(thread, 31)
    assert response.status_code == 302
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#post-{first_new.pk}"


def test_the_visit_the_page_showed_counts_over_the_one_it_just_recorded(
    member_client, member, make_thread
):
    thread = make_thread(posts=10)
    _written_a_minute_apart(thread)
    shown = START + datetime.timedelta(minutes=6.5)
    _visited(thread, member, after_position=10.5)  # the page recorded this visit on its way

    response = member_client.get(f"{_unread(thread)}?{urlencode({'since': shown.isoformat()})}")

    assert response["Location"].endswith(f"#post-{post_at(thread, 7).pk}")


@pytest.mark.parametrize(
    "since", ["yesterday", "2026-13-45T99:00:00", "2026-01-01T10:00:00", "", "%00", "9" * 400]
)
def test_a_garbled_since_falls_back_to_the_last_visit(member_client, member, make_thread, since):
    thread = make_thread(posts=10)
    _written_a_minute_apart(thread)
    _visited(thread, member, after_position=3.5)

    response = member_client.get(f"{_unread(thread)}?{urlencode({'since': since})}")

    assert response.status_code == 302
    assert response["Location"].endswith(f"#post-{post_at(thread, 4).pk}")


def test_with_nothing_new_it_lands_on_the_latest_post_and_says_so(
    member_client, member, make_thread
):
    thread = make_thread(posts=45)
    _written_a_minute_apart(thread)
    _visited(thread, member, after_position=46)

    response = member_client.get(_unread(thread), follow=True)

    assert response.redirect_chain[0][0] == f"{thread.get_absolute_url()}?page=3#latest"
    assert "You have read everything here" in response.content.decode()


def test_a_thread_never_opened_is_unread_from_its_first_post(member_client, make_thread):
    thread = make_thread(posts=3)

    response = member_client.get(_unread(thread))

    assert response["Location"] == f"{thread.get_absolute_url()}#post-{post_at(thread, 1).pk}"


def test_visitors_are_asked_to_log_in_for_their_first_unread_post(client, make_thread):
    thread = make_thread(posts=3)

    response = client.get(_unread(thread))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_thread_page_offers_first_unread_post_from_the_previous_visit(
    member_client, member, make_thread
):
    thread = make_thread(posts=10)
    _written_a_minute_apart(thread)
    visit = _visited(thread, member, after_position=4.5)

    html = member_client.get(thread.get_absolute_url()).content.decode()

    link = f"{_unread(thread)}?{urlencode({'since': visit.isoformat()})}".replace("&", "&amp;")
    assert f'href="{link}">First unread post</a>' in html
    # The page recorded this visit: read again, nothing is new.
    again = member_client.get(thread.get_absolute_url()).content.decode()
    assert "First unread post" not in again


def test_no_first_unread_link_on_a_first_visit_or_for_visitors(client, member_client, make_thread):
    thread = make_thread(posts=3)
    assert "First unread post" not in member_client.get(thread.get_absolute_url()).content.decode()
    assert "First unread post" not in client.get(thread.get_absolute_url()).content.decode()


@pytest.mark.parametrize("logged_in", [False, True])
def test_jump_to_latest_leads_to_the_last_post_of_the_last_page(
    client, member, make_thread, logged_in
):
    if logged_in:
        client.force_login(member)
    thread = make_thread(posts=45)
    last = post_at(thread, 45)

    first_page = client.get(thread.get_absolute_url()).content.decode()
    assert f'href="{thread.get_absolute_url()}?page=3#latest">Jump to latest</a>' in first_page

    last_page = client.get(f"{thread.get_absolute_url()}?page=3").content.decode()
    assert 'href="#latest">Jump to latest</a>' in last_page
    assert f'<li id="latest"><article class="post" id="post-{last.pk}"' in " ".join(
        last_page.split()
    ).replace("> <", "><")


def test_a_new_reply_after_the_visit_makes_first_unread_land_on_it(
    member_client, member, make_thread, other_member
):
    thread = make_thread(posts=3)
    member_client.get(thread.get_absolute_url())  # the visit
    reply = services.create_reply(thread=thread, author=other_member, body="Something new")

    html = member_client.get(thread.get_absolute_url()).content.decode()
    assert "First unread post" in html
    link = html.split('class="jumps__unread" href="')[1].split('"')[0].replace("&amp;", "&")
    assert member_client.get(link)["Location"].endswith(f"#post-{reply.pk}")
