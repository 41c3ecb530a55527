import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from accounts import avatars, closing, hooks, personal_data, premium, profiles
from accounts.forms import CloseAccountForm, ProfileForm
from accounts.models import User, site_today
from accounts.querysets import badge_prefetches
from core.dates import format_day
from core.next_url import safe_next_url


def profile(request, handle):
    members = User.objects.filter(is_active=True).prefetch_related(*badge_prefetches())
    for annotate in hooks.profile_members:  # e.g. the "Mute @handle" button, same query
        members = annotate(members, request.user)
    member = get_object_or_404(members, handle__iexact=handle)
    if member.handle != handle:
        return redirect(member, permanent=True)
    if member.hide_profile_from_visitors and not request.user.is_authenticated:
        # A 404, not a 403: a visitor must not learn that the handle exists.
        raise Http404(gettext("This profile is only visible to members."))
    # Visitors learn nothing of members-only groups, not even how much someone wrote there:
    # community annotates the count they may see.
    post_count = getattr(member, "visible_post_count", member.post_count)
    return render(request, "accounts/profile.html", {"member": member, "post_count": post_count})


@login_required
def profile_edit(request):
    """The member's own profile: name, picture, bio, time zone and privacy settings.

    A refused picture (not an image, too large) shows why, with everything typed kept."""
    data = request.POST if request.method == "POST" else None
    form = ProfileForm(data, request.FILES if data is not None else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        profiles.update_profile(member=form.instance, changed=form.changed_data)
        if form.picture_files:
            avatars.set_picture(member=form.instance, files=form.picture_files)
        elif form.cleaned_data.get("remove_picture"):
            avatars.remove_picture(member=form.instance)
        messages.success(request, gettext("Your profile is saved."))
        return redirect(request.user)
    return render(request, "accounts/profile_edit.html", {"form": form})


@login_required
def account(request):
    member = request.user
    prefetch_related_objects([member], "memberships")
    today = site_today()
    current = member.current_membership(today)
    history = sorted(member.memberships.all(), key=lambda m: (m.starts_on, m.created_at))
    open_request = premium.open_trial_request(member)
    return render(
        request,
        "accounts/account.html",
        {
            "member": member,
            "current": current,
            "status": premium.membership_status(member, today),
            "history": list(reversed(history)),
            "today": today,
            "open_request": open_request,
        },
    )


def request_trial(request):
    """A member asks staff for a premium trial (from a premium webinar or their account)."""
    next_url = safe_next_url(request, reverse("accounts:account"))
    if not request.user.is_authenticated:
        # After logging in, come back to this page (a GET), still knowing where to return.
        return redirect_to_login(f"{request.path}?{urlencode({'next': next_url})}")
    if request.method == "POST":
        try:
            _, created = premium.request_trial(member=request.user)
        except premium.AlreadyPremium as already:
            messages.info(
                request,
                gettext("You already have Premium through %(day)s.")
                % {"day": format_day(already.ends_on)},
            )
        else:
            if created:
                messages.success(
                    request,
                    gettext(
                        "Thank you: your request for a premium trial is with our staff. "
                        "We will e-mail you when it is decided."
                    ),
                )
            else:
                messages.info(
                    request,
                    gettext("Your request is already with our staff. Thank you for waiting."),
                )
        return redirect(next_url)
    # A GET (e.g. after logging in from a webinar page) shows the button to confirm.
    member = request.user
    prefetch_related_objects([member], "memberships")
    open_request = premium.open_trial_request(member)
    return render(
        request,
        "accounts/request_trial.html",
        {"member": member, "next": next_url, "open_request": open_request},
    )


@login_required
def export_data(request):
    """The member's own data as a downloadable JSON file."""
    data = personal_data.export(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    filename = f"gathering-{request.user.handle}-{site_today():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def close_account(request):
    """Close the account after the member types their password again."""
    form = CloseAccountForm(request.POST or None, member=request.user)
    if request.method == "POST" and form.is_valid():
        closing.close_account(member=request.user)
        logout(request)
        messages.success(
            request,
            gettext(
                "Your account is closed and your personal data is erased. Thank you for being "
                "part of this community."
            ),
        )
        return redirect("/")
    return render(request, "accounts/close_account.html", {"form": form})
