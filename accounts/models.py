import datetime
import zoneinfo
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.handles import validate_handle
from accounts.roles import MODERATORS_GROUP  # noqa: F401  (where tests and the demo look)
from core.dates import format_day


def site_today(now: datetime.datetime | None = None) -> datetime.date:
    """The date in the site's time zone (now, or at `now`): the calendar memberships count in."""
    return timezone.localdate(now, timezone=zoneinfo.ZoneInfo(settings.TIME_ZONE))


# Offered first in the time-zone list, so most members need not scroll through 600 names.
COMMON_TIME_ZONES = [
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico",
    "America/Toronto", "America/Mexico_City", "Europe/London", "Europe/Madrid",
]  # fmt: skip


def time_zone_choices() -> list[tuple[str, str] | tuple[str, list[tuple[str, str]]]]:
    def label(name: str) -> str:
        return name.replace("_", " ")

    others = sorted(zoneinfo.available_timezones() - set(COMMON_TIME_ZONES))
    return [
        (gettext("Common time zones"), [(name, label(name)) for name in COMMON_TIME_ZONES]),
        (gettext("All other time zones"), [(name, label(name)) for name in others]),
    ]


def _language_choices() -> list[tuple[str, Any]]:
    return [("", _("As my browser says")), *settings.LANGUAGES]


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, handle: str, password: str | None, **extra):
        user = self.model(email=self.normalize_email(email), handle=handle, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, handle: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, handle, password, **extra)

    def create_superuser(self, email: str, handle: str, password: str | None = None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create(email, handle, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    handle = models.CharField(
        max_length=30,
        unique=True,
        validators=[validate_handle],
        help_text=_("How others @mention you: 3 to 30 letters, digits or underscores."),
    )
    display_name = models.CharField(max_length=80, blank=True)
    bio = models.TextField(_("short bio"), max_length=600, blank=True)
    time_zone = models.CharField(max_length=64, default=settings.TIME_ZONE)
    # The language of pages and e-mails (accounts.languages); blank: as the browser says.
    language = models.CharField(
        _("language"), max_length=10, blank=True, default="", choices=_language_choices
    )
    hide_profile_from_visitors = models.BooleanField(
        default=False,
        help_text=_("Only members who are logged in can see your profile page."),
    )
    allow_search_indexing = models.BooleanField(
        _("let search engines list my profile"),
        default=False,
        help_text=_("Off by default: your profile page asks search engines not to list it."),
    )
    is_mentor = models.BooleanField(
        _("volunteer mentor"),
        default=False,
        help_text=_("Shows the Mentor badge. A mentor has no moderation powers."),
    )
    is_staff = models.BooleanField(
        _("staff"), default=False, help_text=_("Hospital staff: can log in to the admin site.")
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    # The name stem of the member's profile picture files in the default storage
    # ("avatars/3f/3f9c…", files "…-48.jpg" and "…-96.jpg"), or "" for the initials avatar.
    # On this row so every page that shows the member draws it without a query
    # (accounts.avatars).
    avatar = models.CharField(_("profile picture"), max_length=100, blank=True, editable=False)
    # Set when the member closes their account: personal data is erased, posts stay under
    # "Former member" (accounts.closing).
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["handle"]

    class Meta:
        verbose_name = _("member")
        constraints = [
            models.UniqueConstraint(Lower("handle"), name="accounts_user_handle_ci_unique"),
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return f"@{self.handle}"

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile", kwargs={"handle": self.handle})

    @property
    def is_former_member(self) -> bool:
        return self.closed_at is not None

    @property
    def name(self) -> str:
        """What other members see first: the display name, or the handle."""
        if self.is_former_member:
            return gettext("Former member")
        return self.display_name or self.handle

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.handle

    @property
    def is_moderator(self) -> bool:
        """accounts.roles.is_moderator: badge_prefetches() makes it query-free in lists."""
        return roles.is_moderator(self)

    def premium_until(self, on: datetime.date | None = None) -> datetime.date | None:
        """The last day of the premium grant that covers `on` (default: today), if any.

        Reads `memberships` through .all(), so prefetch_related("memberships") serves it.
        """
        current = self.current_membership(on)
        return current.ends_on if current else None

    def current_membership(self, on: datetime.date | None = None) -> "Membership | None":
        """The grant that covers `on` (default: today) and lasts longest, if any.

        Reads `memberships` through .all(), so prefetch_related("memberships") serves it.
        """
        day = on or site_today()
        covering = [m for m in self.memberships.all() if m.starts_on <= day <= m.ends_on]
        return max(covering, key=lambda m: (m.ends_on, m.created_at)) if covering else None

    @property
    def is_premium(self) -> bool:
        return roles.is_premium(self)

    @property
    def badges(self) -> list[str]:
        """Role badges shown beside the member's name, most senior first."""
        labels = []
        if self.is_staff:
            labels.append(gettext("Staff"))
        if self.is_moderator:
            labels.append(gettext("Moderator"))
        if self.is_mentor:
            labels.append(gettext("Mentor"))
        if self.is_premium:
            labels.append(gettext("Premium"))
        return labels


class Membership(models.Model):
    """One grant of a paid tier. History is kept: a new grant is a new row."""

    class Tier(models.TextChoices):
        PREMIUM = "premium", _("Premium")

    class Kind(models.TextChoices):
        TRIAL = "trial", _("Trial")
        PAID = "paid", _("Paid")
        COMPLIMENTARY = "complimentary", _("Complimentary")

    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    tier = models.CharField(max_length=20, choices=Tier.choices, default=Tier.PREMIUM)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(help_text=_("Inclusive, in the site's time zone."))
    granted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(
        max_length=300, blank=True, help_text=_("For staff only; the member does not see it.")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Set by notifications.membership_tasks when the member has been told; a task run twice
    # sends nothing twice.
    granted_notice_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    ending_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-ends_on", "-created_at"]
        indexes = [models.Index(fields=["member", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="accounts_membership_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        ends = format_day(self.ends_on)
        return f"{self.get_kind_display()} {self.get_tier_display()} through {ends}"

    @property
    def description(self) -> str:
        """In the member's words: "Trial Premium membership through Sun, Mar 31, 2019"."""
        ends = format_day(self.ends_on)
        return gettext("%(kind)s %(tier)s membership through %(day)s") % {
            "kind": self.get_kind_display(),
            "tier": self.get_tier_display(),
            "day": ends,
        }


class TrialRequest(models.Model):
    """A member asking staff for a premium trial. One open request per member."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for staff")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="trial_requests")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Set by notifications.membership_tasks once the member has been told of a decline.
    member_told_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(status="open"),
                name="accounts_one_open_trial_request_per_member",
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"Trial request from @{self.member.handle} on {self.created_at:%Y-%m-%d}"


class RetiredHandle(models.Model):
    """A handle a closed account used: nobody may sign up with it again, so old @mentions
    never lead to a stranger. Stored as a one-way digest of the lower-cased handle
    (accounts.handles.handle_digest), so the table holds no member's name."""

    digest = models.CharField(max_length=64, unique=True)
    retired_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self) -> str:
        return f"Retired handle {self.digest[:12]}…"
