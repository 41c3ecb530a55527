"""Who holds which role: one definition each, asked by views, templates and querysets alike.

- staff: an active member with "staff" ticked (admin: Members → staff).
- moderator: an active member holding the permission `moderation.moderate`, through the
  group "Moderators" or given directly (admin: Members → groups / user permissions);
  superusers hold every permission.
- clinical reviewer: a moderator, or an active member holding `safety.review_clinical`
  (the group "Clinical reviewers", or the permission given directly).
- mentor: an active member with "volunteer mentor" ticked.
- premium: a member with a premium grant covering today (admin: grant a premium trial).

Being in the "Moderators" group grants nothing by its name: a group member whose group lost
the permission is not a moderator (and does not read hidden posts).

Views use `role_required(MODERATOR)`; the header's links come from the same functions
(core.context_processors); querysets call `is_moderator`. Each answer is remembered on the
user object, so a page asks the database at most once per role.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

STAFF = "staff"
MODERATOR = "moderator"
CLINICAL_REVIEWER = "clinical reviewer"
MENTOR = "mentor"
PREMIUM = "premium"

MODERATE_PERMISSION = "moderation.moderate"
REVIEW_CLINICAL_PERMISSION = "safety.review_clinical"
MODERATORS_GROUP = "Moderators"
CLINICAL_REVIEWERS_GROUP = "Clinical reviewers"

_CACHE_ATTR = "_roles_cache"

# What a member sees when a role is missing (the 403 page shows it).
REFUSALS = {
    STAFF: _("This page is for the hospital's staff."),
    MODERATOR: _("This page is for moderators."),
    CLINICAL_REVIEWER: _("Only clinical reviewers and moderators can open this page."),
    MENTOR: _("This page is for volunteer mentors."),
    PREMIUM: _("This is for Premium members."),
}


def _cache(user: Any) -> dict[str, bool]:
    # getattr/setattr (not __dict__) so request.user's lazy wrapper keeps it on the user.
    cache = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE_ATTR, cache)
    return cache


def _remembered(user: Any, role: str, answer: Callable[[], bool]) -> bool:
    cache = _cache(user)
    if role not in cache:
        cache[role] = bool(answer())
    return cache[role]


def remember(user: Any, role: str, value: bool) -> None:
    """Store an answer computed in a larger query (the header's) so nobody asks again."""
    _cache(user)[role] = bool(value)


def _active_member(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def holds_permission(permission: str, user_ref: str = "pk") -> Q:
    """A filter on User: active and holding `permission` ("app_label.codename") directly,
    through a group, or as a superuser. The same rule as Django's ModelBackend.has_perm,
    in one query (and usable inside a larger one, see core.context_processors)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user_model = get_user_model()
    app_label, codename = permission.split(".", 1)
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    direct = user_model.user_permissions.through.objects.filter(
        user_id=OuterRef(user_ref), permission__in=granted
    )
    via_group = user_model.groups.through.objects.filter(
        user_id=OuterRef(user_ref), group__permissions__in=granted
    )
    return Q(is_active=True) & (Q(is_superuser=True) | Exists(direct) | Exists(via_group))


def _holds(user: Any, permission: str) -> bool:
    if not _active_member(user):
        return False
    if user.is_superuser:
        return True
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(Q(pk=user.pk) & holds_permission(permission)).exists()


def is_staff(user: Any) -> bool:
    return _active_member(user) and bool(user.is_staff)


def is_moderator(user: Any) -> bool:
    """An active member holding moderation.moderate (the "Moderators" group grants it)."""
    if not _active_member(user):
        return False
    via_groups = getattr(user, "moderation_group_grants", None)
    if via_groups is not None:  # moderation_grant_prefetches() loaded what grants it
        direct = getattr(user, "moderation_direct_grants", ())
        return bool(user.is_superuser or via_groups or direct)
    return _remembered(user, MODERATOR, lambda: _holds(user, MODERATE_PERMISSION))


def is_clinical_reviewer(user: Any) -> bool:
    """A moderator, or an active member holding safety.review_clinical."""
    if not _active_member(user):
        return False
    return is_moderator(user) or _remembered(
        user, CLINICAL_REVIEWER, lambda: _holds(user, REVIEW_CLINICAL_PERMISSION)
    )


def is_mentor(user: Any) -> bool:
    return _active_member(user) and bool(user.is_mentor)


def is_premium(user: Any) -> bool:
    """A premium grant covers today (reads `memberships`, so a prefetch serves it, or an
    answer remembered from a larger query: accounts.querysets.badge_annotations)."""
    if user is None or not user.is_authenticated:
        return False
    known = _cache(user).get(PREMIUM)
    if known is not None:
        return known
    return user.premium_until() is not None


CHECKS: dict[str, Callable[[Any], bool]] = {
    STAFF: is_staff,
    MODERATOR: is_moderator,
    CLINICAL_REVIEWER: is_clinical_reviewer,
    MENTOR: is_mentor,
    PREMIUM: is_premium,
}


def has_role(user: Any, role: str) -> bool:
    return CHECKS[role](user)


def role_required(*roles: str, message: str | None = None):
    """View decorator: visitors go to the log-in page; members holding none of `roles` get
    the 403 page with a sentence saying who the page is for."""
    if not roles or any(role not in CHECKS for role in roles):
        raise ValueError(f"Unknown role in {roles!r}")

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not any(has_role(request.user, role) for role in roles):
                raise PermissionDenied(message or REFUSALS[roles[0]])
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorate


def moderation_grant_prefetches(prefix: str = "") -> list:
    """prefetch_related lookups that let is_moderator() answer for many members (authors on
    a page) without a query each: the groups and direct grants of moderation.moderate."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Prefetch

    app_label, codename = MODERATE_PERMISSION.split(".", 1)
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return [
        Prefetch(
            f"{prefix}groups",
            queryset=Group.objects.filter(permissions__in=granted).distinct(),
            to_attr="moderation_group_grants",
        ),
        Prefetch(
            f"{prefix}user_permissions",
            queryset=granted,
            to_attr="moderation_direct_grants",
        ),
    ]
