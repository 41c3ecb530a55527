"""Reminders and "recording is available" e-mails. Every task takes IDs and is safe to run
twice: a Notice row per (registration, kind) is claimed before the e-mail goes out."""

from celery import shared_task
from django.utils import timezone

from notifications.quiet_hours import member_quiet_until
from notifications.services import wants_email
from webinars import notices, recording_views, services
from webinars.models import Notice, Registration


@shared_task
def queue_webinar_notices() -> int:
    """Run by Celery beat every few minutes: queues each notice that is due and not yet
    claimed. Returns how many were queued."""
    now = timezone.now()
    queued = 0
    for kind, webinars in notices.due_webinars(now).items():
        registration_ids = (
            Registration.objects.filter(webinar__in=webinars, cancelled_at__isnull=True)
            .exclude(notices__kind=kind)
            .values_list("pk", flat=True)
        )
        for registration_id in registration_ids:
            send_webinar_notice.delay(registration_id=registration_id, kind=str(kind))
            queued += 1
    return queued


@shared_task
def send_webinar_notice(*, registration_id: int, kind: str) -> bool:
    """Sends one notice to one registrant, once. Returns True when this run sent it.

    In the member's quiet hours it sends nothing and claims nothing: the notice stays
    unclaimed, so `queue_webinar_notices` (every 5 minutes) queues it again and it goes out
    once the quiet hours are over, if it is still due. An hour-before reminder whose quiet
    hours end after the start is never sent (is_due is False by then)."""
    now = timezone.now()
    registration = (
        Registration.objects.select_related("webinar", "member")
        .filter(pk=registration_id, cancelled_at__isnull=True, member__is_active=True)
        .first()
    )
    if registration is None or not notices.is_due(registration.webinar, kind, now):
        return False
    member = registration.member
    if wants_email(member) and member_quiet_until(member, now) is not None:
        return False  # wait; the scheduler queues it again after the quiet hours
    notice = services.claim_notice(registration=registration, kind=kind)
    if notice is None:
        return False
    try:
        notices.send_notice(registration=registration, kind=kind)
    except Exception:
        services.release_notice(notice=notice)
        raise
    services.mark_notice_sent(notice=notice)
    return True


@shared_task
def announce_recording(*, webinar_id: int) -> None:
    """Queued when staff add a recording, so registrants hear about it without waiting for
    the next beat; the claim keeps it to one e-mail each."""
    for registration_id in Registration.objects.filter(
        webinar_id=webinar_id, cancelled_at__isnull=True
    ).values_list("pk", flat=True):
        send_webinar_notice.delay(registration_id=registration_id, kind=Notice.Kind.RECORDING)


@shared_task
def flush_recording_views() -> int:
    """Run by Celery beat every five minutes: the recording views noted in Redis into
    RecordingViewDay (webinars/recording_views.py)."""
    return recording_views.flush()
