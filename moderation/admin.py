"""Staff's view of moderation in the admin: read-only, because every change must go through
moderation.services (which writes the audit row). The audit log can never be changed here."""

from django.contrib import admin

from moderation.models import AuditEntry, Flag, Sanction


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "target_label", "reason"]
    list_filter = ["action", "created_at"]
    search_fields = ["target_label", "reason", "actor__handle"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    list_display = ["post", "flagger", "reason", "created_at", "outcome", "resolved_by"]
    list_filter = ["reason", "outcome"]
    search_fields = ["flagger__handle", "post__author__handle"]
    list_select_related = ["flagger", "resolved_by", "post"]


@admin.register(Sanction)
class SanctionAdmin(ReadOnlyAdmin):
    list_display = ["member", "kind", "created_at", "ends_at", "lifted_at", "created_by"]
    list_filter = ["kind"]
    search_fields = ["member__handle"]
    list_select_related = ["member", "created_by"]
