"""What a member's @handle may look like, and whether one is free to take."""

import hashlib
import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

HANDLE_PATTERN = r"[A-Za-z0-9_]{3,30}"

validate_handle = RegexValidator(
    regex=rf"^{HANDLE_PATTERN}\Z",
    message="A handle is 3 to 30 letters, digits or underscores, with no spaces.",
    code="invalid_handle",
)

# Closed accounts take the handle former_member_<id> (accounts.closing): nobody may sign up
# with one, or closing that account would collide.
validate_not_former_member = RegexValidator(
    regex=r"^former_member",
    inverse_match=True,
    flags=re.IGNORECASE,
    message="That handle is reserved. Please choose another.",
    code="reserved_handle",
)

UNAVAILABLE = "That handle is not available. Please choose another."


def handle_digest(handle: str) -> str:
    """How a retired handle is kept: a one-way digest, never the handle itself."""
    return hashlib.sha256(handle.strip().lower().encode()).hexdigest()


def is_retired(handle: str) -> bool:
    """A closed account used this handle (any case): it stays out of use for good."""
    from accounts.models import RetiredHandle

    return RetiredHandle.objects.filter(digest=handle_digest(handle)).exists()


def retire_handles(handles) -> None:
    """Keeps these handles (a closing account's current and earlier ones) out of use."""
    from accounts.models import RetiredHandle

    RetiredHandle.objects.bulk_create(
        [RetiredHandle(digest=handle_digest(h)) for h in set(handles) if h],
        ignore_conflicts=True,
    )


def handle_is_available(handle: str) -> bool:
    """Whether someone may take this handle now: well formed, not reserved, not used by a
    member (any case) and not retired by a closed account. Sign-up says only "not
    available", never why."""
    from accounts.models import User

    try:
        for validate in HANDLE_VALIDATORS:
            validate(handle)
    except ValidationError:
        return False
    return not User.objects.filter(handle__iexact=handle).exists()


def validate_not_retired(handle: str) -> None:
    if is_retired(handle):
        raise ValidationError(UNAVAILABLE, code="handle_unavailable")


# allauth's ACCOUNT_USERNAME_VALIDATORS points here.
HANDLE_VALIDATORS = [validate_handle, validate_not_former_member, validate_not_retired]
