"""What a mail client sees of an e-mail: its raw bytes, parsed as a mail client would."""

import email
import email.policy

from django.core import mail

UNSUBSCRIBE_PREFIX = "<http://testserver/notifications/unsubscribe/"


def raw_headers(message: mail.EmailMessage) -> list[str]:
    """The header lines as they go over the wire (SMTP policy), continuation lines joined."""
    raw = message.message(policy=email.policy.SMTP).as_bytes().decode("ascii")
    head = raw.split("\r\n\r\n", 1)[0]
    return head.replace("\r\n ", " ").replace("\r\n\t", " ").split("\r\n")


def assert_one_click_unsubscribe(message: mail.EmailMessage) -> str:
    """The message offers RFC 2369/8058 one-click unsubscribe, written literally (not
    RFC 2047-encoded), and its text names the same link. Returns the link."""
    lines = raw_headers(message)
    [unsubscribe] = [line for line in lines if line.lower().startswith("list-unsubscribe:")]
    [post] = [line for line in lines if line.lower().startswith("list-unsubscribe-post:")]
    assert post == "List-Unsubscribe-Post: List-Unsubscribe=One-Click"
    assert unsubscribe.startswith("List-Unsubscribe: " + UNSUBSCRIBE_PREFIX), unsubscribe
    assert "=?" not in unsubscribe
    link = unsubscribe.removeprefix("List-Unsubscribe: ").strip()
    assert link.endswith("/>")
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
    assert parsed["List-Unsubscribe"] == link
    url = link.strip("<>")
    assert url in message.body  # the footer offers the same link to read
    html = message.alternatives[0][0]
    assert f'href="{url}"' in html
    return url
