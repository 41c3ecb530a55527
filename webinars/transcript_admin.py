"""The webinar admin's "Transcript" and "Chapters" inlines (webinars.admin.WebinarAdmin).

A WebVTT upload is read while the form is checked (webinars/webvtt.py): a bad file comes
back with a message naming its line and nothing of the webinar is saved (the admin saves
the webinar and its inlines in one transaction, only once every form is valid). Chapters
are typed as "12:30" and must go up in time from one row to the next.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from webinars import transcripts, webvtt
from webinars.models import Chapter, Transcript


class TranscriptForm(forms.ModelForm):
    captions = forms.FileField(
        label=_("Captions file (WebVTT)"),
        required=False,
        help_text=_(
            "A .vtt file from your captioning service. It becomes the video's captions and "
            "the transcript under the recording. Uploading another replaces it."
        ),
    )

    class Meta:
        model = Transcript
        fields = ["language"]

    def clean_captions(self):
        upload = self.cleaned_data.get("captions")
        self.cues: list[webvtt.Cue] | None = None
        if upload is None:
            if not self.instance.pk:
                raise ValidationError(gettext("Choose a WebVTT file (.vtt) to upload."))
            return upload
        if upload.size > webvtt.MAX_BYTES:
            raise ValidationError(
                gettext("This file is %(size)s KB; captions files up to %(limit)s KB are accepted.")
                % {"size": upload.size // 1024, "limit": webvtt.MAX_BYTES // 1024}
            )
        try:
            self.cues = webvtt.parse(upload.read())
        except webvtt.WebVTTError as error:
            raise ValidationError(str(error)) from None
        return upload

    def save(self, commit=True):
        transcript = super().save(commit=False)
        if not commit:
            return transcript
        cues = getattr(self, "cues", None)
        if cues:
            return transcripts.store_transcript(transcript=transcript, cues=cues)
        transcript.save()
        return transcript


class TranscriptFormSet(forms.BaseInlineFormSet):
    def delete_existing(self, obj, commit=True):
        if commit:
            transcripts.remove_transcript(transcript=obj)


class TranscriptInline(admin.StackedInline):
    model = Transcript
    form = TranscriptForm
    formset = TranscriptFormSet
    extra = 1
    max_num = 1
    fields = ["captions", "language", "current"]
    readonly_fields = ["current"]
    verbose_name = _("transcript and captions")
    verbose_name_plural = _("transcript and captions")

    @admin.display(description=_("now"))
    def current(self, obj):
        if not obj or not obj.pk:
            return gettext("No transcript yet.")
        return format_html(
            '{} <a href="{}">{}</a>',
            gettext("%(count)s lines, uploaded %(when)s.")
            % {"count": obj.cues.count(), "when": obj.uploaded_at.date().isoformat()},
            transcripts.captions_url(obj),
            gettext("The captions file"),
        )


class MomentField(forms.CharField):
    """A moment of the recording typed as 12:30 or 1:02:03, kept as seconds."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        seconds = transcripts.parse_moment(value)
        if seconds is None:
            raise ValidationError(
                gettext(
                    "Write the start as minutes:seconds (12:30) or hours:minutes:seconds (1:02:03)."
                )
            )
        return seconds

    def prepare_value(self, value):
        return transcripts.label(value) if isinstance(value, int) else value


class ChapterForm(forms.ModelForm):
    starts_at_seconds = MomentField(
        label=_("starts at"), help_text=_("e.g. 12:30"), widget=forms.TextInput(attrs={"size": 8})
    )

    class Meta:
        model = Chapter
        fields = ["starts_at_seconds", "title"]


class ChapterFormSet(forms.BaseInlineFormSet):
    """Refuses two chapters at one time, and rows out of time order (the table of contents
    reads top to bottom as the recording plays)."""

    def clean(self):
        # Before the formset's own unique check, whose message names no chapter.
        self._check_order()
        super().clean()

    def _check_order(self) -> None:
        previous = None
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or data.get("starts_at_seconds") is None:
                continue
            seconds, title = data["starts_at_seconds"], data.get("title", "")
            if previous is not None and seconds == previous[0]:
                raise ValidationError(
                    gettext(
                        "“%(title)s” and “%(other)s” both start at %(time)s. "
                        "Give each chapter its own time."
                    )
                    % {"title": title, "other": previous[1], "time": transcripts.label(seconds)}
                )
            if previous is not None and seconds < previous[0]:
                raise ValidationError(
                    gettext(
                        "“%(title)s” (%(time)s) comes after “%(other)s” (%(other_time)s). "
                        "List the chapters in time order, earliest first."
                    )
                    % {
                        "title": title,
                        "time": transcripts.label(seconds),
                        "other": previous[1],
                        "other_time": transcripts.label(previous[0]),
                    }
                )
            previous = (seconds, title)


class ChapterInline(admin.TabularInline):
    model = Chapter
    form = ChapterForm
    formset = ChapterFormSet
    extra = 1
    verbose_name = _("chapter")
    verbose_name_plural = _("chapters of the recording")
