from django import forms
from django.utils.translation import gettext_lazy as _

from safety.services import REACH_OUT_DEFAULT, REACH_OUT_MAX_LENGTH


class ReachOutForm(forms.Form):
    message = forms.CharField(
        label=_("A private message to the member"),
        max_length=REACH_OUT_MAX_LENGTH,
        initial=REACH_OUT_DEFAULT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only they see it, in their notifications. Warm and simple words."),
        error_messages={
            "required": _("Please write the message the member will read."),
            "max_length": _("Please keep the message under %(limit_value)s characters."),
        },
    )


class RedactForm(forms.Form):
    passage = forms.CharField(
        label=_("The text to remove"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Copy it from the post, e.g. a phone number or a name. Every copy becomes "
            "“[removed]”: in the post, its earlier versions, quotes of it and search."
        ),
        error_messages={"required": _("Please copy the text you want to remove.")},
    )
    reason = forms.CharField(
        label=_("Why (for the moderators' log)"),
        max_length=300,
        required=False,
        help_text=_("Do not repeat the text itself: the log never keeps it."),
    )
