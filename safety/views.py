"""Patient-safety actions on the moderation pages. Permission is checked here, on the server."""

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from moderation.views import _back, moderator_required
from safety import services
from safety.forms import ReachOutForm
from safety.models import CareMark


def _open_mark(pk: int) -> CareMark:
    return get_object_or_404(CareMark.objects.select_related("post__author", "post__thread"), pk=pk)


@require_POST
@moderator_required
def care_reach_out(request, pk: int):
    mark = _open_mark(pk)
    form = ReachOutForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    elif services.reach_out(mark=mark, by=request.user, message=form.cleaned_data["message"]):
        messages.success(
            request, f"Your message is on its way to @{mark.post.author.handle}, just for them."
        )
    else:
        messages.info(request, "Another moderator has already looked after this post.")
    return _back(request, "moderation:queue")


@require_POST
@moderator_required
def care_close(request, pk: int):
    mark = _open_mark(pk)
    if services.close_care(mark=mark, by=request.user, reason=request.POST.get("reason", "")[:300]):
        messages.success(request, "Done. The post no longer waits for a caring look.")
    else:
        messages.info(request, "Another moderator has already looked after this post.")
    return _back(request, "moderation:queue")
