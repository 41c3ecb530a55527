"""TEMPORARY: shows a webinar's discussion until the discussions branch merges.

community.discussion.discussion_context(request, thread, *, page_number) and
templates/community/_discussion.html replace this module and templates/webinars/_discussion.html
(see DISCUSSION_TEMPLATE in webinars/views.py). Same signature, same kind of result.
"""

from django.conf import settings
from django.core.paginator import Paginator

from community.models import Post, Thread


def discussion_context(request, thread: Thread, *, page_number) -> dict:
    """The published posts of one page of the thread, with everything the template shows
    already fetched (authors, their badges, quoted posts and their authors)."""
    posts = (
        Post.objects.filter(thread=thread, status=Post.Status.PUBLISHED, deleted_at__isnull=True)
        .select_related("author", "reply_to__author")
        .prefetch_related("author__groups", "author__memberships")
        .order_by("position")
    )
    page = Paginator(posts, settings.POSTS_PER_PAGE).get_page(page_number)
    return {
        "thread": thread,
        "posts": page.object_list,
        "page_obj": page,
        "can_reply": request.user.is_authenticated and not thread.is_locked,
        "reply_url": f"/t/{thread.pk}/{thread.slug}/#reply",
    }
