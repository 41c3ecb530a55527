"""What a member may do right now, in plain words. Community code calls these before it acts.

ModerationConfig.ready() registers this module in community.hooks.posting_rules (community
sits below moderation and may not import it).

Each function answers a question and changes nothing (the one exception, count_new_post,
says so in its name): the caller shows the returned sentence next to the form and keeps the
member's text. None means "go ahead".

Settings (all optional):
    PREMODERATE_FIRST_POSTS        a new member's first N posts wait for a moderator (1; 0 = off)
    NEW_MEMBER_POSTS_PER_HOUR      posts an hour for members younger than a day (5)
    NEW_MEMBER_MAX_LINKS_PER_POST  links in one post for members younger than a day (2)
    FLAGS_TO_HIDE                  flags from different members that hide a post (3)
"""

import datetime

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import roles
from community.models import Post
from core import soft_cache
from core.context_processors import MISSING, known_fact
from core.dates import format_until
from core.markdown import render_markdown
from moderation.models import Sanction

NEW_MEMBER_AGE = datetime.timedelta(days=1)


def premoderate_first_posts() -> int:
    return getattr(settings, "PREMODERATE_FIRST_POSTS", 1)


def new_member_posts_per_hour() -> int:
    return getattr(settings, "NEW_MEMBER_POSTS_PER_HOUR", 5)


def new_member_max_links() -> int:
    return getattr(settings, "NEW_MEMBER_MAX_LINKS_PER_POST", 2)


def flags_to_hide() -> int:
    return getattr(settings, "FLAGS_TO_HIDE", 3)


def is_trusted(user) -> bool:
    """Staff, moderators and mentors skip pre-moderation and the new-member limits."""
    return roles.is_staff(user) or roles.is_mentor(user) or roles.is_moderator(user)


def is_new_member(user, *, now: datetime.datetime | None = None) -> bool:
    """Younger than a day and not trusted: the rate and link limits apply."""
    return (now or timezone.now()) - user.date_joined < NEW_MEMBER_AGE and not is_trusted(user)


def active_suspension(user, *, now: datetime.datetime | None = None) -> Sanction | None:
    """The suspension in force for this member, if any (the one that ends last).

    For the logged-in member "now", the answer read with their row at the start of the
    request (the `suspension_id` header fact) spares a query on every page; posting passes
    `now` and asks the database.
    """
    if not user.is_authenticated:
        return None
    known = known_fact(user, "suspension_id") if now is None else MISSING
    if known is None:
        return None
    suspensions = Sanction.objects.active_suspensions(now)
    if known is not MISSING:
        return suspensions.filter(pk=known).first()
    return suspensions.filter(member=user).order_by("-ends_at").first()


def suspension_id(user) -> Subquery:
    """The header fact `suspension_id`: the member's (OuterRef("pk")) suspension in force."""
    in_force = Sanction.objects.active_suspensions().filter(member=OuterRef("pk"))
    return Subquery(in_force.order_by("-ends_at").values("pk")[:1])


def suspension_message(suspension: Sanction) -> str:
    until = format_until(suspension.ends_at) if suspension.ends_at else _("further notice")
    return _(
        "Your account is suspended until %(until)s, so you cannot post, react or flag posts. "
        "You can still read everything. The moderators' reason: %(reason)s"
    ) % {"until": until, "reason": suspension.reason}


def suspension_refusal(user) -> str | None:
    """Why a suspended member may not post, react or flag now (with the date and reason)."""
    suspension = active_suspension(user)
    return suspension_message(suspension) if suspension is not None else None


def initial_post_status(*, author) -> str:
    """The status a new post by `author` starts with: pending while they are new here.

    A member's first PREMODERATE_FIRST_POSTS posts wait for a moderator: the post stays
    pending until that many of their posts have been approved (published). Staff, moderators
    and mentors are never held back.
    """
    wait_for = premoderate_first_posts()
    if wait_for <= 0 or is_trusted(author):
        return Post.Status.PUBLISHED
    approved = Post.objects.filter(author=author, status=Post.Status.PUBLISHED)[:wait_for].count()
    return Post.Status.PUBLISHED if approved >= wait_for else Post.Status.PENDING


def _rate_key(user, now: datetime.datetime) -> str:
    # One counter per member per clock hour; it expires by itself.
    return f"moderation:posts:{user.pk}:{now:%Y%m%d%H}"


def posting_refusal(*, user, now: datetime.datetime | None = None) -> str | None:
    """Why `user` may not post right now, in plain words; None when they may.

    Refuses visitors, deactivated accounts, suspended members (with the date and reason)
    and members younger than a day who already posted NEW_MEMBER_POSTS_PER_HOUR times this
    hour. The hourly count lives in the shared cache (Redis), so it holds across web servers;
    community code calls count_new_post() for each post it admits, before rendering it.
    """
    if not user.is_authenticated:
        return _("Please log in or register to post a reply.")
    if not user.is_active:
        return _("This account has been closed and cannot post.")
    now = now or timezone.now()
    suspension = active_suspension(user, now=now)
    if suspension is not None:
        return suspension_message(suspension)
    if is_new_member(user, now=now):
        limit = new_member_posts_per_hour()
        if (soft_cache.get(_rate_key(user, now)) or 0) >= limit:
            return ngettext(
                "New members can post %(limit)d time an hour during their first day. "
                "Please wait a little and try again; your text is kept below.",
                "New members can post %(limit)d times an hour during their first day. "
                "Please wait a little and try again; your text is kept below.",
                limit,
            ) % {"limit": limit}
    return None


def count_new_post(*, user, now: datetime.datetime | None = None) -> None:
    """Counts a post towards a new member's hourly limit. Call it once the post is admitted,
    before its text is rendered, so a request that dies while rendering still counts."""
    if not user.is_authenticated or not is_new_member(user, now=now):
        return
    key = _rate_key(user, now or timezone.now())
    soft_cache.increment(key, timeout=int(datetime.timedelta(hours=1, minutes=5).total_seconds()))


def count_links(body: str, *, html: str | None = None) -> int:
    """Links as readers would see them: Markdown links and bare addresses alike.

    `html`: the body already rendered (its @mention links are not counted), to save a render.
    """
    html = render_markdown(body) if html is None else html
    return html.count("<a ") - html.count('class="mention"')


def link_limit_error(*, user, body: str, html: str | None = None) -> str | None:
    """A message when a member younger than a day puts too many links in one post."""
    if not is_new_member(user):
        return None
    limit = new_member_max_links()
    found = count_links(body, html=html)
    if found <= limit:
        return None
    if limit == 0:
        return ngettext(
            "During their first day, new members can include no links in a post; this one "
            "has %(found)d. Please remove it and post again. Your text is kept below.",
            "During their first day, new members can include no links in a post; this one "
            "has %(found)d. Please remove them and post again. Your text is kept below.",
            found,
        ) % {"found": found}
    return ngettext(
        "During their first day, new members can include up to %(limit)d link in a post; "
        "this one has %(found)d. Please remove some and post again. Your text is kept below.",
        "During their first day, new members can include up to %(limit)d links in a post; "
        "this one has %(found)d. Please remove some and post again. Your text is kept below.",
        limit,
    ) % {"limit": limit, "found": found}


def may_react_or_flag(*, user) -> str | None:
    """Why `user` may not react to or flag posts; None when they may."""
    if not user.is_authenticated:
        return _("Please log in or register to react to or flag a post.")
    if not user.is_active:
        return _("This account has been closed.")
    suspension = active_suspension(user)
    if suspension is not None:
        return suspension_message(suspension)
    return None
