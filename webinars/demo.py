"""Demo webinars: one archived (slides, recording, transcript and chapters, a discussion with
quoted replies) and two upcoming. Fictional presenters and content. Safe to run again: rows
are found by slug."""

import datetime
import zoneinfo

from django.db.models import Max
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from community import services as community_services
from community.models import Group, Post, Thread
from webinars import services, transcripts, webvtt
from webinars.models import Chapter, Presenter, Registration, Transcript, Webinar, WebinarPresenter

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")

PRESENTERS = {
    "amara": {
        "name": "Amara Okafor, PharmD",
        "title": "Transplant pharmacist, Riverside Hospital",
        "bio": (
            "Amara has looked after the medicines of kidney and liver transplant patients for "
            "eleven years. She runs the hospital's new-transplant medicine class and believes "
            "no question about a pill is too small to ask."
        ),
    },
    "marcus": {
        "name": "Marcus Bell, RRT",
        "title": "Respiratory therapist, Pulmonary Rehabilitation",
        "bio": (
            "Marcus teaches breathing techniques and helps people with COPD and pulmonary "
            "fibrosis get the most from their inhalers and oxygen. Before joining the rehab "
            "team he spent eight years in intensive care."
        ),
    },
    "rosa": {
        "name": "Rosa Delgado, RN",
        "title": "Transplant nurse coordinator",
        "bio": (
            "Rosa guides patients and families from the first referral to the years after a "
            "transplant. She also moderates this community."
        ),
        "member": "nurse_rosa",
    },
    "walt": {
        "name": "Walt Jensen",
        "title": "Volunteer mentor, kidney recipient since 2016",
        "bio": "Walt remembers his own evaluation well and shares what he wishes he had known.",
        "member": "mentor_walt",
    },
}

ARCHIVED_DESCRIPTION = """\
The first year after a kidney transplant comes with a new routine of medicines: some to \
protect the new kidney, some to prevent infection, some for blood pressure. It can feel \
like a lot at once.

In this hour Amara walks through:

- why anti-rejection medicines are taken at the same times every day
- what to do when you miss a dose, or are sick and cannot keep tablets down
- foods and over-the-counter remedies that change how medicines work
- keeping a medicine list your whole care team can read

There is time at the end for questions. Caregivers are very welcome."""

COPD_DESCRIPTION = """\
Small changes at home can make breathing easier day to day. Marcus shares what he teaches \
in pulmonary rehabilitation:

- pursed-lip breathing and how to use it on the stairs
- checking your inhaler technique (most of us can do better)
- pacing the day so that energy lasts until the evening
- when a change in breathing means you should call your care team

Bring your inhaler if you would like Marcus to look at your technique."""

EVALUATION_DESCRIPTION = """\
Being referred for a transplant evaluation raises many questions. Rosa explains what the \
evaluation days look like, which tests to expect and who you will meet. Walt, a volunteer \
mentor, shares what helped him and his family get through it.

You will leave with a checklist of what to bring and questions to ask. This session is \
held at the hospital; the recording will be posted here afterwards."""

# The archived recording's captions (the start and a few later moments of the talk), read
# by webinars.webvtt like a staff upload, and its chapters (seconds, title).
ARCHIVED_CAPTIONS = """\
WEBVTT

00:00:04.000 --> 00:00:09.000
<v Rosa Delgado>Good afternoon, everyone, and welcome. I'm Rosa, one of the transplant nurses.

00:00:09.500 --> 00:00:15.000
<v Rosa Delgado>Today Amara is with us to talk about medicines in the first year. Amara?

00:00:15.500 --> 00:00:21.000
<v Amara Okafor>Thank you, Rosa. Let's start with the medicines that protect your new kidney.

00:03:10.000 --> 00:03:17.000
<v Amara Okafor>Anti-rejection medicines work best at a steady level: take them at the same times.

00:03:17.500 --> 00:03:23.000
<v Amara Okafor>Many people set two phone alarms: one for the dose, one fifteen minutes later.

00:07:45.000 --> 00:07:52.000
<v Amara Okafor>If you miss a dose, take it when you remember, unless the next one is nearly due.

00:07:52.500 --> 00:07:58.000
<v Amara Okafor>Never take a double dose. When in doubt, call the transplant pharmacy, day or night.

00:12:30.000 --> 00:12:37.000
<v Amara Okafor>Grapefruit, pomelo and some herbal teas change how these medicines are absorbed.

00:12:37.500 --> 00:12:43.000
<v Amara Okafor>Before any new remedy, even one from the health-food shop, ask your pharmacist.

00:18:05.000 --> 00:18:12.000
<v Amara Okafor>Keep one medicine list, with doses and times, and bring it to every appointment.

00:24:00.000 --> 00:24:06.000
<v Rosa Delgado>A question from a caregiver: what if he is sick and cannot keep tablets down?

00:24:06.500 --> 00:24:13.000
<v Amara Okafor>Then please call us the same day. Missing several doses is a reason to be seen.
"""
ARCHIVED_CHAPTERS = [
    (0, "Welcome"),
    (190, "Taking medicines at the same times"),
    (465, "When you miss a dose"),
    (750, "Food, drinks and other remedies"),
    (1085, "Keeping a medicine list"),
    (1440, "Questions from members"),
]

