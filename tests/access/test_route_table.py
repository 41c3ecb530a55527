"""The route table: every URL in the URLconf × every role × every content state.

Each URL name has one row in ROUTES saying what it is and who may use it. The test walks
the URLconf with get_resolver(), so a new URL without a row fails
(`test_every_url_in_the_urlconf_has_a_row`). Then one test builds a small community once
(a thread or post in each content state, a member in each role) and asks every row for
every role and state, checking

- the status each reader gets (readable content: the page; unreadable: the same 404 as a
  missing object, or the log-in page for visitors asking for a members-only thing);
- that no response carries the title or text of anything the reader may not read (each
  state's secret words are unique markers, so a leak anywhere on any page is caught);
- that POSTs naming unreadable content answer 404 and change nothing.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable
from urllib.parse import quote

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.contrib.auth.models import Group as AuthGroup
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from accounts import roles
from community import services
from community.models import Draft, Group, Post, Reaction, Thread, ThreadFollow
from moderation import services as moderation
from notifications.models import ThreadMute
from safety import services as safety
from safety.roles import ensure_clinical_reviewers_group
from tests.factories import MemberFactory
from tests.webinars.conftest import create_webinar

ROLES = [
    "visitor",
    "member",
    "author",
    "other_member",
    "mentor",
    "clinical_reviewer",
    "moderator",
    "staff",
    "admin",
    "suspended",
]
STATES = [
    "public",
    "members_only",
    "not_indexed",
    "pending",
    "hidden",
    "deleted",
    "redacted",
    "locked",
    "hidden_first_post",
]
# Who reads everything, whatever its state.
ALL_SEEING = {"moderator", "admin"}


# --- Who may read what (the expectation, written out independently of the code) ---------


def reads_thread(role: str, state: str) -> bool:
    if state == "members_only":
        return role != "visitor"
    if state == "hidden_first_post":
        return role in ALL_SEEING | {"author"}
    return True


def reads_post(role: str, state: str) -> bool:
    """The target post (a reply) may be opened: reacted to, flagged, quoted, its history."""
    if not reads_thread(role, state):
        return False
    if state in ("pending", "hidden", "deleted"):
        return role in ALL_SEEING | {"author"}
    return True


def post_has_a_place(role: str, state: str) -> bool:
    """The permalink leads to the post (hidden and deleted posts keep a placeholder)."""
    if state == "pending":
        return reads_post(role, state)
    return reads_thread(role, state)


def flaggable(role: str, state: str) -> bool:
    """Only a published post that still stands can be flagged (by anyone)."""
    return reads_post(role, state) and state not in ("pending", "hidden", "deleted")


def secrets_for(role: str, state: str, world: World) -> list[str]:
    """The words of this state that must not reach this reader (anywhere, on any page)."""
    words = world.secrets[state]
    hidden = []
    if not reads_thread(role, state):
        hidden += [words["title"], words["first"], words["reply"]]
    elif state in ("pending", "hidden", "deleted") and role not in ALL_SEEING | {"author"}:
        # A deleted post's old words: on its history page, for the author and moderators.
        hidden.append(words["reply"])
    if state == "redacted":
        hidden.append(words["passage"])  # gone for everyone
    return hidden


# --- The community, built once ----------------------------------------------------------


@dataclasses.dataclass
class World:
    users: dict[str, object]
    threads: dict[str, Thread]
    posts: dict[str, Post]
    groups: dict[str, Group]
    secrets: dict[str, dict[str, str]]
    webinar: object
    clients: dict[str, Client] = dataclasses.field(default_factory=dict)

    def client(self, role: str) -> Client:
        if role not in self.clients:
            client = Client()
            if role != "visitor":
                client.force_login(self.users[role])
            self.clients[role] = client
        return self.clients[role]

    def user(self, role: str):
        return self.users.get(role) or AnonymousUser()


def _marker(state: str, part: str) -> str:
    # One word, so it survives in slugs and HTML; unique per state and part.
    return f"Zq{state.replace('_', '')}{part}X"


def build_world(settings) -> World:
    settings.PREMODERATE_FIRST_POSTS = 0
    settings.FLAGS_TO_HIDE = 100
    users = {
        "member": MemberFactory(handle="rt_member"),
        "author": MemberFactory(handle="rt_author"),
        "other_member": MemberFactory(handle="rt_other"),
        "mentor": MemberFactory(handle="rt_mentor", is_mentor=True),
        "clinical_reviewer": MemberFactory(handle="rt_clinician"),
        "moderator": MemberFactory(handle="rt_moderator"),
        "staff": MemberFactory(handle="rt_staff", is_staff=True),
        "admin": MemberFactory(handle="rt_admin", is_staff=True, is_superuser=True),
        "suspended": MemberFactory(handle="rt_suspended"),
    }
    moderators, _ = AuthGroup.objects.get_or_create(name=roles.MODERATORS_GROUP)
    moderators.permissions.add(
        Permission.objects.get(content_type__app_label="moderation", codename="moderate")
    )
    users["moderator"].groups.add(moderators)
    users["clinical_reviewer"].groups.add(ensure_clinical_reviewers_group())
    moderator = users["moderator"]
    moderation.suspend_member(
        member=users["suspended"],
        by=moderator,
        until=timezone.now() + datetime.timedelta(days=3),
        reason="Cooling off",
    )
    groups = {
        "public": Group.objects.create(name="Open room", slug="open-room"),
        "members": Group.objects.create(
            name="Members room", slug="members-room", visibility=Group.Visibility.MEMBERS
        ),
        "unlisted": Group.objects.create(
            name="Quiet room", slug="quiet-room", visibility=Group.Visibility.UNLISTED
        ),
    }
    group_of = {"members_only": "members", "not_indexed": "unlisted"}
    secrets: dict[str, dict[str, str]] = {}
    threads: dict[str, Thread] = {}
    posts: dict[str, Post] = {}
    author = users["author"]
    for state in STATES:
        words = {part: _marker(state, part) for part in ("title", "first", "reply", "passage")}
        secrets[state] = words
        thread = services.create_thread(
            group=groups[group_of.get(state, "public")],
            author=author,
            title=f"About {words['title']} today",
            body=f"Opening words {words['first']}",
        )
        # Members follow before anything is hidden, so inboxes and e-mails are tested too.
        services.follow_thread(thread=thread, member=users["member"])
        if state == "pending":
            settings.PREMODERATE_FIRST_POSTS = 10_000
        reply = services.create_reply(
            thread=thread,
            author=author,
            body=f"Reply words {words['reply']} and {words['passage']} here",
        )
        settings.PREMODERATE_FIRST_POSTS = 0
        threads[state], posts[state] = thread, reply
    assert posts["pending"].status == Post.Status.PENDING
    moderation.hide_post(post=posts["hidden"], by=moderator, reason="Off topic")
    services.delete_own_post(post=posts["deleted"], member=author)
    safety.redact_passage(
        post=posts["redacted"], by=author, passage=secrets["redacted"]["passage"], reason="Name"
    )
    moderation.lock_thread(thread=threads["locked"], by=moderator)
    first = threads["hidden_first_post"].posts.get(position=1)
    moderation.hide_post(post=first, by=moderator, reason="Not for here")
    for thread in threads.values():
        thread.refresh_from_db()
    for post in posts.values():
        post.refresh_from_db()
    webinar = create_webinar(contact_member=users["staff"], title="Resting well")
    return World(users, threads, posts, groups, secrets, webinar)


# --- The table --------------------------------------------------------------------------

LOGIN = "login"  # the log-in page (a redirect to /accounts/login/)
NOT_CONTENT = "not member content"  # admin and allauth pages, grouped


@dataclasses.dataclass(frozen=True)
class Route:
    """How one URL behaves.

    kind: "page" (no content id: one request per role), "thread" or "post" (one request
    per role and state, naming that state's thread or target post), "gated" (a page for
    one role; `roles` says which), NOT_CONTENT (grouped, not asked here).
    """

    kind: str
    url: Callable[..., str] | None = None
    method: str = "GET"
    login: bool = False  # visitors get the log-in page
    roles: tuple[str, ...] = ()  # for "gated": who gets the page (others: 403)
    expect: Callable[[str, str], int] | None = None  # for readable thread/post rows
    side_effects: Callable[[], int] | None = None  # counts that must not change on a 404
    login_wall: bool = False  # visitors asking for members-only content get the log-in page
    readers: Callable[[str, str], bool] | None = None  # default: reads_thread / reads_post
    sees_all: tuple[str, ...] = ()  # roles this page may show everything to


def _t(suffix: str = "") -> Callable[..., str]:
    return lambda w, s: f"/t/{w.threads[s].pk}/{w.threads[s].slug}/{suffix}"


def _p(suffix: str = "") -> Callable[..., str]:
    return lambda w, s: f"/p/{w.posts[s].pk}/{suffix}"


def _fixed(path: str) -> Callable[..., str]:
    return lambda w, s=None: path


MODERATORS = ("moderator", "admin")
CLINICAL = ("clinical_reviewer", "moderator", "admin")
STAFF = ("staff", "admin")


def _own_post_page(role: str, state: str) -> int:
    """post-edit and post-delete forms: the author's own, still-standing post only."""
    if role != "author" or state == "deleted":
        return 403
    return 200


