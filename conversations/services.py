"""Every change of state in private conversations: one function each, one transaction each.

Views call these after fetching the conversation with its queryset (participants only);
the rules that must hold whoever calls are checked here, and a refusal is a
ConversationError whose text is fit to show next to the form (the member's text is kept).

Who may write to whom (`refusal_to_write`):
- nobody writes to themselves, to a closed account, or to a member who blocked them
  ("This member is not accepting messages", the same words as below, so a blocked member
  learns nothing more);
- a member who turned off messages from members they have not talked with hears only from
  those they share a conversation with, and from staff;
- a new member (joined less than CONVERSATIONS_MIN_DAYS days ago, or fewer than
  CONVERSATIONS_MIN_APPROVED_POSTS approved posts) may only start a conversation with, or
  add, staff and volunteer mentors;
- CONVERSATIONS_MESSAGES_PER_HOUR messages an hour per member (staff excepted), counted in
  the shared cache (Redis); if the cache is down the limit is not applied (fail open).

A message's Markdown is rendered once, before the transaction, with the same bounded
renderer as posts. Recipients get an inbox notification and an e-mail through
notifications' outbox that says only "You have a new private message" (no text, no names);
it is written inside the message's transaction and e-mailed after the commit.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING
from uuid import UUID

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _

from accounts import roles
from community.models import Post
from community.services import chosen_quote
from conversations.models import Block, Conversation, Message, MessageSettings, Participant
from core import soft_cache, submission
from core.markdown import render_markdown
from notifications import services as notifications
from notifications import unread
from notifications.models import Notification
from notifications.services import text_in_language_of
from safety.services import CARE_MESSAGE_START

if TYPE_CHECKING:
    from accounts.models import User

NOT_ACCEPTING = gettext_noop("This member is not accepting messages.")
MAX_RECIPIENTS = 10
NOTIFICATION_TEXT = _("You have a new private message")


class ConversationError(Exception):
    """A rule of private messages said no; `str(error)` is fit for the member.
    `field` names the form field the message belongs to ("to" or "body"), if any."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# --- Settings ---------------------------------------------------------------------------


def min_days() -> int:
    return getattr(settings, "CONVERSATIONS_MIN_DAYS", 2)


def min_approved_posts() -> int:
    return getattr(settings, "CONVERSATIONS_MIN_APPROVED_POSTS", 1)


def messages_per_hour() -> int:
    return getattr(settings, "CONVERSATIONS_MESSAGES_PER_HOUR", 30)


# --- Rules ------------------------------------------------------------------------------


def is_team(member: User) -> bool:
    """Staff and volunteer mentors: anyone may write to them, and staff to anyone."""
    return roles.is_staff(member) or roles.is_mentor(member)


def is_new_member(member: User, *, now: datetime.datetime | None = None) -> bool:
    """Too new to start conversations with other members (staff, mentors and moderators
    never are)."""
    if is_team(member) or roles.is_moderator(member):
        return False
    now = now or timezone.now()
    if now - member.date_joined < datetime.timedelta(days=min_days()):
        return True
    wanted = min_approved_posts()
    if wanted <= 0:
        return False
    approved = Post.objects.filter(author=member, status=Post.Status.PUBLISHED)[:wanted].count()
    return approved < wanted


def new_member_refusal() -> str:
    posts, days = min_approved_posts(), min_days()
    values = {
        "days": ngettext("%(count)d day", "%(count)d days", days) % {"count": days},
        "posts": ngettext(
            "once %(count)d of your posts has been approved",
            "once %(count)d of your posts have been approved",
            posts,
        )
        % {"count": posts},
    }
    if posts > 0:
        return (
            gettext(
                "New members can write privately to other members after %(days)s and %(posts)s. "
                "Until then you can write to the staff and the volunteer mentors. Your text is "
                "kept below."
            )
            % values
        )
    return (
        gettext(
            "New members can write privately to other members after %(days)s. Until then you "
            "can write to the staff and the volunteer mentors. Your text is kept below."
        )
        % values
    )


def has_blocked(blocker: User, blocked: User) -> bool:
    return Block.objects.filter(blocker=blocker, blocked=blocked).exists()


def talked_with(member: User, other: User) -> bool:
    """The two share a conversation (current or past)."""
    return (
        Participant.objects.filter(member=member)
        .filter(conversation__participants__member=other)
        .exists()
    )


def only_known_members(member: User) -> bool:
    return MessageSettings.objects.filter(member=member, only_known_members=True).exists()


