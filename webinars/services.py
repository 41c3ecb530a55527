"""Every change of state in webinars: discussion threads, registrations, notices."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from community import services as community_services
from community.models import Group, Thread
from core import page_cache
from webinars import times
from webinars.models import Notice, Registration, Webinar

WEBINARS_GROUP_SLUG = "webinars"


class RegistrationClosed(Exception):
    """Registration is not possible; the message is written for the member."""


def webinars_group() -> Group:
    """The discussion group that holds every webinar's thread (found by slug or name, so a
    "Webinars" group made by hand is reused)."""
    group = Group.objects.filter(Q(slug=WEBINARS_GROUP_SLUG) | Q(name="Webinars")).first()
    if group is None:
        group = Group.objects.create(
            slug=WEBINARS_GROUP_SLUG,
            name="Webinars",
            description="Questions and conversations about the hospital's webinars.",
        )
    return group


def _thread_opening(webinar: Webinar) -> str:
    when = times.when(webinar.starts_at, webinar.ends_at, webinar.zone)
    return (
        f"This is the conversation about the webinar **{webinar.title}** "
        f"({when['date']}, {when['time_range']}).\n\n"
        "Ask the presenters a question, share what you took away, or tell us what you "
        "would like to hear about next time.\n\n"
        f"[The webinar's page]({webinar.get_absolute_url()}) has the details, the slides and "
        "the recording."
    )


def create_discussion_thread(webinar: Webinar, *, author: User | None = None) -> Thread:
    """Creates the webinar's discussion (a thread in the Webinars group, through
    community.services.create_thread, so counters, follows and notifications work as for any
    thread); does nothing when the webinar already has one."""
    author = author or webinar.contact_member
    if author is None:
        raise ValueError("A discussion thread needs an author: pass author= or set a contact.")
    with transaction.atomic():
        # The webinar row lock makes a second call (two admins saving at once) wait, then
        # find the thread the first one made.
        locked = Webinar.objects.select_for_update().get(pk=webinar.pk)
        if locked.thread is not None:
            webinar.thread_id = locked.thread_id
            return locked.thread
        thread = community_services.create_thread(
            group=webinars_group(),
            author=author,
            title=webinar.title[:160],
            body=_thread_opening(webinar),
        )
        Webinar.objects.filter(pk=webinar.pk).update(thread=thread)
        webinar.thread = thread
    return thread


def register(*, webinar: Webinar, member: User) -> Registration:
    """Registers a member for an upcoming webinar (again, if they had cancelled).

    Raises RegistrationClosed when the webinar has started or is full. The webinar row is
    locked while counting, so two members cannot take the last place at once.
    """
    with transaction.atomic():
        page_cache.changed("webinar.registration", slug=webinar.slug)  # places left
        locked = Webinar.objects.select_for_update().get(pk=webinar.pk)
        if locked.status != Webinar.Status.UPCOMING:
            raise RegistrationClosed(
                _("Registration has closed: this webinar has already started.")
            )
        existing = Registration.objects.filter(webinar=locked, member=member).first()
        if existing and existing.is_active:
            return existing
        if locked.capacity is not None:
            taken = Registration.objects.filter(webinar=locked, cancelled_at__isnull=True).count()
            if taken >= locked.capacity:
                raise RegistrationClosed(
                    _(
                        "This webinar is full, so registration has closed. The recording will "
                        "be posted on this page afterwards."
                    )
                )
        if existing:
            existing.cancelled_at = None
            existing.save(update_fields=["cancelled_at"])
            return existing
        return Registration.objects.create(webinar=locked, member=member)


def cancel_registration(*, webinar: Webinar, member: User) -> bool:
    """Cancels a member's registration; returns False when there was none to cancel.
    A cancelled registration gets no more reminders."""
    with transaction.atomic():
        updated = Registration.objects.filter(
            webinar=webinar, member=member, cancelled_at__isnull=True
        ).update(cancelled_at=timezone.now())
        if updated:
            page_cache.changed("webinar.registration", slug=webinar.slug)
    return bool(updated)


def claim_notice(*, registration: Registration, kind: str) -> Notice | None:
    """Claims the right to send one notice. Returns None when it was already claimed (by an
    earlier run, or by a task running at the same moment): the unique row decides."""
    try:
        with transaction.atomic():
            return Notice.objects.create(registration=registration, kind=kind)
    except IntegrityError:
        return None


def mark_notice_sent(*, notice: Notice) -> None:
    Notice.objects.filter(pk=notice.pk).update(sent_at=timezone.now())


def release_notice(*, notice: Notice) -> None:
    """Gives a claim back after sending failed, so the next scheduler run tries again."""
    Notice.objects.filter(pk=notice.pk, sent_at__isnull=True).delete()


def active_registrant_ids(webinar: Webinar) -> list[int]:
    return list(
        Registration.objects.filter(webinar=webinar, cancelled_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def registrants_csv_rows(webinars) -> list[list[str]]:
    """Rows for the admin's CSV export: one per active registration."""
    header = [
        _("webinar"),
        _("starts (UTC)"),
        _("handle"),
        _("name"),
        _("e-mail"),
        _("registered at (UTC)"),
    ]
    rows = [header]
    registrations = (
        Registration.objects.filter(webinar__in=webinars, cancelled_at__isnull=True)
        .select_related("webinar", "member")
        .order_by("webinar__starts_at", "created_at")
    )
    for registration in registrations:
        rows.append(
            [
                _spreadsheet_safe(value)
                for value in (
                    registration.webinar.title,
                    registration.webinar.starts_at.astimezone(datetime.UTC).isoformat(),
                    registration.member.handle,
                    registration.member.name,
                    registration.member.email,
                    registration.created_at.astimezone(datetime.UTC).isoformat(),
                )
            ]
        )
    return rows


def _spreadsheet_safe(value: str) -> str:
    """A cell starting with = + - @ is a formula to a spreadsheet: make it plain text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def save_webinar(
    *, webinar: Webinar, by: User, recording_changed: bool = False, old_slug: str = ""
) -> None:
    """Saves a webinar staff created or changed (the admin's form), opens its discussion
    the first time, announces a newly added recording, and once committed drops the cached
    pages that show it (under its old address too, when the slug changed).

    The opening post is the hospital's words: it goes out under a staff contact, else under
    the staff member saving, never under an ordinary member (whose first posts would wait
    for a moderator and hide the whole discussion).
    """
    with transaction.atomic():
        webinar.save()
        page_cache.changed("webinar.changed", slug=webinar.slug)
        if old_slug and old_slug != webinar.slug:
            page_cache.changed("webinar.changed", slug=old_slug)
        if webinar.thread_id is None:
            contact = webinar.contact_member
            author = contact if contact is not None and contact.is_staff else by
            create_discussion_thread(webinar, author=author)
        if recording_changed:
            announce_recording(webinar=webinar)


def announce_recording(*, webinar: Webinar) -> None:
    """Queues the "recording is available" e-mails once the current transaction commits.
    Sends nothing before the webinar has ended (Celery beat picks it up then)."""
    from webinars.tasks import announce_recording as announce_task

    if webinar.recording_url:
        webinar_id = webinar.pk
        transaction.on_commit(lambda: announce_task.delay(webinar_id=webinar_id))
