"""E-mail backends for tests that need a mail server that misbehaves."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FailsTwiceBackend(EmailBackend):
    """Refuses the first two sends (as a mail server that is down would), then delivers."""

    failures_left = 2

    def send_messages(self, messages):
        if FailsTwiceBackend.failures_left > 0:
            FailsTwiceBackend.failures_left -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
