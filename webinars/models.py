import datetime
import zoneinfo

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import time_zone_choices
from core.markdown import render_markdown
from webinars.querysets import WebinarQuerySet


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            _("“%(value)s” is not a time zone we know."), params={"value": value}
        ) from exc


class Presenter(models.Model):
    """A person who presents webinars. May be linked to their member profile."""

    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(
        _("title"),
        max_length=160,
        blank=True,
        help_text=_("e.g. “Transplant pharmacist, Riverside Hospital”."),
    )
    bio = models.TextField(
        _("bio"), blank=True, help_text=_("A short paragraph, written for patients.")
    )
    photo_url = models.URLField(
        _("photo"), blank=True, help_text=_("Link to a square photo. Leave empty to show initials.")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="presenter_profiles",
        verbose_name=_("member"),
        help_text=_("Their member profile, if they have one."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("presenter")
        verbose_name_plural = _("presenters")

    def __str__(self) -> str:
        return self.name

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.split()[:2]).upper()


class Webinar(models.Model):
    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        MEMBERS = "members", _("Members who are logged in")
        PREMIUM = "premium", _("Premium members")

    class LocationKind(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")

    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        LIVE = "live", _("Live now")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Part of the page's address.")
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=time_zone_choices,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("The event's own zone: the page shows its times in this zone first."),
    )
    description_markdown = models.TextField(_("description"), help_text=_("Markdown."))
    # Rendered from description_markdown once, at save, and sanitised (core.markdown).
    description_html = models.TextField(editable=False, default="")

    presenters = models.ManyToManyField(
        Presenter, through="WebinarPresenter", related_name="webinars", verbose_name=_("presenters")
    )

    location_kind = models.CharField(
        _("location"), max_length=12, choices=LocationKind.choices, default=LocationKind.ONLINE
    )
    place_name = models.CharField(
        _("place name"), max_length=160, blank=True, help_text=_("For in-person events.")
    )
    place_address = models.TextField(
        _("place address"), blank=True, help_text=_("For in-person events.")
    )
    join_url = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_("Shown only to registered members, and in their reminder e-mails."),
    )

    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact member"),
        help_text=_("Shown as “Questions? Contact: @handle”."),
    )

    slides_url = models.URLField(_("link to the slides"), blank=True)
    # An uploaded PDF: its name in default_storage (webinars/slides.py), or "".
    slides_file = models.CharField(
        _("slides (PDF)"), max_length=200, blank=True, default="", editable=False
    )
    recording_url = models.URLField(
        _("recording"),
        blank=True,
        help_text=_("A YouTube or Vimeo address, or a link to an uploaded .mp4/.webm file."),
    )
    # Set when a recording first appears; registrants get one "recording is available" e-mail.
    recording_published_at = models.DateTimeField(
        _("recording published at"), null=True, blank=True, editable=False
    )
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
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )

    thread = models.OneToOneField(
        "community.Thread",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="webinar",
        editable=False,
        verbose_name=_("discussion thread"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = WebinarQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("webinar")
        verbose_name_plural = _("webinars")
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
            raise ValidationError({"ends_at": _("The end must be after the start.")})

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

    webinar = models.ForeignKey(
        Webinar, on_delete=models.CASCADE, related_name="appearances", verbose_name=_("webinar")
    )
    presenter = models.ForeignKey(
        Presenter,
        on_delete=models.PROTECT,
        related_name="appearances",
        verbose_name=_("presenter"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("presenter in a webinar")
        verbose_name_plural = _("presenters in a webinar")
        constraints = [
            models.UniqueConstraint(
                fields=["webinar", "presenter"], name="webinar_presenter_unique"
            )
        ]

    def __str__(self) -> str:
        return gettext("%(presenter)s in %(webinar)s") % {
            "presenter": self.presenter,
            "webinar": self.webinar,
        }


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
        verbose_name_plural = _("transcripts")

    def __str__(self) -> str:
        return gettext("Transcript of %(webinar)s") % {"webinar": self.webinar}


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

    webinar = models.ForeignKey(
        Webinar, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("webinar")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="webinar_registrations",
        verbose_name=_("member"),
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["webinar", "member"], name="registration_unique")
        ]
        indexes = [models.Index(fields=["webinar", "cancelled_at"], name="registration_active")]

    def __str__(self) -> str:
        return gettext("%(member)s for %(webinar)s") % {
            "member": self.member,
            "webinar": self.webinar,
        }

    @property
    def is_active(self) -> bool:
        return self.cancelled_at is None


class Notice(models.Model):
    """One e-mail to one registrant. The row is claimed before sending, so each kind goes
    out once per registration even when the scheduler or a task runs twice."""

    class Kind(models.TextChoices):
        REMINDER_24H = "reminder_24h", _("Reminder a day before")
        REMINDER_1H = "reminder_1h", _("Reminder an hour before")
        RECORDING = "recording", _("Recording is available")

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("registration"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    claimed_at = models.DateTimeField(_("claimed at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail notice")
        verbose_name_plural = _("e-mail notices")
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="notice_once_per_kind")
        ]

    def __str__(self) -> str:
        return gettext("%(kind)s to %(member)s") % {
            "kind": self.get_kind_display(),
            "member": self.registration.member_id,
        }


class Attendance(models.Model):
    """A member was there: they said so ("I attended", after the start) or staff imported
    the attendance list. Apart from Registration, so an imported walk-in who never
    registered is counted as attending without counting as registered."""

    class Source(models.TextChoices):
        MEMBER = "member", _("The member said so")
        IMPORT = "import", _("Staff imported a list")

    webinar = models.ForeignKey(
        Webinar, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("webinar")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="webinar_attendances",
        verbose_name=_("member"),
    )
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.MEMBER
    )
    marked_at = models.DateTimeField(_("marked at"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["webinar", "member"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return gettext("%(member)s attended %(webinar)s") % {
            "member": self.member,
            "webinar": self.webinar,
        }


class RecordingViewDay(models.Model):
    """How many members opened a webinar's recording one day (site time zone), each
    counted once: kept in a Redis set per day and webinar and written here by the beat
    task (webinars/recording_views.py). Holds no member ids."""

    webinar = models.ForeignKey(
        Webinar, on_delete=models.CASCADE, related_name="view_days", verbose_name=_("webinar")
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("recording views in a day")
        verbose_name_plural = _("recording views by day")
        constraints = [
            models.UniqueConstraint(fields=["webinar", "day"], name="recording_view_day_once")
        ]

    def __str__(self) -> str:
        return gettext("%(views)s views of %(webinar)s on %(day)s") % {
            "views": self.views,
            "webinar": self.webinar_id,
            "day": self.day,
        }
