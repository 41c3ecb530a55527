import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community import services as community
from community.models import Group, Thread
from mentors import services
from mentors.models import MentorClaim
from tests.factories import MemberFactory

LONG_AGO = timezone.now() - datetime.timedelta(days=400)


def aged(thread, hours):
    """The thread started `hours` ago."""
    Thread.objects.filter(pk=thread.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=hours)
    )
    thread.refresh_from_db()
    return thread


@pytest.fixture
def group(db):
    return Group.objects.create(name="Newcomers", slug="newcomers")


@pytest.fixture
def mentor(db):
    return MemberFactory(handle="walt", display_name="Walt", is_mentor=True)


@pytest.fixture
def mentor_client(client, mentor):
    client.force_login(mentor)
    return client


def start(group, author, title, hours):
    thread = community.create_thread(group=group, author=author, title=title, body="Hello all.")
    return aged(thread, hours)


@pytest.fixture
def waiting(group):
    """Theo's first thread, unanswered for 20 hours."""
    theo = MemberFactory(handle="theo", date_joined=LONG_AGO)
    return start(group, theo, "Hello from a nervous newcomer", 20)


@pytest.mark.django_db
def test_visitors_are_asked_to_log_in_and_other_members_are_refused(client, member, waiting):
    response = client.get("/mentors/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(member)
    assert client.get("/mentors/").status_code == 403
    assert client.post(f"/mentors/{waiting.pk}/claim/").status_code == 403
    assert not MentorClaim.objects.exists()


@pytest.mark.django_db
def test_mentors_see_newcomers_unanswered_threads_oldest_first(mentor_client, group, waiting):
    veteran = MemberFactory(handle="vera", date_joined=LONG_AGO)
    start(group, veteran, "Vera's first thread long ago", 900)  # her first thread
    vera_again = start(group, veteran, "Vera asks again", 30)  # not a newcomer any more
    recent = MemberFactory(handle="rick")  # joined today
    start(group, recent, "Rick's earlier question", 2)  # too recent: under 12 hours
    rick_old = start(group, recent, "Rick's long wait", 40)
    answered = start(group, MemberFactory(handle="ann"), "Answered already", 50)
    community.create_reply(thread=answered, author=veteran, body="Welcome!")

    html = mentor_client.get("/mentors/").content.decode()
    assert "Vera asks again" not in html
    assert "Rick&#x27;s earlier question" not in html
    assert "Answered already" not in html
    titles = ["Vera&#x27;s first thread long ago", "Rick&#x27;s long wait", "Hello from a nervous"]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)
    assert rick_old.pk and vera_again.pk


@pytest.mark.django_db
def test_the_waiting_time_is_a_setting(mentor_client, waiting, settings):
    settings.MENTOR_UNANSWERED_HOURS = 24
    assert "Hello from a nervous" not in mentor_client.get("/mentors/").content.decode()


@pytest.mark.django_db
def test_a_mentor_claims_a_thread_and_others_see_it_taken(mentor_client, mentor, waiting):
    response = mentor_client.post(f"/mentors/{waiting.pk}/claim/")
    assert response.status_code == 302
    assert response["Location"] == f"{waiting.get_absolute_url()}#reply"
    claim = MentorClaim.objects.get(thread=waiting)
    assert claim.mentor == mentor

    other = Client()
    other.force_login(MemberFactory(handle="ruth", is_mentor=True))
    html = other.get("/mentors/").content.decode()
    assert "Walt is answering this" in html
    other.post(f"/mentors/{waiting.pk}/claim/")
    assert MentorClaim.objects.get(thread=waiting).mentor == mentor


@pytest.mark.django_db
def test_a_claim_lapses_after_a_few_hours_without_a_reply(mentor, waiting, settings):
    settings.MENTOR_CLAIM_HOURS = 3
    now = timezone.now()
    services.claim_thread(thread_id=waiting.pk, mentor=mentor, now=now)
    ruth = MemberFactory(handle="ruth", is_mentor=True)
    with pytest.raises(services.ClaimRefused):
        services.claim_thread(
            thread_id=waiting.pk, mentor=ruth, now=now + datetime.timedelta(hours=2)
        )
    later = now + datetime.timedelta(hours=3, minutes=1)
    services.claim_thread(thread_id=waiting.pk, mentor=ruth, now=later)
    assert MentorClaim.objects.get(thread=waiting).mentor == ruth


