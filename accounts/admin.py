from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "member"
    extra = 0
    fields = ["tier", "kind", "starts_on", "ends_on", "granted_by", "note", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["granted_by"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["-date_joined"]
    list_display = ["handle", "email", "display_name", "is_mentor", "is_staff", "date_joined"]
    list_filter = ["is_staff", "is_mentor", "is_active", "groups"]
    search_fields = ["handle", "email", "display_name"]
    readonly_fields = ["date_joined", "last_login", "post_count"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "handle", "password"]}),
        ("Profile", {"fields": ["display_name", "bio", "time_zone", "hide_profile_from_visitors"]}),
        ("Roles", {"fields": ["is_mentor", "is_staff", "is_active", "is_superuser", "groups"]}),
        ("Activity", {"fields": ["date_joined", "last_login", "post_count"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "handle", "password1", "password2"]}),
    ]
    filter_horizontal = ["groups", "user_permissions"]
    actions = ["ban_members"]

    @admin.action(description="Ban (deactivate) the selected members, with an audit entry")
    def ban_members(self, request, queryset):
        from moderation.services import ban_member

        banned = sum(
            ban_member(member=m, by=request.user, reason="Banned from the admin") for m in queryset
        )
        self.message_user(request, f"Banned {banned} member(s). Their posts stay as they are.")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["member", "kind", "tier", "starts_on", "ends_on", "granted_by"]
    list_filter = ["kind", "tier"]
    search_fields = ["member__handle", "member__email"]
    autocomplete_fields = ["member", "granted_by"]
    date_hierarchy = "ends_on"
