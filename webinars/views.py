import zoneinfo
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from accounts.roles import is_moderator
from community import services as community_services
from community.discussion import (
    discussion_context,
    discussion_facts,
    keep_discussion_facts,
    reader_ids,
    reader_shape,
    stand_in_reader,
)
from community.querysets import needs_login_for
from core import page_cache, precompiled
from core.page_cache import cache_for_visitors
from core.pagination import paginate, parse_page_number
from webinars import attendance, recording_views, services, times, transcripts
from webinars.cards import webinar_cards
from webinars.embeds import recording_embed
from webinars.ical import webinar_ics
from webinars.models import Attendance, Registration, Webinar, WebinarPresenter
from webinars.querysets import join_link_for, join_opens_at, may_see_recording, may_see_slides

WEBINARS_PER_PAGE = 12


@require_safe
def webinar_list(request):
    now = timezone.now()
    page = paginate(request, Webinar.objects.listing(now), WEBINARS_PER_PAGE)
    cards = webinar_cards(page.object_list, now=now, reader=request.user)
    return render(request, "webinars/list.html", {"page_obj": page, "cards": cards})


def _reader_zone(user) -> zoneinfo.ZoneInfo | None:
    if not user.is_authenticated or not user.time_zone:
        return None
    try:
        return zoneinfo.ZoneInfo(user.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def _registration_facts(user) -> dict:
    """`reader_registered` (the reader holds a place), `reader_attended` (they said they
    attended, or staff imported it) and `places_taken`, on the webinar."""
    active = Registration.objects.filter(webinar=OuterRef("pk"), cancelled_at__isnull=True)
    taken = active.order_by().values("webinar").annotate(n=Count("pk")).values("n")
    mine: Any = Value(False)
    attended: Any = Value(False)
    if user.is_authenticated:
        mine = Exists(active.filter(member=user))
        attended = Exists(Attendance.objects.filter(webinar=OuterRef("pk"), member=user))
    return {
        "reader_registered": mine,
        "reader_attended": attended,
        "places_taken": Coalesce(Subquery(taken), 0),
    }


def _webinar_query(*, slug: str, moderator: bool, member: int | None = None):
    reader = stand_in_reader(member, moderator=moderator)
    return (
        Webinar.objects.select_related("contact_member", "thread__group")
        .prefetch_related(
            Prefetch(
                "appearances",
                queryset=WebinarPresenter.objects.select_related("presenter__member"),
            )
        )
        .annotate(
            **_registration_facts(reader),
            **discussion_facts(reader, thread_ref="thread_id"),
            **transcripts.transcript_facts(),
        )
        .filter(slug=slug)
    )


@require_safe
@cache_for_visitors(lambda slug, **_: [page_cache.LISTS, f"webinar:{slug}"])
def webinar_detail(request, slug):
    # One query for the webinar, the reader's registration, the places taken and the
    # discussion's facts (its page count, whether the reader follows it); one for presenters.
    # Compiled once per process and kind of reader (core.precompiled).
    found = precompiled.run(
        ("webinar-page", *reader_shape(request.user)),
        partial(_webinar_query, moderator=is_moderator(request.user)),
        slug=slug,
        **reader_ids(request.user),
    )
    if not found:
        raise Http404("No such webinar.")
    webinar = found[0]
    now = timezone.now()
    status = webinar.status_at(now)
    event_when = times.when(webinar.starts_at, webinar.ends_at, webinar.zone)
    reader_zone = _reader_zone(request.user)
    reader_when = None
    if reader_zone is not None and reader_zone.key != webinar.zone.key:
        reader_when = times.when(webinar.starts_at, webinar.ends_at, reader_zone)
        if reader_when["date"] == event_when["date"] and (
            reader_when["time_range"] == event_when["time_range"]
        ):
            reader_when = None

    active_registrations = Registration.objects.filter(webinar=webinar, cancelled_at__isnull=True)
    registration = registrants = registrant_count = None
    if request.user.is_staff:
        # Staff see the list; their own registration is in it (one query, not two).
        registrants = list(active_registrations.select_related("member").order_by("created_at"))
        registrant_count = len(registrants)
        registration = next((r for r in registrants if r.member_id == request.user.pk), None)
    else:
        registration = webinar.reader_registered
        if webinar.capacity is not None:
            registrant_count = webinar.places_taken
    is_full = (
        webinar.capacity is not None
        and registrant_count is not None
        and registrant_count >= webinar.capacity
    )

    allowed = may_see_recording(webinar, request.user)
    # The transcript and chapters (webinars/transcripts.py), for readers who may watch.
    start = transcripts.parse_moment(request.GET.get("t"))
    shown = allowed and status == Webinar.Status.ARCHIVED and bool(webinar.recording_url)
    moments = transcripts.moments(webinar, start=start) if shown else None
    context = {
        **_live_and_slides_context(webinar, request.user, registered=bool(registration), now=now),
        "webinar": webinar,
        "status": status,
        "when": event_when,
        "reader_when": reader_when,
        "show_visitor_local_time": not request.user.is_authenticated,
        "presenters": [appearance.presenter for appearance in webinar.appearances.all()],
        "registration": registration,
        "registrants": registrants,
        "registrant_count": registrant_count,
        "is_full": is_full,
        "may_see_recording": allowed,
        "recording": recording_embed(webinar.recording_url, start=start) if allowed else None,
        "moments": moments,
        "discussion": None,
    }
    if webinar.thread is not None and not needs_login_for(webinar.thread.group, request.user):
        keep_discussion_facts(webinar, webinar.thread)
        # (A discussion held in a members-only group is not shown to visitors at all.)
        # The discussion is read here: its pagination, Reply, Quote and reaction forms come
        # back to this page (community's base_url / shown_on), and so does /p/<id>/.
        context["discussion"] = discussion_context(
            request,
            webinar.thread,
            page_number=parse_page_number(request.GET.get("page")),
            base_url=webinar.get_absolute_url(),
            fragment="#discussion",
            reply_form=transcripts.reply_form_quoting(request, webinar, moments),
        )
        if request.user.is_authenticated:
            community_services.record_visit(thread=webinar.thread, member=request.user)
    # A member shown the recording counts as a view (staff checking a page do not).
    watcher = request.user.is_authenticated and not request.user.is_staff
    if context["recording"] is not None and watcher:
        recording_views.note_view(webinar_id=webinar.pk, member_id=request.user.pk)
    return render(request, "webinars/detail.html", context)


def _live_and_slides_context(webinar: Webinar, user, *, registered: bool, now) -> dict:
    """The join link (registrants, inside the window), when it appears, the slides the
    reader may open, and whether they attended: what the page's own includes show."""
    opens_at = join_opens_at(webinar)
    return {
        "join_link": join_link_for(webinar, user, now=now, registered=registered),
        "join_opens": times.clock(opens_at, webinar.zone),
        "join_opens_later": now < opens_at,
        "join_opens_minutes": settings.WEBINAR_JOIN_OPENS_MINUTES,
        "may_see_slides": may_see_slides(webinar, user),
        "attended": getattr(webinar, "reader_attended", False),
    }


@require_safe
def webinar_slides(request, slug):
    """The uploaded slides (PDF), for readers the slides' audience allows."""
    webinar = get_object_or_404(Webinar, slug=slug)
    if not webinar.slides_file:
        raise Http404("This webinar has no uploaded slides.")
    if not may_see_slides(webinar, request.user):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        raise PermissionDenied(_("These slides are for premium members."))
    try:
        pdf = default_storage.open(webinar.slides_file, "rb")
    except FileNotFoundError:
        raise Http404("The slides' file is missing.") from None
    response = FileResponse(
        pdf, content_type="application/pdf", filename=f"{webinar.slug}-slides.pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{webinar.slug}-slides.pdf"'
    if webinar.slides_audience != Webinar.Audience.EVERYONE:
        response["Cache-Control"] = "private, max-age=0"
        response["Vary"] = "Cookie"
    return response


@require_safe
def webinar_calendar(request, slug):
    """The webinar as a calendar file; a registered member's carries the join link."""
    webinar = get_object_or_404(Webinar, slug=slug)
    join_url = join_link_for(webinar, request.user)
    note = ""
    if not join_url and webinar.join_url and webinar.location_kind == Webinar.LocationKind.ONLINE:
        # The same words for every reader, so the file says nothing about who registered.
        note = ngettext(
            "Registered members find the link to join on the webinar's page from %(minutes)d "
            "minute before the start.",
            "Registered members find the link to join on the webinar's page from %(minutes)d "
            "minutes before the start.",
            settings.WEBINAR_JOIN_OPENS_MINUTES,
        ) % {"minutes": settings.WEBINAR_JOIN_OPENS_MINUTES}
    ics = webinar_ics(webinar, join_url=join_url, note=note)
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{webinar.slug}.ics"'
    # One member's file may hold their join link: no shared cache may keep it for others.
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Cookie"
    return response


def _login_then(webinar: Webinar):
    return redirect(f"{reverse('account_login')}?next={webinar.get_absolute_url()}")


@require_POST
def register(request, slug):
    webinar = get_object_or_404(Webinar, slug=slug)
    if not request.user.is_authenticated:
        return _login_then(webinar)
    try:
        services.register(webinar=webinar, member=request.user)
    except services.RegistrationClosed as closed:
        messages.error(request, str(closed))
    else:
        messages.success(
            request,
            _("Your place is saved. We'll e-mail you a reminder a day before and an hour before."),
        )
    return redirect(webinar)


@require_POST
def attended(request, slug):
    """ "I attended" (`undo` takes it back), for a registrant once the webinar started."""
    webinar = get_object_or_404(Webinar, slug=slug)
    if not request.user.is_authenticated:
        return _login_then(webinar)
    if request.POST.get("undo"):
        if attendance.unmark_attended(webinar=webinar, member=request.user):
            messages.success(request, _("Done: you are no longer counted as attending."))
        return redirect(webinar)
    try:
        attendance.mark_attended(webinar=webinar, member=request.user)
    except attendance.AttendanceError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Thank you for telling us you attended."))
    return redirect(webinar)


@require_POST
def cancel_registration(request, slug):
    webinar = get_object_or_404(Webinar, slug=slug)
    if not request.user.is_authenticated:
        return _login_then(webinar)
    if services.cancel_registration(webinar=webinar, member=request.user):
        messages.success(request, _("Your registration is cancelled. You won't get reminders."))
    return redirect(webinar)
