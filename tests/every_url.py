"""Every URL pattern of the site as a path a test can request, with real objects in it.

Walks django.urls.get_resolver(), so a page added later is covered without editing a list.
Path parameters are filled from the demo community (`manage.py load_demo`): the thread,
post, group, webinar and member a reader would really open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from accounts.models import User
from community.models import Group, Post, Thread
from conversations.models import Conversation, Message
from notifications.models import Notification
from webinars.models import Webinar

_ROUTE_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


@dataclass(frozen=True)
class Pattern:
    template: str  # "/t/{pk}/{slug}/": the path with its parameters as format fields
    params: tuple[str, ...]

    def path(self, **values: str) -> str:
        return self.template.format(**values)


def _walk(patterns, prefix: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + _as_template(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + _as_template(entry.pattern)


def _as_template(pattern) -> str:
    text = str(pattern).replace("{", "{{").replace("}", "}}")
    if isinstance(pattern, RoutePattern):
        return _ROUTE_PARAM.sub(r"{\1}", text)
    return _REGEX_GROUP.sub(r"{\1}", text).replace("^", "").replace("$", "")


def all_patterns() -> list[Pattern]:
    found = []
    for template in dict.fromkeys(_walk(get_resolver().url_patterns)):
        params = tuple(dict.fromkeys(re.findall(r"(?<!\{)\{(\w+)\}", template)))
        found.append(Pattern(template="/" + template, params=params))
    return found


@dataclass(frozen=True)
class Demo:
    """The objects of the demo community the paths name."""

    thread: Thread
    post: Post
    group: Group
    webinar: Webinar
    member: User
    notification: Notification
    conversation: Conversation
    message: Message

    @classmethod
    def load(cls) -> Demo:
        """Loads the demo community (`manage.py load_demo`) and picks its objects."""
        call_command("load_demo", verbosity=0)
        thread = Thread.objects.filter(webinar__isnull=True).order_by("pk").first()
        return cls(
            thread=thread,
            post=Post.objects.filter(thread=thread).order_by("position").first(),
            group=thread.group,
            webinar=Webinar.objects.filter(thread__isnull=False).order_by("pk").first(),
            member=User.objects.get(handle="sam_k"),
            notification=Notification.objects.order_by("pk").first(),
            # sam_k's and june_b's (conversations.demo): sam_k reaches its real pages.
            conversation=Conversation.objects.order_by("pk").first(),
            message=Message.objects.filter(author__handle="june_b").order_by("pk").first(),
        )

    def values_for(self, pattern: Pattern) -> dict[str, str]:
        """Values that make the pattern name a real object of the demo community."""
        path = pattern.template
        if path.startswith("/groups/"):
            slug = self.group.slug
        elif path.startswith("/webinars/"):
            slug = self.webinar.slug
        else:
            slug = self.thread.slug
        if path.startswith(("/p/", "/moderation/posts/", "/moderation/clinical/")):
            pk = self.post.pk
        elif path.startswith("/notifications/"):
            pk = self.notification.pk
        elif path.startswith("/messages/"):
            pk = self.conversation.pk
        else:
            pk = self.thread.pk
        values = {
            "pk": pk,
            "slug": slug,
            "thread_id": self.thread.pk,
            "member_id": self.member.pk,
            "handle": self.member.handle,
            "id": self.member.pk,
            "object_id": self.post.pk,
            "content_type_id": 1,
            "app_label": "community",
            "url": "nothing-here/",
            "token": "not-a-token",
            "key": "not-a-key",
            "uidb36": "1",
            "message_id": self.message.pk,
            "notification_id": self.notification.pk,
            "report_id": self.post.pk,
        }
        return {name: str(values[name]) for name in pattern.params}
