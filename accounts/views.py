from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from accounts.forms import ProfileForm
from accounts.models import User


def profile(request, handle):
    member = get_object_or_404(
        User.objects.filter(is_active=True).prefetch_related("groups", "memberships"),
        handle__iexact=handle,
    )
    if member.handle != handle:
        return redirect(member, permanent=True)
    if member.hide_profile_from_visitors and not request.user.is_authenticated:
        # A 404, not a 403: a visitor must not learn that the handle exists.
        raise Http404("This profile is only visible to members.")
    return render(request, "accounts/profile.html", {"member": member})


@login_required
def profile_edit(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect(request.user)
    return render(request, "accounts/profile_edit.html", {"form": form})


@login_required
def account(request):
    member = User.objects.prefetch_related("memberships").get(pk=request.user.pk)
    return render(request, "accounts/account.html", {"member": member})
