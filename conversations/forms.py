"""The message forms: the same bounded Markdown, crisis panel and double-submit token as
posts (community.forms), without the "Anyone can read this page" contact nudge."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from community.forms import (
    BODY_MAX_LENGTH,
    NewPostForm,
    PostBodyForm,
    ReplyForm,
    remove_old_version_field,
)
from safety.forms import RedactForm

MAX_NAMES = 20


def _written(body: str) -> bool:
    if not body.strip():
        raise forms.ValidationError(gettext("Please write something before you send."))
    return True


class MessageForm(NewPostForm):
    """A message's text: bounded Markdown, the crisis panel and the one-time token, as for
    posts, without the "anyone can read this page" contact-details nudge."""

    nudges_contact_details = False
    length_nouns = {"body": _("message"), "title": _("subject"), "to": _("list of names")}
    body = forms.CharField(
        label=_("Your message"),
        max_length=BODY_MAX_LENGTH,
        help_text=_(
            "Only the members in this conversation can read it. You can use Markdown: "
            "**bold**, *italic*, [a link](https://example.org)."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        # Too long: core.text_limits says so, keeping every character (length_nouns).
        error_messages={"required": _("Please write something before you send.")},
    )
    confirm_contact_details = None  # type: ignore[assignment]  # private: no public nudge

    def clean_body(self) -> str:
        return _written(self.cleaned_data["body"]) and super().clean_body()


class ConversationReplyForm(MessageForm):
    """A reply in a conversation, perhaps quoting one of its messages (as ReplyForm)."""

    reply_to = ReplyForm.base_fields["reply_to"]
    quote_excerpt = ReplyForm.base_fields["quote_excerpt"]
    field_order = ["reply_to", "quote_excerpt", "body", "crisis_seen", "submission_token"]


class EditMessageForm(PostBodyForm):
    """Editing a message: its text (as when it was written) and "Remove the old version
    everywhere" (as for posts), no contact-details nudge."""

    nudges_contact_details = False
    length_nouns = {"body": _("message")}
    body = MessageForm.base_fields["body"]
    confirm_contact_details = None  # type: ignore[assignment]  # private: no public nudge

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove_old_version"] = remove_old_version_field(initial=False)
        self.fields["remove_old_version"].help_text = gettext(
            "For a phone number, an address or a name that should not have been shared: what "
            "you take out also leaves your earlier versions and the quotes of this message. "
            "Earlier versions are only ever shown to you."
        )
        self.order_fields(["body", "remove_old_version", "crisis_seen"])

    def clean_body(self) -> str:
        return _written(self.cleaned_data["body"]) and super().clean_body()


class RedactMessageForm(RedactForm):
    """Removing a passage from one's own message: safety's redaction form, in a message's
    words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["passage"].help_text = gettext(
            "Copy it from your message, e.g. a phone number or a name. Every copy becomes "
            "“[removed]”: in the message, your earlier versions and quotes of it."
        )


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
        label=_("To"),
        max_length=500,
        help_text=_(
            "The member's @handle. To write to several members, separate their handles with commas."
        ),
        error_messages={"required": _("Please name the member you want to write to.")},
    )
    title = forms.CharField(
        label=_("Subject (optional)"),
        max_length=160,
        required=False,
    )
    field_order = ["to", "title", "body", "crisis_seen", "submission_token"]

    def clean_to(self) -> list[User]:
        members, unknown = _members_named(self.cleaned_data["to"])
        if unknown:
            names = ", ".join(f"@{h}" for h in unknown)
            raise forms.ValidationError(
                gettext("We could not find a member called %(names)s.") % {"names": names}
            )
        if not members:
            raise forms.ValidationError(gettext("Please name the member you want to write to."))
        return members


class AddParticipantForm(forms.Form):
    handle = forms.CharField(
        label=_("Add a member"),
        max_length=60,
        help_text=_("Their @handle. They will be able to read the whole conversation."),
        error_messages={"required": _("Please write the @handle of the member to add.")},
    )

    def clean_handle(self) -> User:
        members, unknown = _members_named(self.cleaned_data["handle"])
        if unknown or len(members) != 1:
            raise forms.ValidationError(
                gettext("We could not find a member called %(names)s.")
                % {"names": "@" + self.cleaned_data["handle"].lstrip("@")}
            )
        return members[0]


class ReportReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this message?"),
        max_length=500,
        help_text=_(
            "Only the moderators read this. They see this message and the ones you "
            "tick below, nothing else."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Please say in a few words what is wrong."),
            "max_length": _("Please keep it under %(limit_value)s characters."),
        },
    )


class ReportForm(ReportReasonForm):
    """The reason, and which neighbouring messages (`choices`: the two before and after)
    the moderators may read too."""

    include = forms.TypedMultipleChoiceField(
        label=_("Show the moderators these messages too (optional)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only what you tick is shown, nothing else of the conversation."),
        error_messages={
            "invalid_choice": _(
                "A message you ticked is no longer next to this one. Please "
                "look at the messages again and tick the ones to show."
            ),
        },
    )

    def __init__(self, *args, neighbours=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.neighbours = list(neighbours)
        self.fields["include"].choices = [(m.pk, str(m.pk)) for m in self.neighbours]


class CloseReportForm(forms.Form):
    note = forms.CharField(label=_("Note for the log (optional)"), max_length=500, required=False)
