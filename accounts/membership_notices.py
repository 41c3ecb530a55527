"""Everything Gathering tells a member about their membership, one function per notice.

This is the only module that knows who receives membership messages and what they say.
Each notice is an e-mail today (subject, text and HTML templates with the same context,
under templates/accounts/email/); an in-app inbox entry can be added to the same function.
Called from accounts.tasks, never from a request.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import Membership, TrialRequest, User


def trial_granted(membership: Membership) -> None:
    """ "You're all set: Trial Premium membership through March 31, 2019"."""
    _send(
        "trial_granted",
        member=membership.member,
        context={"membership": membership, "status": membership.description},
    )


def trial_ending_soon(membership: Membership) -> None:
    """A week before a trial ends (sent once; not sent when the member was extended)."""
    _send("trial_ending_soon", member=membership.member, context={"membership": membership})


def trial_request_declined(trial_request: TrialRequest) -> None:
    """Staff could not grant the trial the member asked for."""
    _send(
        "trial_request_declined",
        member=trial_request.member,
        context={"trial_request": trial_request},
    )


def _send(template: str, *, member: User, context: dict) -> None:
    if not member.is_active or member.is_former_member or not member.email:
        return
    context = {
        "member": member,
        "site_name": settings.SITE_NAME,
        "account_url": settings.SITE_URL + reverse("accounts:account"),
        "webinars_url": settings.SITE_URL + "/webinars/",
        **context,
    }
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"accounts/email/{template}_message.txt", context),
        to=[member.email],
    )
    message.attach_alternative(
        render_to_string(f"accounts/email/{template}_message.html", context), "text/html"
    )
    message.send()
