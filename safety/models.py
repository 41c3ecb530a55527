"""Patient safety: crisis phrases and resources staff keep in the admin, the "needs a caring
look" mark on posts that used crisis language, and clinicians' notes beneath posts.

Every change to CareMark and ClinicalNote goes through safety.services.
"""

import re

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CrisisPhrase(models.Model):
    """A word or phrase that suggests a member may be in danger, e.g. "end my life".

    Matched case-insensitively as whole words: "suicide" matches "Suicide," but not
    "suicides" (add that form as its own phrase if it should count).
    """

    phrase = models.CharField(
        _("phrase"),
        max_length=100,
        help_text=_(
            "Whole words, any case, in any language members write in. Spaces and hyphens "
            "match each other (“self-harm” also finds “self harm”); ' and ’ match each other."
        ),
    )
    is_active = models.BooleanField(_("switched on"), default=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("crisis phrase")
        verbose_name_plural = _("crisis phrases")
        ordering = ["phrase"]
        constraints = [
            models.UniqueConstraint(Lower("phrase"), name="crisis_phrase_unique_lower"),
        ]

    def __str__(self) -> str:
        return self.phrase


class CrisisResource(models.Model):
    """A place to get help now, shown in the calm panel: "Emergency services: call 911".

    Written in the site's default language (English); staff add its wording in other
    languages as CrisisResourceTranslation rows (the admin's inline). A reader whose
    language has none sees this wording, with a note that it is in English."""

    name = models.CharField(
        _("name"), max_length=120, help_text=_("e.g. “Suicide & Crisis Lifeline”.")
    )
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, help_text=_("As people should dial it.")
    )
    text = models.CharField(
        _("when to use it"),
        max_length=300,
        blank=True,
        help_text=_("One or two plain sentences: when to use it."),
    )
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Lower numbers are shown first.")
    )
    is_active = models.BooleanField(_("switched on"), default=True)

    class Meta:
        verbose_name = _("crisis resource")
        verbose_name_plural = _("crisis resources")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def dial(self) -> str:
        """The first number in `phone`, for a tel: link ("911 (112 in Europe)" -> "911")."""
        match = re.search(r"\+?\d[\d\s.-]*\d|\d", self.phone)
        return re.sub(r"[^\d+]", "", match.group(0)) if match else ""


def _other_languages() -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class CrisisResourceTranslation(models.Model):
    """A crisis resource's wording in another language than the site's default: "Servicios
    de emergencia". Its phone, left blank, is the resource's own (a line may have another
    number for the language, e.g. a Spanish-speaking line)."""

    resource = models.ForeignKey(
        CrisisResource, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=10, choices=_other_languages)
    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("Leave blank for the same number as in English."),
    )
    text = models.CharField(_("when to use it"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "language"], name="crisis_resource_one_translation_per_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"


class CareMark(models.Model):
    """A post that used crisis language: it waits at the top of the moderation queue as
    "needs a caring look" until a moderator reaches out or closes it. One open mark per post."""

    post = models.ForeignKey("community.Post", on_delete=models.CASCADE, related_name="care_marks")
    # The staff phrases that matched (never the member's own text around them).
    phrases = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reached_out = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("care mark")
        verbose_name_plural = _("care marks")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post"],
                condition=models.Q(closed_at__isnull=True),
                name="care_mark_one_open_per_post",
            ),
        ]

    def __str__(self) -> str:
        return f"Care mark on post {self.post_id}"


class ClinicalNote(models.Model):
    """Context a clinical reviewer adds beneath a post flagged as medical misinformation:
    "A clinician added context: …". One per post; written again, it replaces the old text."""

    post = models.OneToOneField(
        "community.Post", on_delete=models.CASCADE, related_name="clinical_note"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body_markdown = models.TextField()
    # Rendered once at save with core.markdown (safety.services.add_clinical_note).
    body_html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("clinician's note")
        verbose_name_plural = _("clinicians' notes")
        permissions = [
            (
                "review_clinical",
                "Can review medical misinformation flags and add a clinician's note",
            )
        ]

    def __str__(self) -> str:
        return f"Clinician's note on post {self.post_id}"