def _edit_page(role: str, state: str) -> int:
    status = _own_post_page(role, state)
    return 403 if status == 200 and state == "locked" else status


def _flag_page(role: str, state: str) -> int:
    if role == "author":
        return 403  # your own post
    if role == "suspended":
        return 403
    return 200


def _redact_page(role: str, state: str) -> int:
    return 200 if role in ALL_SEEING | {"author"} else 403


def _count(model) -> Callable[[], int]:
    return lambda: model.objects.count()


ROUTES: dict[str, Route] = {
    # Site
    "healthz": Route("page", _fixed("/healthz")),
    "robots-txt": Route("page", _fixed("/robots.txt")),
    "sitemap": Route("page", _fixed("/sitemap.xml")),
    # Accounts
    "accounts:profile": Route("page", _fixed("/u/rt_author/")),
    "accounts:profile-edit": Route("page", _fixed("/accounts/profile/"), login=True),
    "accounts:account": Route("page", _fixed("/accounts/"), login=True),
    "accounts:request-trial": Route("page", _fixed("/accounts/premium/request-trial/"), login=True),
    "accounts:export-data": Route("page", _fixed("/accounts/export/"), login=True),
    "accounts:close-account": Route("page", _fixed("/accounts/close/"), login=True),
    # The footer's language switch: anyone, a visitor's GET or a member's POST.
    "accounts:language": Route("page", _fixed("/language/?language=es&next=/")),
    # Community
    "sitewide:home": Route("page", _fixed("/")),
    "community:group-list": Route("page", _fixed("/groups/")),
    "community:group-detail": Route("page", _fixed("/groups/open-room/")),
    "community:thread-create": Route("page", _fixed("/groups/open-room/new/"), login=True),
    "community:group-follow": Route(
        "page", _fixed("/groups/open-room/follow/"), method="POST", login=True
    ),
    "community:group-draft": Route(
        "page", _fixed("/groups/open-room/draft/"), method="POST", login=True
    ),
    "community:search": Route("page", _fixed("/search/?q=words")),
    "community:thread-detail": Route("thread", _t(), expect=lambda r, s: 200, login_wall=True),
    "community:thread-short": Route(
        "thread",
        lambda w, s: f"/t/{w.threads[s].pk}/",
        expect=lambda r, s: 302,
        login_wall=True,
    ),
    "community:thread-reply": Route(
        "thread",
        _t("reply/"),
        method="POST",
        login=True,
        side_effects=_count(Post),
    ),
    "community:thread-follow": Route(
        "thread",
        _t("follow/"),
        method="POST",
        login=True,
        side_effects=_count(ThreadFollow),
    ),
    # A draft is the member's own: an unreadable or missing thread keeps none.
    "community:thread-draft": Route(
        "thread",
        _t("draft/"),
        method="POST",
        login=True,
        side_effects=_count(Draft),
    ),
    "community:thread-unread": Route("thread", _t("unread/"), expect=lambda r, s: 302, login=True),
    "community:post-permalink": Route(
        "post", _p(), expect=lambda r, s: 302, login_wall=True, readers=post_has_a_place
    ),
    # Earlier versions are for the author and moderators only (an edit may have taken out
    # what should not stay public): everyone else gets the 404 of a missing page.
    "community:post-history": Route(
        "post",
        _p("history/"),
        expect=lambda r, s: 200,
        readers=lambda r, s: r in ("author", *MODERATORS) and reads_post(r, s),
    ),
    "community:post-edit": Route("post", _p("edit/"), login=True, expect=_edit_page),
    "community:post-delete": Route("post", _p("delete/"), login=True, expect=_own_post_page),
    "community:post-react": Route(
        "post", _p("react/"), method="POST", login=True, side_effects=_count(Reaction)
    ),
    # Moderation
    "moderation:flag-post": Route(
        "post", _p("flag/"), login=True, expect=_flag_page, readers=flaggable
    ),
    "moderation:queue": Route("gated", _fixed("/moderation/"), roles=MODERATORS),
    "moderation:standing": Route("page", _fixed("/moderation/standing/"), login=True),
    # Staff audit the moderators: the log names what was hidden, for staff only.
    "moderation:log": Route("gated", _fixed("/moderation/log/"), roles=STAFF, sees_all=STAFF),
    "moderation:post-review": Route(
        "gated", lambda w, s=None: f"/moderation/posts/{w.posts['hidden'].pk}/", roles=MODERATORS
    ),
    "moderation:post-edit": Route(
        "gated",
        lambda w, s=None: f"/moderation/posts/{w.posts['hidden'].pk}/edit/",
        roles=MODERATORS,
    ),
    "moderation:member": Route("gated", _fixed("/moderation/members/rt_author/"), roles=MODERATORS),
    # Notifications
    "notifications:inbox": Route("page", _fixed("/notifications/"), login=True),
    "notifications:settings": Route("page", _fixed("/notifications/settings/"), login=True),
    "notifications:mark-all-read": Route(
        "page", _fixed("/notifications/read-all/"), method="POST", login=True
    ),
    "notifications:mute-thread": Route(
        "thread",
        lambda w, s: f"/notifications/mute/thread/{w.threads[s].pk}/",
        method="POST",
        login=True,
        side_effects=_count(ThreadMute),
    ),
    # Mentors, safety, insights
    "conversations:list": Route("page", _fixed("/messages/"), login=True),
    "conversations:new": Route("page", _fixed("/messages/new/?to=rt_author"), login=True),
    "conversations:settings": Route("page", _fixed("/messages/settings/"), login=True),
    "conversations:reported": Route("gated", _fixed("/moderation/messages/"), roles=MODERATORS),
    "mentors:queue": Route("gated", _fixed("/mentors/"), roles=("mentor",)),
    "safety:clinical-queue": Route("gated", _fixed("/moderation/clinical/"), roles=CLINICAL),
    "safety:redact-post": Route("post", _p("redact/"), login=True, expect=_redact_page),
    "insights:page": Route("gated", _fixed("/staff/insights/"), roles=STAFF),
    # Webinars
    "webinars:list": Route("page", _fixed("/webinars/")),
    "webinars:detail": Route("page", lambda w, s=None: w.webinar.get_absolute_url()),
    "webinars:calendar": Route(
        "page", lambda w, s=None: f"/webinars/{w.webinar.slug}/calendar.ics"
    ),
}

