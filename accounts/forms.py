import zoneinfo

from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import ResetPasswordKeyForm as AllauthResetPasswordKeyForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts import avatars
from accounts.models import User, site_today, time_zone_choices

NEW_PASSWORD_HELP = _("At least 8 characters. Not a common password, and not all numbers.")


class SignupForm(AllauthSignupForm):
    """allauth's sign-up with our words: the username is the member's @handle."""

    display_name = forms.CharField(
        label=_("Display name (optional)"),
        max_length=80,
        required=False,
        help_text=_("Shown beside your posts, e.g. your first name. You can change it later."),
    )

    field_order = ["email", "username", "display_name", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        handle = self.fields["username"]
        handle.label = _("Handle")
        handle.help_text = _(
            "How others @mention you: 3 to 30 letters, digits or underscores. "
            "Choose one that does not reveal your full name."
        )
        handle.widget.attrs.update({"autocapitalize": "none", "spellcheck": "false"})
        self.fields["email"].help_text = _("Never shown to other members.")
        self.fields["password1"].help_text = NEW_PASSWORD_HELP
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)

    def custom_signup(self, request, user):
        user.display_name = self.cleaned_data.get("display_name", "")
        user.save(update_fields=["display_name"])


class ProfileForm(forms.ModelForm):
    picture = forms.FileField(
        label=_("Profile picture (optional)"),
        required=False,
        help_text=format_lazy(
            _(
                "A JPEG, PNG, GIF or WebP image of up to {megabytes} MB. "
                "We show it as a small square and keep no location or camera details from it."
            ),
            megabytes=avatars.MAX_BYTES // (1024 * 1024),
        ),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )
    remove_picture = forms.BooleanField(
        label=_("Remove my picture and show my initials instead"), required=False
    )
    time_zone = forms.ChoiceField(
        choices=time_zone_choices,
        label=_("Time zone"),
        help_text=_("Times of posts and webinars are shown in this zone."),
        error_messages={"invalid_choice": _("Choose a time zone from the list.")},
    )

    class Meta:
        model = User
        fields = [
            "display_name",
            "bio",
            "time_zone",
            "hide_profile_from_visitors",
            "allow_search_indexing",
        ]
        labels = {
            "display_name": _("Display name"),
            "bio": _("Short bio"),
            "hide_profile_from_visitors": _("Hide my profile from visitors who are not logged in"),
            "allow_search_indexing": _("Let search engines such as Google list my profile"),
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "display_name": _("Shown beside your posts. Leave empty to show your @handle."),
            "bio": _("A few words about you, shown on your profile (600 characters at most)."),
            "hide_profile_from_visitors": _(
                "Only members who are logged in can see your profile page."
            ),
            "allow_search_indexing": _(
                "Off unless you turn it on. Your posts in public groups can be found either way; "
                "a hidden profile is never listed."
            ),
        }

    field_order = ["display_name", "picture", "remove_picture", "bio"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.picture_files: dict[int, bytes] | None = None
        if not self.instance.avatar:
            del self.fields["remove_picture"]

    def clean_picture(self):
        upload = self.cleaned_data.get("picture")
        if upload:
            try:
                self.picture_files = avatars.check_upload(upload)
            except avatars.PictureError as refused:
                raise forms.ValidationError(str(refused)) from None
        return upload

    def clean_time_zone(self):
        name = self.cleaned_data["time_zone"]
        if name not in zoneinfo.available_timezones():
            raise forms.ValidationError(_("Choose a time zone from the list."))
        return name


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("E-mail or handle")
        self.fields["login"].widget.attrs.update({"autocapitalize": "none", "placeholder": ""})
        self.fields["password"].widget.attrs["placeholder"] = ""
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me logged in on this device")


class GrantTrialForm(forms.Form):
    """The admin's confirmation of a premium trial for the selected members."""

    ends_on = forms.DateField(
        label=_("Trial ends on (inclusive)"),
        help_text=_(
            "The last day of premium, in the site's time zone. The default is the last "
            "day of the month two months from today."
        ),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=300,
        required=False,
        help_text=_("For staff only, e.g. where the member asked. Members do not see it."),
        widget=forms.TextInput(attrs={"class": "vTextField", "size": 60}),
    )

    def clean_ends_on(self):
        ends_on = self.cleaned_data["ends_on"]
        if ends_on < site_today():
            raise forms.ValidationError(
                _("Choose today or a later day: a trial cannot end in the past.")
            )
        return ends_on


class CloseAccountForm(forms.Form):
    """Closing an account needs the member's password, typed again."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is closed for good and cannot be restored"),
    )

    def __init__(self, *args, member: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.member.check_password(password):
            raise forms.ValidationError(_("That password is not right. Please try again."))
        return password


class ChangePasswordForm(AllauthChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oldpassword"].label = _("Your current password")
        self.fields["oldpassword"].help_text = ""  # the link sits beside the button instead
        self.fields["password1"].label = _("New password")
        self.fields["password1"].help_text = NEW_PASSWORD_HELP
        self.fields["password2"].label = _("New password, once more")
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)


class ResetPasswordForm(AllauthResetPasswordForm):
    """ "Forgot your password?": the address, labelled as members say it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Your e-mail address")
        self.fields["email"].widget.attrs.pop("placeholder", None)


class ResetPasswordKeyForm(AllauthResetPasswordKeyForm):
    """The page the reset link opens: a new password, twice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = _("New password")
        self.fields["password1"].help_text = NEW_PASSWORD_HELP
        self.fields["password2"].label = _("New password, once more")
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
