"""Pages that combine apps: they may import from every layer below."""

from django.shortcuts import render

from community.models import Thread
from community.views import _thread_list
from core import page_cache
from core.page_cache import cache_for_visitors
from webinars.cards import upcoming_webinar_cards

RECENT_ON_HOME = 8
WEBINARS_ON_HOME = 3


@cache_for_visitors(lambda **_: [page_cache.LISTS])
def home(request):
    recent = _thread_list(Thread.objects.order_by("-last_activity_at", "-pk"), request.user)
    context = {
        "upcoming_webinars": upcoming_webinar_cards(limit=WEBINARS_ON_HOME, reader=request.user),
        "recent_threads": recent[:RECENT_ON_HOME],
    }
    return render(request, "home.html", context)
