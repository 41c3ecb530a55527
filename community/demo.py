"""Demo discussions: fictional people, warm and ordinary conversations. Safe to run again.

One thread ("The first weeks home after a transplant") runs to three pages, with replies that
quote posts on earlier pages, @mentions and reactions, so quoted replies and "Jump to this
post" can be tried across pages.
"""

import datetime

from django.db.models import Max
from django.test import override_settings
from django.utils import timezone

from community import services
from community.models import Group, Post, PostRevision, Thread

GROUPS = [
    (
        "newcomers",
        "Newcomers",
        "New here? Say hello, ask how things work, and meet people who have been where you are.",
    ),
    (
        "transplants",
        "Transplants",
        "Waiting lists, surgery, the first year and the years after: for recipients, donors "
        "and families.",
    ),
    (
        "lung-health",
        "Lung Health",
        "COPD, cystic fibrosis, pulmonary fibrosis and everything that makes breathing hard "
        "work: day-to-day tips and honest talk.",
    ),
    (
        "caregivers",
        "Caregivers",
        "For partners, parents, children and friends who care for someone. Your tiredness "
        "and your questions belong here too.",
    ),
    (
        "mental-health",
        "Mental health",
        "Low days, worry, grief and the weight of a long illness. Gentle company, no judgement. "
        "E-mails about this group never name it or quote what was written.",
    ),
]
# Groups whose e-mails carry no group name, thread title or post text (Group.is_sensitive);
# readable by visitors, but search engines are asked not to list them.
SENSITIVE_GROUPS = {"mental-health"}

LONG_THREAD_TITLE = "The first weeks home after a transplant"