# State-changing actions for one role, whose refusal to everyone else is what matters here
# (their own behaviour is tested in each app's tests). POSTed by every role; the holders of
# the role are not asked (the action would change the community under the other rows).
ACTIONS: dict[str, tuple[Callable[..., str], tuple[str, ...]]] = {
    **{
        f"moderation:post-{action}": (
            lambda w, a=action: f"/moderation/posts/{w.posts['public'].pk}/{a}/",
            MODERATORS,
        )
        for action in ("approve", "hide", "restore", "dismiss-flags")
    },
    **{
        f"moderation:thread-{action}": (
            lambda w, a=action: f"/moderation/threads/{w.threads['public'].pk}/{a}/",
            MODERATORS,
        )
        for action in ("lock", "unlock", "pin", "unpin", "move")
    },
    **{
        f"moderation:member-{action}": (
            lambda w, a=action: f"/moderation/members/rt_other/{a}/",
            MODERATORS,
        )
        for action in ("warn", "suspend", "lift")
    },
    "safety:clinical-note": (
        lambda w: f"/moderation/clinical/{w.posts['public'].pk}/note/",
        CLINICAL,
    ),
    "safety:clinical-dismiss": (
        lambda w: f"/moderation/clinical/{w.posts['public'].pk}/dismiss/",
        CLINICAL,
    ),
    "safety:care-reach-out": (lambda w: "/moderation/care/999999/reach-out/", MODERATORS),
    "safety:care-close": (lambda w: "/moderation/care/999999/close/", MODERATORS),
    "insights:subscription": (lambda w: "/staff/insights/summary/", STAFF),
    "conversations:close-report": (lambda w: "/moderation/messages/999999/close/", MODERATORS),
    "conversations:redact-reported": (
        lambda w: "/moderation/messages/999999/redact/",
        MODERATORS,
    ),
    "mentors:claim": (lambda w: f"/mentors/{w.threads['public'].pk}/claim/", ("mentor",)),
    "mentors:release": (lambda w: f"/mentors/{w.threads['public'].pk}/release/", ("mentor",)),
}

