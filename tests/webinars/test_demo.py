import io

from django.core.management import call_command

from community.models import Post, Thread
from webinars.models import Presenter, Registration, Webinar


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