# (author, body, quotes: position of the post it answers or None). Positions are 1-based.
LONG_THREAD = [
    ("sam_k", "I'm on the list for new lungs and I keep wondering what the first weeks at home "
     "are really like. Not the leaflet version: the real one. What surprised you? What do you "
     "wish someone had told you?", None),
    ("mentor_walt", "Welcome, Sam. For me the biggest surprise was how *tired* I was, even when "
     "the numbers looked great. Plan nothing for the afternoons. Naps are part of the job.", None),
    ("nurse_rosa", "Good question, Sam. From the clinic side: write down every medicine time on "
     "one sheet and tick it off. In the first month the schedule changes often and a sheet on "
     "the fridge beats memory every time.", None),
    ("june_b", "My husband isn't a transplant patient, but the pill sheet idea saved us with his "
     "inhalers too. We use a whiteboard next to the kettle.", None),
    ("ana_lucia", "We're a CF family, so the transplant conversation is coming for us one day. "
     "Following this thread closely. Thank you all for being so open.", None),
    ("mentor_walt", "The other thing: masks in crowded places, and hand gel everywhere. It felt "
     "silly at first. Now it's just like putting on a seatbelt.", None),
    ("theo_r", "Three years post-kidney here. The first weeks I was scared of every twinge. My "
     "coordinator said: call if you're not sure. I called a lot. Nobody minded.", None),
    ("sam_k", "That helps, Theo. I think I'm more scared of being a nuisance than of the "
     "surgery itself.", 7),
    ("nurse_rosa", "Please never worry about that, Sam. A phone call that turns out to be "
     "nothing is a good day for us. A problem found late is a bad one.", 8),
    ("june_b", "Sam, you are allowed to need people. That took me a long time to learn.", None),
    ("mentor_walt", "Food was strange for a while. Things tasted different, and some favourites "
     "are off the list for good (grapefruit, goodbye). Ask the dietitian for a list before you "
     "go home.", None),
    ("ana_lucia", "Is the grapefruit thing because of the anti-rejection medicines?", 11),
    ("nurse_rosa", "Yes, @ana_lucia: grapefruit changes how some of those medicines are "
     "absorbed. Pomelo and Seville oranges too. Your team will give you the full list.", 12),
    ("theo_r", "Sleep was the hardest part for me. The steroids kept me wide awake at 3 a.m. "
     "Audiobooks helped more than anything.", None),
    ("sam_k", "Any audiobook recommendations? I'll need something long.", 14),
    ("theo_r", "Anything read by a calm voice. I got through a whole series of old detective "
     "novels. No cliffhangers at 3 a.m., that's the rule.", 15),
    ("june_b", "For the family side: we set up a group chat so I didn't have to repeat the same "
     "update ten times a day. One message, everyone informed, my energy saved.", None),
    ("mentor_walt", "Good tip, June. My sister ran ours. She also kept a list of people who "
     "offered to help, with what they could do: driving, meals, shopping.", 17),
    ("ana_lucia", "I love the idea of a helpers list. People always say 'let me know if you "
     "need anything' and then I never know what to ask for.", 18),
    ("nurse_rosa", "A practical one: bring a small bag to every clinic visit with your medicine "
     "list, a snack, water and something to read. Early visits can be long.", None),
    ("sam_k", "Writing all of this down. I've started a notebook called 'After'. It feels "
     "hopeful just to have it.", None),
    ("theo_r", "'After' is a lovely name for it, Sam.", 21),
    ("mentor_walt", "Walking: start small. The first day I made it to the end of the hallway and "
     "cried. Six weeks later I walked to the bakery. Count the small wins.", None),
    ("june_b", "@mentor_walt the bakery story made me tear up. Small wins, writing that on the "
     "whiteboard too.", 23),
    ("ana_lucia", "How did you all handle visitors? Everyone wants to come and see you, and "
     "you're supposed to avoid germs.", None),
    ("theo_r", "Short visits, outdoors when possible, and anyone with a sniffle stays home. My "
     "mum put a polite sign on the door. It worked.", 25),
    ("nurse_rosa", "That's exactly right. And it is fine to say 'not this week'. Protecting "
     "your energy is part of recovering.", 26),
    ("sam_k", "I'm going to borrow the sign idea. Maybe with a drawing of a cat so it looks "
     "friendly.", 26),
    ("mentor_walt", "A cat drawing is mandatory, I'd say.", 28),
    ("june_b", "Something nobody told us: the emotional dip around week three. Everything was "
     "going well and he felt low anyway. It passed, but it helped to know it's common.", None),
    ("nurse_rosa", "Thank you for mentioning that, June. Low mood after big surgery is common "
     "and treatable. Please tell your team if it lasts more than a couple of weeks.", 30),
    ("theo_r", "I had the week-three dip too. Talking to another patient helped more than I "
     "expected. That's partly why I'm here.", 30),
    ("ana_lucia", "This thread is turning into the guide I wish existed. Could we pin it?", None),
    ("nurse_rosa", "Pinned. Thank you all, this is a good one.", 33),
    ("sam_k", "Update: I got a call today for my pre-transplant workup dates. Nervous and "
     "excited in equal parts.", None),
    ("mentor_walt", "That's a big step, Sam. Bring your 'After' notebook and write your "
     "questions in it as they come to you.", 35),
    ("june_b", "Thinking of you, Sam. Deep breaths (well, the best you can manage).", 35),
    ("theo_r", "Ask them about the medicine sheet Rosa mentioned right at the start. Ours was "
     "colour-coded and it was brilliant.", 3),
    ("nurse_rosa", "We do colour-code ours now, Theo. It came from a patient's suggestion, "
     "actually.", 38),
    ("ana_lucia", "Going back to what Walt said about being tired: how long did the afternoon "
     "naps last for you?", 2),
    ("mentor_walt", "About three months of daily naps, then they faded. Some days I still take "
     "one, and I've stopped feeling guilty about it.", 40),
    ("sam_k", "Reading this thread again from the start. It has become my comfort reading. "
     "Thank you, everyone.", None),
    ("june_b", "That's what this place is for, Sam. We're all a bit further along the same "
     "road, and we'll keep a seat warm for you.", 42),
    ("theo_r", "Workup tip: wear comfortable clothes and bring a charger. It's a long day of "
     "tests and waiting.", None),
    ("sam_k", "Workup done! Long day, kind people. Now we wait for the call. I re-read Walt's "
     "first message about naps on the way home and took one immediately.", 2),
    ("mentor_walt", "Proud of you. The waiting is its own kind of hard. We're here for it.", 45),
    ("nurse_rosa", "Well done, @sam_k. Keep your phone charged and your bag by the door, and "
     "keep talking to us here.", 45),
]  # fmt: skip

