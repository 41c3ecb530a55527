import datetime

import pytest
from django.test import Client
from django.utils import timezone

from community.models import Post
from webinars.models import Webinar

pytestmark = pytest.mark.django_db

SECRETS = ("Private circle", "Secret sorrow", "Zanzibar", "Quixotic")


def assert_nothing_of_the_group(html: str) -> None:
    for secret in SECRETS:
        assert secret not in html


def test_visitors_get_the_log_in_page_for_a_members_only_group_its_threads_and_posts(
    client, closed_thread
):
    reply = Post.objects.get(thread=closed_thread, position=2)
    for url in (
        closed_thread.group.get_absolute_url(),
        closed_thread.get_absolute_url(),
        f"/t/{closed_thread.pk}/",
        reply.get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url
        followed = client.get(url, follow=True)
        assert_nothing_of_the_group(followed.content.decode())
    # Earlier versions are for the author and moderators only: a 404 for anyone else.
    history = client.get(f"/p/{reply.pk}/history/")
    assert history.status_code == 404
    assert_nothing_of_the_group(history.content.decode())


def test_a_missing_thread_is_still_a_404_for_visitors(client, closed_thread):
    assert client.get("/t/999999/").status_code == 404
    assert client.get("/p/999999/").status_code == 404


def test_members_read_a_members_only_group_like_any_other(member_client, closed_thread):
    html = member_client.get(closed_thread.get_absolute_url()).content.decode()
    assert "Zanzibar marmalade" in html
    assert "Quixotic tangerine" in html
    assert "Private circle" in member_client.get("/groups/").content.decode()


def test_visitors_see_nothing_of_a_members_only_group_in_lists_home_and_search(
    client, closed_thread, open_thread
):
    for url in ("/", "/groups/", "/search/?q=zanzibar", "/search/?q=secret", "/search/?q=quixotic"):
        html = client.get(url).content.decode()
        assert_nothing_of_the_group(html)
    assert "Walking again" in client.get("/").content.decode()
    assert "Transplants" in client.get("/groups/").content.decode()


def test_members_find_members_only_posts_in_search(member_client, closed_thread):
    html = member_client.get("/search/?q=zanzibar").content.decode()
    assert "Secret sorrow" in html


def test_a_profile_does_not_count_members_only_posts_for_visitors(
    client, member_client, closed_thread, writer
):
    writer.refresh_from_db()
    assert writer.post_count == 1
    visitor_html = Client().get(writer.get_absolute_url()).content.decode()
    assert "<dt>Posts</dt><dd>0</dd>" in visitor_html
    member_html = member_client.get(writer.get_absolute_url()).content.decode()
    assert "<dt>Posts</dt><dd>1</dd>" in member_html


def test_a_webinar_page_shows_visitors_nothing_of_a_discussion_in_a_members_only_group(
    client, member_client, closed_thread, staff
):
    starts = timezone.now() + datetime.timedelta(days=2)
    webinar = Webinar.objects.create(
        title="Living with a new kidney",
        slug="new-kidney",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        time_zone="America/Chicago",
        description_markdown="Questions welcome.",
        contact_member=staff,
        thread=closed_thread,
    )
    visitor_html = Client().get(webinar.get_absolute_url()).content.decode()
    assert "Living with a new kidney" in visitor_html
    assert_nothing_of_the_group(visitor_html)
    member_html = member_client.get(webinar.get_absolute_url()).content.decode()
    assert "Zanzibar marmalade" in member_html


def test_the_sitemap_lists_only_what_may_be_indexed(
    client, closed_thread, open_thread, unlisted_group, writer, other_member
):
    from community import services

    unlisted = services.create_thread(
        group=unlisted_group, author=writer, title="Unlisted talk", body="Hello."
    )
    other_member.allow_search_indexing = True
    other_member.save()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert open_thread.get_absolute_url() in xml
    assert open_thread.group.get_absolute_url() in xml
    assert other_member.get_absolute_url() in xml
    assert writer.get_absolute_url() not in xml  # did not opt in
    assert closed_thread.get_absolute_url() not in xml
    assert closed_thread.group.get_absolute_url() not in xml
    assert unlisted.get_absolute_url() not in xml
    assert unlisted_group.get_absolute_url() not in xml
    assert "?page=" not in xml


def test_a_hidden_profile_is_never_in_the_sitemap_even_if_opted_in(client, member):
    member.allow_search_indexing = True
    member.hide_profile_from_visitors = True
    member.save()
    assert member.get_absolute_url() not in client.get("/sitemap.xml").content.decode()


def test_robots_txt_keeps_crawlers_out_of_private_pages_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    text = response.content.decode()
    for path in ("/accounts/", "/moderation/", "/notifications/", "/staff/", "/admin/", "/search/"):
        assert f"Disallow: {path}\n" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_profiles_say_noindex_unless_the_member_opted_in(client, member):
    noindex = '<meta name="robots" content="noindex">'
    assert noindex in client.get(member.get_absolute_url()).content.decode()
    member.allow_search_indexing = True
    member.save()
    assert noindex not in client.get(member.get_absolute_url()).content.decode()


def test_members_opt_in_to_indexing_on_their_profile_form(member_client, member):
    response = member_client.post(
        "/accounts/profile/",
        {
            "display_name": "June",
            "bio": "",
            "time_zone": member.time_zone,
            "allow_search_indexing": "on",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.allow_search_indexing is True


def test_unlisted_and_members_only_group_pages_say_noindex(
    client, member_client, unlisted_group, closed_thread, open_thread, writer
):
    from community import services

    noindex = '<meta name="robots" content="noindex">'
    unlisted = services.create_thread(
        group=unlisted_group, author=writer, title="Unlisted talk", body="Hello."
    )
    client = Client()
    assert noindex in client.get(unlisted_group.get_absolute_url()).content.decode()
    assert noindex in client.get(unlisted.get_absolute_url()).content.decode()
    assert "Unlisted talk" in client.get(unlisted.get_absolute_url()).content.decode()
    assert noindex in member_client.get(closed_thread.get_absolute_url()).content.decode()
    assert noindex not in client.get(open_thread.get_absolute_url()).content.decode()
    assert noindex not in client.get(open_thread.group.get_absolute_url()).content.decode()
