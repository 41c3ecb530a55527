from urllib.parse import quote_plus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from community import drafts, hooks, services, unread
from community import search as search_module
from community.discussion import (
    discussion_context,
    discussion_home,
    page_count,
    post_location,
    quotable_post,
    with_discussion_facts,
)
from community.forms import DraftForm, EditPostForm, ReplyForm, SearchForm, ThreadForm
from community.models import Group, GroupFollow, Post, Thread
from community.preview import Preview, preview_post
from community.querysets import MEMBERS_ONLY, may_see_history, needs_login_for
from core import page_cache
from core.next_url import safe_local_path
from core.page_cache import cache_for_visitors
from core.pagination import page_nav, page_url, paginate, parse_page_number
from core.readable import get_readable_or_404


def _thread_list(queryset, user):
    """Threads with what a list shows (group, starter, last poster, last visit) in one query."""
    return (
        queryset.readable_by(user)
        .with_last_visit(user)
        .select_related("group", "author", "last_poster")
    )


@cache_for_visitors(lambda **_: [page_cache.LISTS])
def group_list(request):
    groups = Group.objects.readable_by(request.user)
    return render(request, "community/group_list.html", {"groups": groups})


def _login_wall(request, members_only):
    """For a visitor asking for something in a members-only group: the log-in page (and
    nothing of the group). Anything else that was not found stays a 404."""
    if not request.user.is_authenticated and members_only.exists():
        return redirect_to_login(request.get_full_path())
    raise Http404("Not found.")


@cache_for_visitors(lambda **_: [page_cache.LISTS])
def group_detail(request, slug):
    groups = Group.objects.all()
    if request.user.is_authenticated:  # whether the member follows it, in the same query
        follows = GroupFollow.objects.filter(group=OuterRef("pk"), member=request.user)
        groups = groups.annotate(is_followed=Exists(follows))
    group = get_object_or_404(groups, slug=slug)
    if needs_login_for(group, request.user):
        return redirect_to_login(request.get_full_path())
    threads = _thread_list(Thread.objects.for_group(group), request.user)
    page = paginate(request, threads, settings.THREADS_PER_PAGE)
    is_following = getattr(group, "is_followed", False)
    return render(
        request,
        "community/group_detail.html",
        {
            "group": group,
            "page": page,
            "nav": page_nav(
                page.number,
                page.paginator.num_pages,
                group.get_absolute_url(),
                past_end=getattr(page, "past_end", False),
            ),
            "is_following": is_following,
        },
    )


@login_required
def thread_create(request, slug):
    group = get_object_or_404(Group, slug=slug)
    if "preview" in request.POST:
        preview, kept = _preview_and_keep(request, group=group)
        form = ThreadForm(initial=request.POST.dict())
        return _thread_form(request, group, form, preview=preview, has_draft=kept)
    if request.method == "POST":
        form = ThreadForm(request.POST)
    else:  # the member's draft of a new discussion here, if any: one query, on this page only
        draft = drafts.draft_for_new_thread(member=request.user, group=group)
        initial = {"title": draft.title, "body": draft.body} if draft else None
        return _thread_form(request, group, ThreadForm(initial=initial), has_draft=bool(draft))
    if form.is_valid():
        try:
            thread = services.create_thread(
                group=group,
                author=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                submission_token=form.cleaned_data["submission_token"],
                language=form.cleaned_data["language"] or None,
            )
        except services.DiscussionError as error:
            form.add_error(_error_field(error), str(error))
        else:
            if _repeated(thread):
                messages.info(
                    request, gettext("You had already started this discussion: here it is.")
                )
            elif thread.posts.filter(position=1, status=Post.Status.PENDING).exists():
                messages.info(
                    request,
                    gettext(
                        "Thank you. Your discussion is waiting for a moderator before others "
                        "see it."
                    ),
                )
            else:
                messages.success(request, gettext("Your discussion has started."))
            return redirect(thread)
    return _thread_form(request, group, form)


def _thread_form(request, group, form, *, preview: Preview | None = None, has_draft=False):
    return render(
        request,
        "community/thread_form.html",
        {
            "group": group,
            "form": form,
            "preview": preview,
            "has_draft": has_draft,
            "draft_action": reverse("community:group-draft", kwargs={"slug": group.slug}),
        },
    )


def _preview_and_keep(request, **where) -> tuple[Preview, bool]:
    """Preview of the posted text; with `thread` or `group`, the text is kept as a draft
    (the boolean: a draft is kept)."""
    form = DraftForm(request.POST)
    if not form.is_valid():
        return Preview(problem=form.problem()), False
    kept = False
    if where:
        try:
            kept = _save_draft(request, form, **where)
        except drafts.DraftTooLong as error:
            return Preview(problem=str(error)), False
    text = form.cleaned_data
    return preview_post(body=text["body"], title=text["title"]), kept


