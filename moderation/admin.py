"""Staff's view of moderation in the admin: read-only, because every change must go through
moderation.services (which writes the audit row). The audit log can never be changed here."""

from django.contrib import admin

from accounts.admin import UserAdmin
from accounts.models import User
from moderation.models import AuditEntry, Flag, Sanction
from moderation.services import ban_member


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


class MemberAdmin(UserAdmin):
    """accounts' member admin with moderation's "Ban" action: banning writes the audit log,
    which accounts (a lower layer) cannot reach, so moderation registers this subclass in
    its place (the admin loads accounts.admin first, in INSTALLED_APPS order)."""

    actions = [*UserAdmin.actions, "ban_members"]

    def has_ban_permission(self, request) -> bool:
        # Banning closes a member out of the community: admins only, not every staff member.
        return request.user.is_superuser

    @admin.action(
        description="Ban (deactivate) the selected members, with an audit entry",
        permissions=["ban"],
    )
    def ban_members(self, request, queryset):
        banned = sum(
            ban_member(member=m, by=request.user, reason="Banned from the admin") for m in queryset
        )
        self.message_user(request, f"Banned {banned} member(s). Their posts stay as they are.")


admin.site.unregister(User)
admin.site.register(User, MemberAdmin)