def refusal_to_write(sender: User, recipient: User, *, starting: bool) -> str | None:
    """Why `sender` may not write to `recipient`, in plain words; None when they may.

    `starting`: a new conversation or adding the recipient to one (the new-member and
    "members I talked with" rules apply); otherwise a message in a conversation they share.
    """
    if sender.pk == recipient.pk:
        return gettext("You cannot send a private message to yourself.")
    if not recipient.is_active or recipient.is_former_member:
        return gettext(NOT_ACCEPTING)
    if has_blocked(recipient, sender):
        return gettext(NOT_ACCEPTING)
    if has_blocked(sender, recipient):
        return gettext("You have blocked @%(handle)s. Unblock them on their profile to write.") % {
            "handle": recipient.handle
        }
    if not starting:
        return None
    if roles.is_staff(sender):
        return None  # the care team may reach out to anyone who has not blocked them
    if only_known_members(recipient) and not talked_with(sender, recipient):
        return gettext(NOT_ACCEPTING)
    if not is_team(recipient) and is_new_member(sender):
        return new_member_refusal()
    return None


def _rate_key(member: User, now: datetime.datetime) -> str:
    return f"conversations:messages:{member.pk}:{now:%Y%m%d%H}"


def _admit(author: User) -> None:
    """The hourly limit (staff excepted): refuses, or counts this message before rendering."""
    if not author.is_active:
        raise ConversationError(gettext("This account has been closed and cannot write."))
    if roles.is_staff(author):
        return
    now = timezone.now()
    limit = messages_per_hour()
    if (soft_cache.get(_rate_key(author, now)) or 0) >= limit:
        raise ConversationError(
            ngettext(
                "You can send %(count)d private message an hour. Please wait a little and try "
                "again; your text is kept below.",
                "You can send %(count)d private messages an hour. Please wait a little and try "
                "again; your text is kept below.",
                limit,
            )
            % {"count": limit},
            field="body",
        )
    soft_cache.increment(_rate_key(author, now), timeout=3900)


def _earlier(author: User, token: UUID | None, body: str) -> tuple[Message | None, UUID | None]:
    """The message this member already sent from the same form (double click), and the
    token to store (None when the same form comes back with other text: a new message)."""
    earlier = None
    if token is not None:
        earlier = (
            Message.objects.filter(author=author, submission_token=token)
            .select_related("conversation")
            .first()
        )
    return submission.same_form_again(earlier, token=token, body=body)


# --- Writing ----------------------------------------------------------------------------


def _notify(message: Message, *, now: datetime.datetime) -> None:
    """Inside the message's transaction: a notice for every other current participant who
    has not blocked the author. The e-mail carries no text and no names."""
    recipients = (
        Participant.objects.filter(conversation_id=message.conversation_id, left_at__isnull=True)
        .exclude(member_id=message.author_id)
        .exclude(member__blocks_made__blocked_id=message.author_id)
        .select_related("member")
    )
    url = message.conversation.get_absolute_url()
    for place in recipients:
        notifications.notify(
            recipient=place.member,
            kind=Notification.Kind.MESSAGE,
            text=NOTIFICATION_TEXT,
            url=url,
            key=f"message:{message.pk}",
        )


