import datetime

from django.contrib.admin.models import CHANGE, LogEntry
from django.core import mail
from django.urls import reverse

from accounts.models import Membership, TrialRequest, site_today
from accounts.premium import default_trial_end
from core.dates import format_day
from tests.factories import MemberFactory

CHANGELIST = reverse("admin:accounts_user_changelist")


def _ask(client, members, **extra):
    data = {"action": "grant_premium_trial", "_selected_action": [m.pk for m in members], **extra}
    return client.post(CHANGELIST, data, follow=bool(extra.get("confirm")))


def test_staff_with_the_permission_see_the_grant_action(client, granter, member):
    client.force_login(granter)

    response = client.get(CHANGELIST)

    assert 'value="grant_premium_trial"' in response.text
    assert "Grant premium trial" in response.text


def test_staff_without_the_permission_neither_see_nor_run_the_action(
    client, staff_without_grant, member
):
    client.force_login(staff_without_grant)

    listing = client.get(CHANGELIST)
    response = _ask(client, [member], ends_on=default_trial_end().isoformat(), confirm="Grant")

    assert listing.status_code == 200
    assert "grant_premium_trial" not in listing.text
    assert not Membership.objects.exists()
    assert not LogEntry.objects.exists()
    assert response.status_code == 200  # just the list again: nothing ran


def test_members_who_are_not_staff_cannot_reach_the_admin(client, member, other_member):
    client.force_login(member)

    response = _ask(client, [other_member], ends_on=default_trial_end().isoformat(), confirm="1")

    assert response.redirect_chain[-1][0].startswith("/admin/login/")
    assert not Membership.objects.exists()


def test_the_confirmation_page_proposes_the_default_end_and_lists_the_members(
    client, granter, member, other_member, make_membership
):
    make_membership(
        member, kind=Membership.Kind.PAID, ends_on=site_today() + datetime.timedelta(days=400)
    )
    client.force_login(granter)

    response = _ask(client, [member, other_member])

    assert response.status_code == 200
    assert f'value="{default_trial_end():%Y-%m-%d}"' in response.text
    assert "@june" in response.text and "@sam" in response.text
    assert "Unchanged" in response.text
    assert not Membership.objects.filter(kind=Membership.Kind.TRIAL).exists()


def test_granting_from_the_admin_grants_tells_the_admin_and_logs_it_in_history(
    client, granter, member, other_member, make_membership, django_capture_on_commit_callbacks
):
    ends_on = default_trial_end()
    make_membership(member, kind=Membership.Kind.PAID, ends_on=ends_on + datetime.timedelta(days=1))
    client.force_login(granter)

    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(
            client,
            [member, other_member],
            ends_on=ends_on.isoformat(),
            note="Asked in the webinar thread",
            confirm="Grant the trial",
        )

    assert response.redirect_chain[-1][0] == CHANGELIST
    text = response.text
    assert f"Granted a premium trial through {format_day(ends_on)} to 1 member: @sam" in text
    assert "Left unchanged (already premium through" in text and "@june" in text
    trial = Membership.objects.get(member=other_member, kind=Membership.Kind.TRIAL)
    assert (trial.starts_on, trial.ends_on, trial.granted_by, trial.note) == (
        site_today(),
        ends_on,
        granter,
        "Asked in the webinar thread",
    )
    [entry] = LogEntry.objects.all()
    assert (entry.user, entry.object_id, entry.action_flag) == (
        granter,
        str(other_member.pk),
        CHANGE,
    )
    assert entry.change_message == f"Granted a premium trial through {format_day(ends_on)}."
    history = client.get(reverse("admin:accounts_user_history", args=[other_member.pk]))
    assert f"Granted a premium trial through {format_day(ends_on)}." in history.text
    assert [m.to for m in mail.outbox] == [[other_member.email]]


def test_an_end_date_in_the_past_is_refused_next_to_the_field(client, granter, member):
    client.force_login(granter)

    response = _ask(client, [member], ends_on="2001-01-31", confirm="Grant the trial")

    assert "a trial cannot end in the past" in response.text
    assert 'name="_selected_action"' in response.text  # still on the confirmation page
    assert not Membership.objects.exists()