# Covered by their own app's tests, with the reason they need no content row here.
ELSEWHERE = {
    "notifications:open": "the member's own notification by id; tests/notifications",
    "notifications:unsubscribe": "a signed token, no content; tests/notifications",
    "notifications:unmute-thread": "deletes the member's own mute by id, shows nothing",
    "notifications:mute-member": "names a member, not content; tests/notifications",
    "notifications:unmute-member": "deletes the member's own mute by id, shows nothing",
    "webinars:register": "a member's registration, no member content; tests/webinars",
    "webinars:cancel-registration": "a member's registration; tests/webinars",
    "webinars:attended": "a registrant's own attendance, no content; tests/webinars",
    "webinars:slides": "an uploaded PDF behind may_see_slides; tests/webinars/test_slides.py",
}


def _all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace: str, grouped: str | None) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = ":".join(filter(None, [namespace, entry.namespace]))
                module = getattr(entry.urlconf_module, "__name__", "")
                group = grouped
                if entry.namespace == "admin":
                    group = "admin"
                elif module.startswith("allauth"):
                    group = "allauth"
                walk(entry.url_patterns, inner, group)
            elif isinstance(entry, URLPattern):
                if grouped:
                    names.add(f"[{grouped}]")
                    continue
                name = entry.name or str(entry.pattern)
                names.add(f"{namespace}:{name}" if namespace else name)

    walk(get_resolver().url_patterns, "", None)
    return names


