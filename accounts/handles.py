"""What a member's @handle may look like, and whether a newcomer may take one.

Sign-up must not tell a visitor who holds a handle: a member may hide their profile from
visitors, and "that handle is taken" would confirm they are here. So every handle that
cannot be had — a member's (whatever their profile settings), a reserved word, a closed
account's retired handle — gets the same words, "That handle isn't available", with a
couple of free alternatives. Handles are unique, so a visitor can still learn that a handle
is not free; not whether a member, a former member or the site holds it.

A closed account's handles (current and earlier) are retired for good, kept only as a
one-way digest (RetiredHandle), so an old @mention never leads to a stranger. The suggestions
are random, so which ones are offered does not hint at which near names are held.
"""

import hashlib
import re
import secrets

from django.conf import settings
from django.core.validators import RegexValidator
from django.db.models.functions import Lower
from django.utils.translation import gettext, gettext_lazy

HANDLE_PATTERN = r"[A-Za-z0-9_]{3,30}"

validate_handle = RegexValidator(
    regex=rf"^{HANDLE_PATTERN}\Z",
    message=gettext_lazy("A handle is 3 to 30 letters, digits or underscores, with no spaces."),
    code="invalid_handle",
)

# allauth's ACCOUNT_USERNAME_VALIDATORS points here: the handle's shape. Whether it is free
# (held, retired, reserved) is handle_is_available's question, answered in the same words.
HANDLE_VALIDATORS = [validate_handle]


def _is_reserved(handle: str) -> bool:
    # Closed accounts take the handle former_member_<id> (accounts.closing): nobody may sign
    # up with one, or closing that account would collide.
    lowered = handle.lower()
    return lowered.startswith("former_member") or lowered in {
        word.lower() for word in settings.ACCOUNT_USERNAME_BLACKLIST
    }


def available_handles(candidates: list[str]) -> list[str]:
    """The candidates a new member may take, in order (one query, whatever their number):
    well formed, not reserved, and held by no account, open or closed."""
    from accounts.models import RetiredHandle, User  # accounts.models imports this module

    shaped = [c for c in candidates if re.fullmatch(HANDLE_PATTERN, c) and not _is_reserved(c)]
    if not shaped:
        return []
    # One query: members' handles (lowered) and closed accounts' retired digests together.
    members = (
        User.objects.annotate(taken=Lower("handle"))
        .filter(taken__in=[c.lower() for c in shaped])
        .values_list("taken", flat=True)
    )
    retired = RetiredHandle.objects.filter(
        digest__in=[handle_digest(c) for c in shaped]
    ).values_list("digest", flat=True)
    unavailable = set(members.union(retired, all=True))
    return [
        c for c in shaped if c.lower() not in unavailable and handle_digest(c) not in unavailable
    ]


def handle_is_available(handle: str) -> bool:
    """Whether a new member may take this handle. The one place that decides it."""
    return bool(available_handles([handle]))


def suggest_handles(handle: str, *, count: int = 2) -> list[str]:
    """A few free handles close to the one asked for, e.g. june_b47 or june_b_318."""
    base = re.sub(r"[^A-Za-z0-9_]", "", handle)[:26].rstrip("_") or "member"
    if len(base) < 3 or _is_reserved(base):
        base = "member"
    candidates = []
    for _ in range(4):
        candidates.append(f"{base}{secrets.randbelow(98) + 2}")
        candidates.append(f"{base}_{secrets.randbelow(900) + 100}")
    return list(dict.fromkeys(available_handles(candidates)))[:count]


def unavailable_message(handle: str) -> str:
    """What sign-up says for any handle that cannot be had, without saying why."""
    suggestions = suggest_handles(handle)
    if len(suggestions) >= 2:
        return gettext(
            "That handle isn't available. You could use %(first)s or %(second)s, or choose another."
        ) % {"first": suggestions[0], "second": suggestions[1]}
    return gettext("That handle isn't available. Please choose another.")


def handle_digest(handle: str) -> str:
    """How a retired handle is kept: a one-way digest, never the handle itself."""
    return hashlib.sha256(handle.strip().lower().encode()).hexdigest()


def retire_handles(handles) -> None:
    """Keeps these handles (a closing account's current and earlier ones) out of use."""
    from accounts.models import RetiredHandle

    RetiredHandle.objects.bulk_create(
        [RetiredHandle(digest=handle_digest(h)) for h in set(handles) if h],
        ignore_conflicts=True,
    )
