import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from moderation import services
from moderation.models import AuditEntry
from tests.factories import MemberFactory
from tests.moderation.factories import make_post

pytestmark = pytest.mark.django_db

LOG = reverse("moderation:log")


@pytest.fixture
def entries(moderator, member):
    """A post hidden by `moderator` and a warning sent by another staff member."""
    post = make_post(author=member)
    services.hide_post(post=post, by=moderator, reason="Spam link.")
    other = MemberFactory(handle="kim", is_staff=True)
    services.warn_member(member=member, by=other, message="Be kind.")
    return post


def test_staff_read_the_log(client, staff, entries):
    client.force_login(staff)

    html = client.get(LOG).content.decode()

    assert "Post hidden" in html and "Spam link." in html
    assert "Member warned" in html and "@kim" in html
    assert f'href="/p/{entries.pk}/"' in html


def test_members_and_moderators_who_are_not_staff_cannot_read_it(client, member, moderator):
    for person in (member, moderator):
        client.force_login(person)
        assert client.get(LOG).status_code == 403
    client.logout()
    assert client.get(LOG)["Location"].startswith("/accounts/login/")


def test_the_log_filters_by_action_moderator_and_date(client, staff, moderator, entries):
    client.force_login(staff)

    by_action = client.get(LOG, {"action": "member.warn"}).content.decode()
    by_actor = client.get(LOG, {"actor": moderator.pk}).content.decode()
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    by_date = client.get(LOG, {"since": tomorrow}).content.decode()

    assert "Member warned" in by_action and "Spam link." not in by_action
    assert "Spam link." in by_actor and "Be kind." not in by_actor
    assert "No actions match" in by_date


def test_the_database_refuses_to_change_or_delete_an_audit_row(entries):
    entry = AuditEntry.objects.get(action=AuditEntry.Action.POST_HIDE)
    with pytest.raises(DatabaseError, match="cannot be changed or deleted"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(reason="rewritten")
    with pytest.raises(DatabaseError, match="cannot be changed or deleted"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.reason == "Spam link."


def test_the_admin_shows_the_log_but_cannot_change_or_delete_it(client, admin_user, entries):
    entry = AuditEntry.objects.get(action=AuditEntry.Action.POST_HIDE)
    client.force_login(admin_user)

    listing = client.get("/admin/moderation/auditentry/")
    change = client.post(f"/admin/moderation/auditentry/{entry.pk}/change/", {"reason": "x"})
    delete = client.post(f"/admin/moderation/auditentry/{entry.pk}/delete/", {"post": "yes"})

    assert listing.status_code == 200
    assert change.status_code in (302, 403) and delete.status_code == 403
    assert "Delete selected" not in listing.content.decode()
    entry.refresh_from_db()
    assert entry.reason == "Spam link."
    assert AuditEntry.objects.count() == 2


def test_the_log_runs_a_fixed_number_of_queries_whatever_its_length(
    client, staff, moderator, django_assert_max_num_queries
):
    client.force_login(staff)

    def act(n):
        for _ in range(n):
            post = make_post(author=MemberFactory())
            services.hide_post(post=post, by=moderator, reason="Spam.")
            services.lock_thread(thread=post.thread, by=moderator)
            services.warn_member(member=post.author, by=moderator, message="Please stop.")

    act(1)
    with CaptureQueriesContext(connection) as few:
        client.get(LOG)
    act(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(LOG).content.decode()
    assert html.count("<tr>") == 1 + 50
