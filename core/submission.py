"""One-time form tokens: a post or message form sent twice gives back what the first made.

Forms carry a hidden `submission_token`; the saved row stores it (unique per author). When
the same token comes back, the caller looks up the earlier row and asks `same_form_again`
what to do with it.
"""

from typing import Protocol
from uuid import UUID


class Submitted(Protocol):
    body_markdown: str


def same_form_again[S: Submitted](
    earlier: S | None, *, token: UUID | None, body: str
) -> tuple[S | None, UUID | None]:
    """The earlier row to give back, and the token to store on a new one.

    The same token with the same text is a double click or a resent form: the earlier row
    comes back. The same token with other text is something the member means to write anew
    (e.g. after the browser's Back button): it is saved without a token, so nothing they
    wrote is lost.
    """
    if earlier is None:
        return None, token
    if earlier.body_markdown != body:
        return None, None
    return earlier, token
