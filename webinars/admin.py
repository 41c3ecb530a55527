import csv
import zoneinfo

from django import forms
from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from webinars import services, times
from webinars.models import Notice, Presenter, Registration, Webinar, WebinarPresenter
from webinars.transcript_admin import ChapterInline, TranscriptInline


class WhenFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming and live")), ("archived", _("Archived"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "upcoming":
            return queryset.filter(ends_at__gt=now)
        if self.value() == "archived":
            return queryset.filter(ends_at__lte=now)
        return queryset


class WebinarPresenterInline(admin.TabularInline):
    model = WebinarPresenter
    extra = 1
    autocomplete_fields = ["presenter"]
    verbose_name = _("presenter")
    verbose_name_plural = _("presenters")


_WALL_CLOCK = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_WALL_CLOCK_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]


class WebinarAdminForm(forms.ModelForm):
    """Start and end are typed as wall-clock times in the event's own zone (not the staff
    member's), so "2:00pm in Chicago" is entered as 14:00 from anywhere."""

    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=_WALL_CLOCK,
        input_formats=_WALL_CLOCK_FORMATS,
        help_text=_("In the event's own time zone, chosen below."),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        widget=_WALL_CLOCK,
        input_formats=_WALL_CLOCK_FORMATS,
        help_text=_("In the event's own time zone, chosen below."),
    )

    class Meta:
        model = Webinar
        fields = [
            "title", "slug", "description_markdown", "time_zone", "starts_at", "ends_at",
            "location_kind", "join_url", "place_name", "place_address", "capacity",
            "contact_email", "contact_member", "audience", "slides_url", "recording_url",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            zone = self.instance.zone
            for name in ("starts_at", "ends_at"):
                value = getattr(self.instance, name)
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None)

    def clean(self):
        data = super().clean()
        try:
            zone = zoneinfo.ZoneInfo(data.get("time_zone") or settings.TIME_ZONE)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return data
        for name in ("starts_at", "ends_at"):
            if data.get(name):
                wall_clock = timezone.make_naive(data[name])
                data[name] = wall_clock.replace(tzinfo=zone)
        return data


@admin.action(description=_("Export registrants as CSV"))
def export_registrants_csv(modeladmin, request, queryset):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="webinar-registrants.csv"'
    writer = csv.writer(response)
    writer.writerows(services.registrants_csv_rows(queryset))
    return response


@admin.register(Webinar)
class WebinarAdmin(admin.ModelAdmin):
    form = WebinarAdminForm
    list_display = ["title", "event_time", "status_label", "registrant_count", "audience"]
    list_filter = [WhenFilter, "audience", "location_kind"]
    search_fields = ["title", "slug", "description_markdown", "presenters__name"]
    date_hierarchy = "starts_at"
    ordering = ["-starts_at"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["contact_member"]
    inlines = [WebinarPresenterInline, TranscriptInline, ChapterInline]
    actions = [export_registrants_csv]
    readonly_fields = ["discussion_thread", "recording_published_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "description_markdown"]}),
        (_("When"), {"fields": ["time_zone", "starts_at", "ends_at"]}),
        (
            _("Where"),
            {"fields": ["location_kind", "join_url", "place_name", "place_address", "capacity"]},
        ),
        (_("Contact"), {"fields": ["contact_email", "contact_member"]}),
        (
            _("Slides and recording"),
            {"fields": ["audience", "slides_url", "recording_url", "recording_published_at"]},
        ),
        (_("Discussion"), {"fields": ["discussion_thread"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_registrant_count()

    @admin.display(description=_("registrants"), ordering="registrant_count")
    def registrant_count(self, obj):
        return obj.registrant_count

    @admin.display(description=_("when (event's zone)"), ordering="starts_at")
    def event_time(self, obj):
        when = times.when(obj.starts_at, obj.ends_at, obj.zone)
        return gettext("%(date)s, %(time_range)s") % when

    @admin.display(description=_("status"))
    def status_label(self, obj):
        return Webinar.Status(obj.status).label

    @admin.display(description=_("discussion thread"))
    def discussion_thread(self, obj):
        return obj.thread or gettext("Created when the webinar is saved.")

    def save_model(self, request, obj, form, change):
        services.save_webinar(
            webinar=obj,
            by=request.user,
            recording_changed="recording_url" in form.changed_data and bool(obj.recording_url),
            old_slug=form.initial.get("slug", "") if change else "",
        )


@admin.register(Presenter)
class PresenterAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "member"]
    search_fields = ["name", "title", "member__handle"]
    autocomplete_fields = ["member"]


class NoticeInline(admin.TabularInline):
    model = Notice
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "claimed_at", "sent_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["member", "webinar", "created_at", "cancelled_at"]
    list_filter = [("cancelled_at", admin.EmptyFieldListFilter), "webinar"]
    search_fields = ["member__handle", "member__email", "webinar__title"]
    list_select_related = ["member", "webinar"]
    autocomplete_fields = ["member", "webinar"]
    inlines = [NoticeInline]
