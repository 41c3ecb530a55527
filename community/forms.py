import copy
import uuid

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from community import hooks
from community.languages import interface_language, language_choices
from community.privacy import contact_details_in
from core.markdown import shape_problem
from core.text_limits import keep_every_character

BODY_MAX_LENGTH = 20_000
BODY_HELP = _(
    "You can use Markdown: **bold**, *italic*, [a link](https://example.org), and @handle "
    "to mention someone."
)
WRITE_SOMETHING = _("Please write something before you post.")


class PostBodyForm(forms.Form):
    """The text of a post, with the privacy nudge: contact details need a confirming tick.

    A form whose text only chosen members read (a private message) sets
    `nudges_contact_details = False` and drops `confirm_contact_details`.
    """

    nudges_contact_details = True
    # What each limited field holds, for "Your post is 25,000 characters; the limit is
    # 20,000" (core.text_limits: the server checks limits, the browser never cuts a paste).
    length_nouns = {"body": _("post"), "title": _("title")}

    body = forms.CharField(
        label=pgettext_lazy("a post in a discussion", "Your message"),
        max_length=BODY_MAX_LENGTH,
        help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": WRITE_SOMETHING},
    )
    confirm_contact_details = forms.BooleanField(
        label=_("Yes, I want to share these contact details publicly"),
        required=False,
    )
    # Sent by the crisis panel's "Publish anyway" button (community.hooks.crisis_language,
    # which safety fills), then kept hidden.
    crisis_seen = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The confirmation box only appears once the nudge has something to say.
        self.contact_details: list[str] = []
        # The crisis panel: the phrases the draft uses and the resources to show with them.
        self.crisis_phrases: list[str] = []
        self.crisis_resources: list = []
        keep_every_character(self, self.length_nouns)

    @property
    def needs_crisis_choice(self) -> bool:
        """The draft uses crisis language: show the calm panel (publish anyway, or edit)."""
        seen = getattr(self, "cleaned_data", {}).get("crisis_seen")
        return bool(self.crisis_phrases) and not seen

    @property
    def shows_only_crisis_panel(self) -> bool:
        """Nothing is wrong with the draft; it only waits for the member's choice."""
        return self.needs_crisis_choice and set(self.errors) == {"crisis_seen"}

    @property
    def needs_contact_confirmation(self) -> bool:
        return bool(self.contact_details)

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(WRITE_SOMETHING)
        problem = shape_problem(body)
        if problem:
            raise forms.ValidationError(problem)
        return body

    def clean(self):
        cleaned = super().clean()
        text = " ".join([cleaned.get("title", ""), cleaned.get("body", "")])
        if self.nudges_contact_details:
            self.contact_details = contact_details_in(text)
        if self.contact_details and not cleaned.get("confirm_contact_details"):
            kinds = gettext(" and ").join(str(kind) for kind in self.contact_details)
            self.add_error(
                "confirm_contact_details",
                gettext(
                    "You are about to share personal contact details publicly (%(kinds)s). "
                    "Anyone can read this page. Remove them, or tick the box to post anyway."
                )
                % {"kinds": kinds},
            )
        # Crisis language never blocks a post: the member sees the resources first, once.
        self.crisis_phrases = hooks.crisis_phrases_in(text)
        if self.crisis_phrases and not cleaned.get("crisis_seen"):
            self.crisis_resources = hooks.crisis_resources()
            self.add_error("crisis_seen", gettext("Before you post: help is here if you need it."))
        return cleaned


class NewPostForm(PostBodyForm):
    """A form that creates a post carries a one-time token, made when the form is shown, so a
    double click or a resent form gives back the first post instead of a second one
    (community.services.create_reply / create_thread). A plain hidden input: no JavaScript."""

    submission_token = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission_token"].initial = uuid.uuid4()


def language_field(*, initial: str | None = None) -> forms.ChoiceField:
    """The language the post is written in (community.languages): the author's interface
    language unless they say otherwise. Readers of another language see "Written in …"."""
    return forms.ChoiceField(
        label=_("Language of your post"),
        choices=language_choices,
        initial=initial or interface_language,
        required=False,
        help_text=_("Readers who use another language see which one you wrote in."),
    )


class ThreadForm(NewPostForm):
    title = forms.CharField(
        label=_("Title"),
        min_length=5,
        max_length=160,
        help_text=_("A short summary, like a question you would ask a friend."),
        error_messages={
            "required": _("Please give your discussion a title."),
            "min_length": _(
                "Please make the title a little longer (at least %(limit_value)s characters)."
            ),
        },
    )
    language = language_field()
    field_order = [
        "title",
        "body",
        "language",
        "confirm_contact_details",
        "crisis_seen",
        "submission_token",
    ]

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if len(title) < 5:
            raise forms.ValidationError(gettext("Please make the title a little longer."))
        return title


class ReplyForm(NewPostForm):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=BODY_MAX_LENGTH,
        help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=PostBodyForm.base_fields["body"].error_messages,
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    quote_excerpt = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
    language = language_field()
    field_order = [
        "reply_to",
        "quote_excerpt",
        "body",
        "language",
        "confirm_contact_details",
        "crisis_seen",
        "submission_token",
    ]


REMOVE_OLD_VERSION_LABEL = _("Remove the old version everywhere")
REMOVE_OLD_VERSION_HELP = _(
    "For a phone number, an address or a name that should not have been shared: what you "
    "take out also leaves the earlier versions, quotes in replies, search and e-mails not "
    "sent yet. Earlier versions are only ever shown to the author and the moderators."
)


def remove_old_version_field(*, initial: bool) -> forms.BooleanField:
    return forms.BooleanField(
        label=REMOVE_OLD_VERSION_LABEL,
        help_text=REMOVE_OLD_VERSION_HELP,
        required=False,
        initial=initial,
    )


class EditPostForm(PostBodyForm):
    """Editing a post; `with_title` adds the thread's title for a first post."""

    def __init__(self, *args, with_title: bool = False, language: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove_old_version"] = remove_old_version_field(initial=False)
        self.fields["language"] = language_field(initial=language)
        if with_title:
            self.fields["title"] = copy.deepcopy(ThreadForm.base_fields["title"])
        self.order_fields(
            [
                "title",
                "body",
                "language",
                "remove_old_version",
                "confirm_contact_details",
                "crisis_seen",
            ]
        )
        keep_every_character(self, self.length_nouns)  # the title added above

    def clean_title(self) -> str:
        return ThreadForm.clean_title(self)


class DraftForm(forms.Form):
    """What Preview and the autosave keep as a draft (community.drafts): the text exactly as
    typed, however long (the posting form checks it), refusing only characters no page
    accepts (NUL)."""

    title = forms.CharField(required=False, strip=False)
    body = forms.CharField(required=False, strip=False)
    submission_token = forms.UUIDField(required=False)

    def problem(self) -> str:
        """The first error in plain words (for the autosave's answer)."""
        return next(iter(self.errors.values()))[0] if self.errors else ""


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Words to look for"),
        required=False,
        # Longer queries are not refused: search uses their first words and says so (no
        # maxlength, so a pasted query is never cut without a word).
        widget=forms.TextInput(attrs={"type": "search"}),
    )
