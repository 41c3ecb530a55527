from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from accounts.roles import MENTOR, role_required
from core.pagination import paginate
from mentors import services
from mentors.querysets import waiting_for_a_mentor

PER_PAGE = 25


mentor_only = role_required(MENTOR)


@mentor_only
def queue(request):
    now = timezone.now()
    page = paginate(request, waiting_for_a_mentor(request.user, now=now), PER_PAGE)
    rows = []
    for thread in page.object_list:
        claim = getattr(thread, "mentor_claim", None)
        if claim is not None and not claim.is_active(now):
            claim = None
        rows.append({"thread": thread, "claim": claim})
    return render(
        request,
        "mentors/queue.html",
        {
            "page": page,
            "rows": rows,
            "hours": settings.MENTOR_UNANSWERED_HOURS,
            "claim_hours": settings.MENTOR_CLAIM_HOURS,
            "newcomer_days": settings.MENTOR_NEWCOMER_DAYS,
        },
    )


@mentor_only
@require_POST
def claim(request, thread_id):
    try:
        claimed = services.claim_thread(thread_id=thread_id, mentor=request.user)
    except services.ClaimRefused as refusal:
        messages.info(request, str(refusal))
        return redirect("mentors:queue")
    messages.success(
        request,
        ngettext(
            "Thank you: this discussion is yours to answer for the next %(hours)s hour.",
            "Thank you: this discussion is yours to answer for the next %(hours)s hours.",
            settings.MENTOR_CLAIM_HOURS,
        )
        % {"hours": settings.MENTOR_CLAIM_HOURS},
    )
    return redirect(f"{claimed.thread.get_absolute_url()}#reply")


@mentor_only
@require_POST
def release(request, thread_id):
    if services.release_claim(thread_id=thread_id, mentor=request.user):
        messages.success(
            request, gettext("The discussion is back in the queue for another mentor.")
        )
    return redirect("mentors:queue")