SHORT_THREADS = [
    (
        "newcomers",
        "Hello from a nervous newcomer",
        "theo_r",
        "Hi everyone. I found this group through the clinic leaflet. I'm not great at "
        "writing about myself, but I wanted to say hello.",
        [
            ("mentor_walt", "Welcome, Theo! No need to write much. Read for a while, ask "
             "anything, whenever you're ready.", 1),
            ("june_b", "Hello and welcome. We were all nervous newcomers once.", None),
        ],
    ),
    (
        "lung-health",
        "Pacing tips for bad breathing days",
        "june_b",
        "My husband has COPD and the cold mornings are hard on him. What helps you pace "
        "yourselves on the bad days?\n\n- We sit down to get dressed\n- Breakfast is ready "
        "the night before",
        [
            ("sam_k", "Sitting for everything, and planning the day so the hardest task is at "
             "my best time (late morning for me).", 1),
            ("ana_lucia", "For my daughter, a scarf over the mouth outside helps with cold "
             "air. And **no** rushing: we leave ten minutes earlier for everything.", None),
            ("nurse_rosa", "All good tips. Pursed-lip breathing while you move helps many "
             "people. Ask your respiratory team to show you in person.", 2),
        ],
    ),
    (
        "transplants",
        "Questions to ask at the pre-transplant workup",
        "sam_k",
        "My workup is in two weeks. I'm collecting questions so I don't freeze in the room. "
        "What did you ask, or wish you had asked?",
        [
            ("theo_r", "Ask who to call at night, and write the number in your notebook "
             "before you leave.", 1),
            ("mentor_walt", "I asked how long the first hospital stay usually is, so my "
             "family could plan. And whether I could bring my own pillow (yes!).", None),
            ("nurse_rosa", "All good ones. Also ask about vaccinations: some are best done "
             "*before* the transplant.", 1),
        ],
    ),
    (
        "lung-health",
        "Oxygen on a plane: has anyone done it?",
        "june_b",
        "We'd love to visit our daughter, but it means a three-hour flight with his oxygen. "
        "Has anyone flown with a portable concentrator?",
        [
            ("sam_k", "Yes, last spring. Book early: the airline wanted a form from the "
             "doctor weeks ahead, and the batteries had to last 150% of the flight time.", 1),
        ],
    ),
    (
        "caregivers",
        "When you're the one who needs looking after",
        "ana_lucia",
        "I'm so used to caring for my daughter that I forgot my own dentist appointment "
        "twice this year. How do you look after yourselves?",
        [
            ("june_b", "I put my own appointments in the same calendar as his, in a "
             "different colour. If it's not in the calendar, it doesn't happen.", 1),
            ("mentor_walt", "My wife says her walk with a friend on Thursdays is "
             "non-negotiable. Having someone expecting you helps.", None),
            # Written in Spanish (Post.language, detected): English readers see "Written in
            # Spanish" above it, Spanish readers see "Escrito en inglés" above the others.
            ("ana_lucia", "Gracias a los dos. Le pedí a mi hermana que se quede con mi hija "
             "los jueves por la tarde, y por fin tengo una hora para mí. Es difícil pedir "
             "ayuda, pero vale la pena.", None),
        ],
    ),
    (
        "mental-health",
        "Feeling flat after the good news",
        "sam_k",
        "The scan was clear and everyone is celebrating, but I just feel flat and tired. "
        "Is that normal? I thought I would feel relieved.",
        [
            ("mentor_walt", "Very normal, Sam. After months on alert, the body and mind take "
             "a while to stand down. Be gentle with yourself.", 1),
            ("nurse_rosa", "Thank you for saying it out loud. If the flatness stays for more "
             "than a couple of weeks, tell your team: support is there for this too.", None),
        ],
    ),
]  # fmt: skip

