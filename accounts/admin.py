from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts import premium, profiles
from accounts.forms import GrantTrialForm
from accounts.models import Membership, TrialRequest, User, site_today
from core.dates import format_day

GRANT_PERMISSION = "accounts.add_membership"


class MembershipInline(admin.TabularInline):
    """The member's membership history. Past grants are shown, not edited: a new grant is a
    new row (use "Add another Membership" or the "Grant premium trial" action)."""

    model = Membership
    fk_name = "member"
    extra = 0
    fields = ["tier", "kind", "starts_on", "ends_on", "granted_by", "note", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["granted_by"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class PremiumFilter(admin.SimpleListFilter):
    title = _("premium")
    parameter_name = "premium"

    def lookups(self, request, model_admin):
        return [("now", _("Premium now")), ("trial", _("Trial now")), ("expired", _("Expired"))]

    def queryset(self, request, queryset):
        today = site_today()
        covering = Membership.objects.filter(
            member=OuterRef("pk"), starts_on__lte=today, ends_on__gte=today
        )
        if self.value() == "now":
            return queryset.filter(Exists(covering))
        if self.value() == "trial":
            return queryset.filter(Exists(covering.filter(kind=Membership.Kind.TRIAL)))
        if self.value() == "expired":
            ended = Membership.objects.filter(member=OuterRef("pk"), ends_on__lt=today)
            return queryset.filter(Exists(ended)).exclude(Exists(covering))
        return queryset


def _log_change(request, objects, message: str) -> None:
    """One entry per object in the admin's history, written in one query."""
    LogEntry.objects.log_actions(
        user_id=request.user.pk, queryset=objects, action_flag=CHANGE, change_message=message
    )


def _grant_message(result: premium.GrantResult) -> str:
    parts = []
    if result.granted:
        names = ", ".join(f"@{m.handle}" for m in result.granted_members)
        count = len(result.granted)
        parts.append(
            ngettext(
                "Granted a premium trial through %(day)s to %(count)d member: %(names)s. "
                "Each will get an e-mail.",
                "Granted a premium trial through %(day)s to %(count)d members: %(names)s. "
                "Each will get an e-mail.",
                count,
            )
            % {"day": format_day(result.ends_on), "count": count, "names": names}
        )
    if result.unchanged:
        names = ", ".join(f"@{m.handle}" for m in result.unchanged)
        parts.append(
            gettext("Left unchanged (already premium through %(day)s or later): %(names)s.")
            % {"day": format_day(result.ends_on), "names": names}
        )
    return " ".join(parts) or gettext("No member was selected.")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["-date_joined"]
    list_display = [
        "handle",
        "email",
        "display_name",
        "premium_through",
        "is_mentor",
        "is_staff",
        "date_joined",
    ]
    list_filter = [PremiumFilter, "is_staff", "is_mentor", "is_active", "groups"]
    search_fields = ["handle", "email", "display_name"]
    readonly_fields = ["date_joined", "last_login", "post_count", "closed_at"]
    inlines = [MembershipInline]
    # moderation.admin adds "ban_members" (banning writes moderation's audit log).
    actions = ["grant_premium_trial"]
    fieldsets = [
        (None, {"fields": ["email", "handle", "password"]}),
        (
            _("Profile"),
            {"fields": ["display_name", "bio", "time_zone", "hide_profile_from_visitors"]},
        ),
        (_("Roles"), {"fields": ["is_mentor", "is_staff", "is_active", "is_superuser", "groups"]}),
        (_("Activity"), {"fields": ["date_joined", "last_login", "post_count", "closed_at"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "handle", "password1", "password2"]}),
    ]
    filter_horizontal = ["groups", "user_permissions"]

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        # Through the profile service: a new name reaches visitors' cached pages at once.
        profiles.update_profile(member=obj, changed=form.changed_data)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("memberships")

    @admin.display(description=_("Premium through"))
    def premium_through(self, obj: User) -> str:
        current = obj.current_membership()
        return f"{current.ends_on:%Y-%m-%d} ({current.get_kind_display()})" if current else "—"

    def has_grant_premium_permission(self, request) -> bool:
        return request.user.has_perm(GRANT_PERMISSION)

    @admin.action(description=_("Grant premium trial"), permissions=["grant_premium"])
    def grant_premium_trial(self, request, queryset):
        """Asks for the end date and a note on a confirmation page, then grants."""
        # get_queryset() already prefetches memberships: listing them below needs no query.
        members = list(queryset.filter(is_active=True))
        if "confirm" in request.POST:
            form = GrantTrialForm(request.POST)
            if form.is_valid():
                with transaction.atomic():
                    result = premium.grant_premium_trial(
                        members=members,
                        ends_on=form.cleaned_data["ends_on"],
                        by=request.user,
                        note=form.cleaned_data["note"],
                    )
                    _log_change(
                        request,
                        result.granted_members,
                        f"Granted a premium trial through {format_day(result.ends_on)}.",
                    )
                level = messages.SUCCESS if result.granted else messages.WARNING
                self.message_user(request, _grant_message(result), level)
                return None  # back to the members' list
        else:
            form = GrantTrialForm(initial={"ends_on": premium.default_trial_end()})
        # The confirmation page is shown first, or again when the date was not accepted.
        ends_on = premium.default_trial_end()
        # (member, premium through, left unchanged?) for the list on the confirmation page.
        rows = []
        for member in members:
            until = member.premium_until()
            rows.append((member, until, until is not None and until >= ends_on))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Grant a premium trial"),
            "opts": self.model._meta,
            "form": form,
            "rows": rows,
            "ends_on": ends_on,
            "queryset": members,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/accounts/grant_premium_trial.html", context)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["member", "kind", "tier", "starts_on", "ends_on", "granted_by"]
    list_filter = ["kind", "tier"]
    list_select_related = ["member", "granted_by"]
    search_fields = ["member__handle", "member__email"]
    autocomplete_fields = ["member", "granted_by"]
    date_hierarchy = "ends_on"

    def get_readonly_fields(self, request, obj=None):
        timestamps = ["created_at", "granted_notice_sent_at", "ending_reminder_sent_at"]
        if obj is None:
            return timestamps
        # A grant's facts stay as they were; only its end can be corrected (e.g. ended early).
        return ["member", "tier", "kind", "starts_on", "granted_by", *timestamps]


@admin.register(TrialRequest)
class TrialRequestAdmin(admin.ModelAdmin):
    list_display = ["member", "member_email", "created_at", "status", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["member", "decided_by"]
    search_fields = ["member__handle", "member__email"]
    readonly_fields = ["member", "created_at", "status", "decided_by", "decided_at"]
    actions = ["approve", "decline"]
    date_hierarchy = "created_at"

    @admin.display(description=_("e-mail"), ordering="member__email")
    def member_email(self, obj: TrialRequest) -> str:
        return obj.member.email

    def has_add_permission(self, request) -> bool:
        return False  # members ask from the site; staff grant from the members' list

    def has_grant_premium_permission(self, request) -> bool:
        return request.user.has_perm(GRANT_PERMISSION) and request.user.has_perm(
            "accounts.change_trialrequest"
        )

    @admin.action(
        description=_("Approve: grant a premium trial (ends on the default day)"),
        permissions=["grant_premium"],
    )
    def approve(self, request, queryset):
        requests = list(queryset.filter(status=TrialRequest.Status.OPEN).select_related("member"))
        if not requests:
            self.message_user(
                request, gettext("None of the selected requests is open."), messages.WARNING
            )
            return
        with transaction.atomic():
            result = premium.approve_trial_requests(requests=requests, by=request.user)
            _log_change(
                request, requests, f"Approved: premium trial through {format_day(result.ends_on)}."
            )
        self.message_user(request, _grant_message(result), messages.SUCCESS)

    @admin.action(description=_("Decline"), permissions=["change"])
    def decline(self, request, queryset):
        requests = list(queryset.filter(status=TrialRequest.Status.OPEN).select_related("member"))
        with transaction.atomic():
            count = premium.decline_trial_requests(requests=requests, by=request.user)
            _log_change(request, requests, "Declined.")
        self.message_user(
            request,
            ngettext(
                "Declined %(count)d request. Each member gets an e-mail.",
                "Declined %(count)d requests. Each member gets an e-mail.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
