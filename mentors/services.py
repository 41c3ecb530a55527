"""Claiming a thread: "I'll answer this"."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from community.models import Thread
from mentors.models import MentorClaim
from mentors.querysets import waiting_for_a_mentor


class ClaimRefused(Exception):
    """The thread cannot be claimed (someone else holds it, or it no longer waits)."""


def claim_thread(*, thread_id: int, mentor, now: datetime.datetime | None = None) -> MentorClaim:
    """Gives the thread to this mentor for MENTOR_CLAIM_HOURS, unless another mentor holds an
    active claim. The thread row is locked, so of two mentors claiming at once exactly one
    wins; the other gets ClaimRefused. Claiming again your own claim renews it."""
    now = now or timezone.now()
    expires = now + datetime.timedelta(hours=settings.MENTOR_CLAIM_HOURS)
    try:
        with transaction.atomic():
            thread = Thread.objects.select_for_update().filter(pk=thread_id).first()
            if thread is None or not waiting_for_a_mentor(mentor, now=now).filter(pk=thread_id):
                raise ClaimRefused(gettext("This discussion no longer needs a mentor. Thank you!"))
            claim = MentorClaim.objects.filter(thread=thread).first()
            if claim is None:
                return MentorClaim.objects.create(
                    thread=thread, mentor=mentor, claimed_at=now, expires_at=expires
                )
            if claim.mentor_id != mentor.pk and claim.is_active(now):
                raise ClaimRefused(gettext("Another mentor is already answering this discussion."))
            claim.mentor, claim.claimed_at, claim.expires_at = mentor, now, expires
            claim.save(update_fields=["mentor", "claimed_at", "expires_at"])
            return claim
    except IntegrityError as error:  # the unique constraint, should the lock ever be skipped
        raise ClaimRefused(
            gettext("Another mentor is already answering this discussion.")
        ) from error


def release_claim(*, thread_id: int, mentor) -> bool:
    """The mentor lets the thread go back to the queue. Returns True if they held it."""
    deleted, _ = MentorClaim.objects.filter(thread_id=thread_id, mentor=mentor).delete()
    return bool(deleted)
