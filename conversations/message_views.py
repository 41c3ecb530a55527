"""One message's pages: its permalink, and its author's edit, earlier versions and
redaction; and the reply to the care team's message. Every message is fetched through the
participants-only queryset, so anyone else gets the same 404 as for a missing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from accounts.roles import MODERATOR, role_required
from conversations import editing, services
from conversations.forms import EditMessageForm, MessageForm, RedactMessageForm
from conversations.models import Message, MessageReport
from conversations.views import MESSAGES_PER_PAGE
from core.readable import get_readable_or_404
from notifications.models import Notification


def _message(request, pk: int, message_id: int) -> Message:
    return get_readable_or_404(
        Message.objects.select_related("author", "conversation"),
        request.user,
        pk=message_id,
        conversation_id=pk,
    )


def _own_message(request, pk: int, message_id: int) -> Message:
    """The reader's own message whose text stands; 404 for anything else, as if missing."""
    message = _message(request, pk, message_id)
    if not editing.may_change(message=message, user=request.user):
        raise Http404(gettext("No such message."))
    return message


def location(message: Message) -> str:
    """Where a message is: the page of its conversation that holds it, at its anchor."""
    before = (
        Message.objects.filter(conversation_id=message.conversation_id)
        .filter(
            Q(created_at__lt=message.created_at)
            | Q(created_at=message.created_at, pk__lt=message.pk)
        )
        .count()
    )
    page = before // MESSAGES_PER_PAGE + 1
    return f"{message.conversation.get_absolute_url()}?page={page}#message-{message.pk}"


@login_required
def message_permalink(request, pk: int, message_id: int):
    """A message's lasting address ("Jump to this post" in a quote): its page and anchor."""
    return redirect(location(_message(request, pk, message_id)))


@login_required
def edit_message(request, pk: int, message_id: int):
    message = _own_message(request, pk, message_id)
    form = EditMessageForm(request.POST or None, initial={"body": message.body_markdown})
    if request.method == "POST" and form.is_valid():
        try:
            editing.edit_message(
                message=message,
                editor=request.user,
                body=form.cleaned_data["body"],
                remove_old_version=form.cleaned_data["remove_old_version"],
            )
        except services.ConversationError as error:
            form.add_error("body", str(error))
        else:
            if form.cleaned_data["remove_old_version"]:
                messages.success(
                    request, gettext("Your changes are saved. What you took out is gone.")
                )
            else:
                messages.success(
                    request,
                    gettext(
                        "Your changes are saved. The earlier version is kept, seen only by you."
                    ),
                )
            return redirect(location(message))
    return render(request, "conversations/message_edit.html", {"message": message, "form": form})


@login_required
def message_history(request, pk: int, message_id: int):
    """Earlier versions of a message: for its author only (404 for everyone else)."""
    message = _own_message(request, pk, message_id)
    revisions = message.revisions.all()
    return render(
        request,
        "conversations/message_history.html",
        {"message": message, "revisions": revisions, "back": location(message)},
    )


@login_required
def redact_message(request, pk: int, message_id: int):
    """The author removes a passage (a phone number, a name) from their message."""
    return _redact(request, _own_message(request, pk, message_id), done=None)


@role_required(MODERATOR)
def redact_reported(request, report_id: int):
    """A moderator removes a passage from a reported message (the only ones they read)."""
    report = (
        MessageReport.objects.filter(pk=report_id, closed_at__isnull=True)
        .select_related("message__author", "message__conversation")
        .first()
    )
    if report is None or not editing.may_redact_as_moderator(
        message=report.message, user=request.user
    ):
        raise Http404(gettext("No such report."))
    return _redact(request, report.message, done=reverse("conversations:reported"))


def _redact(request, message: Message, *, done: str | None):
    """The redaction form for `message`; `done`: where to go after (default: the message)."""
    form = RedactMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = editing.redact_message(
                message=message,
                by=request.user,
                passage=form.cleaned_data["passage"],
                reason=form.cleaned_data["reason"],
            )
        except services.ConversationError as error:
            form.add_error("passage", str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "Removed (once). It is gone from the message, its earlier versions and "
                    "quotes of it.",
                    "Removed (%(count)d times). It is gone from the message, its earlier "
                    "versions and quotes of it.",
                    count,
                )
                % {"count": count},
            )
            return redirect(done or location(message))
    return render(
        request,
        "conversations/message_redact.html",
        {"message": message, "form": form, "back": done or message.get_absolute_url()},
    )


@login_required
def care_reply(request, notification_id: int):
    """The member answers the care team's private message: it becomes a conversation."""
    notification = (
        Notification.objects.readable_by(request.user)
        .filter(pk=notification_id, kind=Notification.Kind.CARE, actor__isnull=False)
        .select_related("actor")
        .first()
    )
    if notification is None:
        raise Http404(gettext("No such message."))
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conversation = services.reply_to_care(
                member=request.user,
                notification=notification,
                body=form.cleaned_data["body"],
                submission_token=form.cleaned_data["submission_token"],
            )
        except services.ConversationError as error:
            form.add_error("body", str(error))
        else:
            messages.success(
                request, gettext("Your reply is sent. Only you and the care team read it.")
            )
            return redirect(conversation)
    care_words = services.care_words(notification)
    return render(
        request,
        "conversations/care_reply.html",
        {"notification": notification, "care_words": care_words, "form": form},
    )
