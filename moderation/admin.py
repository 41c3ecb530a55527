"""Staff's tools in the admin for the discussions and for moderation.

Threads, posts and groups are registered here rather than in community/admin.py because
every change they allow goes through moderation.services, which writes the audit row, keeps
the counts (community.services.change_counters) and announces the change to the visitors'
page cache (core.page_cache.CHANGES): status, group, lock, pin and title are read-only
fields, changed only by the actions below; posts and threads are never deleted here. The
moderation records themselves (audit log, flags, sanctions) are read-only.
"""

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.admin import UserAdmin
from accounts.models import User
from community.models import Group, Post, PostRevision, Thread
from moderation import services
from moderation.models import AuditEntry, Flag, Sanction
from moderation.services import ban_member

ADMIN_REASON = "From the admin"


@admin.display(description=_("post"), ordering="pk")
def post_label(obj) -> str:
    """A post as a list names it, in the reader's language (a flag's post, or the post)."""
    post = obj if isinstance(obj, Post) else obj.post
    return gettext("Post %(post)s in thread %(thread)s") % {
        "post": post.pk,
        "thread": post.thread_id,
    }


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ModerationActions:
    """Actions for moderators only (the same permission as /moderation/)."""

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return roles.is_moderator(request.user)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit log."),
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The author sees it; it is kept in the audit log."),
        error_messages={"required": _("Please say why: the author will see the reason.")},
    )


class MoveForm(ReasonForm):
    to_group = forms.ModelChoiceField(
        queryset=Group.objects.all(),
        label=_("Move to group"),
        empty_label=None,
        help_text=_("A members-only group hides the threads from visitors at once."),
    )


def confirm_action(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    *,
    action: str,
    form_class: type[forms.Form],
    title: str,
    submit: str,
    apply: Callable[..., bool],
    done: Callable[[int], str],
    label: Callable[..., str] = str,
):
    """An action's confirmation page: shows the chosen objects and the form; on a valid
    confirm calls `apply(obj, **cleaned_data)` (a service) for each and says how many
    changed (`done(count)`, the sentence with its plural); `label(obj)` names each object.
    The page is the admin's own, so it carries the CSRF token and the action's permission
    was checked before we got here."""
    objects = list(queryset)
    if "confirm" in request.POST:
        form = form_class(request.POST)
        if form.is_valid():
            changed = sum(bool(apply(obj, **form.cleaned_data)) for obj in objects)
            level = messages.SUCCESS if changed else messages.WARNING
            modeladmin.message_user(request, done(changed), level)
            return None  # back to the list
    else:
        form = form_class()
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "opts": modeladmin.model._meta,
        "form": form,
        "objects": objects,
        "labels": [label(obj) for obj in objects],
        "action": action,
        "submit": submit,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/moderation/confirm_action.html", context)


def service_action(name: str, service: Callable[..., bool], *, target: str, description):
    """An admin action for moderators that calls `service(<target>=obj, by=..., reason=...)`
    for each chosen object and says how many changed."""

    def action(modeladmin, request, queryset):
        changed = sum(
            bool(service(**{target: obj}, by=request.user, reason=ADMIN_REASON)) for obj in queryset
        )
        level = messages.SUCCESS if changed else messages.WARNING
        text = ngettext(
            "%(action)s: %(count)d changed.", "%(action)s: %(count)d changed.", changed
        ) % {"action": description, "count": changed}
        modeladmin.message_user(request, text, level)

    action.__name__ = name
    return admin.action(description=description, permissions=["moderate"])(action)


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    """Groups are created and changed through moderation.services.save_group (audit row,
    every cached page dropped); never deleted here (their threads would go with them)."""

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
    fields = services.GROUP_FIELDS

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.save_group(group=obj, by=request.user, reason=ADMIN_REASON)


@admin.register(Thread)
class ThreadAdmin(ModerationActions, ReadOnlyAdmin):
    """Read-only: threads are started by members, and lock, pin and move are the actions."""

    list_display = ["title", "group", "author", "reply_count", "is_pinned", "is_locked"]
    list_filter = ["group", "is_pinned", "is_locked"]
    list_select_related = ["group", "author"]
    search_fields = ["title"]
    actions = [
        service_action("lock", services.lock_thread, target="thread",
                       description=_("Lock the selected threads (no new replies)")),
        service_action("unlock", services.unlock_thread, target="thread",
                       description=_("Unlock the selected threads")),
        service_action("pin", services.pin_thread, target="thread",
                       description=_("Pin the selected threads")),
        service_action("unpin", services.unpin_thread, target="thread",
                       description=_("Unpin the selected threads")),
        "move",
    ]  # fmt: skip

    @admin.action(
        description=_("Move the selected threads to another group"), permissions=["moderate"]
    )
    def move(self, request, queryset):
        by = request.user
        return confirm_action(
            self, request, queryset.select_related("group"),
            action="move", form_class=MoveForm, title=_("Move threads to another group"),
            submit=_("Move the threads"),
            apply=lambda t, to_group, reason: services.move_thread(
                thread=t, to_group=to_group, by=by, reason=reason or ADMIN_REASON
            ),
            done=lambda count: ngettext(
                "Moved %(count)d thread.", "Moved %(count)d threads.", count
            ) % {"count": count},
        )  # fmt: skip


class RevisionInline(admin.TabularInline):
    model = PostRevision
    extra = 0
    can_delete = False
    readonly_fields = ["title", "body_markdown", "written_at", "replaced_at"]
    exclude = ["body_html"]


@admin.register(Post)
class PostAdmin(ModerationActions, ReadOnlyAdmin):
    """Read-only: posts change through community.services (members) and the actions here."""

    list_display = [post_label, "thread", "author", "position", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["thread", "author"]
    search_fields = ["body_markdown", "author__handle"]
    raw_id_fields = ["thread", "author", "reply_to"]
    inlines = [RevisionInline]
    actions = [
        service_action("approve", services.approve_post, target="post",
                       description=_("Approve the selected waiting posts")),
        "hide",
        service_action("restore", services.restore_post, target="post",
                       description=_("Restore the selected hidden posts")),
    ]  # fmt: skip

    @admin.action(description=_("Hide the selected posts"), permissions=["moderate"])
    def hide(self, request, queryset):
        by = request.user
        return confirm_action(
            self, request, queryset,
            action="hide", form_class=HideForm, title=_("Hide posts"), submit=_("Hide the posts"),
            apply=lambda p, reason: services.hide_post(post=p, by=by, reason=reason),
            label=post_label,
            done=lambda count: ngettext(
                "Hid %(count)d post.", "Hid %(count)d posts.", count
            ) % {"count": count},
        )  # fmt: skip


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "target_label", "reason"]
    list_filter = ["action", "created_at"]
    search_fields = ["target_label", "reason", "actor__handle"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    list_display = [post_label, "flagger", "reason", "created_at", "outcome", "resolved_by"]
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
        description=_("Ban (deactivate) the selected members, with an audit entry"),
        permissions=["ban"],
    )
    def ban_members(self, request, queryset):
        banned = sum(
            ban_member(member=m, by=request.user, reason="Banned from the admin") for m in queryset
        )
        self.message_user(
            request,
            ngettext(
                "Banned %(count)d member. Their posts stay as they are.",
                "Banned %(count)d members. Their posts stay as they are.",
                banned,
            )
            % {"count": banned},
        )


admin.site.unregister(User)
admin.site.register(User, MemberAdmin)
