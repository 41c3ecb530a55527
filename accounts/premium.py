"""Premium membership rules: when a trial ends, granting trials, and members' trial requests.

Every change of membership state goes through a function here. A grant is always a new
Membership row: history is kept and nothing is overwritten.
"""

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts import hooks
from accounts.models import Membership, TrialRequest, User, site_today


def default_trial_end(today: datetime.date | None = None) -> datetime.date:
    """The last day of the month two months after `today` (default: the site's today).

    Granted on 2019-01-18 → ends 2019-03-31; on 2019-12-05 → ends 2020-02-29.
    """
    today = today or site_today()
    month_index = today.month - 1 + 2
    year, month = today.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def membership_status(member: User, on: datetime.date | None = None) -> str:
    """The member's membership in words: "Trial Premium membership through March 31, 2019"."""
    current = member.current_membership(on)
    return current.description if current else gettext("Free membership")


@dataclass
class GrantResult:
    ends_on: datetime.date
    granted: list[Membership] = field(default_factory=list)
    # Members who already hold premium through ends_on or later: left unchanged.
    unchanged: list[User] = field(default_factory=list)

    @property
    def granted_members(self) -> list[User]:
        return [m.member for m in self.granted]


def grant_premium_trial(
    *, members: Iterable[User], ends_on: datetime.date, by: User | None, note: str = ""
) -> GrantResult:
    """Grant a premium trial from today through `ends_on` to many members at once.

    Takes the same few queries for 2 members or 2,000. Members already premium through
    `ends_on` or later are listed in the result and left unchanged. Open trial requests of
    the granted members are marked approved. Each granted member is e-mailed once, after
    the transaction commits.
    """
    today = site_today()
    if ends_on < today:
        raise ValueError("A trial cannot end before today.")
    member_ids = {m.pk for m in members}
    with transaction.atomic():
        # Locks the members' rows so two staff granting at once cannot double-grant.
        locked = list(
            User.objects.select_for_update()
            .filter(pk__in=member_ids, is_active=True)
            .order_by("pk")
        )
        covered_ids = set(
            Membership.objects.filter(
                member_id__in=member_ids,
                tier=Membership.Tier.PREMIUM,
                starts_on__lte=today,
                ends_on__gte=ends_on,
            ).values_list("member_id", flat=True)
        )
        result = GrantResult(ends_on=ends_on)
        new_rows = []
        for member in locked:
            if member.pk in covered_ids:
                result.unchanged.append(member)
                continue
            new_rows.append(
                Membership(
                    member=member,
                    tier=Membership.Tier.PREMIUM,
                    kind=Membership.Kind.TRIAL,
                    starts_on=today,
                    ends_on=ends_on,
                    granted_by=by,
                    note=note,
                )
            )
        result.granted = Membership.objects.bulk_create(new_rows)
        granted_ids = [m.member_id for m in result.granted]
        if granted_ids:
            TrialRequest.objects.filter(
                member_id__in=granted_ids, status=TrialRequest.Status.OPEN
            ).update(status=TrialRequest.Status.APPROVED, decided_by=by, decided_at=timezone.now())
            membership_ids = [m.pk for m in result.granted]
            transaction.on_commit(lambda: _queue_granted_notices(membership_ids))
    return result


def _queue_granted_notices(membership_ids: list[int]) -> None:
    for granted in hooks.trial_granted:  # notifications e-mails the members
        granted(membership_ids)


def open_trial_request(member: User) -> TrialRequest | None:
    """The member's request waiting for staff, if any (there is at most one)."""
    return TrialRequest.objects.filter(member=member, status=TrialRequest.Status.OPEN).first()


class AlreadyPremium(Exception):
    def __init__(self, ends_on: datetime.date):
        self.ends_on = ends_on
        super().__init__(f"Already premium through {ends_on}")


def request_trial(*, member: User) -> tuple[TrialRequest, bool]:
    """Record that the member asks for a premium trial. Returns (request, created).

    A member has at most one open request: asking again returns the open one.
    Raises AlreadyPremium when the member is premium today.
    """
    until = member.premium_until()
    if until is not None:
        raise AlreadyPremium(until)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=member.pk).first()
        existing = open_trial_request(member)
        if existing:
            return existing, False
        return TrialRequest.objects.create(member=member), True


def approve_trial_requests(
    *, requests: Iterable[TrialRequest], by: User, ends_on: datetime.date | None = None
) -> GrantResult:
    """Grant a trial to the members behind open requests (marks the requests approved)."""
    members = [r.member for r in requests if r.status == TrialRequest.Status.OPEN]
    with transaction.atomic():
        result = grant_premium_trial(
            members=members,
            ends_on=ends_on or default_trial_end(),
            by=by,
            note="Asked for a trial",
        )
        # Members who were already covered: their request is settled too.
        unchanged_ids = [m.pk for m in result.unchanged]
        if unchanged_ids:
            TrialRequest.objects.filter(
                member_id__in=unchanged_ids, status=TrialRequest.Status.OPEN
            ).update(status=TrialRequest.Status.APPROVED, decided_by=by, decided_at=timezone.now())
    return result


def decline_trial_requests(*, requests: Iterable[TrialRequest], by: User) -> int:
    """Decline open requests; each member is told by e-mail. Returns how many were declined."""
    ids = [r.pk for r in requests if r.status == TrialRequest.Status.OPEN]
    with transaction.atomic():
        declined = list(
            TrialRequest.objects.select_for_update()
            .filter(pk__in=ids, status=TrialRequest.Status.OPEN)
            .values_list("pk", flat=True)
        )
        TrialRequest.objects.filter(pk__in=declined).update(
            status=TrialRequest.Status.DECLINED, decided_by=by, decided_at=timezone.now()
        )
        if declined:
            transaction.on_commit(lambda: _queue_declined_notices(declined))
    return len(declined)


def _queue_declined_notices(request_ids: list[int]) -> None:
    for declined in hooks.trial_requests_declined:  # notifications e-mails the members
        declined(request_ids)
