from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.core.exceptions import PermissionDenied

from accounts.handles import handle_is_available, unavailable_message
from core.client_ip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Plain words in allauth's messages, for members who are tired or unwell."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_taken": "That handle isn't available. Please choose another.",
        "username_blacklisted": "That handle isn't available. Please choose another.",
        "email_taken": "An account already uses this e-mail address. Try logging in instead.",
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

    def get_client_ip(self, request) -> str:
        """The address allauth's "per IP" limits key on (TRUSTED_PROXY_COUNT, core.client_ip)."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip
