"""Moderation pages. Every view checks permission here, on the server.

Members get the 403 page and visitors the log-in page, whatever the templates show.
"""

from collections.abc import Callable
from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.querysets import badge_prefetches
from accounts.roles import MODERATOR, STAFF, role_required
from community.models import Group, Post, Thread
from community.services import DiscussionError
from core.next_url import safe_next_url
from core.pagination import paginate
from core.readable import get_readable_or_404
from moderation import hooks, querysets, rules, services
from moderation.forms import (
    AuditFilterForm,
    EditPostForm,
    FlagForm,
    HideForm,
    MoveThreadForm,
    ReasonForm,
    SuspendForm,
    WarnForm,
)
from moderation.models import Flag, Sanction

QUEUE_PER_PAGE = 25
LOG_PER_PAGE = 50


# Visitors go to the log-in page; members without the role get the 403 page.
moderator_required = role_required(MODERATOR)


def _back(request, default: str):
    """Where an action returns to: the page it came from (same site only) or `default`."""
    return redirect(safe_next_url(request, reverse(default)))


# --- Flags (members) ------------------------------------------------------------------------


@login_required
def flag_post(request, pk: int):
    post = get_readable_or_404(
        Post.objects.select_related("thread", "author").filter(
            status=Post.Status.PUBLISHED, deleted_at__isnull=True
        ),
        request.user,
        pk=pk,
    )
    permalink = reverse("community:post-permalink", args=[post.pk])
    refusal = rules.may_react_or_flag(user=request.user)
    if refusal:
        raise PermissionDenied(refusal)
    if post.author_id == request.user.pk:
        raise PermissionDenied(_("You can't flag your own post."))
    earlier = Flag.objects.filter(post=post, flagger=request.user).first()
    if request.method == "POST" and earlier is not None:
        messages.info(
            request, _("You have already flagged this post. A moderator will look at it.")
        )
        return redirect(permalink)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_post(
                post=post,
                by=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"].strip(),
            )
        except services.ModerationError as error:
            messages.info(request, str(error))
        else:
            messages.success(request, _("Thank you. A moderator will look at this post."))
        return redirect(permalink)
    return render(
        request,
        "moderation/flag.html",
        {"post": post, "form": form, "earlier": earlier, "permalink": permalink},
    )


@login_required
def standing(request):
    """The member's own view: their suspension, warnings, and posts held back or hidden."""
    member = request.user
    held = (
        Post.objects.readable_by(member)
        .filter(author=member, deleted_at__isnull=True)
        .exclude(status=Post.Status.PUBLISHED)
        .select_related("thread")
        .order_by("-created_at")[:50]
    )
    return render(
        request,
        "moderation/standing.html",
        {
            "suspension": rules.active_suspension(member),
            "warnings": Sanction.objects.warnings().filter(member=member)[:20],
            "held_posts": held,
        },
    )


# --- The queue ------------------------------------------------------------------------------


@moderator_required
def queue(request):
    page = paginate(request, querysets.queue_ids(), QUEUE_PER_PAGE)
    page.object_list = _with_move_options(querysets.queue_posts(page.object_list))
    return render(
        request,
        "moderation/queue.html",
        {
            "page": page,
            "flags_to_hide": rules.flags_to_hide(),
            "auto_hide_reason": services.AUTO_HIDE_REASON,
            **_care_context(),
        },
    )


def _with_move_options(posts) -> list[Post]:
    """The posts, each with the <option>s of its "move the thread" form (its thread's group
    selected) as `move_options`: written once per group here, not by a template loop over
    every group for every post (half the queue page's time with 56 groups)."""
    groups = list(Group.objects.only("pk", "name"))
    options: dict[int, str] = {}
    posts = list(posts)
    for post in posts:
        current = post.thread.group_id
        if current not in options:
            options[current] = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((g.pk, SELECTED if g.pk == current else "", g.name) for g in groups),
            )
        post.move_options = options[current]  # read by the template
    return posts


SELECTED = mark_safe(" selected")  # noqa: S308 (a constant)


def _care_context() -> dict:
    """What higher apps add to the queue and post pages (moderation.hooks.review_context),
    e.g. the kind default words of safety's "reach out privately" form."""
    return {key: value for context in hooks.review_context for key, value in context().items()}