# (key, author handle, Markdown, key of the post it answers, quoted excerpt)
ARCHIVED_DISCUSSION = [
    (
        "walt-thanks",
        "mentor_walt",
        "Thank you, Amara. The tip about setting the phone alarm for the evening dose *and* a "
        "second one fifteen minutes later is the one I wish I had heard in 2016.",
        None,
        "",
    ),
    (
        "june-food",
        "june_b",
        "The part about grapefruit surprised me. My husband is not a transplant patient, but he "
        "takes several medicines for his COPD. Is it worth asking his pharmacist whether any of "
        "them mix badly with food?",
        None,
        "",
    ),
    (
        "rosa-food",
        "nurse_rosa",
        "Yes, always worth asking, @june_b. Pharmacists are glad to do a full medicine review; "
        "bring every bottle, including vitamins and anything from the health-food shop.",
        "june-food",
        "Is it worth asking his pharmacist whether any of them mix badly with food?",
    ),
    (
        "june-trial",
        "june_b",
        "I would like to watch the recording with my husband this weekend. Could I have the "
        "premium trial, please?",
        None,
        "",
    ),
    (
        "rosa-trial",
        "nurse_rosa",
        "You're all set, June. Your premium trial runs for two months. Enjoy the recording, and "
        "do post any questions it raises here.",
        "june-trial",
        "Could I have the premium trial, please?",
    ),
    (
        "ana-organiser",
        "ana_lucia",
        "@mentor_walt which pill organiser do you use? My daughter's evening doses keep getting "
        "missed when she is at her friends' houses.",
        "walt-thanks",
        "The tip about setting the phone alarm for the evening dose and a second one fifteen "
        "minutes later",
    ),
    (
        "walt-organiser",
        "mentor_walt",
        "A plain weekly one with morning and evening rows, nothing fancy. For a teenager I "
        "would try a small travel case on her keyring and an alarm named after the medicine, "
        "so it does not just say \u201calarm\u201d.",
        "ana-organiser",
        "which pill organiser do you use?",
    ),
]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=CHICAGO)


def _presenters(members: dict[str, User]) -> dict[str, Presenter]:
    result = {}
    for key, data in PRESENTERS.items():
        member = members.get(data.get("member", ""))
        presenter, _ = Presenter.objects.update_or_create(
            name=data["name"],
            defaults={"title": data["title"], "bio": data["bio"], "member": member},
        )
        result[key] = presenter
    return result


def _webinar(slug: str, presenters: list[Presenter], author: User, **fields) -> Webinar:
    webinar = Webinar.objects.filter(slug=slug).first() or Webinar(slug=slug)
    for name, value in fields.items():
        setattr(webinar, name, value)
    webinar.save()
    for position, presenter in enumerate(presenters):
        WebinarPresenter.objects.update_or_create(
            webinar=webinar, presenter=presenter, defaults={"position": position}
        )
    services.create_discussion_thread(webinar, author=author)
    webinar.refresh_from_db()
    return webinar


def _add_discussion(thread: Thread, members: dict[str, User], starts: datetime.datetime):
    """Adds the demo replies once (only to a thread that has just its opening post), through
    community's services (mentions, quotes, counters, search), then gives them the rhythm of
    a real conversation."""
    if thread.last_position > 1:
        return
    by_key: dict[str, Post] = {}
    # Written by established members long before today, as community.demo says: moderation's
    # pre-moderation and new-member limits do not hold them back.
    with override_settings(
        PREMODERATE_FIRST_POSTS=0,
        NEW_MEMBER_POSTS_PER_HOUR=1_000_000,
        NEW_MEMBER_MAX_LINKS_PER_POST=1_000_000,
    ):
        for key, handle, body, answers, excerpt in ARCHIVED_DISCUSSION:
            by_key[key] = community_services.create_reply(
                thread=thread,
                author=members[handle],
                body=body,
                reply_to=by_key.get(answers) if answers else None,
                quote_excerpt=excerpt,
            )
    # The thread opened when the webinar was announced, a week before it.
    opened = starts - datetime.timedelta(days=7)
    Post.objects.filter(thread=thread, position=1).update(created_at=opened)
    moment = starts + datetime.timedelta(hours=2)
    for position, post in enumerate(by_key.values(), 2):
        moment += datetime.timedelta(hours=3, minutes=17 * position)
        Post.objects.filter(pk=post.pk).update(created_at=moment)
    Thread.objects.filter(pk=thread.pk).update(created_at=opened, last_activity_at=moment)


