import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import time_zone_choices
from core.markdown import render_markdown
from webinars.querysets import WebinarQuerySet


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(f"“{value}” is not a time zone we know.") from exc


class Presenter(models.Model):
    """A person who presents webinars. May be linked to their member profile."""

    name = models.CharField(max_length=120)
    title = models.CharField(
        max_length=160, blank=True, help_text="e.g. “Transplant pharmacist, Riverside Hospital”."
    )
    bio = models.TextField(blank=True, help_text="A short paragraph, written for patients.")
    photo_url = models.URLField(
        "photo", blank=True, help_text="Link to a square photo. Leave empty to show initials."
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="presenter_profiles",
        help_text="Their member profile, if they have one.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.split()[:2]).upper()


class Webinar(models.Model):
    class Audience(models.TextChoices):
        EVERYONE = "everyone", "Everyone"
        MEMBERS = "members", "Members who are logged in"
        PREMIUM = "premium", "Premium members"

    class LocationKind(models.TextChoices):
        ONLINE = "online", "Online"
        IN_PERSON = "in_person", "In person"

    class Status(models.TextChoices):
        UPCOMING = "upcoming", "Upcoming"
        LIVE = "live", "Live now"
        ARCHIVED = "archived", "Archived"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True, help_text="Part of the page's address.")
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    time_zone = models.CharField(
        max_length=64,
        choices=time_zone_choices,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
        help_text="The event's own zone: the page shows its times in this zone first.",
    )
    description_markdown = models.TextField("description", help_text="Markdown.")
    # Rendered from description_markdown once, at save, and sanitised (core.markdown).
    description_html = models.TextField(editable=False, default="")

    presenters = models.ManyToManyField(
        Presenter, through="WebinarPresenter", related_name="webinars"
    )

    location_kind = models.CharField(
        "location", max_length=12, choices=LocationKind.choices, default=LocationKind.ONLINE
    )
    place_name = models.CharField(max_length=160, blank=True, help_text="For in-person events.")
    place_address = models.TextField(blank=True, help_text="For in-person events.")
    join_url = models.URLField(
        "online meeting link",
        blank=True,
        help_text="Shown only to registered members, and in their reminder e-mails.",
    )

    contact_email = models.EmailField(blank=True)
    contact_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Shown as “Questions? Contact: @handle”.",
    )

    slides_url = models.URLField("link to the slides", blank=True)
    # An uploaded PDF: its name in default_storage (webinars/slides.py), or "".
    slides_file = models.CharField(max_length=200, blank=True, default="", editable=False)
    recording_url = models.URLField(
        "recording",
        blank=True,
        help_text="A YouTube or Vimeo address, or a link to an uploaded .mp4/.webm file.",
    )
    # Set when a recording first appears; registrants get one "recording is available" e-mail.
    recording_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The recording's audience (webinars.querysets.may_see_recording); the slides have
    # their own (may_see_slides), e.g. slides for everyone and the recording for premium.
    audience = models.CharField(
        _("who may watch the recording"),
        max_length=12,
        choices=Audience.choices,
        default=Audience.EVERYONE,
    )
    slides_audience = models.CharField(
        _("who may see the slides"),
        max_length=12,
        choices=Audience.choices,
        default=Audience.EVERYONE,
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for no limit."
    )

    thread = models.OneToOneField(
        "community.Thread",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="webinar",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WebinarQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="webinar_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.description_html = render_markdown(self.description_markdown)
        if self.recording_url and self.recording_published_at is None:
            self.recording_published_at = timezone.now()
        elif not self.recording_url:
            self.recording_published_at = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                "description_html",
                "recording_published_at",
                "updated_at",
            }
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("webinars:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must be after the start."})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def status_at(self, now: datetime.datetime) -> str:
        if now < self.starts_at:
            return self.Status.UPCOMING
        if now < self.ends_at:
            return self.Status.LIVE
        return self.Status.ARCHIVED

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    @property
    def is_archived(self) -> bool:
        return self.status == self.Status.ARCHIVED

    @property
    def is_upcoming(self) -> bool:
        return self.status == self.Status.UPCOMING


class WebinarPresenter(models.Model):
    """A presenter's appearance in one webinar, in the order the page lists them."""

    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="appearances")
    presenter = models.ForeignKey(Presenter, on_delete=models.PROTECT, related_name="appearances")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["webinar", "presenter"], name="webinar_presenter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.presenter} in {self.webinar}"


class Registration(models.Model):
    """A member's place at an upcoming webinar. Cancelling keeps the row (cancelled_at)."""

    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="registrations")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webinar_registrations"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["webinar", "member"], name="registration_unique")
        ]
        indexes = [models.Index(fields=["webinar", "cancelled_at"], name="registration_active")]

    def __str__(self) -> str:
        return f"{self.member} for {self.webinar}"

    @property
    def is_active(self) -> bool:
        return self.cancelled_at is None


class Notice(models.Model):
    """One e-mail to one registrant. The row is claimed before sending, so each kind goes
    out once per registration even when the scheduler or a task runs twice."""

    class Kind(models.TextChoices):
        REMINDER_24H = "reminder_24h", "Reminder a day before"
        REMINDER_1H = "reminder_1h", "Reminder an hour before"
        RECORDING = "recording", "Recording is available"

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="notice_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.registration.member_id}"


class Attendance(models.Model):
    """A member was there: they said so ("I attended", after the start) or staff imported
    the attendance list. Apart from Registration, so an imported walk-in who never
    registered is counted as attending without counting as registered."""

    class Source(models.TextChoices):
        MEMBER = "member", _("The member said so")
        IMPORT = "import", _("Staff imported a list")

    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webinar_attendances"
    )
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.MEMBER)
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["webinar", "member"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} attended {self.webinar}"


class RecordingViewDay(models.Model):
    """How many members opened a webinar's recording one day (site time zone), each
    counted once: kept in a Redis set per day and webinar and written here by the beat
    task (webinars/recording_views.py). Holds no member ids."""

    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="view_days")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["webinar", "day"], name="recording_view_day_once")
        ]

    def __str__(self) -> str:
        return f"{self.views} views of {self.webinar_id} on {self.day}"
