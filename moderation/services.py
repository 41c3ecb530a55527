"""Every moderation change of state, each in one transaction with its audit row.

Counters keep one meaning across the site, defined in community.services.change_counters
(published, undeleted posts; a thread counts in its group while its first post does): every
status change here that moves a post in or out of that state calls it, and a move calls
community.services.move_thread_counters. A deleted post is already out of the counts, so
changing its status does not touch them.

Who hears about a decision (its author; followers when a post is published) is
moderation.tasks': each decision queues its Celery task with the post's id once committed
(core.background.after_commit), so a moderator's click costs the same whatever the number
of followers.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from community import services as community_services
from community.models import Group, Post, Thread
from core import background, page_cache
from moderation import hooks, notices, review, tasks
from moderation.models import AuditEntry, Flag, Sanction
from moderation.reasons import AUTO_HIDE_REASON
from moderation.rules import flags_to_hide

READABLE_BEFORE = "readable_before"  # in a hide's audit detail: could members read it?


class ModerationError(Exception):
    """A request that cannot be carried out, with a message fit to show the member."""


# --- Audit ----------------------------------------------------------------------------------


def _label(obj) -> str:
    """What the row calls its target: ids only, never a member's name or a thread's title
    (the log is append-only, and a member who closes their account or a title edited for
    privacy must leave nothing behind). The log page shows the current names."""
    if isinstance(obj, Post):
        return f"Post {obj.pk} in thread {obj.thread_id}"
    if isinstance(obj, Thread):
        return f"Thread {obj.pk}"
    if isinstance(obj, User):
        return f"Member {obj.pk}"
    return f"{obj._meta.verbose_name.capitalize()} {obj.pk}"[:200]


def record(
    *, actor: User | None, action: str, target, reason: str = "", detail: dict | None = None
) -> AuditEntry:
    """Writes one audit row. Call it inside the transaction of the change it records."""
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        target_label=_label(target),
        reason=reason,
        detail=detail or {},
    )


# --- Counters -------------------------------------------------------------------------------


def _set_status(*, post: Post, from_statuses: list[str], to: str, **fields) -> bool:
    """Moves a post between statuses in one UPDATE; keeps counters right. False if no change."""
    locked = (
        Post.objects.select_for_update(of=("self",))
        .select_related("thread")
        .filter(pk=post.pk, status__in=from_statuses)
        .first()
    )
    if locked is None:
        return False
    Post.objects.filter(pk=post.pk).update(status=to, **fields)
    if to == Post.Status.PUBLISHED:
        page_cache.changed("post.published", thread_id=locked.thread_id)
    elif to == Post.Status.HIDDEN:
        page_cache.changed("post.hidden", thread_id=locked.thread_id)
    if locked.deleted_at is None:
        was_visible = locked.status == Post.Status.PUBLISHED
        is_visible = to == Post.Status.PUBLISHED
        if was_visible != is_visible:
            community_services.change_counters(post=locked, delta=1 if is_visible else -1)
    post.status = to
    for name, value in fields.items():
        setattr(post, name, value)
    return True


def _resolve_open_flags(*, post: Post, by: User | None, outcome: str) -> int:
    return Flag.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=by, outcome=outcome
    )


# --- Flags ----------------------------------------------------------------------------------


def flag_post(*, post: Post, by: User, reason: str, note: str = "") -> Flag:
    """Records a member's flag; hides the post once FLAGS_TO_HIDE members have flagged it.

    Raises ModerationError for a member's own post or a second flag on the same post.
    """
    if post.author_id == by.pk:
        raise ModerationError(_("You can't flag your own post."))
    with transaction.atomic():
        # Lock the post so two flags arriving together count each other.
        Post.objects.select_for_update().filter(pk=post.pk).first()
        if Flag.objects.filter(post=post, flagger=by).exists():
            raise ModerationError(_("You have already flagged this post."))
        flag = Flag.objects.create(post=post, flagger=by, reason=reason, note=note)
        review.refresh(post_ids=[post.pk])
        if reason == Flag.Reason.MISINFORMATION:
            # Medical misinformation goes to the clinical reviewers too (safety registers).
            for flagged in hooks.misinformation_flagged:
                flagged(post_id=post.pk)
        open_flaggers = (
            Flag.objects.filter(post=post, resolved_at__isnull=True)
            .values("flagger")
            .distinct()
            .count()
        )
        if open_flaggers >= flags_to_hide() and _set_status(
            post=post,
            from_statuses=[Post.Status.PUBLISHED],
            to=Post.Status.HIDDEN,
            hidden_reason=AUTO_HIDE_REASON,
        ):
            record(
                actor=None,
                action=AuditEntry.Action.POST_FLAG_HIDE,
                target=post,
                reason=AUTO_HIDE_REASON,
                detail={"flags": open_flaggers},
            )
            background.after_commit(tasks.notify_post_hidden, post_id=post.pk)
    return flag


def dismiss_flags(*, post: Post, by: User, reason: str = "") -> bool:
    """Closes the open flags on a post; a post hidden only by flags comes back."""
    with transaction.atomic():
        dismissed = _resolve_open_flags(post=post, by=by, outcome=Flag.Outcome.DISMISSED)
        review.refresh(post_ids=[post.pk])
        if not dismissed:
            return False
        restored = post.hidden_reason == AUTO_HIDE_REASON and _set_status(
            post=post,
            from_statuses=[Post.Status.HIDDEN],
            to=Post.Status.PUBLISHED,
            hidden_reason="",
        )
        record(
            actor=by,
            action=AuditEntry.Action.FLAGS_DISMISS,
            target=post,
            reason=reason,
            detail={"flags": dismissed, "restored": restored},
        )
        if restored:
            background.after_commit(tasks.notify_post_restored, post_id=post.pk)
    return True


# --- Posts ----------------------------------------------------------------------------------


def approve_post(*, post: Post, by: User, reason: str = "") -> bool:
    """Publishes a post that was waiting for a moderator."""
    with transaction.atomic():
        if not _set_status(
            post=post, from_statuses=[Post.Status.PENDING], to=Post.Status.PUBLISHED
        ):
            return False
        review.refresh(post_ids=[post.pk])
        record(actor=by, action=AuditEntry.Action.POST_APPROVE, target=post, reason=reason)
        background.after_commit(tasks.notify_post_approved, post_id=post.pk)
    return True


def hide_post(*, post: Post, by: User, reason: str) -> bool:
    """Hides a post from everyone but its author and moderators; the author sees the reason.

    Also closes the post's open flags as upheld. Hiding an already hidden post updates the
    reason (a moderator confirming a post hidden by flags).
    """
    with transaction.atomic():
        before = (
            Post.objects.select_for_update()
            .filter(pk=post.pk)
            .values_list("status", flat=True)
            .first()
        )
        changed = _set_status(
            post=post,
            from_statuses=[Post.Status.PUBLISHED, Post.Status.PENDING, Post.Status.HIDDEN],
            to=Post.Status.HIDDEN,
            hidden_reason=reason,
        )
        if not changed:
            return False
        upheld = _resolve_open_flags(post=post, by=by, outcome=Flag.Outcome.UPHELD)
        review.refresh(post_ids=[post.pk])
        detail: dict = {"flags_upheld": upheld} if upheld else {}
        if before != Post.Status.HIDDEN:
            # Whether members could read it: restoring then tells followers only if not.
            detail[READABLE_BEFORE] = before == Post.Status.PUBLISHED
        record(
            actor=by,
            action=AuditEntry.Action.POST_HIDE,
            target=post,
            reason=reason,
            detail=detail,
        )
        background.after_commit(tasks.notify_post_hidden, post_id=post.pk)
    return True


def restore_post(*, post: Post, by: User, reason: str = "") -> bool:
    """Shows a hidden post again and closes its open flags as dismissed.

    Restoring reverses the decision to hide: the flags upheld by it count as dismissed, so
    the author's record no longer shows them. Followers hear about the post only if members
    never could read it (a moderator hid it while it waited for approval); a post that was
    readable before is old news, not a new reply.
    """
    with transaction.atomic():
        if not _set_status(
            post=post,
            from_statuses=[Post.Status.HIDDEN],
            to=Post.Status.PUBLISHED,
            hidden_reason="",
        ):
            return False
        _resolve_open_flags(post=post, by=by, outcome=Flag.Outcome.DISMISSED)
        review.refresh(post_ids=[post.pk])
        overturned = Flag.objects.filter(post=post, outcome=Flag.Outcome.UPHELD).update(
            outcome=Flag.Outcome.DISMISSED, resolved_by=by, resolved_at=timezone.now()
        )
        last_hide = (
            AuditEntry.objects.filter(
                target_type=ContentType.objects.get_for_model(Post),
                target_id=post.pk,
                action=AuditEntry.Action.POST_HIDE,
                detail__has_key=READABLE_BEFORE,
            )
            .order_by("-created_at", "-pk")
            .values_list("detail", flat=True)
            .first()
        )
        first_time_readable = last_hide is not None and not last_hide[READABLE_BEFORE]
        record(
            actor=by,
            action=AuditEntry.Action.POST_RESTORE,
            target=post,
            reason=reason,
            detail={"flags_overturned": overturned} if overturned else {},
        )
        background.after_commit(
            tasks.notify_post_restored, post_id=post.pk, tell_followers=first_time_readable
        )
    return True


def edit_post(
    *, post: Post, by: User, body: str, reason: str, remove_old_version: bool = False
) -> bool:
    """Replaces a post's text with a reason; the previous text stays in the post's history,
    unless `remove_old_version` removes what the edit took out from everywhere (history,
    quotes, search, notifications; community.hooks.old_version_removed). Raises a
    DiscussionError (safety's SafetyError; nothing changed) if the reason repeats the
    removed text."""
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=post.thread_id)
        current = Post.objects.select_for_update().get(pk=post.pk)
        if current.body_markdown == body:
            return False
        community_services.replace_post_body(
            post=current,
            thread=thread,
            body=body,
            edited_by=by,
            reason=reason,
            remove_old_version=remove_old_version,
        )
        post.body_markdown, post.body_html = current.body_markdown, current.body_html
        post.edited_at = current.edited_at
        record(actor=by, action=AuditEntry.Action.POST_EDIT, target=post, reason=reason)
        background.after_commit(tasks.notify_post_edited, post_id=post.pk)
    return True


# --- Threads --------------------------------------------------------------------------------


# What visitors notice when a thread's flag changes (core.page_cache.CHANGES).
_FLAG_CHANGES = {"is_locked": "thread.locked", "is_pinned": "thread.pinned"}


def _set_thread_flag(*, thread: Thread, by: User, field: str, value: bool, action, reason: str):
    with transaction.atomic():
        if (
            not Thread.objects.filter(pk=thread.pk)
            .filter(~Q(**{field: value}))
            .update(**{field: value})
        ):
            return False
        setattr(thread, field, value)
        page_cache.changed(_FLAG_CHANGES[field], thread_id=thread.pk)
        record(actor=by, action=action, target=thread, reason=reason)
    return True


def lock_thread(*, thread: Thread, by: User, reason: str = "") -> bool:
    """No new replies; the thread stays readable."""
    return _set_thread_flag(
        thread=thread, by=by, field="is_locked", value=True,
        action=AuditEntry.Action.THREAD_LOCK, reason=reason,
    )  # fmt: skip


def unlock_thread(*, thread: Thread, by: User, reason: str = "") -> bool:
    return _set_thread_flag(
        thread=thread, by=by, field="is_locked", value=False,
        action=AuditEntry.Action.THREAD_UNLOCK, reason=reason,
    )  # fmt: skip


def pin_thread(*, thread: Thread, by: User, reason: str = "") -> bool:
    """Keeps the thread at the top of its group."""
    return _set_thread_flag(
        thread=thread, by=by, field="is_pinned", value=True,
        action=AuditEntry.Action.THREAD_PIN, reason=reason,
    )  # fmt: skip


def unpin_thread(*, thread: Thread, by: User, reason: str = "") -> bool:
    return _set_thread_flag(
        thread=thread, by=by, field="is_pinned", value=False,
        action=AuditEntry.Action.THREAD_UNPIN, reason=reason,
    )  # fmt: skip


def move_thread(*, thread: Thread, to_group: Group, by: User, reason: str = "") -> bool:
    """Moves a thread and its counted posts from its group to another one."""
    with transaction.atomic():
        current = Thread.objects.select_for_update().select_related("group").get(pk=thread.pk)
        if current.group_id == to_group.pk:
            return False
        from_group = current.group
        Thread.objects.filter(pk=current.pk).update(group=to_group)
        community_services.move_thread_counters(
            thread=current, from_group=from_group, to_group=to_group
        )
        page_cache.changed("thread.moved", thread_id=thread.pk)
        thread.group = to_group
        record(
            actor=by,
            action=AuditEntry.Action.THREAD_MOVE,
            target=thread,
            reason=reason,
            detail={"from": from_group.name, "to": to_group.name},
        )
    return True


# --- Groups ---------------------------------------------------------------------------------

# What staff may set on a group; the counts are kept by community.services alone.
GROUP_FIELDS = ["name", "slug", "description", "position", "visibility", "is_sensitive"]


def save_group(*, group: Group, by: User, reason: str = "") -> bool:
    """Creates a discussion group, or writes the settings staff changed on `group` (an
    instance carrying the new values, e.g. from the admin's form).

    Writes only GROUP_FIELDS, never the counts (which would overwrite posts counted while
    the form was open), records an audit row with each changed setting's old and new value,
    and once committed makes every cached page stale: a group turned members-only vanishes
    for visitors at once. Returns False when nothing changed.
    """
    with transaction.atomic():
        if group.pk is None:
            group.save()
            action = AuditEntry.Action.GROUP_CREATE
            changes = {name: [None, getattr(group, name)] for name in GROUP_FIELDS}
        else:
            before = Group.objects.select_for_update().get(pk=group.pk)
            changes = {
                name: [getattr(before, name), getattr(group, name)]
                for name in GROUP_FIELDS
                if getattr(before, name) != getattr(group, name)
            }
            if not changes:
                return False
            Group.objects.filter(pk=group.pk).update(
                **{name: new for name, (_, new) in changes.items()}
            )
            action = AuditEntry.Action.GROUP_CHANGE
        if "description" in changes:
            changes["description"] = ["…", "…"]  # long text: the row says that it changed
        record(actor=by, action=action, target=group, reason=reason, detail={"changes": changes})
        page_cache.changed("group.changed", group_id=group.pk)
    return True


# --- Members --------------------------------------------------------------------------------


def warn_member(*, member: User, by: User, message: str) -> Sanction:
    """Sends a member a warning they see on their next page."""
    with transaction.atomic():
        warning = Sanction.objects.create(
            member=member, kind=Sanction.Kind.WARNING, reason=message, created_by=by
        )
        record(actor=by, action=AuditEntry.Action.MEMBER_WARN, target=member, reason=message)
        transaction.on_commit(lambda: notices.flag_member(member_id=member.pk))
    return warning


def suspend_member(*, member: User, by: User, until: datetime.datetime, reason: str) -> Sanction:
    """Stops a member posting, reacting and flagging until `until`; it ends by itself."""
    if until <= timezone.now():
        raise ModerationError(_("Choose a date in the future."))
    with transaction.atomic():
        suspension = Sanction.objects.create(
            member=member,
            kind=Sanction.Kind.SUSPENSION,
            reason=reason,
            ends_at=until,
            created_by=by,
        )
        record(
            actor=by,
            action=AuditEntry.Action.MEMBER_SUSPEND,
            target=member,
            reason=reason,
            detail={"until": until.isoformat()},
        )
        transaction.on_commit(lambda: notices.flag_member(member_id=member.pk))
    return suspension


def lift_suspension(*, member: User, by: User, reason: str = "") -> bool:
    """Ends a member's suspensions in force now."""
    with transaction.atomic():
        lifted = (
            Sanction.objects.active_suspensions()
            .filter(member=member)
            .update(lifted_at=timezone.now(), lifted_by=by)
        )
        if not lifted:
            return False
        record(actor=by, action=AuditEntry.Action.MEMBER_LIFT, target=member, reason=reason)
    return True


def ban_member(*, member: User, by: User, reason: str = "") -> bool:
    """Deactivates an account (admins, from the Django admin). Their posts stay as they are."""
    with transaction.atomic():
        if not User.objects.filter(pk=member.pk, is_active=True).update(is_active=False):
            return False
        member.is_active = False
        record(actor=by, action=AuditEntry.Action.MEMBER_BAN, target=member, reason=reason)
    return True
