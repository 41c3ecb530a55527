"""Signed one-click unsubscribe tokens: the token itself is the authority, no login needed."""

import datetime

from django.core import signing

SALT = "notifications.unsubscribe"
# Links in old e-mails stop working after this; the page then points to the settings page.
MAX_AGE = datetime.timedelta(days=180)


class InvalidToken(Exception):
    """The token was changed, or is too old."""

    def __init__(self, *, expired: bool):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def make_unsubscribe_token(member_id: int) -> str:
    return signing.dumps({"m": member_id}, salt=SALT, compress=True)


def member_id_from_token(token: str) -> int:
    """The member the token was made for; raises InvalidToken if tampered with or expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as exc:
        raise InvalidToken(expired=True) from exc
    except signing.BadSignature as exc:
        raise InvalidToken(expired=False) from exc
    if not isinstance(data, dict) or not isinstance(data.get("m"), int):
        raise InvalidToken(expired=False)
    return data["m"]
