"""Private messages' pages: fetch through the participants-only queryset, call a service,
redirect (POST -> redirect -> GET). Visitors get the log-in page, everyone who is not in a
conversation the same 404 as for one that does not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.roles import MODERATOR, role_required
from conversations import reports, services
from conversations.forms import (
    AddParticipantForm,
    CloseReportForm,
    ConversationReplyForm,
    NewConversationForm,
    ReportForm,
)
from conversations.models import Conversation, Message, MessageReport, MessageSettings, Participant
from core.next_url import safe_next_url
from core.pagination import paginate
from core.readable import get_readable_or_404

CONVERSATIONS_PER_PAGE = 25
MESSAGES_PER_PAGE = 20


def _current_participants() -> Prefetch:
    return Prefetch(
        "participants",
        queryset=Participant.objects.filter(left_at__isnull=True)
        .select_related("member")
        .order_by("joined_at", "pk"),
        to_attr="current_participants",
    )


@login_required
def conversation_list(request):
    mine = Participant.objects.filter(member=request.user, conversation=OuterRef("pk"))
    unread = mine.filter(
        Q(last_read_at__isnull=True) | Q(last_read_at__lt=OuterRef("last_message_at"))
    )
    conversations = (
        Conversation.objects.readable_by(request.user)
        .annotate(is_unread=Exists(unread))
        .prefetch_related(_current_participants())
        .order_by("-last_message_at", "-pk")
    )
    page = paginate(request, conversations, CONVERSATIONS_PER_PAGE)
    for conversation in page:
        conversation.others = [
            p.member for p in conversation.current_participants if p.member_id != request.user.pk
        ]
    return render(request, "conversations/list.html", {"page": page})


def _refused(form, error: services.ConversationError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error))


@login_required
def conversation_new(request):
    initial = {"to": request.GET.get("to", "")[:500]}
    form = NewConversationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            conversation = services.start_conversation(
                starter=request.user,
                recipients=form.cleaned_data["to"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                submission_token=form.cleaned_data["submission_token"],
            )
        except services.ConversationError as error:
            _refused(form, error)
        else:
            return redirect(conversation)
    return render(request, "conversations/new.html", {"form": form})


def _page_of_messages(request, conversation: Conversation):
    """The page `?page=` asks for; without it, the newest page (where a reader continues)."""
    paginator = Paginator(
        Message.objects.filter(conversation=conversation).select_related(
            "author", "reply_to__author"
        ),
        MESSAGES_PER_PAGE,
    )
    wanted = request.GET.get("page")
    return paginator.get_page(wanted if wanted else paginator.num_pages)


@login_required
def conversation_detail(request, pk):
    conversation = get_readable_or_404(
        Conversation.objects.prefetch_related(_current_participants()), request.user, pk=pk
    )
    initial = {"reply_to": request.GET.get("quote", "")[:20]}
    form = ConversationReplyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            message = services.send_message(
                author=request.user,
                conversation=conversation,
                body=form.cleaned_data["body"],
                submission_token=form.cleaned_data["submission_token"],
                reply_to=_quoted(conversation, form.cleaned_data["reply_to"]),
                quote_excerpt=form.cleaned_data["quote_excerpt"],
            )
        except services.ConversationError as error:
            _refused(form, error)
        else:
            return redirect(f"{conversation.get_absolute_url()}#message-{message.pk}")
    if request.method == "GET":
        services.mark_read(member=request.user, conversation=conversation)
    return _detail_page(request, conversation, form=form, add_form=AddParticipantForm())


def _quoted(conversation: Conversation, message_id) -> Message | None:
    """The message of this conversation a reply quotes (none if the id names no such
    message: a forged or stale id quotes nothing rather than failing)."""
    if not message_id:
        return None
    return (
        Message.objects.filter(conversation=conversation, pk=message_id, removed_at__isnull=True)
        .select_related("author")
        .first()
    )


def _detail_page(request, conversation, *, form, add_form, status: int = 200):
    page = _page_of_messages(request, conversation)
    others = [p.member for p in conversation.current_participants if p.member_id != request.user.pk]
    quoting = form["reply_to"].value()
    context = {
        "conversation": conversation,
        "others": others,
        "page": page,
        "form": form,
        "add_form": add_form,
        "quoting": _quoted(conversation, quoting) if str(quoting or "").isdigit() else None,
    }
    return render(request, "conversations/detail.html", context, status=status)


@login_required
@require_POST
def add_participant(request, pk):
    conversation = get_readable_or_404(
        Conversation.objects.prefetch_related(_current_participants()), request.user, pk=pk
    )
    add_form = AddParticipantForm(request.POST)
    if add_form.is_valid():
        member = add_form.cleaned_data["handle"]
        try:
            services.add_participant(by=request.user, conversation=conversation, member=member)
        except services.ConversationError as error:
            _refused(add_form, error)
        else:
            messages.success(
                request,
                gettext("@%(handle)s can now read and write here.") % {"handle": member.handle},
            )
            return redirect(conversation)
    return _detail_page(
        request, conversation, form=ConversationReplyForm(), add_form=add_form, status=400
    )


@login_required
@require_POST
def leave(request, pk):
    conversation = get_readable_or_404(Conversation, request.user, pk=pk)
    services.leave(member=request.user, conversation=conversation)
    messages.success(
        request, gettext("You left the conversation. It is no longer in your messages.")
    )
    return redirect("conversations:list")


def _member_or_404(member_id) -> User:
    member = User.objects.filter(pk=member_id, is_active=True, closed_at__isnull=True).first()
    if member is None:
        raise Http404(gettext("No such member."))
    return member


@login_required
@require_POST
def block(request, member_id):
    member = _member_or_404(member_id)
    try:
        services.block(blocker=request.user, blocked=member)
    except services.ConversationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("You blocked @%(handle)s. They cannot write to you any more.")
            % {"handle": member.handle},
        )
    return redirect(safe_next_url(request, member.get_absolute_url()))


@login_required
@require_POST
def unblock(request, member_id):
    member = _member_or_404(member_id)
    services.unblock(blocker=request.user, blocked=member)
    messages.success(request, gettext("You unblocked @%(handle)s.") % {"handle": member.handle})
    return redirect(safe_next_url(request, member.get_absolute_url()))


@login_required
def message_settings(request):
    current = MessageSettings.objects.filter(member=request.user).first()
    if request.method == "POST":
        services.update_settings(
            member=request.user,
            only_known_members=request.POST.get("only_known_members") == "1",
            email_previews=request.POST.get("email_previews") == "1",
        )
        messages.success(request, gettext("Your message settings are saved."))
        return redirect("conversations:settings")
    return render(
        request,
        "conversations/settings.html",
        {
            "only_known_members": bool(current and current.only_known_members),
            "email_previews": bool(current and current.email_previews),
            "list_url": reverse("conversations:list"),
            "notification_settings_url": reverse("notifications:settings"),
        },
    )


@login_required
def report_message(request, pk, message_id):
    """A participant reports one message of the conversation (not their own)."""
    message = get_readable_or_404(
        Message.objects.select_related("author", "conversation"),
        request.user,
        pk=message_id,
        conversation_id=pk,
    )
    before, after = reports.neighbours(message)
    form = ReportForm(request.POST or None, neighbours=before + after)
    own = message.author_id == request.user.pk
    if request.method == "POST" and form.is_valid() and not own:
        reports.report_message(
            reporter=request.user,
            message=message,
            reason=form.cleaned_data["reason"],
            include=form.cleaned_data["include"],
        )
        messages.success(request, gettext("Thank you. A moderator will look at this message."))
        return redirect(message.get_absolute_url())
    return render(
        request,
        "conversations/report.html",
        {"message": message, "form": form, "own": own, "before": before, "after": after},
        status=403 if own else 200,
    )


moderator_required = role_required(MODERATOR)


@moderator_required
def reported_messages(request):
    """Open reports, each with the one message reported; every message shown is audited."""
    page = paginate(request, reports.open_reports(), CONVERSATIONS_PER_PAGE)
    reports.record_reads(moderator=request.user, reports=list(page.object_list))
    return render(
        request, "conversations/reported.html", {"page": page, "close_form": CloseReportForm()}
    )


@moderator_required
@require_POST
def close_report(request, report_id):
    report = MessageReport.objects.select_related("message").filter(pk=report_id).first()
    if report is None:
        raise Http404(gettext("No such report."))
    form = CloseReportForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    if reports.close_report(report=report, by=request.user, note=note):
        messages.success(request, gettext("The report is closed."))
    return redirect("conversations:reported")
