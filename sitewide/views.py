"""Pages that combine apps: they may import from every layer below."""

from django.shortcuts import render

from community import unread
from community.models import Thread
from community.views import _thread_list
from core import page_cache
from core.page_cache import cache_for_visitors
from webinars.cards import registered_webinar_cards, upcoming_webinar_cards

RECENT_ON_HOME = 8
WEBINARS_ON_HOME = 3


@cache_for_visitors(lambda **_: [page_cache.LISTS])
def home(request):
    if request.user.is_authenticated:
        return _member_home(request)
    recent = _thread_list(Thread.objects.order_by("-last_activity_at", "-pk"), request.user)
    context = {
        "upcoming_webinars": upcoming_webinar_cards(limit=WEBINARS_ON_HOME, reader=request.user),
        "recent_threads": recent[:RECENT_ON_HOME],
    }
    return render(request, "home.html", context)


def _member_home(request):
    """What is new for this member: the threads and groups they follow (new posts since their
    last visit, a link to the first unread one) and the webinars they registered for. Three
    queries, whatever they follow; reading it writes nothing."""
    member = request.user
    threads, followed_total = unread.followed_threads(member)
    context = {
        "followed_threads": [
            {"thread": thread, "unread_url": unread.unread_url(thread)} for thread in threads
        ],
        "followed_total": followed_total,
        "followed_groups": unread.followed_groups(member),
        "registered_webinars": registered_webinar_cards(member, limit=WEBINARS_ON_HOME),
    }
    return render(request, "home_member.html", context)
