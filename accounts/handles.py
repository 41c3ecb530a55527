"""What a member's @handle may look like."""

import re

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

# allauth's ACCOUNT_USERNAME_VALIDATORS points here.
HANDLE_VALIDATORS = [validate_handle, validate_not_former_member]
