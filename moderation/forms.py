import datetime
import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import User, site_today
from community.forms import remove_old_version_field
from community.models import Group
from moderation.models import AuditEntry, Flag


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this post?"),
        choices=Flag.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose the reason that fits best.")},
    )
    note = forms.CharField(
        label=_("Tell the moderators more"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you choose “Something else”. Only moderators read this."),
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == Flag.Reason.OTHER and not data.get("note", "").strip():
            self.add_error("note", _("Please say in a few words what is wrong with this post."))
        return data


class ReasonForm(forms.Form):
    """A moderator's optional note for the audit log."""

    reason = forms.CharField(label=_("Reason (for the log)"), required=False, max_length=300)


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason shown to the author"),
        max_length=300,
        help_text=_("Kind and specific: the author reads these words."),
        error_messages={"required": _("Please write the reason the author will see.")},
    )


class EditPostForm(forms.Form):
    body = forms.CharField(label=_("Post text"), widget=forms.Textarea(attrs={"rows": 12}))
    reason = forms.CharField(
        label=_("Why you are editing it"),
        max_length=300,
        help_text=_("Kept in the log. Do not repeat the text you remove."),
        error_messages={"required": _("Please give a reason for the edit.")},
    )
    # Checked by default: a moderator usually edits to take something out for good.
    remove_old_version = remove_old_version_field(initial=True)


class MoveThreadForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Move to group"), queryset=Group.objects.all(), empty_label=None
    )
    reason = forms.CharField(label=_("Reason (for the log)"), required=False, max_length=300)


class WarnForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the member"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("They see it on their next page."),
        error_messages={"required": _("Please write the message the member will read.")},
    )


class SuspendForm(forms.Form):
    until = forms.DateField(
        label=_("Suspended until"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("They can post again from the start of this day."),
        error_messages={"invalid": _("Please enter a date like 2026-12-31.")},
    )
    reason = forms.CharField(
        label=_("Reason shown to the member"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please write the reason the member will read.")},
    )

    def clean_until(self) -> datetime.date:
        until = self.cleaned_data["until"]
        if until <= site_today():
            raise forms.ValidationError(_("Please choose a day after today."))
        return until

    def ends_at(self) -> datetime.datetime:
        """Midnight at the start of the chosen day, in the site's time zone."""
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        return datetime.datetime.combine(self.cleaned_data["until"], datetime.time(), tzinfo=zone)


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("Any action")), *AuditEntry.Action.choices],
    )
    actor = forms.ModelChoiceField(
        label=_("Moderator"), required=False, queryset=User.objects.none(), empty_label=_("Anyone")
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actor_ids = AuditEntry.objects.filter(actor__isnull=False).values("actor")
        self.fields["actor"].queryset = User.objects.filter(pk__in=actor_ids).order_by("handle")
        self.fields["actor"].label_from_instance = lambda user: f"@{user.handle}"
