"""Patient-safety actions on the moderation pages. Permission is checked here, on the server."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.roles import CLINICAL_REVIEWER, MODERATOR, role_required
from community.discussion import post_location
from community.models import Post
from core.next_url import safe_next_url
from core.pagination import paginate
from core.readable import get_readable_or_404
from safety import services
from safety.forms import ReachOutForm, RedactForm
from safety.models import CareMark

CLINICAL_PER_PAGE = 25
moderator_required = role_required(MODERATOR)


def _back(request, default: str):
    """The page the action came from (same site only), else `default` (a URL name)."""
    return redirect(safe_next_url(request, reverse(default)))


def _open_mark(pk: int) -> CareMark:
    return get_object_or_404(CareMark.objects.select_related("post__author", "post__thread"), pk=pk)


@require_POST
@moderator_required
def care_reach_out(request, pk: int):
    mark = _open_mark(pk)
    form = ReachOutForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
    elif services.reach_out(mark=mark, by=request.user, message=form.cleaned_data["message"]):
        messages.success(
            request,
            _("Your message is on its way to @%(handle)s, just for them.")
            % {"handle": mark.post.author.handle},
        )
    else:
        messages.info(request, _("Another moderator has already looked after this post."))
    return _back(request, "moderation:queue")


@require_POST
@moderator_required
def care_close(request, pk: int):
    mark = _open_mark(pk)
    if services.close_care(mark=mark, by=request.user, reason=request.POST.get("reason", "")[:300]):
        messages.success(request, _("Done. The post no longer waits for a caring look."))
    else:
        messages.info(request, _("Another moderator has already looked after this post."))
    return _back(request, "moderation:queue")


@login_required
def redact_post(request, pk: int):
    """The author or a moderator removes a passage (a phone number, a name) from a post."""
    post = get_readable_or_404(
        Post.objects.select_related("thread__webinar", "author"), request.user, pk=pk
    )
    if not services.may_redact(post=post, user=request.user):
        raise PermissionDenied(
            _("Only the person who wrote a post, or a moderator, can remove text.")
        )
    form = RedactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.redact_passage(
                post=post,
                by=request.user,
                passage=form.cleaned_data["passage"],
                reason=form.cleaned_data["reason"],
            )
        except services.SafetyError as error:
            form.add_error("passage", str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "Removed (once). It is gone from the post, its earlier versions, quotes "
                    "of it and search.",
                    "Removed (%(count)s times). It is gone from the post, its earlier "
                    "versions, quotes of it and search.",
                    count,
                )
                % {"count": count},
            )
            return HttpResponseRedirect(post_location(post))
    return render(request, "safety/redact.html", {"post": post, "form": form})


_clinical_reviewer_required = role_required(CLINICAL_REVIEWER)


@_clinical_reviewer_required
def clinical_queue(request):
    """Posts flagged as medical misinformation, for clinical reviewers."""
    page = paginate(request, services.misinformation_queue(), CLINICAL_PER_PAGE)
    return render(
        request,
        "safety/clinical_queue.html",
        {"page": page, "note_max_length": services.NOTE_MAX_LENGTH},
    )


@require_POST
@_clinical_reviewer_required
def clinical_note(request, pk: int):
    post = get_object_or_404(Post, pk=pk)
    try:
        services.add_clinical_note(post=post, by=request.user, text=request.POST.get("note", ""))
    except services.SafetyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your note is shown beneath the post."))
    return _back(request, "safety:clinical-queue")


@require_POST
@_clinical_reviewer_required
def clinical_dismiss(request, pk: int):
    post = get_object_or_404(Post, pk=pk)
    if services.dismiss_misinformation_flags(post=post, by=request.user):
        messages.success(request, _("Closed: not medical misinformation."))
    else:
        messages.info(request, _("Nothing to do: someone may have dealt with this post already."))
    return _back(request, "safety:clinical-queue")
