import datetime
import zoneinfo

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
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
    recording_url = models.URLField(
        "recording",
        blank=True,
        help_text="A YouTube or Vimeo address, or a link to an uploaded .mp4/.webm file.",
    )
    # Set when a recording first appears; registrants get one "recording is available" e-mail.
    recording_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    audience = models.CharField(
        "who may watch the recording and see the slides",
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


# Transcripts and chapters (issue 20): the recording as text, and its table of contents.
# Parsed once at upload (webinars/webvtt.py, webinars/transcripts.py), shown and searched as rows.


class Transcript(models.Model):
    """A recording's captions, uploaded by staff as a WebVTT file. The cues are kept as rows
    (TranscriptCue); `captions_file` names the clean WebVTT file written from them in the
    default storage, which the page's <video> gets as its captions track."""

    webinar = models.OneToOneField(Webinar, on_delete=models.CASCADE, related_name="transcript")
    language = models.CharField(
        _("language of the captions"),
        max_length=16,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE[:2],
    )
    captions_file = models.CharField(max_length=200, editable=False)
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("transcript")
        verbose_name_plural = _("transcript")

    def __str__(self) -> str:
        return f"Transcript of {self.webinar}"


class TranscriptCue(models.Model):
    """One line of a transcript: its times, its speaker (a WebVTT voice) and its text, plain."""

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="cues")
    position = models.PositiveIntegerField()
    starts_ms = models.PositiveIntegerField()
    ends_ms = models.PositiveIntegerField()
    speaker = models.CharField(max_length=120, blank=True)
    text = models.TextField()
    # PostgreSQL full-text search over the text (webinars.transcript_search).
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["transcript", "position"], name="cue_position_unique")
        ]
        indexes = [GinIndex(fields=["search_vector"], name="cue_search_vector")]

    def __str__(self) -> str:
        return self.text[:60]


class Chapter(models.Model):
    """A titled moment of the recording: the table of contents under it."""

    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="chapters")
    starts_at_seconds = models.PositiveIntegerField(_("starts at (seconds)"))
    title = models.CharField(_("title"), max_length=120)

    class Meta:
        ordering = ["starts_at_seconds"]
        constraints = [
            models.UniqueConstraint(
                fields=["webinar", "starts_at_seconds"], name="chapter_start_unique"
            )
        ]
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")

    def __str__(self) -> str:
        return self.title


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