@moderator_required
def review_post(request, pk: int):
    """One post with every moderation action, for posts that are not in the queue."""
    post = get_object_or_404(querysets.for_review(Post.objects.all()), pk=pk)
    return render(
        request,
        "moderation/post.html",
        {
            "post": _with_move_options([post])[0],
            "auto_hide_reason": services.AUTO_HIDE_REASON,
            **_care_context(),
        },
    )


# One view for every post action: (service, form, message on success, marked here and
# translated when shown)
POST_ACTIONS: dict[str, tuple[Callable[..., bool], type[forms.Form], str]] = {
    "approve": (
        services.approve_post,
        ReasonForm,
        gettext_noop("Approved. The post is now visible."),
    ),
    "hide": (services.hide_post, HideForm, gettext_noop("Hidden. The author sees your reason.")),
    "restore": (
        services.restore_post,
        ReasonForm,
        gettext_noop("Restored. The post is visible again."),
    ),
    "dismiss-flags": (services.dismiss_flags, ReasonForm, gettext_noop("Flags dismissed.")),
}


@require_POST
@moderator_required
def post_action(request, pk: int, action: str):
    service, form_class, done = POST_ACTIONS[action]
    post = get_object_or_404(Post.objects.select_related("thread", "author"), pk=pk)
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return _back(request, "moderation:queue")
    if service(post=post, by=request.user, reason=form.cleaned_data["reason"].strip()):
        messages.success(request, _(done))
    else:
        messages.info(request, _("Nothing to do: someone may have dealt with this post already."))
    return _back(request, "moderation:queue")


@moderator_required
def edit_post(request, pk: int):
    post = get_object_or_404(Post.objects.select_related("thread", "author"), pk=pk)
    form = EditPostForm(request.POST or None, initial={"body": post.body_markdown})
    if request.method == "POST" and form.is_valid():
        everywhere = form.cleaned_data["remove_old_version"]
        try:
            changed = services.edit_post(
                post=post,
                by=request.user,
                body=form.cleaned_data["body"],
                reason=form.cleaned_data["reason"].strip(),
                remove_old_version=everywhere,
            )
        except DiscussionError as error:  # e.g. the reason repeats the removed text
            form.add_error("reason", str(error))
        else:
            if not changed:
                messages.info(request, _("No change."))
            elif everywhere:
                messages.success(request, _("Saved. What you took out is gone everywhere."))
            else:
                messages.success(request, _("Saved. The previous text is kept."))
            return _back(request, "moderation:queue")
    return render(request, "moderation/edit_post.html", {"post": post, "form": form})


THREAD_ACTIONS = {
    "lock": (services.lock_thread, gettext_noop("Locked. Nobody can reply until it is unlocked.")),
    "unlock": (services.unlock_thread, gettext_noop("Unlocked. Members can reply again.")),
    "pin": (services.pin_thread, gettext_noop("Pinned to the top of its group.")),
    "unpin": (services.unpin_thread, gettext_noop("Unpinned.")),
}


