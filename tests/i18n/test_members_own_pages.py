"""Accounts, notifications and private messages in the reader's language: every page of
these areas a visitor, a member, a moderator and staff reach renders with no English left
outside the catalogue (tests/i18n/harness.py), and every string of their files has Spanish.
"""

import pytest
from django.utils import translation

from accounts.models import User, time_zone_choices
from conversations.models import Message
from notifications import emails
from notifications.models import EmailDelivery, Notification
from tests.i18n.catalogue import catalogue_problems
from tests.i18n.harness import Page
from tests.i18n.pseudo import PSEUDO

pytestmark = pytest.mark.django_db


def _sam_message(demo) -> Message:
    """A message june_b did not write, in the demo conversation she reads."""
    return Message.objects.filter(conversation=demo.conversation, author__handle="sam_k").first()


def _care_notice(demo) -> Notification:
    """A care-team message to june_b, as safety's reach-out makes it."""
    june = User.objects.get(handle="june_b")
    rosa = User.objects.get(handle="nurse_rosa")
    notice, _ = Notification.objects.get_or_create(
        recipient=june,
        key="care:i18n",
        defaults={
            "kind": Notification.Kind.CARE,
            "actor": rosa,
            "text": "We are thinking of you.",
            "url": "/",
        },
    )
    return notice


PAGES = [
    # Visitors: logging in, joining, a forgotten password, an unsubscribe link gone bad.
    Page("visitor", "account_login"),
    Page("visitor", "account_signup"),
    Page("visitor", "account_reset_password"),
    Page("visitor", "account_reset_password_done"),
    Page("visitor", "account_email_verification_sent"),
    Page("visitor", "/accounts/password/reset/key/1-not-a-key/", name="reset-link-gone"),
    Page("visitor", "/accounts/confirm-email/not-a-key/", name="confirm-link-gone"),
    Page("visitor", "/notifications/unsubscribe/not-a-token/", status=400, name="unsubscribe"),
    Page("visitor", "accounts:profile", ["sam_k"]),
    # A member: their account and settings, profiles, notifications, private messages.
    Page("member", "accounts:account"),
    Page("member", "accounts:profile", ["june_b"], name="own-profile"),
    Page("member", "accounts:profile", ["sam_k"], name="someone-elses-profile"),
    Page("member", "accounts:profile-edit"),
    Page("member", "accounts:request-trial"),
    Page("member", "accounts:close-account"),
    Page("member", "accounts:close-account", post={"password": "wrong"}, name="close-refused"),
    Page("member", "account_email"),
    Page("member", "account_change_password"),
    Page("member", "account_logout"),
    Page("member", "notifications:inbox"),
    Page("member", "notifications:settings"),
    Page(
        "member",
        "notifications:settings",
        post={
            "replies": "digest",
            "quotes": "immediately",
            "mentions": "off",
            "quiet_start": "22:00",
        },
        name="settings-refused",
    ),
    Page("member", "conversations:list"),
    Page("member", "conversations:detail", lambda demo: [demo.conversation.pk]),
    Page(
        "member",
        lambda demo: f"{demo.conversation.get_absolute_url()}?quote={_sam_message(demo).pk}",
        name="conversation-quoting",
    ),
    Page("member", "conversations:new"),
    Page("member", "conversations:new", post={"to": "nobody_here", "body": ""}, name="new-refused"),
    Page("member", "conversations:settings"),
    Page(
        "member", "conversations:edit-message", lambda demo: [demo.conversation.pk, demo.message.pk]
    ),
    Page(
        "member",
        "conversations:message-history",
        lambda demo: [demo.conversation.pk, demo.message.pk],
    ),
    Page(
        "member",
        "conversations:redact-message",
        lambda demo: [demo.conversation.pk, demo.message.pk],
    ),
    Page(
        "member",
        "conversations:report-message",
        lambda demo: [demo.conversation.pk, _sam_message(demo).pk],
    ),
    Page("member", "conversations:care-reply", lambda demo: [_care_notice(demo).pk]),
    Page("mentor", "accounts:account"),
    # A moderator: the reported private messages; staff: their own account.
    Page("moderator", "conversations:reported"),
    Page("moderator", "accounts:account"),
    Page("staff", "accounts:account"),
    Page("staff", "notifications:inbox"),
]


def _stored_words() -> list[str]:
    """What these pages show as stored, not translated when shown: a notification's line is
    written once, in its recipient's language, when it is made (notifications.services:
    the demo's were made in English, june_b's language then); zone names are places'
    names, as the profile form lists them."""
    lines = [n.line for n in Notification.objects.select_related("actor")]
    return lines + [label for _, label in _zone_labels()]


def _zone_labels():
    for _, group in time_zone_choices():
        yield from group


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_is_all_in_the_catalogue(i18n, page):
    i18n.extra_allowed.extend(_stored_words())
    assert i18n.problems(page) == []


def test_the_areas_strings_have_spanish():
    problems = catalogue_problems(
        (
            "accounts/",
            "templates/account/",
            "templates/accounts/",
            "templates/allauth/",
            "notifications/",
            "templates/notifications/",
            "conversations/",
            "templates/conversations/",
        )
    )
    assert problems == [], "\n".join(problems)


def test_notification_and_digest_emails_are_all_in_the_catalogue(i18n):
    """The e-mails' HTML, rendered in the pseudo-language (build_message itself would
    choose the recipient's language)."""
    june = User.objects.get(handle="june_b")
    notices = list(Notification.objects.filter(recipient=june, post__isnull=False)[:2])
    one = EmailDelivery.objects.create(
        recipient=june,
        notification=notices[0],
        key="i18n:one",
        kind=EmailDelivery.Kind.NOTIFICATION,
    )
    digest = EmailDelivery.objects.create(
        recipient=june, key="i18n:digest", kind=EmailDelivery.Kind.DIGEST
    )
    Notification.objects.filter(pk__in=[n.pk for n in notices]).update(digest=digest)
    i18n.extra_allowed.extend(_stored_words())
    with translation.override(PSEUDO):
        for delivery in (one, digest):
            message = emails._build_message(delivery)
            html = message.alternatives[0][0]
            assert i18n.problems_in(html) == [], delivery.kind
            assert i18n.problems_in(f"<p>{message.subject}</p>") == [], delivery.kind