def _add_transcript(webinar: Webinar) -> None:
    """The archived recording's transcript (once) and chapters, as staff would upload them."""
    if not Transcript.objects.filter(webinar=webinar).exists():
        transcripts.store_transcript(
            transcript=Transcript(webinar=webinar),
            cues=webvtt.parse(ARCHIVED_CAPTIONS.encode()),
        )
    for seconds, title in ARCHIVED_CHAPTERS:
        Chapter.objects.update_or_create(
            webinar=webinar, starts_at_seconds=seconds, defaults={"title": title}
        )


def _announced(webinar: Webinar, *, days_ago: int) -> None:
    """A new webinar's thread opened when it was announced, not when the demo loaded."""
    when = timezone.now() - datetime.timedelta(days=days_ago)
    Thread.objects.filter(pk=webinar.thread_id, last_position=1).update(
        created_at=when, last_activity_at=when
    )
    Post.objects.filter(thread_id=webinar.thread_id, position=1).update(created_at=when)


def _settle_group_activity(group_id: int) -> None:
    latest = Thread.objects.filter(group_id=group_id).aggregate(latest=Max("last_activity_at"))
    Group.objects.filter(pk=group_id).update(last_activity_at=latest["latest"])


def load(members: dict[str, User]) -> None:
    presenters = _presenters(members)
    today = timezone.localdate(timezone=CHICAGO)
    rosa = members["nurse_rosa"]

    archived_start = _at(today - datetime.timedelta(days=21), 14)
    archived = _webinar(
        "kidney-transplant-medicines-first-year",
        [presenters["amara"]],
        rosa,
        title="Your medicines in the first year after a kidney transplant",
        starts_at=archived_start,
        ends_at=archived_start + datetime.timedelta(hours=1),
        time_zone="America/Chicago",
        description_markdown=ARCHIVED_DESCRIPTION,
        location_kind=Webinar.LocationKind.ONLINE,
        contact_email="webinars@example.org",
        contact_member=rosa,
        slides_url="https://example.org/webinars/kidney-medicines-first-year-slides.pdf",
        recording_url="https://example.org/webinars/kidney-medicines-first-year-recording",
        audience=Webinar.Audience.PREMIUM,
        slides_audience=Webinar.Audience.EVERYONE,  # as on the reference page
    )
    _add_discussion(archived.thread, members, archived_start)
    _add_transcript(archived)

    copd_start = _at(today + datetime.timedelta(days=9), 11)
    copd = _webinar(
        "breathing-easier-at-home-copd",
        [presenters["marcus"]],
        rosa,
        title="Breathing easier at home: everyday tips for COPD",
        starts_at=copd_start,
        ends_at=copd_start + datetime.timedelta(hours=1),
        time_zone="America/Chicago",
        description_markdown=COPD_DESCRIPTION,
        location_kind=Webinar.LocationKind.ONLINE,
        join_url="https://example.org/join/breathing-easier",
        contact_email="webinars@example.org",
        contact_member=rosa,
        audience=Webinar.Audience.MEMBERS,
    )
    Registration.objects.get_or_create(webinar=copd, member=members["june_b"])
    _announced(copd, days_ago=6)

    evaluation_start = _at(today + datetime.timedelta(days=30), 18)
    evaluation = _webinar(
        "preparing-for-transplant-evaluation",
        [presenters["rosa"], presenters["walt"]],
        rosa,
        title="Preparing for a transplant evaluation: what to bring, what to ask",
        starts_at=evaluation_start,
        ends_at=evaluation_start + datetime.timedelta(minutes=90),
        time_zone="America/Chicago",
        description_markdown=EVALUATION_DESCRIPTION,
        location_kind=Webinar.LocationKind.IN_PERSON,
        place_name="Riverside Hospital, Conference Room B (ground floor)",
        place_address="1200 River Road\nSpringfield",
        contact_email="transplant.office@example.org",
        contact_member=rosa,
        capacity=40,
        audience=Webinar.Audience.EVERYONE,
    )
    _announced(evaluation, days_ago=3)
    _settle_group_activity(archived.thread.group_id)