GROUPED = {"[admin]": NOT_CONTENT, "[allauth]": NOT_CONTENT}


def test_every_url_in_the_urlconf_has_a_row():
    # Conversation pages (participants only) have their own role x state table.
    from tests.access.test_conversation_routes import CONVERSATION_ROUTES

    known = set(ROUTES) | set(ACTIONS) | set(ELSEWHERE) | set(GROUPED) | set(CONVERSATION_ROUTES)
    missing = sorted(_all_url_names() - known)
    assert not missing, f"URLs without a row in the route table: {missing}"
    stale = sorted(known - _all_url_names())
    assert not stale, f"Rows for URLs that no longer exist: {stale}"


# --- Asking every row -------------------------------------------------------------------


def _is_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def _ask(world: World, role: str, route: Route, url: str):
    client = world.client(role)
    if route.method == "POST":
        return client.post(url, {"kind": "helpful", "body": "A reply", "reason": "spam"})
    return client.get(url)


def _expected(route: Route, role: str, state: str | None) -> int | str:
    if route.kind == "gated":
        if role == "visitor":
            return LOGIN
        return 200 if role in route.roles else 403
    if route.kind == "page":
        if role == "visitor" and route.login:
            return LOGIN
        return 0  # any status but 500 (the leak check is what matters)
    assert state is not None
    readers = route.readers or (reads_thread if route.kind == "thread" else reads_post)
    readable = readers(role, state)
    if role == "visitor" and (route.login or route.method == "POST"):
        return LOGIN
    if not readable:
        if role == "visitor" and route.login_wall and state == "members_only":
            return LOGIN
        return 404
    return route.expect(role, state) if route.expect else 0


def _leaks(world: World, role: str, body: str) -> list[str]:
    return [
        f"{state}:{secret}"
        for state in STATES
        for secret in secrets_for(role, state, world)
        if secret.lower() in body.lower()
    ]