@require_POST
@moderator_required
def thread_action(request, pk: int, action: str):
    service, done = THREAD_ACTIONS[action]
    thread = get_object_or_404(Thread, pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"].strip() if form.is_valid() else ""
    if service(thread=thread, by=request.user, reason=reason):
        messages.success(request, _(done))
    else:
        messages.info(request, _("Nothing to do: the thread was already like that."))
    return _back(request, "moderation:queue")


@require_POST
@moderator_required
def move_thread(request, pk: int):
    thread = get_object_or_404(Thread, pk=pk)
    form = MoveThreadForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose the group to move the thread to."))
    elif services.move_thread(
        thread=thread,
        to_group=form.cleaned_data["group"],
        by=request.user,
        reason=form.cleaned_data["reason"].strip(),
    ):
        messages.success(
            request, _("Moved to %(group)s.") % {"group": form.cleaned_data["group"].name}
        )
    else:
        messages.info(request, _("The thread is already in that group."))
    return _back(request, "moderation:queue")


# --- Members --------------------------------------------------------------------------------


def _member_page(request, member: User, **forms):
    posts = (
        Post.objects.filter(author=member)
        .select_related("thread")
        .prefetch_related("flags")
        .order_by("-created_at")[:20]
    )
    context = {
        "member": member,
        "suspension": rules.active_suspension(member),
        "sanctions": Sanction.objects.filter(member=member).select_related(
            "created_by", "lifted_by"
        ),
        "posts": posts,
        "warn_form": forms.get("warn_form") or WarnForm(),
        "suspend_form": forms.get("suspend_form") or SuspendForm(),
        "lift_form": ReasonForm(),
    }
    return render(request, "moderation/member.html", context, status=forms.get("status", 200))


def _get_member(handle: str) -> User:
    return get_object_or_404(
        User.objects.prefetch_related(*badge_prefetches()), handle__iexact=handle
    )


@moderator_required
def member(request, handle: str):
    return _member_page(request, _get_member(handle))


@require_POST
@moderator_required
def warn_member(request, handle: str):
    member = _get_member(handle)
    form = WarnForm(request.POST)
    if not form.is_valid():
        return _member_page(request, member, warn_form=form, status=400)
    services.warn_member(member=member, by=request.user, message=form.cleaned_data["message"])
    messages.success(
        request,
        _("Warning sent. @%(handle)s sees it on their next page.") % {"handle": member.handle},
    )
    return redirect("moderation:member", handle=member.handle)


@require_POST
@moderator_required
def suspend_member(request, handle: str):
    member = _get_member(handle)
    form = SuspendForm(request.POST)
    if not form.is_valid():
        return _member_page(request, member, suspend_form=form, status=400)
    services.suspend_member(
        member=member, by=request.user, until=form.ends_at(), reason=form.cleaned_data["reason"]
    )
    messages.success(request, _("@%(handle)s is suspended.") % {"handle": member.handle})
    return redirect("moderation:member", handle=member.handle)


@require_POST
@moderator_required
def lift_suspension(request, handle: str):
    member = _get_member(handle)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"].strip() if form.is_valid() else ""
    if services.lift_suspension(member=member, by=request.user, reason=reason):
        messages.success(
            request,
            _("Suspension lifted. @%(handle)s can post again.") % {"handle": member.handle},
        )
    else:
        messages.info(request, _("@%(handle)s was not suspended.") % {"handle": member.handle})
    return redirect("moderation:member", handle=member.handle)


# --- Audit log ------------------------------------------------------------------------------


# (Lazy: the refusal is written in the reader's language when it is raised.)
@role_required(STAFF, message=cast(str, gettext_lazy("Only staff can read the moderation log.")))
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = querysets.audit_log(
        action=filters.get("action", ""),
        actor=filters.get("actor"),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page = paginate(request, entries, LOG_PER_PAGE)
    _attach_links(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "moderation/log.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def _attach_links(entries) -> None:
    """Sets entry.link to the target's page and entry.shown to what the target is called now
    (the rows store ids only), with one query per kind of target on the page."""
    ids: dict[str, set[int]] = {}
    for entry in entries:
        ids.setdefault(entry.target_type.model, set()).add(entry.target_id)
    members = list(
        User.objects.filter(pk__in=ids.get("user", ())).values_list("pk", "handle", "closed_at")
    )
    users = {pk: _("Former member") if closed else f"@{handle}" for pk, handle, closed in members}
    handles = {pk: handle for pk, handle, _ in members}
    threads = {
        pk: (slug, title)
        for pk, slug, title in Thread.objects.filter(pk__in=ids.get("thread", ())).values_list(
            "pk", "slug", "title"
        )
    }
    posts = {
        pk: (
            _("Post %(pk)s by a former member in “%(title)s”") % {"pk": pk, "title": title}
            if closed
            else _("Post %(pk)s by @%(handle)s in “%(title)s”")
            % {"pk": pk, "handle": handle, "title": title}
        )
        for pk, handle, closed, title in Post.objects.filter(
            pk__in=ids.get("post", ())
        ).values_list("pk", "author__handle", "author__closed_at", "thread__title")
    }
    for entry in entries:
        kind, pk = entry.target_type.model, entry.target_id
        entry.link = {
            "post": reverse("community:post-permalink", args=[pk]),
            "thread": reverse("community:thread-detail", args=[pk, threads[pk][0]])
            if pk in threads
            else "",
            "user": reverse("moderation:member", args=[handles[pk]]) if pk in handles else "",
        }.get(kind, "")
        entry.shown = {
            "post": posts.get(pk),
            "thread": _("Thread “%(title)s”") % {"title": threads[pk][1]}
            if pk in threads
            else None,
            "user": users.get(pk),
        }.get(kind) or _stored_label(entry)


def _stored_label(entry) -> str:
    """The target as the row names it ("Group 5"), with the kind in the reader's language
    (the row itself keeps the English words it was written with)."""
    model = entry.target_type.model_class()
    if model is None:
        return entry.target_label
    return f"{capfirst(model._meta.verbose_name)} {entry.target_id}"
