"""A member's profile settings change here, so the pages that show their name follow."""

from collections.abc import Iterable

from django.db import transaction

from accounts.models import User
from core import page_cache

# Settings that change what visitors see next to the member's posts on every page.
SHOWN_ON_POSTS = {"handle", "display_name", "hide_profile_from_visitors"}


def update_profile(*, member: User, changed: Iterable[str]) -> None:
    """Saves the settings in `changed` (already set on `member`, e.g. by a form; names of
    many-to-many fields such as `groups` are left to the form's save_m2m).

    A new name (or a profile hidden from visitors) shows on every page the member wrote on:
    once committed, the visitors' cached pages are dropped.
    """
    columns = {f.name for f in User._meta.concrete_fields}
    fields = [name for name in changed if name in columns]
    if not fields:
        return
    with transaction.atomic():
        member.save(update_fields=fields)
        if SHOWN_ON_POSTS.intersection(fields):
            page_cache.changed("member.renamed")
