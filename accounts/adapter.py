from contextlib import nullcontext
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.handles import handle_is_available, unavailable_message
from accounts.languages import member_language
from accounts.models import User
from core.client_ip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Plain words in allauth's messages, for members who are tired or unwell."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_taken": _("That handle isn't available. Please choose another."),
        "username_blacklisted": _("That handle isn't available. Please choose another."),
        "email_taken": _("An account already uses this e-mail address. Try logging in instead."),
        "account_inactive": _("This account is closed and can no longer log in."),
        "duplicate_email": _("This e-mail address is already on your account."),
        "email_password_mismatch": _(
            "The e-mail address or the password is not correct. Please check both and try again."
        ),
        "username_password_mismatch": _(
            "The handle or the password is not correct. Please check both and try again."
        ),
        "incorrect_password": _("That password is not correct. Please try again."),
        "invalid_password_reset": _(
            "This link to choose a new password is invalid: it may have been used already. "
            "Please ask for a new one."
        ),
        "too_many_login_attempts": _(
            "Too many failed login attempts. For your safety, please wait a few minutes and "
            "try again, or choose a new password."
        ),
        "unknown_email": _("No account uses this e-mail address."),
        "same_as_current": _("That is the same as now. Please type a different one."),
        "rate_limited": _(
            "You have done that many times in a short while. Please wait a few minutes and try "
            "again."
        ),
    }

    def clean_username(self, username: str, shallow: bool = False) -> str:
        """A handle held by anyone, retired or reserved gets the same answer (accounts.handles)."""
        if shallow:  # allauth generating a handle: no database lookups
            return super().clean_username(username, shallow=True)
        for validator in app_settings.USERNAME_VALIDATORS:
            validator(username)
        if not handle_is_available(username):
            raise forms.ValidationError(unavailable_message(username), code="handle_unavailable")
        return username

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's e-mails name the site as members know it (SITE_NAME, SITE_URL), never
        the address the request came to ("Hello from 127.0.0.1:8101!"); the texts are
        ours, under templates/account/email/."""
        site = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}
        named = SimpleNamespace(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)
        language = self._recipient_language(email, context)
        with translation.override(language) if language else nullcontext():
            super().send_mail(template_prefix, email, {**context, **site, "current_site": named})

    @staticmethod
    def _recipient_language(email: str, context: dict) -> str | None:
        """The language the member the e-mail goes to chose (accounts.languages), whatever
        page sent it; with no choice of theirs (a newcomer signing up, an address no member
        has), None: the page's own language, so the e-mail reads like the page just used."""
        member = context.get("user")
        if not getattr(member, "pk", None):
            member = User.objects.filter(email__iexact=email).first()
        if member is None or not getattr(member, "language", ""):
            return None
        return member_language(member)

    def get_client_ip(self, request) -> str:
        """The address allauth's "per IP" limits key on (TRUSTED_PROXY_COUNT, core.client_ip)."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip
