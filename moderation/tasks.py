"""Celery tasks: who hears about a moderator's decision. They take ids, re-read rows and are
safe to run twice; moderation.services queues them once the decision commits
(core.background.after_commit), so the moderator's request never waits for the fan-out.

Each runs once per decision, with the post's id. The author hears about the decision in
their inbox (and by e-mail: moderation notices are always e-mailed unless the member turned
e-mail off). Each notice is keyed by the decision's audit row, so a task that runs twice
notifies once, and a post hidden, restored and hidden again gets a notice for each decision.
Approving a post (and restoring one members never could read) also tells its followers,
quoted and mentioned members: notifications.services.notify_post_published, nobody twice.
"""

from celery import shared_task
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from accounts.languages import member_language
from community.models import Post
from moderation import reasons
from moderation.models import AuditEntry
from notifications import services as notifications
from notifications.models import Notification


def _tell_author(*, post_id: int, actions: list[str], text: str) -> Post | None:
    """Notifies the post's author of the latest of these decisions, in the author's language;
    `text` (marked with gettext_noop) may use %(title)s and %(reason)s. Returns the post
    (None if it or the decision is gone)."""
    post = Post.objects.select_related("thread", "author").filter(pk=post_id).first()
    if post is None:
        return None
    entry = (
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(Post),
            target_id=post.pk,
            action__in=actions,
        )
        .order_by("-pk")
        .first()
    )
    if entry is None:
        return None
    with translation.override(member_language(post.author)):
        shown = gettext(text) % {
            "title": post.thread.title,
            "reason": reasons.shown(entry.reason) or gettext("no reason given"),
        }
    notifications.notify(
        recipient=post.author,
        kind=Notification.Kind.MODERATION,
        text=shown,
        url=post.get_absolute_url(),
        key=f"moderation:{entry.pk}",
        actor=entry.actor,
        post=post,
    )
    return post


@shared_task(ignore_result=True)
def notify_post_approved(*, post_id: int) -> None:
    """Tells the author their post is published, and only now sends the reply, quote and
    mention notices that pre-moderation held back."""
    with transaction.atomic():
        _tell_author(
            post_id=post_id,
            actions=[AuditEntry.Action.POST_APPROVE],
            text=gettext_noop(
                "A moderator approved your post in “%(title)s”: everyone can read it now."
            ),
        )
        notifications.notify_post_published(post_id=post_id)


@shared_task(ignore_result=True)
def notify_post_hidden(*, post_id: int) -> None:
    """Tells the author their post was hidden, with the reason."""
    with transaction.atomic():
        _tell_author(
            post_id=post_id,
            actions=[AuditEntry.Action.POST_HIDE, AuditEntry.Action.POST_FLAG_HIDE],
            text=gettext_noop("Your post in “%(title)s” is hidden. Reason: %(reason)s"),
        )


@shared_task(ignore_result=True)
def notify_post_restored(*, post_id: int, tell_followers: bool = False) -> None:
    """Tells the author their post is visible again. With `tell_followers` (it was hidden
    before anyone could read it) followers, quoted and mentioned members hear about it now,
    nobody twice."""
    with transaction.atomic():
        _tell_author(
            post_id=post_id,
            actions=[AuditEntry.Action.POST_RESTORE, AuditEntry.Action.FLAGS_DISMISS],
            text=gettext_noop("Your post in “%(title)s” is visible again."),
        )
        if tell_followers:
            notifications.notify_post_published(post_id=post_id)


@shared_task(ignore_result=True)
def notify_post_edited(*, post_id: int) -> None:
    """Tells the author a moderator edited their post, with the reason."""
    with transaction.atomic():
        _tell_author(
            post_id=post_id,
            actions=[AuditEntry.Action.POST_EDIT],
            text=gettext_noop("A moderator edited your post in “%(title)s”. Reason: %(reason)s"),
        )
