from django import forms

from safety.services import REACH_OUT_DEFAULT, REACH_OUT_MAX_LENGTH


class ReachOutForm(forms.Form):
    message = forms.CharField(
        label="A private message to the member",
        max_length=REACH_OUT_MAX_LENGTH,
        initial=REACH_OUT_DEFAULT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only they see it, in their notifications. Warm and simple words.",
        error_messages={
            "required": "Please write the message the member will read.",
            "max_length": "Please keep the message under %(limit_value)s characters.",
        },
    )
