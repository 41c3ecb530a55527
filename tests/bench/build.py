"""Builds the benchmark community in PostgreSQL with set-based SQL (a minute, not an hour).

50 groups, 5,000 members, 20,000 threads, 200,000 posts, one thread of 2,000 posts, the demo
webinars with their discussions. Bodies are stored pre-rendered, as the product stores them.
"""

from django.db import connection, transaction

GROUPS = 50
MEMBERS = 5_000
THREADS = 20_000
POSTS = 200_000
LONG_THREAD_POSTS = 2_000

SENTENCES = [
    "The first weeks after my transplant were harder than I expected.",
    "My husband's oxygen levels dip at night and we are both so tired.",
    "Has anyone else had tremors from tacrolimus? Did they settle down?",
    "Pulmonary rehab helped me more than any inhaler, honestly.",
    "I keep a notebook of questions for clinic days, it really helps.",
    "Caregiving can feel lonely. Thank you all for being here.",
    "Walking to the mailbox and back was my victory today.",
    "What do you pack in your hospital bag for a long admission?",
    "Our nurse coordinator explained the rejection signs very clearly.",
    "Salt is hiding in everything. Any favourite low-sodium recipes?",
    "I was scared to ask about anxiety medicine but I'm glad I did.",
    "The waiting list is a strange place to live in.",
    "We found a support group near us through the social worker.",
    "Cold weather makes my breathing so much worse.",
    "Sending a hug to everyone waiting for news this week.",
    "My daughter reminds me to take my pills with a phone alarm.",
    "How did you explain your illness to your grandchildren?",
    "The fatigue is real, and it is not laziness.",
    "I asked the pharmacist to check my supplements, good advice.",
    "Three years since my new lungs. Hang in there, friends.",
]


def _sentence(expr: str) -> str:
    quoted = ",".join("'" + s.replace("'", "''") + "'" for s in SENTENCES)
    return f"(ARRAY[{quoted}])[1 + (({expr}) % {len(SENTENCES)})]"


def already_built() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM community_post")
        return cursor.fetchone()[0] >= POSTS


@transaction.atomic
def build() -> None:
    """Fills an empty, migrated database. Run the demo loader first (members, webinars)."""
    with connection.cursor() as c:
        c.execute(
            f"""
            INSERT INTO accounts_user (password, is_superuser, email, handle, display_name, bio,
                time_zone, hide_profile_from_visitors, allow_search_indexing, is_mentor,
                is_staff, is_active, date_joined, post_count, avatar)
            SELECT '!', false, 'bench' || i || '@example.org', 'bench_member_' || i,
                   'Member ' || i, '', 'America/Chicago', false, false, i % 50 = 0, false,
                   true, now() - (i || ' hours')::interval, 0, ''
            FROM generate_series(1, {MEMBERS}) AS i
            """
        )
        c.execute(
            f"""
            INSERT INTO community_group (name, slug, description, position, created_at,
                thread_count, post_count, last_activity_at, visibility, is_sensitive)
            SELECT 'Group ' || i, 'group-' || i, 'A bench group about living well, number '
                   || i, i, now(), 0, 0, now(), 'public', false
            FROM generate_series(1, {GROUPS}) AS i
            """
        )
        c.execute("SELECT min(id), max(id) FROM accounts_user WHERE handle LIKE 'bench_member_%'")
        first_user, _ = c.fetchone()
        c.execute("SELECT min(id) FROM community_group WHERE slug LIKE 'group-%'")
        (first_group,) = c.fetchone()
        # Thread 1 is the long one; the other threads share the remaining posts evenly.
        c.execute(
            f"""
            INSERT INTO community_thread (group_id, title, slug, author_id, created_at,
                last_activity_at, is_pinned, is_locked, last_position, reply_count)
            SELECT {first_group} + (i % {GROUPS}),
                   'Bench discussion ' || i || ': ' || {_sentence("i")},
                   'bench-discussion-' || i, {first_user} + (i % {MEMBERS}),
                   now() - ((i % 9000) || ' minutes')::interval,
                   now() - ((i % 9000) || ' minutes')::interval,
                   i % 997 = 0, false, 0, 0
            FROM generate_series(1, {THREADS}) AS i
            """
        )
        c.execute("SELECT min(id) FROM community_thread WHERE slug LIKE 'bench-discussion-%'")
        (first_thread,) = c.fetchone()
        per_thread = -(-(POSTS - LONG_THREAD_POSTS) // (THREADS - 1))  # rounded up
        c.execute(
            f"""
            WITH plan AS (
                SELECT {first_thread} AS thread_id, n AS position
                FROM generate_series(1, {LONG_THREAD_POSTS}) AS n
                UNION ALL
                SELECT {first_thread} + t, n
                FROM generate_series(1, {THREADS - 1}) AS t,
                     generate_series(1, {per_thread}) AS n
            )
            INSERT INTO community_post (thread_id, author_id, position, body_markdown, body_html,
                quote_excerpt, status, hidden_reason, created_at, helpful_count, hug_count,
                review_first)
            SELECT thread_id, {first_user} + ((thread_id * 31 + position * 7) % {MEMBERS}),
                   position, {_sentence("thread_id + position")},
                   '<p>' || {_sentence("thread_id + position")} || '</p>', '', 'published', '',
                   now() - (((thread_id * 37) % 40000) || ' minutes')::interval
                         - ((2000 - position) || ' seconds')::interval, position % 3, 0, false
            FROM plan
            """
        )
        # Every tenth reply quotes the post five places before it.
        c.execute(
            f"""
            UPDATE community_post p SET reply_to_id = q.id, quote_excerpt = q.body_markdown
            FROM community_post q
            WHERE p.thread_id >= {first_thread} AND p.position % 10 = 0 AND p.position > 5
              AND q.thread_id = p.thread_id AND q.position = p.position - 5
            """
        )
        c.execute(
            f"""
            UPDATE community_post p SET search_vector =
                CASE WHEN p.position = 1
                     THEN setweight(to_tsvector('english', t.title), 'A')
                          || setweight(to_tsvector('english', p.body_markdown), 'B')
                     ELSE setweight(to_tsvector('english', p.body_markdown), 'B') END
            FROM community_thread t
            WHERE t.id = p.thread_id AND t.id >= {first_thread}
            """
        )
        c.execute(
            f"""
            UPDATE community_thread t SET last_position = s.n, reply_count = s.n - 1,
                last_activity_at = s.last_at
            FROM (SELECT thread_id, count(*) AS n, max(created_at) AS last_at
                  FROM community_post GROUP BY thread_id) s
            WHERE s.thread_id = t.id AND t.id >= {first_thread}
            """
        )
        c.execute(
            """
            UPDATE community_group g SET thread_count = s.threads, post_count = s.posts,
                last_activity_at = s.last_at
            FROM (SELECT group_id, count(*) AS threads, sum(last_position) AS posts,
                         max(last_activity_at) AS last_at
                  FROM community_thread GROUP BY group_id) s
            WHERE s.group_id = g.id
            """
        )
        c.execute(
            """
            UPDATE accounts_user u SET post_count = s.n
            FROM (SELECT author_id, count(*) AS n FROM community_post GROUP BY author_id) s
            WHERE s.author_id = u.id
            """
        )
    with connection.cursor() as c:
        c.execute("ANALYZE")
