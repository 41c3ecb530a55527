"""The privacy nudge: does a post look like it shares phone numbers, e-mail or street addresses?

Deliberately simple patterns that catch the usual ways people write them. A match does not
block the post: the form asks the member to confirm first ("You are about to share personal
contact details publicly").
"""

import re

from django.utils.translation import gettext_lazy as _

# Linear on any input: the local part starts only where a run of its characters starts and
# never gives characters back (a plain [\w.+-]+@ retried every position of a 20,000-character
# word: 2-4 s). The same addresses match as before.
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]++@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE_RE = re.compile(
    r"(?<![\w-])(?:"
    r"\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}"  # +44 20 7946 0958, +1-312-555-0199
    r"|\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}"  # (312) 555-0199, 312.555.0199
    r"|\d{3}[\s.-]\d{4}"  # 555-0199
    r")(?![\w-])"
)
STREET_RE = re.compile(
    r"\b\d{1,5}(?:\s+[A-Z][A-Za-z'.-]*){1,3}\s+"
    r"(?i:street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl"
    r"|terrace|circle|parkway|pkwy|highway|hwy)\b\.?"
)

KINDS = (
    (_("a phone number"), PHONE_RE),
    (_("an e-mail address"), EMAIL_RE),
    (_("a street address"), STREET_RE),
)


def contact_details_in(text: str) -> list:
    """Names of the kinds of contact details `text` seems to contain, e.g. ["a phone number"]."""
    return [name for name, pattern in KINDS if pattern.search(text)]
