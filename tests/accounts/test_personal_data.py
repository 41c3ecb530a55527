import json

from allauth.account.models import EmailAddress
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.models import Membership, TrialRequest, User
from accounts.premium import default_trial_end, grant_premium_trial


def test_the_export_holds_the_members_own_data_and_nobody_elses(
    member_client, member, other_member, granter, make_post, make_membership
):
    member.bio = "Caregiver for my husband."
    member.save()
    first = make_post(other_member, text="How do you manage the nights?", title="Night oxygen")
    mine = make_post(member, thread=first.thread, text="We keep a notebook by the bed.")
    make_post(other_member, thread=first.thread, text="Sam's private worry", reply_to=mine)
    make_membership(member, note="staff-only note")
    make_membership(other_member)
    TrialRequest.objects.create(member=other_member)

    response = member_client.get("/accounts/export/")

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="gathering-june-')
    data = json.loads(response.content)
    assert data["profile"]["handle"] == "june"
    assert data["profile"]["email"] == member.email
    assert data["profile"]["bio"] == "Caregiver for my husband."
    assert data["email_addresses"] == [{"email": member.email, "verified": True, "primary": True}]
    assert [p["text_markdown"] for p in data["posts"]] == ["We keep a notebook by the bed."]
    assert data["posts"][0]["thread_title"] == "Night oxygen"
    assert data["posts"][0]["url"] == f"http://testserver/p/{mine.pk}/"
    assert len(data["memberships"]) == 1
    assert data["trial_requests"] == []
    raw = response.content.decode()
    for someone_elses in (
        other_member.email,
        "How do you manage",
        "private worry",
        "@sam",
        '"sam"',
    ):
        assert someone_elses not in raw
    assert "staff-only note" not in raw


def test_the_export_needs_a_logged_in_member(client):
    assert client.get("/accounts/export/").status_code == 302


def _close(client, password, **extra):
    return client.post(
        "/accounts/close/", {"password": password, "confirm": "on", **extra}, follow=True
    )


def test_closing_an_account_erases_personal_data_and_keeps_threads_readable(
    client, member, other_member, password, granter, make_post
):
    client.force_login(member)
    elsewhere = Client()  # the member is logged in on another device too
    elsewhere.force_login(member)
    sams_session = Client()
    sams_session.force_login(other_member)
    question = make_post(other_member, text="Anyone tried pulmonary rehab?")
    answer = make_post(member, thread=question.thread, text="Yes: it gave me my stairs back.")
    quote = make_post(other_member, thread=question.thread, text="So glad!", reply_to=answer)
    grant_premium_trial(members=[member], ends_on=default_trial_end(), by=granter)
    TrialRequest.objects.create(member=member, status=TrialRequest.Status.APPROVED)
    LogEntry.objects.log_actions(
        user_id=granter.pk, queryset=[member], action_flag=CHANGE, change_message="Granted."
    )

    response = _close(client, password)

    assert response.redirect_chain[-1][0] == "/"
    assert "Your account is closed" in response.text
    closed = User.objects.get(pk=member.pk)
    assert closed.email != "june@example.org" and "june" not in closed.email
    assert closed.handle == f"former_member_{member.pk}"
    assert (closed.display_name, closed.bio) == ("", "")
    assert not closed.is_active and not closed.has_usable_password()
    assert closed.name == "Former member"
    assert not EmailAddress.objects.filter(user=closed).exists()
    assert not EmailAddress.objects.filter(email__iexact="june@example.org").exists()
    assert not Membership.objects.filter(member=closed).exists()
    assert not TrialRequest.objects.filter(member=closed).exists()
    assert LogEntry.objects.get(object_id=str(member.pk)).object_repr == "Former member"
    live = [s.get_decoded().get(SESSION_KEY) for s in Session.objects.all()]
    assert str(member.pk) not in live
    assert str(other_member.pk) in live  # nobody else is logged out
    # Logged out here and on the other device.
    assert client.get("/accounts/").status_code == 302
    assert elsewhere.get("/accounts/").status_code == 302
    # The thread keeps its sense: the answer is there, and the quote still points at it.
    answer.refresh_from_db()
    quote.refresh_from_db()
    assert answer.body_html.startswith("<p>Yes: it gave me my stairs back.")
    assert answer.author.name == "Former member"
    assert quote.reply_to == answer
    assert client.get(f"/u/{closed.handle}/").status_code == 404


def test_a_wrong_password_closes_nothing(member_client, member):
    response = _close(member_client, "not-my-password")

    assert "That password is not right" in response.text
    member.refresh_from_db()
    assert member.is_active and member.email == "june@example.org"


def test_the_member_must_tick_that_they_understand(member_client, member, password):
    response = member_client.post("/accounts/close/", {"password": password})

    assert response.status_code == 200
    assert "This field is required" in response.text
    member.refresh_from_db()
    assert member.is_active


def test_nobody_can_sign_up_with_a_former_members_handle(db, client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "username": "Former_Member_7",
            "password1": "a-calm-long-password-1",
            "password2": "a-calm-long-password-1",
        },
    )

    assert "That handle isn&#x27;t available" in response.text
    assert not User.objects.filter(email="new@example.org").exists()