REACTIONS = [
    # (position in the long thread, reacting member, kind)
    (2, "sam_k", "helpful"), (2, "ana_lucia", "helpful"), (3, "june_b", "helpful"),
    (3, "sam_k", "helpful"), (3, "theo_r", "helpful"), (8, "june_b", "hug"),
    (9, "sam_k", "hug"), (10, "sam_k", "hug"), (21, "june_b", "hug"), (21, "theo_r", "hug"),
    (23, "june_b", "hug"), (23, "sam_k", "helpful"), (30, "ana_lucia", "helpful"),
    (31, "june_b", "helpful"), (35, "mentor_walt", "hug"), (35, "ana_lucia", "hug"),
    (45, "june_b", "hug"), (45, "theo_r", "hug"),
]  # fmt: skip


def _spread_in_time(thread: Thread, *, start: datetime.datetime, step: datetime.timedelta):
    """Demo posts are written in a moment; give them the rhythm of a real conversation."""
    when = start
    for post in thread.posts.order_by("position"):
        Post.objects.filter(pk=post.pk).update(created_at=when)
        when += step
    Thread.objects.filter(pk=thread.pk).update(created_at=start, last_activity_at=when - step)
    latest = Thread.objects.filter(group_id=thread.group_id).aggregate(
        latest=Max("last_activity_at")
    )
    Group.objects.filter(pk=thread.group_id).update(last_activity_at=latest["latest"])


def _add_thread(group, title, author, body, replies, members, *, start, step) -> Thread:
    thread = services.create_thread(group=group, author=members[author], title=title, body=body)
    posts = {1: thread.posts.get(position=1)}
    for handle, text, quotes in replies:
        post = services.create_reply(
            thread=thread, author=members[handle], body=text, reply_to=posts.get(quotes)
        )
        posts[post.position] = post
    _spread_in_time(thread, start=start, step=step)
    return thread


def load(members: dict) -> None:
    # The demo's conversations were written by established members, long before today:
    # pre-moderation and the new-member limits (moderation.rules) do not hold them back.
    with override_settings(
        PREMODERATE_FIRST_POSTS=0,
        NEW_MEMBER_POSTS_PER_HOUR=1_000_000,
        NEW_MEMBER_MAX_LINKS_PER_POST=1_000_000,
    ):
        _load(members)


def _load(members: dict) -> None:
    groups = {}
    for order, (slug, name, description) in enumerate(GROUPS):
        groups[slug], _ = Group.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "position": order,
                "is_sensitive": slug in SENSITIVE_GROUPS,
                "visibility": (
                    Group.Visibility.UNLISTED
                    if slug in SENSITIVE_GROUPS
                    else Group.Visibility.PUBLIC
                ),
            },
        )
    now = timezone.now()
    if not Thread.objects.filter(group=groups["transplants"], title=LONG_THREAD_TITLE).exists():
        author, body, _ = LONG_THREAD[0]
        thread = _add_thread(
            groups["transplants"],
            LONG_THREAD_TITLE,
            author,
            body,
            LONG_THREAD[1:],
            members,
            start=now - datetime.timedelta(days=20),
            step=datetime.timedelta(hours=9),
        )
        Thread.objects.filter(pk=thread.pk).update(is_pinned=True)
        by_position = {p.position: p for p in thread.posts.all()}
        for position, handle, kind in REACTIONS:
            services.toggle_reaction(post=by_position[position], member=members[handle], kind=kind)
        services.edit_post(
            post=by_position[3],
            editor=members["nurse_rosa"],
            body=by_position[3].body_markdown + " Bring the sheet to every clinic visit too.",
        )
        # The edit came an hour after the post, not today.
        edited = Post.objects.get(pk=by_position[3].pk)
        an_hour_later = edited.created_at + datetime.timedelta(hours=1)
        Post.objects.filter(pk=edited.pk).update(edited_at=an_hour_later)
        PostRevision.objects.filter(post=edited).update(
            written_at=edited.created_at, replaced_at=an_hour_later
        )
    for days_ago, (slug, title, author, body, replies) in enumerate(SHORT_THREADS, start=1):
        if Thread.objects.filter(group=groups[slug], title=title).exists():
            continue
        _add_thread(
            groups[slug],
            title,
            author,
            body,
            replies,
            members,
            start=now - datetime.timedelta(days=days_ago, hours=5),
            step=datetime.timedelta(hours=2),
        )