@pytest.mark.django_db
def test_a_reply_takes_the_thread_off_the_queue(mentor_client, mentor, waiting):
    mentor_client.post(f"/mentors/{waiting.pk}/claim/")
    community.create_reply(thread=waiting, author=mentor, body="Welcome, Theo!")
    html = mentor_client.get("/mentors/").content.decode()
    assert "Hello from a nervous" not in html
    assert "Every newcomer has had an answer" in html


@pytest.mark.django_db
def test_a_mentor_can_give_a_claim_back(mentor_client, mentor, waiting):
    mentor_client.post(f"/mentors/{waiting.pk}/claim/")
    mentor_client.post(f"/mentors/{waiting.pk}/release/")
    assert not MentorClaim.objects.exists()
    assert "I'll answer this" in mentor_client.get("/mentors/").content.decode()


@pytest.mark.django_db
def test_the_queue_takes_a_fixed_number_of_queries(
    mentor_client, group, django_assert_max_num_queries
):
    mentors = [MemberFactory(is_mentor=True) for _ in range(3)]
    for n in range(12):
        thread = start(group, MemberFactory(), f"Question {n}", 20 + n)
        if n % 2:
            services.claim_thread(thread_id=thread.pk, mentor=mentors[n % 3])
    with django_assert_max_num_queries(8):
        response = mentor_client.get("/mentors/")
    assert response.content.decode().count("thread-item__title") == 12


@pytest.mark.django_db(transaction=True)
def test_two_mentors_claiming_at_once_exactly_one_wins():
    group = Group.objects.create(name="Newcomers", slug="newcomers")
    thread = start(group, MemberFactory(), "Is anyone there?", 20)
    mentors = [MemberFactory(is_mentor=True) for _ in range(2)]
    barrier = threading.Barrier(len(mentors))
    won, refused, errors = [], [], []

    def claim(mentor):
        try:
            barrier.wait()
            services.claim_thread(thread_id=thread.pk, mentor=mentor)
            won.append(mentor.pk)
        except services.ClaimRefused:
            refused.append(mentor.pk)
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=claim, args=(m,)) for m in mentors]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    assert len(won) == 1 and len(refused) == 1
    assert list(MentorClaim.objects.values_list("mentor_id", flat=True)) == won


@pytest.mark.django_db
def test_the_demo_gives_mentor_walt_newcomers_to_answer_and_a_sensitive_group(client):
    from django.core.management import call_command

    from accounts.models import User

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    mental_health = Group.objects.get(slug="mental-health")
    assert mental_health.is_sensitive
    assert mental_health.visibility == Group.Visibility.UNLISTED
    client.force_login(User.objects.get(handle="mentor_walt"))
    html = client.get("/mentors/").content.decode()
    assert html.index("Is it normal to feel scared") < html.index("How do you explain")
    assert html.count("thread-item__title") == 2


def newcomers_threads_in_bulk(group, n: int) -> None:
    """n unanswered threads started 20 hours ago by members who joined this month."""
    authors = [MemberFactory() for _ in range(5)]
    started = timezone.now() - datetime.timedelta(hours=20)
    Thread.objects.bulk_create(
        Thread(
            group=group,
            title=f"Question {i}",
            slug=f"question-{i}",
            author=authors[i % 5],
            created_at=started - datetime.timedelta(minutes=i),
            last_activity_at=started,
        )
        for i in range(n)
    )


@pytest.mark.django_db
def test_the_queue_runs_the_same_queries_for_3_or_300_waiting_threads(mentor_client, group):
    newcomers_threads_in_bulk(group, 3)
    mentor_client.get("/mentors/")  # the header's unread count is now in the cache
    with CaptureQueriesContext(connection) as short:
        mentor_client.get("/mentors/")
    newcomers_threads_in_bulk(group, 297)
    with CaptureQueriesContext(connection) as long:
        html = mentor_client.get("/mentors/").content.decode()

    assert len(long.captured_queries) == len(short.captured_queries)
    assert html.count("thread-item__title") == 25
    assert "Page 1 of 12" in html