def _save_message(
    *,
    conversation: Conversation,
    author: User,
    body: str,
    html: str,
    token: UUID | None,
    reply_to: Message | None = None,
    quote_excerpt: str = "",
) -> Message:
    now = timezone.now()
    message = Message.objects.create(
        conversation=conversation,
        author=author,
        body_markdown=body,
        body_html=html,
        created_at=now,
        submission_token=token,
        reply_to=reply_to,
        quote_excerpt=chosen_quote(reply_to, quote_excerpt) if reply_to else "",
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    # Writing in it reads it: the author's place and notices about it are read (so opening it
    # afterwards writes nothing, see mark_read).
    Participant.objects.filter(conversation=conversation, member=author).update(last_read_at=now)
    _mark_notices_read(author, conversation)
    _notify(message, now=now)
    return message


def start_conversation(
    *,
    starter: User,
    recipients: Iterable[User],
    body: str,
    title: str = "",
    submission_token: UUID | None = None,
) -> Conversation:
    """Starts a conversation between `starter` and `recipients` with its first message.

    Refuses (ConversationError with field "to") anyone the starter may not write to; the
    same form sent twice gives back the first conversation.
    """
    earlier, token = _earlier(starter, submission_token, body)
    if earlier is not None:
        return earlier.conversation
    others = list({r.pk: r for r in recipients}.values())
    if not others:
        raise ConversationError(gettext("Please name a member to write to."), field="to")
    if len(others) > MAX_RECIPIENTS:
        raise ConversationError(
            gettext("A conversation can start with up to %(count)d members.")
            % {"count": MAX_RECIPIENTS},
            field="to",
        )
    for recipient in others:
        refusal = refusal_to_write(starter, recipient, starting=True)
        if refusal:
            raise ConversationError(refusal, field="to")
    _admit(starter)
    html = render_markdown(body)
    try:
        with transaction.atomic():
            now = timezone.now()
            conversation = Conversation.objects.create(
                title=title.strip(), created_at=now, last_message_at=now
            )
            Participant.objects.bulk_create(
                [Participant(conversation=conversation, member=starter, joined_at=now)]
                + [Participant(conversation=conversation, member=r, joined_at=now) for r in others]
            )
            _save_message(
                conversation=conversation, author=starter, body=body, html=html, token=token
            )
    except IntegrityError:
        # A simultaneous request with the same form won: give back its conversation.
        earlier, _ = _earlier(starter, submission_token, body)
        if earlier is None:
            raise
        return earlier.conversation
    return conversation


def send_message(
    *,
    author: User,
    conversation: Conversation,
    body: str,
    submission_token: UUID | None = None,
    reply_to: Message | None = None,
    quote_excerpt: str = "",
) -> Message:
    """Adds a message to a conversation the author takes part in, quoting `reply_to` (a
    message of the same conversation; `quote_excerpt`, the chosen passage, is kept only if
    the quoted message really says it, as for posts).

    Refused when any other current participant blocked the author (or the author blocked
    them): "This member is not accepting messages".
    """
    if reply_to is not None and (
        reply_to.conversation_id != conversation.pk or reply_to.removed_at is not None
    ):
        raise ConversationError(gettext("You can only quote a message of this conversation."))
    earlier, token = _earlier(author, submission_token, body)
    if earlier is not None and earlier.conversation_id == conversation.pk:
        return earlier
    if earlier is not None:
        token = None
    places = list(
        Participant.objects.filter(conversation=conversation, left_at__isnull=True).select_related(
            "member"
        )
    )
    if author.pk not in {p.member_id for p in places}:
        raise ConversationError(gettext("You are no longer in this conversation."))
    for place in places:
        # A suspended or banned participant does not stop the others talking.
        if place.member_id != author.pk and place.member.is_active:
            refusal = refusal_to_write(author, place.member, starting=False)
            if refusal:
                raise ConversationError(refusal, field="body")
    _admit(author)
    html = render_markdown(body)
    try:
        with transaction.atomic():
            return _save_message(
                conversation=conversation,
                author=author,
                body=body,
                html=html,
                token=token,
                reply_to=reply_to,
                quote_excerpt=quote_excerpt,
            )
    except IntegrityError:
        earlier, _ = _earlier(author, submission_token, body)
        if earlier is None:
            raise
        return earlier


def add_participant(*, by: User, conversation: Conversation, member: User) -> None:
    """`by` (a participant) adds `member`, who then reads the whole conversation. The write
    rules apply as for starting a conversation with them, and nobody joins a conversation
    with a member they block or who blocks them (without saying who)."""
    if not Participant.objects.filter(
        conversation=conversation, member=by, left_at__isnull=True
    ).exists():
        raise ConversationError(gettext("You are no longer in this conversation."))
    refusal = refusal_to_write(by, member, starting=True)
    if refusal:
        raise ConversationError(refusal, field="handle")
    others = Participant.objects.filter(conversation=conversation, left_at__isnull=True).exclude(
        member=by
    )
    if Block.objects.filter(
        Q(blocker=member, blocked__in=others.values("member"))
        | Q(blocked=member, blocker__in=others.values("member"))
    ).exists():
        # Someone here and the newcomer block one another; who is not said.
        raise ConversationError(gettext(NOT_ACCEPTING), field="handle")
    with transaction.atomic():
        place, created = Participant.objects.select_for_update().get_or_create(
            conversation=conversation, member=member
        )
        if not created and place.left_at is None:
            raise ConversationError(
                gettext("@%(handle)s is already in this conversation.") % {"handle": member.handle},
                field="handle",
            )
        if not created:
            place.left_at, place.joined_at, place.last_read_at = None, timezone.now(), None
            place.save(update_fields=["left_at", "joined_at", "last_read_at"])


def leave(*, member: User, conversation: Conversation) -> None:
    """The member leaves: they read nothing of it any more and hear nothing from it."""
    Participant.objects.filter(
        conversation=conversation, member=member, left_at__isnull=True
    ).update(left_at=timezone.now())


def has_unread(place: Participant | None, conversation: Conversation) -> bool:
    """Whether the member at `place` (their Participant row, None if not read) has a message
    of the conversation they have not opened."""
    return (
        place is None
        or place.last_read_at is None
        or (
            conversation.last_message_at is not None
            and place.last_read_at < conversation.last_message_at
        )
    )


def mark_read(
    *, member: User, conversation: Conversation, place: Participant | None = None
) -> None:
    """Everything in the conversation up to now is read (the page was shown), with the inbox's
    notices about it. Given the member's `place` (their Participant row, read with the
    page), nothing is written when nothing was unread: opening a read conversation, the
    usual case, writes nothing."""
    if place is not None and not has_unread(place, conversation):
        return
    Participant.objects.filter(conversation=conversation, member=member).filter(
        Q(last_read_at__isnull=True) | Q(last_read_at__lt=conversation.last_message_at)
    ).update(last_read_at=timezone.now())
    _mark_notices_read(member, conversation)


def _mark_notices_read(member: User, conversation: Conversation) -> None:
    """The inbox's notices about this conversation are read (unread ones only)."""
    if Notification.objects.filter(
        recipient=member,
        kind=Notification.Kind.MESSAGE,
        url=conversation.get_absolute_url(),
        read_at__isnull=True,
    ).update(read_at=timezone.now()):
        unread.changed([member.pk])


# --- Blocks and settings ------------------------------------------------------------------


def block(*, blocker: User, blocked: User) -> None:
    """`blocker` hears nothing more from `blocked`. Idempotent."""
    if blocker.pk == blocked.pk:
        raise ConversationError(gettext("You cannot block yourself."))
    Block.objects.get_or_create(blocker=blocker, blocked=blocked)


def unblock(*, blocker: User, blocked: User) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


def update_settings(
    *, member: User, only_known_members: bool, email_previews: bool = False
) -> None:
    """Saves the member's message settings (strangers, and previews in e-mails)."""
    MessageSettings.objects.update_or_create(
        member=member,
        defaults={"only_known_members": only_known_members, "email_previews": email_previews},
    )


# --- The care team's message becomes a conversation ---------------------------------------

CARE_TITLE = _("A message from the care team")


def care_words(notification: Notification) -> str:
    """The care team's own words in their notice: its text without safety's opening line
    (CARE_MESSAGE_START, stored in the language the member read in when it was sent)."""
    text = notification.text
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            start = str(CARE_MESSAGE_START)
        if text.startswith(start):
            return text[len(start) :]
    return text


def reply_to_care(
    *,
    member: User,
    notification: Notification,
    body: str,
    submission_token: UUID | None = None,
) -> Conversation:
    """The member answers the care team's private message (a CARE notification of theirs):
    a conversation between them and the team member who wrote it, opening with the team's
    words, then the member's reply. The team wrote first, so the new-member and "members I
    talked with" rules do not stand in the way; a block or a closed account still does."""
    if notification.recipient_id != member.pk or notification.kind != Notification.Kind.CARE:
        raise ConversationError(gettext("This is not a message from the care team to you."))
    writer = notification.actor
    if writer is None:
        raise ConversationError(gettext("This message can no longer be answered here."))
    earlier, token = _earlier(member, submission_token, body)
    if earlier is not None:
        return earlier.conversation
    refusal = refusal_to_write(member, writer, starting=False)
    if refusal:
        raise ConversationError(refusal, field="body")
    _admit(member)
    html = render_markdown(body)
    words = care_words(notification)
    with transaction.atomic():
        sent_at = notification.created_at
        conversation = Conversation.objects.create(
            title=text_in_language_of(member, CARE_TITLE), created_at=sent_at
        )
        Participant.objects.bulk_create(
            [
                Participant(
                    conversation=conversation,
                    member=writer,
                    joined_at=sent_at,
                    last_read_at=sent_at,
                ),
                Participant(conversation=conversation, member=member, joined_at=sent_at),
            ]
        )
        Message.objects.create(
            conversation=conversation,
            author=writer,
            body_markdown=words,
            body_html=render_markdown(words),
            created_at=sent_at,
        )
        _save_message(conversation=conversation, author=member, body=body, html=html, token=token)
    return conversation
