"""Log-in backends that read the member and the header's facts in one query.

Every page a member opens reads their row (Django's AuthenticationMiddleware asks the
session's backend). These backends read it with the facts the header shows and the pages
ask (unread notifications, the moderator check, a suspension in force: each a
core.context_processors.HeaderFact), so a member's page spends one query on "who is this"
instead of three. The session itself is read from the cache (SESSION_ENGINE "cached_db").

MemberBackend is allauth's backend (log-in by e-mail or handle); MemberModelBackend is
Django's (the admin's log-in form). Only `get_user` differs from theirs.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend

from accounts.models import User
from core.context_processors import annotate_header_facts, keep_header_facts


def member_with_facts(user_id) -> User | None:
    """The member with id `user_id` and their header facts, or None (no such member)."""
    try:
        pk = int(user_id)
    except (TypeError, ValueError):
        return None
    members = annotate_header_facts(User.objects.filter(pk=pk), User(pk=pk))
    user = members.first()
    if user is not None:
        keep_header_facts(user)
    return user


class _MemberWithFacts:
    def get_user(self, user_id):
        user = member_with_facts(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]


class MemberBackend(_MemberWithFacts, AuthenticationBackend):
    """allauth's log-in (by e-mail or handle), reading the member with their facts."""


class MemberModelBackend(_MemberWithFacts, ModelBackend):
    """Django's log-in (the admin's form), reading the member with their facts."""
