from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Plain words in allauth's messages, for members who are tired or unwell."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_taken": "That handle is already taken. Please choose another.",
        "username_blacklisted": "That handle is reserved. Please choose another.",
        "email_taken": "An account already uses this e-mail address. Try logging in instead.",
    }