def _save_draft(request, form: DraftForm, **where) -> bool:
    """Keeps the form's text as the member's draft (False: nothing to keep)."""
    text = form.cleaned_data
    draft = drafts.save_draft(
        member=request.user,
        title=text["title"],
        body=text["body"],
        submission_token=text["submission_token"],
        **where,
    )
    return draft is not None


def _repeated(made: Post | Thread) -> bool:
    """The service gave back what this form had already made (a double click)."""
    return getattr(made, "repeated_submission", False)


def _error_field(error: services.DiscussionError) -> str | None:
    """The form field a refusal belongs next to (the body, for too many links), else the top."""
    return getattr(error, "field", None)


def _shown_on(request) -> str | None:
    """The page a discussion is shown on (a webinar's page), sent as `shown_on` by its forms.

    Only a path on this site is trusted; anything else falls back to the thread's own page.
    """
    return safe_local_path(request, "shown_on")


def _readable_thread(request, pk, *, with_last_visit: bool = False):
    # The page's facts (the member's draft reply among them) come in the same query.
    visited = Thread.objects.all()
    if with_last_visit:  # the member's previous visit, read before this one is recorded
        visited = Thread.objects.with_last_visit(request.user)
    threads = with_discussion_facts(visited.select_related("group"), request.user)
    for annotate in hooks.thread_page:  # e.g. the "Mute this thread" button, same query
        threads = annotate(threads, request.user)
    return get_readable_or_404(threads, request.user, pk=pk)


@cache_for_visitors(lambda pk, **_: [f"thread:{pk}"])
def thread_detail(request, pk, slug):
    try:
        thread = _readable_thread(request, pk, with_last_visit=True)
    except Http404:
        return _login_wall(request, Thread.objects.filter(pk=pk, group__visibility=MEMBERS_ONLY))
    if slug != thread.slug:
        return HttpResponseRedirect(
            thread.get_absolute_url() + (f"?{request.GET.urlencode()}" if request.GET else "")
        )
    page_number = parse_page_number(request.GET.get("page"))
    discussion = discussion_context(request, thread, page_number=page_number)
    if request.user.is_authenticated:
        # Reading is the event recorded (for "new since your last visit"): noted in Redis,
        # written by a beat task, so the GET writes nothing (community.visits).
        services.record_visit(thread=thread, member=request.user)
    return render(
        request, "community/thread_detail.html", {"thread": thread, "discussion": discussion}
    )


@login_required
def thread_unread(request, pk, slug):
    """The "First unread post" link: to the first post newer than the member's last visit (or than
    `?since=`, the visit the thread page was showing before it recorded this one). With
    nothing new, to the latest post; never opened, to the first."""
    thread = _readable_thread(request, pk, with_last_visit=True)
    since = unread.parse_since(request.GET.get("since")) or thread.last_visited_at
    post = unread.first_unread_post(thread, request.user, since)
    if post is None:
        messages.info(request, gettext("You have read everything here: this is the latest post."))
        last_page = page_count(thread, request.user)
        return HttpResponseRedirect(f"{page_url(discussion_home(thread), last_page)}#latest")
    post.thread = thread
    return HttpResponseRedirect(post_location(post))


QUOTE_GONE = _(
    "The post you are quoting is no longer available. Your reply is kept below: post it "
    "again without the quote."
)


@login_required
@require_POST
def thread_reply(request, pk, slug):
    thread = _readable_thread(request, pk)
    if "preview" in request.POST:
        preview, kept = _preview_and_keep(request, thread=thread)
        thread.draft_body = request.POST.get("body", "") if kept else None
        return _reply_page(request, thread, ReplyForm(initial=request.POST.dict()), preview)
    form = ReplyForm(request.POST)
    if form.is_valid():
        reply_to = None
        if form.cleaned_data["reply_to"]:
            reply_to = quotable_post(thread, request.user, form.cleaned_data["reply_to"])
        if form.cleaned_data["reply_to"] and reply_to is None:
            # Missing, unreadable or no longer quotable: one message, no hint which; the
            # member's text is kept (without the quote) to post again.
            form.add_error(None, str(QUOTE_GONE))
            data = request.POST.copy()
            data["reply_to"] = ""
            form.data = data
        else:
            try:
                post = services.create_reply(
                    thread=thread,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    reply_to=reply_to,
                    quote_excerpt=form.cleaned_data["quote_excerpt"] or "",
                    submission_token=form.cleaned_data["submission_token"],
                    language=form.cleaned_data["language"] or None,
                )
            except services.DiscussionError as error:
                form.add_error(_error_field(error), str(error))
            else:
                if _repeated(post):
                    messages.info(
                        request, gettext("You had already posted this reply: here it is.")
                    )
                elif post.status == Post.Status.PENDING:
                    messages.info(
                        request,
                        gettext(
                            "Thank you. Your reply is waiting for a moderator before others see it."
                        ),
                    )
                if post.thread_id == thread.pk:
                    post.thread = thread
                return HttpResponseRedirect(post_location(post, base_url=_shown_on(request)))
    # Failed: show the reply form again on its own page, with the member's text kept.
    return _reply_page(request, thread, form)


def _reply_page(request, thread, form: ReplyForm, preview: Preview | None = None):
    """The reply form on its own page: after a failed post, or with a preview above it."""
    discussion = discussion_context(
        request, thread, page_number=1, base_url=_shown_on(request), reply_form=form
    )
    discussion["preview"] = preview
    return render(
        request,
        "community/reply_form.html",
        {"thread": thread, "discussion": discussion},
        status=200,
    )


DRAFT_GONE = _("There was no draft to discard: nothing has changed.")


@login_required
@require_POST
def thread_draft(request, pk, slug):
    """Saves (the autosave) or discards (`action=discard`) the member's draft reply."""
    thread = _readable_thread(request, pk)
    back = f"{_shown_on(request) or thread.get_absolute_url()}#reply"
    return _draft_answer(request, back, thread=thread)


@login_required
@require_POST
def group_draft(request, slug):
    """Saves or discards the member's draft of a new discussion in the group."""
    group = get_object_or_404(Group.objects.readable_by(request.user), slug=slug)
    back = reverse("community:thread-create", kwargs={"slug": group.slug})
    return _draft_answer(request, back, group=group)


def _draft_answer(request, back: str, **where):
    """JSON for the autosave (static/js/drafts.js); a message and a redirect for a form."""
    # `autosave` comes from drafts.js, also with sendBeacon (which cannot ask for JSON): no
    # "Draft saved." message is left waiting for the member's next page.
    wants_json = "autosave" in request.POST or "application/json" in request.headers.get(
        "Accept", ""
    )
    form = DraftForm(request.POST)
    saved, status = False, 200
    if request.POST.get("action") == "discard":
        found = drafts.discard_draft(member=request.user, **where)
        message = gettext("Your draft is discarded.") if found else str(DRAFT_GONE)
    elif not form.is_valid():
        message, status = form.problem(), 400
    else:
        try:
            saved = _save_draft(request, form, **where)
        except drafts.DraftTooLong as error:
            message, status = str(error), 400
        else:
            message = (
                gettext("Draft saved.")
                if saved
                else gettext("Nothing to keep: the draft is empty.")
            )
    if wants_json:
        return JsonResponse({"saved": saved, "message": message}, status=status)
    messages.add_message(request, messages.SUCCESS if status == 200 else messages.ERROR, message)
    return HttpResponseRedirect(back)


@login_required
@require_POST
def thread_follow(request, pk, slug):
    thread = _readable_thread(request, pk)
    if request.POST.get("action") == "unfollow":
        services.unfollow_thread(thread=thread, member=request.user)
        messages.success(request, gettext("You no longer follow this discussion."))
    else:
        services.follow_thread(thread=thread, member=request.user)
        messages.success(
            request, gettext("You follow this discussion: you will hear about new replies.")
        )
    # Back to the page the member was reading, at the button they pressed.
    page = parse_page_number(request.POST.get("page"))
    base = _shown_on(request) or thread.get_absolute_url()
    return HttpResponseRedirect(f"{page_url(base, page)}#follow")


@login_required
@require_POST
def group_follow(request, slug):
    group = get_object_or_404(Group, slug=slug)
    if request.POST.get("action") == "unfollow":
        services.unfollow_group(group=group, member=request.user)
        messages.success(
            request, gettext("You no longer follow %(group)s.") % {"group": group.name}
        )
    else:
        services.follow_group(group=group, member=request.user)
        messages.success(
            request,
            gettext("You follow %(group)s: you will hear about new discussions.")
            % {"group": group.name},
        )
    return HttpResponseRedirect(f"{group.get_absolute_url()}#follow")


def _shown_post(request, pk):
    """A post the reader may find in its thread (hidden ones as a placeholder)."""
    return get_object_or_404(
        Post.objects.shown_in_thread_to(request.user).select_related("thread", "thread__webinar"),
        pk=pk,
    )


