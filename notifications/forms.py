from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import NotificationPreference

CHOICES = NotificationPreference.Delivery.choices


class PreferencesForm(forms.Form):
    replies = forms.ChoiceField(
        label=_("Replies in threads you follow, new discussions in groups you follow"),
        choices=CHOICES,
        widget=forms.RadioSelect,
    )
    quotes = forms.ChoiceField(
        label=_("Replies that quote you"), choices=CHOICES, widget=forms.RadioSelect
    )
    mentions = forms.ChoiceField(
        label=_("When someone @mentions you"), choices=CHOICES, widget=forms.RadioSelect
    )
    email = forms.BooleanField(
        label=_("Send me e-mails"),
        required=False,
        help_text=_(
            "Untick this to stop all e-mail from us, including notices about your "
            "membership and your posts. Your notifications page keeps working."
        ),
    )

    discreet_email = forms.BooleanField(
        label=_("Discreet e-mails"),
        required=False,
        help_text=_(
            "E-mails never name the group or the discussion and never quote a post: "
            "just “New reply in a thread you follow” and a link. E-mails about sensitive "
            "groups, such as Mental health, are always discreet."
        ),
    )
    quiet_start = forms.TimeField(
        label=_("Quiet hours start"),
        required=False,
        input_formats=["%H:%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter a time on the 24-hour clock, like 22:00.")},
    )
    quiet_end = forms.TimeField(
        label=_("Quiet hours end"),
        required=False,
        input_formats=["%H:%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter a time on the 24-hour clock, like 07:00.")},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("quiet_start"), cleaned.get("quiet_end")
        if "quiet_start" in self.errors or "quiet_end" in self.errors:
            return cleaned
        if start is not None and end is None:
            self.add_error("quiet_end", _("Enter when your quiet hours end, like 07:00."))
        elif end is not None and start is None:
            self.add_error("quiet_start", _("Enter when your quiet hours start, like 22:00."))
        elif start is not None and start == end:
            self.add_error(
                "quiet_end",
                _(
                    "Quiet hours must end at a different time than they start. To have none, "
                    "leave both empty."
                ),
            )
        return cleaned

    @classmethod
    def for_preferences(cls, prefs: NotificationPreference, data=None) -> "PreferencesForm":
        return cls(
            data,
            label_suffix="",
            initial={
                "replies": prefs.replies,
                "quotes": prefs.quotes,
                "mentions": prefs.mentions,
                "email": prefs.email_unsubscribed_at is None,
                "discreet_email": prefs.discreet_email,
                "quiet_start": prefs.quiet_start,
                "quiet_end": prefs.quiet_end,
            },
        )
