import csv
import zoneinfo

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from webinars import attendance, services, slides, times
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
            "slides_audience",
        ]  # fmt: skip

    slides_pdf = forms.FileField(
        label=_("Upload the slides as a PDF"),
        required=False,
        help_text=_("At most 25 MB. Readers open it from the webinar's page."),
    )
    remove_slides_pdf = forms.BooleanField(label=_("Remove the uploaded PDF"), required=False)

    def clean_slides_pdf(self):
        upload = self.cleaned_data.get("slides_pdf")
        if not upload:
            return None
        try:
            return slides.check_pdf(upload)
        except slides.SlidesError as refused:
            raise forms.ValidationError(str(refused)) from None

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
    readonly_fields = [
        "discussion_thread", "recording_published_at", "uploaded_slides", "attendance_list",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["title", "slug", "description_markdown"]}),
        (_("When"), {"fields": ["time_zone", "starts_at", "ends_at"]}),
        (
            _("Where"),
            {"fields": ["location_kind", "join_url", "place_name", "place_address", "capacity"]},
        ),
        (_("Contact"), {"fields": ["contact_email", "contact_member"]}),
        (
            _("Slides"),
            {
                "fields": [
                    "slides_audience",
                    "slides_url",
                    "slides_pdf",
                    "uploaded_slides",
                    "remove_slides_pdf",
                ]
            },
        ),  # fmt: skip
        (
            _("Recording"),
            {
                "fields": ["audience", "recording_url", "recording_published_at"],
                # Inlines cannot sit inside a fieldset: the recording's captions file,
                # transcript and chapters are the two inlines at the end of the form.
                "description": _(
                    "The captions file (its transcript) and the chapters of the recording "
                    "are below, under “Transcript and captions” and “Chapters of the "
                    "recording”; only those who may watch the recording see them."
                ),
            },
        ),
        (_("Attendance"), {"fields": ["attendance_list"]}),
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

    @admin.display(description=_("uploaded slides"))
    def uploaded_slides(self, obj):
        if not obj.slides_file:
            return _("None yet.")
        return format_html(
            '<a href="{}">{}</a>', reverse("webinars:slides", args=[obj.slug]), _("Open the PDF")
        )

    @admin.display(description=_("attendance"))
    def attendance_list(self, obj):
        if obj.pk is None:
            return _("You can import the attendance list once the webinar is saved.")
        count = obj.attendances.count()
        return format_html(
            '{} <a href="{}">{}</a>',
            ngettext("%(count)d member attended.", "%(count)d members attended.", count)
            % {"count": count},
            reverse("admin:webinars_webinar_attendance", args=[obj.pk]),
            _("Import an attendance list (CSV)"),
        )

    def get_urls(self):
        return [
            path(
                "<int:object_id>/attendance/",
                self.admin_site.admin_view(self.import_attendance_view),
                name="webinars_webinar_attendance",
            ),
            *super().get_urls(),
        ]

    def import_attendance_view(self, request, object_id):
        """Staff upload the attendance list: all addresses known, or nothing is saved."""
        webinar = get_object_or_404(Webinar, pk=object_id)
        if not self.has_change_permission(request, webinar):
            raise PermissionDenied
        form = AttendanceImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                emails = attendance.emails_from_csv(form.cleaned_data["file"].read())
                result = attendance.import_attendance(webinar=webinar, emails=emails)
            except attendance.AttendanceError as refused:
                form.add_error("file", str(refused))
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(added)d member marked as attending (%(already)d already were).",
                        "%(added)d members marked as attending (%(already)d already were).",
                        result.added,
                    )
                    % {"added": result.added, "already": result.already},
                )
                return redirect(reverse("admin:webinars_webinar_change", args=[webinar.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "webinar": webinar,
            "form": form,
            "title": _("Import the attendance list"),
        }
        return render(request, "admin/webinars/import_attendance.html", context)

    def save_model(self, request, obj, form, change):
        old_pdf = obj.slides_file
        if form.cleaned_data.get("slides_pdf"):
            obj.slides_file = slides.store(form.cleaned_data["slides_pdf"])
        elif form.cleaned_data.get("remove_slides_pdf"):
            obj.slides_file = ""
        if old_pdf and old_pdf != obj.slides_file:
            slides.forget_later(old_pdf)
        services.save_webinar(
            webinar=obj,
            by=request.user,
            recording_changed="recording_url" in form.changed_data and bool(obj.recording_url),
            old_slug=form.initial.get("slug", "") if change else "",
        )


class AttendanceImportForm(forms.Form):
    file = forms.FileField(
        label=_("Attendance list (CSV)"),
        help_text=_(
            "One e-mail address a line, or a column headed “Email” (the meeting service's "
            "report works as it is). Every address must belong to a member."
        ),
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
