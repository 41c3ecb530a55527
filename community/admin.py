from django.contrib import admin

from community.models import Group, Post, PostRevision, Thread
from core import page_cache


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slug",
        "visibility",
        "is_sensitive",
        "position",
        "thread_count",
        "post_count",
    ]
    list_filter = ["visibility", "is_sensitive"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A group made members-only must vanish from every visitor's cached page at once.
        page_cache.changed("group.changed", group_id=obj.pk)


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "author", "reply_count", "is_pinned", "is_locked"]
    list_filter = ["group", "is_pinned", "is_locked"]
    search_fields = ["title"]
    raw_id_fields = ["author"]
    readonly_fields = ["last_position", "reply_count", "last_poster"]


class RevisionInline(admin.TabularInline):
    model = PostRevision
    extra = 0
    can_delete = False
    readonly_fields = ["title", "body_markdown", "written_at", "replaced_at"]
    exclude = ["body_html"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    """Read-only here: posts change through community.services (and moderation's tools)."""

    list_display = ["__str__", "thread", "author", "position", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["body_markdown", "author__handle"]
    raw_id_fields = ["thread", "author", "reply_to"]
    inlines = [RevisionInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
