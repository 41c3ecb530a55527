from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied

from core.client_ip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Plain words in allauth's messages, for members who are tired or unwell."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_taken": "That handle is already taken. Please choose another.",
        "username_blacklisted": "That handle is reserved. Please choose another.",
        "email_taken": "An account already uses this e-mail address. Try logging in instead.",
    }

    def get_client_ip(self, request) -> str:
        """The address allauth's "per IP" limits key on (TRUSTED_PROXY_COUNT, core.client_ip)."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip
