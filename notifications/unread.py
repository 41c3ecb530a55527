"""The header's unread-notification count, kept in the cache for each member.

The count asks, for each unread notification, whether the member may still read its post
(Notification.objects.readable_by): a dozen nested subqueries that cost 6 ms to build and
2 ms to plan on every page a member opened, and 0.3-0.6 s for a member with thousands
unread. It changes far less often than members open pages, so it is kept in the cache
(one round trip, only on pages that show the header) and counted again only when it may
have changed. It is never wrong, because the kept count carries the versions it was
counted under and is used only while they still hold:

- the member's own version, bumped after the commit of anything that adds, reads or
  removes one of their notifications (`changed(member_ids)`: the notification services,
  a conversation read, the admin);
- the version of "which posts members may read" (core.page_cache.READABLE), bumped after
  a post is hidden, deleted, approved or restored (core.page_cache.CHANGES);
- whether the member moderates (moderators read every post: their count differs).

Versions are random tokens read before counting, so a change committed while a count is
being made leaves that count under an old version, never used. A cache that is down or
has lost a key means counting again (slower, the same number).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.db import transaction

from accounts.roles import is_moderator
from core import page_cache, soft_cache
from notifications.models import Notification

# Counts and versions outlive any page; a key evicted earlier only means counting again.
KEEP_SECONDS = 7 * 24 * 3600


def _version_key(member_id: int) -> str:
    return f"notif-unread:v:{member_id}"


def _count_key(member_id: int) -> str:
    return f"notif-unread:n:{member_id}"


def count_from_database(user) -> int:
    """The member's unread notifications they may still read, counted in the database."""
    return Notification.objects.readable_by(user).filter(read_at__isnull=True).count()


def unread_count(user) -> int:
    """The header's unread count for this member: the kept one while its versions hold."""
    readable_key = page_cache.version_key(page_cache.READABLE)
    version_key, count_key = _version_key(user.pk), _count_key(user.pk)
    found = soft_cache.get_many([readable_key, version_key, count_key])
    missing = {
        key: page_cache.new_version() for key in (readable_key, version_key) if key not in found
    }
    for key, token in missing.items():  # never set, or evicted: nothing was kept under it
        soft_cache.set(key, token, timeout=None if key == readable_key else KEEP_SECONDS)
    found.update(missing)
    stamp = (found[readable_key], found[version_key], is_moderator(user))
    kept = found.get(count_key)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    count = count_from_database(user)
    soft_cache.set(count_key, (stamp, count), timeout=KEEP_SECONDS)
    return count


def changed(member_ids: Iterable[int]) -> None:
    """These members' notifications changed (added, read, removed): their kept counts are
    stale at once (so what this transaction reads next is counted again) and again once
    it commits (so a count made meanwhile, from the rows before the commit, is not kept)."""
    ids = sorted(set(member_ids))
    if ids:
        _bump(ids)
        transaction.on_commit(partial(_bump, ids), robust=True)


def _bump(member_ids: list[int]) -> None:
    token = page_cache.new_version()
    soft_cache.set_many({_version_key(pk): token for pk in member_ids}, timeout=KEEP_SECONDS)
