from django import forms

from notifications.models import NotificationPreference

CHOICES = NotificationPreference.Delivery.choices


class PreferencesForm(forms.Form):
    replies = forms.ChoiceField(
        label="Replies in threads you follow, new discussions in groups you follow",
        choices=CHOICES,
        widget=forms.RadioSelect,
    )
    quotes = forms.ChoiceField(
        label="Replies that quote you", choices=CHOICES, widget=forms.RadioSelect
    )
    mentions = forms.ChoiceField(
        label="When someone @mentions you", choices=CHOICES, widget=forms.RadioSelect
    )
    email = forms.BooleanField(
        label="Send me e-mails",
        required=False,
        help_text="Untick this to stop all e-mail from us, including notices about your "
        "membership and your posts. Your notifications page keeps working.",
    )

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
            },
        )
