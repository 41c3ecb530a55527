from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.models import User
from community.models import Thread
from core.next_url import safe_next_url
from core.pagination import paginate_uncounted
from core.readable import get_readable_or_404
from notifications import hooks, services
from notifications.forms import PreferencesForm
from notifications.models import MemberMute, Notification, ThreadMute
from notifications.tokens import InvalidToken, member_id_from_token

PER_PAGE = 25


@login_required
def inbox(request):
    notifications = Notification.objects.readable_by(request.user).select_related("actor")
    # Not counted: a member's notifications only grow, and counting the ones they may still
    # read checks every one of them (0.8 s for 20,000 on the bench).
    page = paginate_uncounted(request, notifications, PER_PAGE)
    for notification in page.object_list:
        notification.actions = hooks.actions_for(notification)
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
def open_notification(request, pk):
    """Marks the notification read and goes where it points (for posts, `/p/<id>/`).

    A GET that writes, on purpose: following the link is how a member reads a
    notification, the only thing it changes is their own read marker, and it is idempotent.
    """
    notification = get_readable_or_404(Notification, request.user, pk=pk)
    services.mark_read(member=request.user, notification_id=notification.pk)
    return redirect(safe_next_url(request, reverse("notifications:inbox"), target=notification.url))


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(member=request.user)
    if count:
        messages.success(request, gettext("All your notifications are marked as read."))
    return redirect(safe_next_url(request, reverse("notifications:inbox")))


@login_required
def preferences(request):
    prefs = services.preferences_for(request.user)
    form = PreferencesForm.for_preferences(prefs, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.update_preferences(member=request.user, **form.cleaned_data)
        messages.success(request, gettext("Your notification settings are saved."))
        return redirect("notifications:settings")
    muted_threads = (
        ThreadMute.objects.filter(
            member=request.user, thread__in=Thread.objects.readable_by(request.user)
        )
        .select_related("thread")
        .order_by("-created_at")
    )
    muted_members = (
        MemberMute.objects.filter(member=request.user)
        .select_related("muted")
        .order_by("muted__handle")
    )
    return render(
        request,
        "notifications/preferences.html",
        {
            "form": form,
            "muted_threads": [
                (mute.thread, services.thread_path(mute.thread)) for mute in muted_threads
            ],
            "muted_members": [mute.muted for mute in muted_members],
        },
    )


@login_required
@require_POST
def mute_thread(request, thread_id):
    thread = get_readable_or_404(Thread, request.user, pk=thread_id)
    services.mute_thread(member=request.user, thread=thread)
    messages.success(
        request, gettext("You will not be notified about “%(title)s”.") % {"title": thread.title}
    )
    return redirect(safe_next_url(request, reverse("notifications:settings")))


@login_required
@require_POST
def unmute_thread(request, thread_id):
    services.unmute_thread(member=request.user, thread_id=thread_id)
    messages.success(request, gettext("The thread is no longer muted."))
    return redirect(safe_next_url(request, reverse("notifications:settings")))


@login_required
@require_POST
def mute_member(request, member_id):
    muted = get_object_or_404(User, pk=member_id, is_active=True)
    if muted.pk == request.user.pk:
        messages.error(request, gettext("You cannot mute yourself."))
    else:
        services.mute_member(member=request.user, muted=muted)
        messages.success(
            request,
            gettext("You will not be notified about posts by @%(handle)s.")
            % {"handle": muted.handle},
        )
    return redirect(safe_next_url(request, reverse("notifications:settings")))


@login_required
@require_POST
def unmute_member(request, member_id):
    services.unmute_member(member=request.user, muted_id=member_id)
    messages.success(request, gettext("The member is no longer muted."))
    return redirect(safe_next_url(request, reverse("notifications:settings")))


# RFC 8058: mail clients POST here with no cookie and no CSRF token. The signed token is
# the authority, and all it can do is turn e-mail off for the member it was made for.
@csrf_exempt
def unsubscribe(request, token):
    try:
        member = User.objects.filter(pk=member_id_from_token(token), is_active=True).first()
        if member is None:
            raise InvalidToken(expired=False)
    except InvalidToken as exc:
        return render(
            request,
            "notifications/unsubscribe_invalid.html",
            {"expired": exc.expired},
            status=400,
        )
    if request.method == "POST":
        services.unsubscribe(member=member)
        return render(request, "notifications/unsubscribe_done.html", {"member": member})
    return render(
        request,
        "notifications/unsubscribe_confirm.html",
        {"member": member, "token": token, "site_name": settings.SITE_NAME},
    )
