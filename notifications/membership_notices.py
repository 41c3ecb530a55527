"""Everything Gathering tells a member about their membership, one function per notice.

This is the only module that knows who receives membership messages and what they say.
Each notice is an entry in the member's notifications inbox and one e-mail (subject, text
and HTML templates with the same context, under templates/accounts/email/). The inbox
entry is made with `email=False`: this module sends the notice's one e-mail itself, so a
member never gets two e-mails for one grant. A member who turned e-mail off (one-click
unsubscribe or the notification settings) gets the inbox entry only.
Called from notifications.membership_tasks, never from a request; safe to call twice for
the inbox (each entry has a key), and the tasks claim each e-mail once. Both are written
in the member's language (accounts.languages), never the staff member's who granted.
"""

from typing import cast

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from accounts.languages import member_language
from accounts.models import Membership, TrialRequest, User
from core.dates import format_day
from core.mail import UnsubscribableEmail
from notifications.emails import unsubscribe_url
from notifications.models import Notification
from notifications.services import lazy_text, notify, wants_email


def trial_granted(membership: Membership) -> None:
    """ "You're all set: Trial Premium membership through March 31, 2019"."""
    _inbox(
        membership.member,
        text=lazy_text(_("You're all set: %(status)s."), status=_description(membership)),
        key=f"membership:{membership.pk}:granted",
    )
    _send(
        "trial_granted",
        member=membership.member,
        context={"membership": membership, "status": _description(membership)},
    )


def trial_ending_soon(membership: Membership) -> None:
    """A week before a trial ends (sent once; not sent when the member was extended)."""
    ends = membership.ends_on
    _inbox(
        membership.member,
        text=lazy_text(
            _(
                "Your premium trial runs through %(day)s; "
                "after that your account goes back to a free membership."
            ),
            day=lazy(format_day, str)(ends),
        ),
        key=f"membership:{membership.pk}:ending",
    )
    _send("trial_ending_soon", member=membership.member, context={"membership": membership})


def trial_request_declined(trial_request: TrialRequest) -> None:
    """Staff could not grant the trial the member asked for."""
    _inbox(
        trial_request.member,
        text=_("We are not able to offer a premium trial to your account right now."),
        key=f"trial-request:{trial_request.pk}:declined",
    )
    _send(
        "trial_request_declined",
        member=trial_request.member,
        context={"trial_request": trial_request},
    )


def _description(membership: Membership) -> Promise:
    """ "Trial Premium membership through …", in the language active when it is written."""
    return cast(Promise, lazy(lambda: membership.description, str)())


def _inbox(member: User, *, text, key: str) -> None:
    notify(
        recipient=member,
        kind=Notification.Kind.MEMBERSHIP,
        text=text,
        url=reverse("accounts:account"),
        key=key,
        email=False,
    )


def _send(template: str, *, member: User, context: dict) -> None:
    if member.is_former_member or not wants_email(member):
        return
    with translation.override(member_language(member)):
        _render_and_send(template, member=member, context=context)


def _render_and_send(template: str, *, member: User, context: dict) -> None:
    context = {
        "member": member,
        "site_name": settings.SITE_NAME,
        "account_url": settings.SITE_URL + reverse("accounts:account"),
        "webinars_url": settings.SITE_URL + "/webinars/",
        "unsubscribe_url": unsubscribe_url(member.pk),
        **context,
    }
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
    message = UnsubscribableEmail(
        subject=" ".join(subject.split()),
        body=render_to_string(f"accounts/email/{template}_message.txt", context),
        to=[member.email],
        unsubscribe_url=context["unsubscribe_url"],
    )
    message.attach_alternative(
        render_to_string(f"accounts/email/{template}_message.html", context), "text/html"
    )
    message.send()