def test_the_members_list_filters_premium_now_trial_and_expired(client, granter, make_membership):
    today = site_today()
    trial = MemberFactory(handle="on_trial")
    make_membership(trial)
    paid = MemberFactory(handle="paid_up")
    make_membership(paid, kind=Membership.Kind.PAID)
    lapsed = MemberFactory(handle="lapsed")
    make_membership(
        lapsed,
        starts_on=today - datetime.timedelta(days=90),
        ends_on=today - datetime.timedelta(days=1),
    )
    MemberFactory(handle="never_premium")
    client.force_login(granter)

    def handles(premium):
        response = client.get(CHANGELIST, {"premium": premium})
        return {u.handle for u in response.context["cl"].result_list}

    assert handles("now") == {"on_trial", "paid_up"}
    assert handles("trial") == {"on_trial"}
    assert handles("expired") == {"lapsed"}


def test_the_members_list_is_searched_by_email_and_handle(client, granter):
    MemberFactory(handle="hilary_h", email="hh@clinic.example")
    MemberFactory(handle="someone_else")
    client.force_login(granter)

    def found(q):
        return {u.handle for u in client.get(CHANGELIST, {"q": q}).context["cl"].result_list}

    assert found("hh@clinic") == {"hilary_h"}
    assert found("hilary") == {"hilary_h"}


def test_trial_requests_are_approved_from_the_admin(
    client, granter, member, django_capture_on_commit_callbacks
):
    trial_request = TrialRequest.objects.create(member=member)
    client.force_login(granter)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:accounts_trialrequest_changelist"),
            {"action": "approve", "_selected_action": [trial_request.pk]},
            follow=True,
        )

    trial_request.refresh_from_db()
    assert trial_request.status == TrialRequest.Status.APPROVED
    assert trial_request.decided_by == granter
    assert member.premium_until() == default_trial_end()
    assert "Granted a premium trial" in response.text
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_trial_requests_are_declined_from_the_admin_and_the_member_is_told(
    client, granter, member, django_capture_on_commit_callbacks
):
    trial_request = TrialRequest.objects.create(member=member)
    client.force_login(granter)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:accounts_trialrequest_changelist"),
            {"action": "decline", "_selected_action": [trial_request.pk]},
        )

    trial_request.refresh_from_db()
    assert trial_request.status == TrialRequest.Status.DECLINED
    assert not member.is_premium
    [message] = mail.outbox
    assert message.subject == "About your premium trial request"
    assert LogEntry.objects.filter(
        object_id=str(trial_request.pk), change_message="Declined."
    ).exists()


def test_staff_without_the_permission_cannot_approve_requests(client, staff_without_grant, member):
    trial_request = TrialRequest.objects.create(member=member)
    client.force_login(staff_without_grant)

    client.post(
        reverse("admin:accounts_trialrequest_changelist"),
        {"action": "approve", "_selected_action": [trial_request.pk]},
    )

    trial_request.refresh_from_db()
    assert trial_request.status == TrialRequest.Status.OPEN
    assert not Membership.objects.exists()


def test_the_admin_pages_for_members_memberships_and_requests_open(
    client, admin_user, member, make_membership
):
    membership = make_membership(member)
    TrialRequest.objects.create(member=member)
    client.force_login(admin_user)

    member_page = client.get(reverse("admin:accounts_user_change", args=[member.pk]))

    assert membership.description.replace("membership ", "") in member_page.text  # inline
    for name, args in [
        ("admin:accounts_membership_changelist", []),
        ("admin:accounts_membership_change", [membership.pk]),
        ("admin:accounts_trialrequest_changelist", []),
        ("admin:accounts_user_changelist", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200


def test_the_members_list_shows_premium_without_a_query_per_member(
    client, admin_user, make_membership, django_assert_max_num_queries
):
    for member in MemberFactory.create_batch(30):
        make_membership(member)
    client.force_login(admin_user)

    with django_assert_max_num_queries(15):
        response = client.get(CHANGELIST)

    assert response.text.count("(Trial)") == 30