def post_permalink(request, pk):
    """The stable /p/<id>/: to the page that holds the post, on the page its discussion is
    read on (a webinar's discussion on the webinar's page)."""
    try:
        post = _shown_post(request, pk)
    except Http404:
        return _login_wall(
            request, Post.objects.filter(pk=pk, thread__group__visibility=MEMBERS_ONLY)
        )
    return HttpResponseRedirect(post_location(post))


def _own_post(request, pk) -> Post:
    post = get_readable_or_404(
        Post.objects.select_related("thread", "thread__group"), request.user, pk=pk
    )
    if post.author_id != request.user.pk:
        raise PermissionDenied(gettext("Only the person who wrote a post can change it."))
    if post.is_deleted:
        raise PermissionDenied(gettext("This post was deleted, so it can no longer be changed."))
    return post


@login_required
def post_edit(request, pk):
    post = _own_post(request, pk)
    if post.thread.is_locked:
        raise PermissionDenied(gettext("This discussion is locked, so its posts cannot be edited."))
    with_title = post.position == 1
    initial = {"body": post.body_markdown, "title": post.thread.title}
    if "preview" in request.POST:
        form = EditPostForm(
            initial=request.POST.dict(), with_title=with_title, language=post.language
        )
        return render(
            request,
            "community/post_edit.html",
            {"post": post, "form": form, "preview": _preview_and_keep(request)[0]},
        )
    form = EditPostForm(
        request.POST or None, initial=initial, with_title=with_title, language=post.language
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(
                post=post,
                editor=request.user,
                body=form.cleaned_data["body"],
                title=form.cleaned_data.get("title"),
                remove_old_version=form.cleaned_data["remove_old_version"],
                language=form.cleaned_data["language"] or None,
            )
        except services.DiscussionError as error:
            form.add_error(_error_field(error), str(error))
        else:
            if form.cleaned_data["remove_old_version"]:
                messages.success(
                    request, gettext("Your changes are saved. What you took out is gone.")
                )
            else:
                messages.success(
                    request,
                    gettext(
                        "Your changes are saved. The earlier version is kept, seen only by "
                        "you and the moderators."
                    ),
                )
            return HttpResponseRedirect(post_location(post))
    return render(request, "community/post_edit.html", {"post": post, "form": form})


@login_required
def post_delete(request, pk):
    post = _own_post(request, pk)
    if request.method == "POST":
        services.delete_own_post(post=post, member=request.user)
        messages.success(
            request, gettext("Your post is deleted. Replies that quote it still work.")
        )
        return HttpResponseRedirect(post_location(post))
    return render(request, "community/post_delete.html", {"post": post})


def post_history(request, pk):
    """Earlier versions of a post: for its author and the moderators only. Anyone else gets
    a 404, as if there were none (an edit may have taken out what should not be public)."""
    if not request.user.is_authenticated:
        raise Http404("No such post.")
    post = get_readable_or_404(
        Post.objects.select_related("thread", "author").prefetch_related("revisions"),
        request.user,
        pk=pk,
    )
    if not may_see_history(post, request.user):
        raise Http404("No such post.")
    return render(request, "community/post_history.html", {"post": post})


@login_required
@require_POST
def post_react(request, pk):
    post = get_readable_or_404(Post.objects.select_related("thread"), request.user, pk=pk)
    try:
        services.toggle_reaction(post=post, member=request.user, kind=request.POST.get("kind", ""))
    except services.NotAllowed as error:
        messages.error(request, str(error))
    return HttpResponseRedirect(post_location(post, base_url=_shown_on(request)))


def search(request):
    form = SearchForm(request.GET or None)
    prepared = search_module.prepare_query(form.cleaned_data["q"] if form.is_valid() else "")
    query = prepared.text
    page = nav = None
    sections: list[search_module.SearchSection] = []
    if query:
        results = search_module.search_posts(query, request.user)
        page = paginate(request, results, search_module.RESULTS_PER_PAGE)
        if page.number == 1:
            sections = search_module.other_sections(query, request.user)
        page.object_list = search_module.with_snippets(list(page.object_list), query)
        nav = page_nav(
            page.number,
            page.paginator.num_pages,
            f"/search/?q={quote_plus(query)}",
            past_end=getattr(page, "past_end", False),
        )
    return render(
        request,
        "community/search.html",
        {
            "form": form,
            "query": query,
            "prepared": prepared,
            "page": page,
            "nav": nav,
            "sections": sections,
        },
    )
