"""The message forms: the same bounded Markdown, crisis panel and double-submit token as
posts (community.forms), without the "Anyone can read this page" contact nudge."""

from django import forms
from django.db.models import Q

from accounts.models import User
from community.forms import BODY_MAX_LENGTH, NewPostForm

MAX_NAMES = 20


class MessageForm(NewPostForm):
    """A message's text: bounded Markdown, the crisis panel and the one-time token, as for
    posts, without the "anyone can read this page" contact-details nudge."""

    nudges_contact_details = False
    length_nouns = {"body": "message", "title": "subject", "to": "list of names"}
    body = forms.CharField(
        label="Your message",
        max_length=BODY_MAX_LENGTH,
        help_text="Only the members in this conversation can read it. You can use Markdown: "
        "**bold**, *italic*, [a link](https://example.org).",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Please write something before you send.",
            "max_length": "Please keep a message under %(limit_value)s characters "
            "(it has %(show_value)s). You could split it into two messages.",
        },
    )
    confirm_contact_details = None  # type: ignore[assignment]  # private: no public nudge

    def clean_body(self) -> str:
        if not self.cleaned_data["body"].strip():
            raise forms.ValidationError("Please write something before you send.")
        return super().clean_body()


def _members_named(raw: str) -> tuple[list[User], list[str]]:
    """The open accounts named in `raw` (handles, with or without @, separated by commas or
    spaces; any case) and the handles nobody answers to. At most MAX_NAMES handles."""
    handles = list(dict.fromkeys(h.lstrip("@") for h in raw.replace(",", " ").split()))
    handles = [h for h in handles if h][:MAX_NAMES]
    if not handles:
        return [], []
    wanted = Q()
    for handle in handles:
        wanted |= Q(handle__iexact=handle)
    found = {
        m.handle.lower(): m
        for m in User.objects.filter(wanted, is_active=True, closed_at__isnull=True)
    }
    members = [found[h.lower()] for h in handles if h.lower() in found]
    unknown = [h for h in handles if h.lower() not in found]
    return members, unknown


class NewConversationForm(MessageForm):
    to = forms.CharField(
        label="To",
        max_length=500,
        help_text="The member's @handle. To write to several members, separate their handles "
        "with commas.",
        error_messages={"required": "Please name the member you want to write to."},
    )
    title = forms.CharField(
        label="Subject (optional)",
        max_length=160,
        required=False,
        error_messages={"max_length": "Please keep the subject under %(limit_value)s characters."},
    )
    field_order = ["to", "title", "body", "crisis_seen", "submission_token"]

    def clean_to(self) -> list[User]:
        members, unknown = _members_named(self.cleaned_data["to"])
        if unknown:
            names = ", ".join(f"@{h}" for h in unknown)
            raise forms.ValidationError(f"We could not find a member called {names}.")
        if not members:
            raise forms.ValidationError("Please name the member you want to write to.")
        return members


class AddParticipantForm(forms.Form):
    handle = forms.CharField(
        label="Add a member",
        max_length=60,
        help_text="Their @handle. They will be able to read the whole conversation.",
        error_messages={"required": "Please write the @handle of the member to add."},
    )

    def clean_handle(self) -> User:
        members, unknown = _members_named(self.cleaned_data["handle"])
        if unknown or len(members) != 1:
            raise forms.ValidationError(
                f"We could not find a member called @{self.cleaned_data['handle'].lstrip('@')}."
            )
        return members[0]


class ReportForm(forms.Form):
    reason = forms.CharField(
        label="What is wrong with this message?",
        max_length=500,
        help_text="Only the moderators read this, and they see only this message.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Please say in a few words what is wrong.",
            "max_length": "Please keep it under %(limit_value)s characters.",
        },
    )


class CloseReportForm(forms.Form):
    note = forms.CharField(label="Note for the log (optional)", max_length=500, required=False)
