"""Closing an account: the member's right to be forgotten, with the community's threads kept.

The member's personal data is erased (e-mail, name, bio, profile picture, e-mail
addresses, sessions, memberships and trial requests); their posts stay readable under
"Former member" so threads keep their sense and quotes keep working. Accounts' own
erasers are in ERASERS below; the apps above accounts register theirs in
accounts.hooks.erasers from their AppConfig.ready().

No stored line keeps a name the member used, whatever they were called then: rows that
speak of a member store its id and show the name when read (notifications, the audit
log), and other members' @mentions of them become "Former member" (safety's redaction
path, registered in accounts.hooks.former_handles). Every handle they were known by is
retired (accounts.handles): nobody can sign up with it again, so an old @mention never
leads to a stranger.
"""

import re
from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from accounts import avatars, hooks
from accounts.handles import retire_handles
from accounts.models import Membership, TrialRequest, User
from core import page_cache

DB_SESSION_ENGINES = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}


def placeholder_handle(member: User) -> str:
    return f"former_member_{member.pk}"


def _erase_sessions(member: User) -> None:
    if settings.SESSION_ENGINE not in DB_SESSION_ENGINES:
        return  # other stores: the unusable password below already ends every session
    # Sessions are not indexed by member; read the live ones once and delete theirs.
    keys = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(
            chunk_size=2000
        )
        if session.get_decoded().get(SESSION_KEY) == str(member.pk)
    ]
    Session.objects.filter(session_key__in=keys).delete()
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db":
        # The cached copies too (the unusable password would refuse them anyway).
        caches[settings.SESSION_CACHE_ALIAS].delete_many([cached_db.KEY_PREFIX + k for k in keys])


def _erase_accounts_data(member: User) -> None:
    EmailAddress.objects.filter(user=member).delete()  # cascades to e-mail confirmations
    Membership.objects.filter(member=member).delete()
    TrialRequest.objects.filter(member=member).delete()


def _erase_admin_history(member: User, names: set[str]) -> None:
    """The admin's history keeps each entry but not the member's name: entries about the
    member or their trial requests, and any entry whose label names them (other apps' rows,
    e.g. a sanction or a registration, spell the member's handle in their labels)."""
    theirs = {
        User: [member.pk],
        TrialRequest: TrialRequest.objects.filter(member=member).values_list("pk", flat=True),
    }
    for model, pks in theirs.items():
        label = "Former member" if model is User else f"{model._meta.verbose_name} (former member)"
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in pks],
        ).update(object_repr=label[:200])
    pattern = "|".join(re.escape(name) for name in sorted(names) if len(name) >= 3)
    LogEntry.objects.filter(object_repr__iregex=pattern).update(object_repr="(a former member)")


def _erase_names(member: User) -> None:
    """Other members' @mentions of the member go, every handle they had is retired, and the
    admin's history forgets their name."""
    handles = {member.handle}
    for erase_mentions in hooks.former_handles:
        handles |= erase_mentions(member)
    retire_handles(handles)
    _erase_admin_history(member, handles | {member.display_name})


# Each function erases one app's personal data about the member: accounts' own here, the
# other apps' in accounts.hooks.erasers.
ERASERS: list[Callable[[User], None]] = [
    _erase_names,
    _erase_accounts_data,
    _erase_sessions,
    avatars.erase,
]


def close_account(*, member: User) -> None:
    """Close the member's account for good and erase their personal data; posts stay.

    Idempotent: closing a closed account changes nothing more.
    """
    with transaction.atomic():
        member = User.objects.select_for_update().get(pk=member.pk)
        if member.is_former_member:
            return
        # Their name is on cached pages all over the site: drop them all once this commits.
        page_cache.changed("account.closed")
        for erase in [*ERASERS, *hooks.erasers]:
            erase(member)
        member.handle = placeholder_handle(member)
        member.email = f"{member.handle}@closed.invalid"
        member.display_name = ""
        member.bio = ""
        member.time_zone = settings.TIME_ZONE
        member.hide_profile_from_visitors = True
        member.is_active = False
        member.is_staff = False
        member.is_superuser = False
        member.is_mentor = False
        member.last_login = None
        member.closed_at = timezone.now()
        member.set_unusable_password()
        member.save()
        member.groups.clear()
        member.user_permissions.clear()
