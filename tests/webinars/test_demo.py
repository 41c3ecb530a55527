import datetime
import io

from django.core.management import call_command

from community.models import Mention, Post, Thread
from webinars.models import Presenter, Registration, Webinar

WEEKS_3 = datetime.timedelta(weeks=3)


def counts():
    return (
        Webinar.objects.count(),
        Presenter.objects.count(),
        Thread.objects.count(),
        Post.objects.count(),
        Registration.objects.count(),
    )


def test_the_demo_has_one_archived_and_two_upcoming_webinars_and_loads_twice_the_same(db, client):
    call_command("load_demo", stdout=io.StringIO())
    first = counts()
    call_command("load_demo", stdout=io.StringIO())

    assert counts() == first
    archived = Webinar.objects.get(slug="kidney-transplant-medicines-first-year")
    assert archived.is_archived
    assert archived.slides_url and archived.recording_url
    assert archived.thread.posts.filter(reply_to__isnull=False).count() >= 3
    assert sum(1 for webinar in Webinar.objects.all() if webinar.is_upcoming) == 2
    for webinar in Webinar.objects.all():
        assert client.get(webinar.get_absolute_url()).status_code == 200


def test_the_demo_discussion_is_written_like_any_discussion(db):
    call_command("load_demo", stdout=io.StringIO())

    archived = Webinar.objects.get(slug="kidney-transplant-medicines-first-year")
    thread = archived.thread
    posts = list(thread.posts.order_by("position"))
    assert Mention.objects.filter(post__thread=thread, member__handle="june_b").exists()
    assert any('href="/u/june_b/"' in post.body_html for post in posts)
    assert thread.reply_count == len(posts) - 1
    assert thread.group.post_count == Post.objects.filter(thread__group=thread.group).count()
    assert [p.created_at for p in posts] == sorted(p.created_at for p in posts)
    assert thread.last_activity_at == posts[-1].created_at < archived.ends_at + WEEKS_3


def test_the_archived_demo_webinar_has_a_transcript_and_chapters_once(
    db, client, settings, tmp_path
):
    from accounts.models import User
    from webinars.models import Chapter, TranscriptCue

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())

    archived = Webinar.objects.get(slug="kidney-transplant-medicines-first-year")
    assert TranscriptCue.objects.filter(transcript__webinar=archived).count() == 12
    assert Chapter.objects.filter(webinar=archived).count() == 6
    client.force_login(User.objects.get(handle="june_b"))  # premium trial
    html = client.get(archived.get_absolute_url()).content.decode()
    assert "Read the transcript (12 lines)" in html
    assert "Food, drinks and other remedies" in html
