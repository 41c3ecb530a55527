from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications.models import (
    EmailDelivery,
    MemberMute,
    Notification,
    NotificationPreference,
    ThreadMute,
)
from notifications.services import queue_emails


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "text", "read_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["recipient__handle", "recipient__email", "text", "key"]
    raw_id_fields = ["recipient", "actor", "post", "digest"]
    readonly_fields = ["created_at", "wants_digest"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "recipient",
        "kind",
        "state",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "short_error",
    ]
    list_filter = ["state", "kind", "created_at"]
    search_fields = ["recipient__handle", "recipient__email", "key", "last_error"]
    raw_id_fields = ["recipient", "notification"]
    readonly_fields = ["key", "created_at", "sent_at", "attempts", "last_error"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]
    actions = ["retry_now"]

    @admin.display(description=_("last error"))
    def short_error(self, obj: EmailDelivery) -> str:
        return obj.last_error[:80]

    @admin.action(description=_("Try sending the selected e-mails again now"))
    def retry_now(self, request, queryset):
        ids = list(queryset.exclude(state=EmailDelivery.State.SENT).values_list("pk", flat=True))
        EmailDelivery.objects.filter(pk__in=ids).update(
            state=EmailDelivery.State.PENDING, attempts=0, next_attempt_at=timezone.now()
        )
        queue_emails(ids)
        self.message_user(
            request,
            ngettext("%(count)d e-mail queued again.", "%(count)d e-mails queued again.", len(ids))
            % {"count": len(ids)},
            messages.SUCCESS,
        )


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["member", "replies", "quotes", "mentions", "email_unsubscribed_at"]
    list_filter = ["replies", "quotes", "mentions"]
    search_fields = ["member__handle", "member__email"]
    raw_id_fields = ["member"]


@admin.register(ThreadMute)
class ThreadMuteAdmin(admin.ModelAdmin):
    list_display = ["member", "thread", "created_at"]
    raw_id_fields = ["member", "thread"]


@admin.register(MemberMute)
class MemberMuteAdmin(admin.ModelAdmin):
    list_display = ["member", "muted", "created_at"]
    raw_id_fields = ["member", "muted"]
