import pytest
from django.urls import reverse

from community import services as community_services
from moderation.models import AuditEntry, Flag
from moderation.services import flag_post
from safety import services
from safety.models import ClinicalNote
from safety.roles import CLINICAL_REVIEWERS, ensure_clinical_reviewers_group
from tests.factories import MemberFactory

NOTE = "Stopping **anti-rejection medicine** is dangerous. Talk to your transplant team first."


@pytest.fixture
def clinician(db):
    clinician = MemberFactory(handle="dr_imani", display_name="Dr Imani")
    clinician.groups.add(ensure_clinical_reviewers_group())
    return clinician


@pytest.fixture
def clinician_client(client, clinician):
    client.force_login(clinician)
    return client


@pytest.fixture
def claim(thread, member, other_member):
    """A reply making a dangerous claim, flagged as medical misinformation."""
    post = community_services.create_reply(
        thread=thread, author=member, body="You can stop your tacrolimus once you feel fine."
    )
    flag_post(post=post, by=other_member, reason=Flag.Reason.MISINFORMATION, note="Dangerous")
    return post


def test_the_clinical_reviewers_group_holds_the_permission(clinician):
    assert clinician.groups.filter(name=CLINICAL_REVIEWERS).exists()
    assert clinician.has_perm("safety.review_clinical")


def test_misinformation_flags_reach_the_clinical_reviewers_queue(
    clinician_client, claim, thread, member, other_member
):
    spam = community_services.create_reply(thread=thread, author=member, body="Visit my shop")
    flag_post(post=spam, by=other_member, reason=Flag.Reason.SPAM)
    html = clinician_client.get(reverse("safety:clinical-queue")).content.decode()
    assert f'id="clinical-post-{claim.pk}"' in html
    assert "Dangerous" in html
    assert f'id="clinical-post-{spam.pk}"' not in html


def test_members_cannot_open_the_clinical_queue_or_add_notes(client, other_member, claim):
    client.force_login(other_member)
    assert client.get(reverse("safety:clinical-queue")).status_code == 403
    response = client.post(reverse("safety:clinical-note", args=[claim.pk]), {"note": "Hi"})
    assert response.status_code == 403
    assert not ClinicalNote.objects.exists()


def test_a_clinicians_note_is_shown_beneath_the_post_rendered_once(
    clinician_client, clinician, claim, thread, client, other_member
):
    clinician_client.post(reverse("safety:clinical-note", args=[claim.pk]), {"note": NOTE})
    note = ClinicalNote.objects.get(post=claim)
    assert note.author == clinician
    assert "<strong>anti-rejection medicine</strong>" in note.body_html
    flag = Flag.objects.get(post=claim)
    assert flag.outcome == Flag.Outcome.CONTEXT and flag.resolved_by == clinician
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CLINICAL_NOTE).exists()

    client.force_login(other_member)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "A clinician added context:" in html
    assert "<strong>anti-rejection medicine</strong>" in html
    # Answered: it leaves the clinical queue.
    queue = clinician_client.get(reverse("safety:clinical-queue")).content.decode()
    assert f'id="clinical-post-{claim.pk}"' not in queue


def test_writing_the_note_again_replaces_it(clinician, claim):
    services.add_clinical_note(post=claim, by=clinician, text="First version.")
    services.add_clinical_note(post=claim, by=clinician, text="Second version.")
    assert ClinicalNote.objects.get(post=claim).body_markdown == "Second version."


def test_an_empty_note_is_refused_with_a_clear_message(clinician_client, claim):
    response = clinician_client.post(
        reverse("safety:clinical-note", args=[claim.pk]), {"note": "   "}, follow=True
    )
    assert "Please write the context readers should know." in response.content.decode()
    assert not ClinicalNote.objects.exists()
    assert Flag.objects.get(post=claim).resolved_at is None


def test_a_reviewer_can_close_the_flags_as_not_misinformation(clinician_client, claim):
    clinician_client.post(reverse("safety:clinical-dismiss", args=[claim.pk]))
    assert Flag.objects.get(post=claim).outcome == Flag.Outcome.DISMISSED


def test_moderators_find_the_clinical_queue_from_theirs(client, moderator):
    client.force_login(moderator)
    html = client.get(reverse("moderation:queue")).content.decode()
    assert reverse("safety:clinical-queue") in html
    assert client.get(reverse("safety:clinical-queue")).status_code == 200


def test_clinical_reviewers_hear_of_a_misinformation_flag_in_their_inbox(
    clinician, thread, member, other_member, django_capture_on_commit_callbacks
):
    from notifications.models import EmailDelivery, Notification

    post = community_services.create_reply(thread=thread, author=member, body="Skip the pills.")
    with django_capture_on_commit_callbacks(execute=True):
        flag_post(post=post, by=other_member, reason=Flag.Reason.MISINFORMATION)
    notice = Notification.objects.get(recipient=clinician)
    assert notice.url == reverse("safety:clinical-queue")
    assert not EmailDelivery.objects.filter(recipient=clinician).exists()
    # Twice is once.
    assert services.notify_clinical_reviewers(post_id=post.pk) == 0
    assert not Notification.objects.filter(recipient=other_member, key__startswith="clinical")


def test_the_clinical_queue_costs_the_same_queries_however_long(
    clinician_client, thread, member, django_assert_max_num_queries
):
    flaggers = [MemberFactory() for _ in range(2)]

    def add_flagged_posts(n):
        for i in range(n):
            post = community_services.create_reply(thread=thread, author=member, body=f"Claim {i}")
            for flagger in flaggers:
                flag_post(post=post, by=flagger, reason=Flag.Reason.MISINFORMATION)

    add_flagged_posts(1)
    with django_assert_max_num_queries(12) as one:
        clinician_client.get(reverse("safety:clinical-queue"))
    add_flagged_posts(5)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = clinician_client.get(reverse("safety:clinical-queue")).content.decode()
    assert html.count('class="card queue-item"') == 6