def test_every_route_for_every_role_and_content_state(
    db, settings, django_capture_on_commit_callbacks
):
    # Tasks queued on commit run too: notifications, e-mails and page-cache bumps are real.
    with django_capture_on_commit_callbacks(execute=True):
        world = build_world(settings)
    failures: list[str] = []

    def check(name: str, role: str, state: str | None, route: Route, url: str) -> None:
        before = route.side_effects() if route.side_effects else None
        response = _ask(world, role, route, url)
        expected = _expected(route, role, state)
        got = response.status_code
        where = f"{name} as {role}" + (f" on {state}" if state else "") + f" ({url})"
        if expected == LOGIN:
            if not _is_login(response):
                failures.append(f"{where}: expected the log-in page, got {got}")
        elif expected and got != expected:
            failures.append(f"{where}: expected {expected}, got {got}")
        elif not expected and got >= 500:
            failures.append(f"{where}: server error {got}")
        if expected == 404 and before is not None and route.side_effects() != before:
            failures.append(f"{where}: a 404 changed something")
        # The requested address itself (a slug names its title) is echoed back, e.g. in the
        # log-in link; the reader sent it, so it is no leak.
        body = response.content.decode(errors="replace")
        body = body.replace(url, "").replace(quote(url), "").replace(quote(url, safe=""), "")
        leaked = [] if role in route.sees_all else _leaks(world, role, body)
        if leaked:
            failures.append(f"{where}: shows what {role} may not read: {leaked}")

    for name, route in ROUTES.items():
        for role in ROLES:
            if route.kind in ("thread", "post"):
                for state in STATES:
                    url = route.url(world, state)
                    if name == "community:thread-detail":
                        url += f"?reply_to={world.posts[state].pk}"  # the quote form too
                    check(name, role, state, route, url)
            else:
                check(name, role, None, route, route.url(world))
    for name, (url, holders) in ACTIONS.items():
        for role in ROLES:
            if role in holders:
                continue
            response = world.client(role).post(url(world), {"reason": "x"})
            expected = "login" if role == "visitor" else 403
            ok = _is_login(response) if expected == "login" else response.status_code == 403
            if not ok:
                failures.append(
                    f"{name} as {role}: expected {expected}, got {response.status_code}"
                )
    assert not failures, "\n".join(failures)


# --- Bad input: forged, unreadable and stale ids look exactly like missing ones ----------

MISSING = 987654321
ID_PATHS = [
    "/p/{id}/",
    "/p/{id}/history/",
    "/p/{id}/flag/",
    "/p/{id}/react/",
    "/p/{id}/edit/",
    "/p/{id}/delete/",
    "/p/{id}/redact/",
    "/t/{id}/any-slug/",
    "/t/{id}/any-slug/reply/",
    "/t/{id}/any-slug/follow/",
    "/t/{id}/any-slug/draft/",
    "/t/{id}/any-slug/unread/",
    "/notifications/mute/thread/{id}/",
]


def _page_without_token(response) -> bytes:
    # The header's log-out form carries a fresh CSRF token on every page, and the footer's
    # language switch the address the reader asked for (theirs already: nothing leaks).
    content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content)
    return re.sub(rb'name="next" value="[^"]+"', b"", content)


def test_an_unreadable_id_gets_the_same_404_as_a_missing_one(db, settings):
    world = build_world(settings)
    client = world.client("other_member")
    # In a thread whose first post moderators hid: unreadable for a member, whatever its id.
    post, thread = world.posts["hidden_first_post"], world.threads["hidden_first_post"]
    for path in ID_PATHS:
        content_id = post.pk if path.startswith("/p/") else thread.pk
        ask = (
            client.post
            if path.endswith(("react/", "reply/", "follow/", "draft/", "/thread/{id}/"))
            else client.get
        )
        unreadable, missing = ask(path.format(id=content_id)), ask(path.format(id=MISSING))
        assert unreadable.status_code == missing.status_code == 404, path
        assert _page_without_token(unreadable) == _page_without_token(missing), path


@pytest.mark.parametrize("path", ["/p/abc/", "/t/1x/slug/", "/p/99999999999999999999/flag/"])
def test_forged_ids_get_a_404_never_a_500(member_client, path):
    assert member_client.get(path).status_code == 404
