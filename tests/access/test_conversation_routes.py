"""The route table of private conversations: every conversation URL × every role × state.

A conversation's pages answer to its current participants only (conversations.querysets).
Each URL name of the `conversations` namespace that is not already a row of the site's
table (tests/access/test_route_table.py: the list, new, settings and the moderators'
pages) has a row here saying, for each role, what it gets:

- visitor: the log-in page;
- a member who never took part, a member who left, a moderator, staff, an admin: the same
  404 as for a conversation that does not exist, even for the reported message
  (moderators read it at /moderation/messages/ only);
- participants: the page; a message's author alone reaches its edit, history and
  redaction pages; nobody reports their own message;
- a blocked participant (the starter blocked them) still reads, but what they send is
  refused with "This member is not accepting messages".

Every response is searched for the conversation's words: none reach anyone outside it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from accounts.roles import MODERATORS_GROUP
from conversations import reports, services
from conversations.models import Block, Conversation, Message, Participant
from notifications.models import Notification
from tests.access.test_route_table import ACTIONS, ROUTES, _all_url_names
from tests.factories import MemberFactory

LOGIN = "login"
ROLES = [
    "visitor",
    "author",
    "participant",
    "blocked",
    "left",
    "member",
    "moderator",
    "staff",
    "admin",
]
PARTICIPANTS = {"author", "participant", "blocked"}
SECRETS = ["ZqConvTitleX", "ZqConvFirstX", "ZqConvReportedX", "ZqConvBlockedX"]


@dataclasses.dataclass
class World:
    users: dict
    conversation: Conversation
    first: Message  # the author's
    reported: Message  # the participant's, reported by the author
    care: Notification  # the care team's message to the author
    clients: dict = dataclasses.field(default_factory=dict)

    def client(self, role: str) -> Client:
        if role not in self.clients:
            client = Client()
            if role != "visitor":
                client.force_login(self.users[role])
            self.clients[role] = client
        return self.clients[role]


def build_world(settings) -> World:
    settings.CONVERSATIONS_MIN_DAYS = 0
    settings.CONVERSATIONS_MIN_APPROVED_POSTS = 0
    settings.CONVERSATIONS_MESSAGES_PER_HOUR = 1000
    users = {
        role: MemberFactory(handle=f"cv_{role}", display_name=f"Cv {role}")
        for role in ROLES
        if role != "visitor"
    }
    for role in ("staff", "admin"):
        users[role].is_staff = True
    users["admin"].is_superuser = True
    for role in ("staff", "admin"):
        users[role].save()
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="moderation"))
    users["moderator"].groups.add(group)

    conversation = services.start_conversation(
        starter=users["author"],
        recipients=[users["participant"], users["blocked"], users["left"]],
        title="ZqConvTitleX",
        body="First words ZqConvFirstX",
    )
    reported = services.send_message(
        author=users["participant"], conversation=conversation, body="Rude ZqConvReportedX"
    )
    services.send_message(
        author=users["blocked"], conversation=conversation, body="Pushy ZqConvBlockedX"
    )
    reports.report_message(reporter=users["author"], message=reported, reason="Unkind", include=[])
    services.block(blocker=users["author"], blocked=users["blocked"])
    services.leave(member=users["left"], conversation=conversation)
    care = Notification.objects.create(
        recipient=users["author"],
        kind=Notification.Kind.CARE,
        text="A message from the care team, just for you: hello",
        url="/",
        key="care:test",
        actor=users["staff"],
    )
    first = conversation.messages.order_by("pk").first()
    return World(users, conversation, first, reported, care)


def _everyone_else(**expected) -> Callable[[str], int | str]:
    """Visitors: the log-in page; the roles named: their status; everyone else: 404."""

    def expect(role: str) -> int | str:
        if role == "visitor":
            return LOGIN
        return expected.get(role, 404)

    return expect


def _participants(status: int, **exceptions) -> Callable[[str], int | str]:
    return _everyone_else(**{**dict.fromkeys(PARTICIPANTS, status), **exceptions})


@dataclasses.dataclass(frozen=True)
class Row:
    url: Callable[[World], str]
    expect: Callable[[str], int | str]
    method: str = "GET"
    data: dict = dataclasses.field(default_factory=dict)


def _c(suffix: str = "") -> Callable[[World], str]:
    return lambda w: f"/messages/{w.conversation.pk}/{suffix}"


# In the order they are asked: rows that change who takes part come last.
CONVERSATION_ROUTES: dict[str, Row] = {
    "conversations:detail": Row(_c(), _participants(200)),
    "conversations:message": Row(lambda w: f"{_c()(w)}m/{w.reported.pk}/", _participants(302)),
    "conversations:report-message": Row(
        lambda w: f"{_c()(w)}report/{w.reported.pk}/", _participants(200, participant=403)
    ),
    "conversations:edit-message": Row(
        lambda w: f"{_c()(w)}m/{w.first.pk}/edit/", _everyone_else(author=200)
    ),
    "conversations:message-history": Row(
        lambda w: f"{_c()(w)}m/{w.first.pk}/history/", _everyone_else(author=200)
    ),
    "conversations:redact-message": Row(
        lambda w: f"{_c()(w)}m/{w.first.pk}/redact/", _everyone_else(author=200)
    ),
    "conversations:care-reply": Row(
        lambda w: f"/messages/care/{w.care.pk}/reply/", _everyone_else(author=200)
    ),
    "conversations:add-participant": Row(
        _c("add/"), _participants(400), method="POST", data={"handle": "nobody_at_all"}
    ),
    "conversations:block": Row(
        lambda w: f"/messages/block/{w.users['member'].pk}/",
        _everyone_else(**dict.fromkeys(ROLES, 302)),
        method="POST",
    ),
    "conversations:unblock": Row(
        lambda w: f"/messages/unblock/{w.users['member'].pk}/",
        _everyone_else(**dict.fromkeys(ROLES, 302)),
        method="POST",
    ),
    "conversations:leave": Row(_c("leave/"), _participants(302), method="POST"),
}


def test_every_conversation_url_has_a_row_here_or_in_the_site_table():
    names = {n for n in _all_url_names() if n.startswith("conversations:")}
    covered = set(CONVERSATION_ROUTES) | set(ROUTES) | set(ACTIONS)
    assert not sorted(names - covered), "conversation URLs without a row"
    assert not sorted(set(CONVERSATION_ROUTES) - names), "rows for URLs that no longer exist"


def _is_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_every_conversation_route_for_every_role(settings):
    world = build_world(settings)
    failures = []
    for name, row in CONVERSATION_ROUTES.items():
        for role in ROLES:
            client = world.client(role)
            url = row.url(world)
            before = Message.objects.count(), Participant.objects.count()
            response = client.post(url, row.data) if row.method == "POST" else client.get(url)
            expected, got = row.expect(role), response.status_code
            where = f"{name} as {role} ({url})"
            if expected == LOGIN:
                if not _is_login(response):
                    failures.append(f"{where}: expected the log-in page, got {got}")
            elif got != expected:
                failures.append(f"{where}: expected {expected}, got {got}")
            if (
                expected in (404, LOGIN)
                and (
                    Message.objects.count(),
                    Participant.objects.count(),
                )
                != before
            ):
                failures.append(f"{where}: a refusal changed something")
            if role not in PARTICIPANTS:
                body = response.content.decode(errors="replace")
                leaked = [s for s in SECRETS if s in body]
                if leaked:
                    failures.append(f"{where}: shows {leaked}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_a_blocked_participant_reads_but_cannot_write(settings):
    world = build_world(settings)
    client = world.client("blocked")
    page = client.get(_c()(world)).content.decode()
    assert "ZqConvFirstX" in page
    response = client.post(_c()(world), {"body": "Still pushing"})
    assert response.status_code == 200
    assert services.NOT_ACCEPTING in response.content.decode()
    assert not Message.objects.filter(body_markdown="Still pushing").exists()
    assert Block.objects.filter(blocked=world.users["blocked"]).count() == 1


@pytest.mark.django_db
def test_a_moderator_reads_the_reported_message_in_the_queue_and_nothing_else(settings):
    world = build_world(settings)
    queue = world.client("moderator").get("/moderation/messages/").content.decode()
    assert "ZqConvReportedX" in queue
    for secret in ("ZqConvTitleX", "ZqConvFirstX", "ZqConvBlockedX"):
        assert secret not in queue
    for role in ("member", "staff", "participant"):
        page = world.client(role).get("/moderation/messages/").content.decode()
        assert "ZqConvReportedX" not in page
