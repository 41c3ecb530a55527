"""What a member's @handle may look like."""

from django.core.validators import RegexValidator

HANDLE_PATTERN = r"[A-Za-z0-9_]{3,30}"

validate_handle = RegexValidator(
    regex=rf"^{HANDLE_PATTERN}\Z",
    message="A handle is 3 to 30 letters, digits or underscores, with no spaces.",
    code="invalid_handle",
)

# allauth's ACCOUNT_USERNAME_VALIDATORS points here.
HANDLE_VALIDATORS = [validate_handle]
