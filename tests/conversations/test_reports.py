"""Reporting a message: the moderators read that message and nothing else, and the log
records every read."""

import pytest

from conversations import services
from conversations.models import Message, MessageReport
from moderation.models import AuditEntry


@pytest.fixture
def talk(chat, ana, ben):
    services.send_message(author=ben, conversation=chat, body="Rude words from Ben")
    services.send_message(author=ben, conversation=chat, body="Something else entirely")
    return chat


def _message(text):
    return Message.objects.get(body_markdown=text)


def test_a_participant_reports_a_message_and_a_moderator_sees_only_that_one(
    client, talk, ana, moderator
):
    rude = _message("Rude words from Ben")
    client.force_login(ana)
    page = client.get(f"/messages/{talk.pk}/").content.decode()
    assert f'href="/messages/{talk.pk}/report/{rude.pk}/">Report</a>' in page
    form = client.get(f"/messages/{talk.pk}/report/{rude.pk}/")
    assert "Rude words from Ben" in form.content.decode()
    response = client.post(f"/messages/{talk.pk}/report/{rude.pk}/", {"reason": "Unkind"})
    assert response["Location"] == f"/messages/{talk.pk}/m/{rude.pk}/"  # its permalink

    client.force_login(moderator)
    queue = client.get("/moderation/messages/").content.decode()
    assert "Rude words from Ben" in queue and "Unkind" in queue
    assert "How did it go today?" not in queue
    assert "Something else entirely" not in queue
    assert "Scan day" not in queue  # not even the conversation's title
    read = AuditEntry.objects.get(action=AuditEntry.Action.MESSAGE_REPORT_READ)
    assert (read.actor, read.target_id) == (moderator, rude.pk)
    # The rest of the conversation stays closed to the moderator.
    assert client.get(f"/messages/{talk.pk}/").status_code == 404


def test_closing_a_report_takes_it_off_the_page_and_is_logged(client, talk, ana, moderator):
    report = MessageReport.objects.create(
        message=_message("Rude words from Ben"), reporter=ana, reason="Unkind"
    )
    client.force_login(moderator)
    client.post(f"/moderation/messages/{report.pk}/close/", {"note": "Spoke to Ben"})
    assert "Rude words" not in client.get("/moderation/messages/").content.decode()
    closed = AuditEntry.objects.get(action=AuditEntry.Action.MESSAGE_REPORT_CLOSE)
    assert closed.reason == "Spoke to Ben"


def test_members_cannot_open_the_reported_messages_page(client, talk, ana):
    client.force_login(ana)
    assert client.get("/moderation/messages/").status_code == 403
    client.logout()
    assert client.get("/moderation/messages/").status_code == 302


def test_only_participants_report_and_never_their_own_message(client, talk, ana, ben, cleo):
    rude = _message("Rude words from Ben")
    client.force_login(cleo)
    url = f"/messages/{talk.pk}/report/{rude.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "x"}).status_code == 404
    client.force_login(ben)
    response = client.post(url, {"reason": "x"})
    assert response.status_code == 403
    assert "You cannot report your own message." in response.content.decode()
    # A message id from another conversation does not resolve under this one.
    other = services.start_conversation(starter=ana, recipients=[cleo], body="Elsewhere")
    client.force_login(ana)
    elsewhere = Message.objects.get(conversation=other)
    assert client.get(f"/messages/{talk.pk}/report/{elsewhere.pk}/").status_code == 404
    assert not MessageReport.objects.exists()


def test_an_empty_reason_is_asked_for(client, talk, ana):
    rude = _message("Rude words from Ben")
    client.force_login(ana)
    response = client.post(f"/messages/{talk.pk}/report/{rude.pk}/", {"reason": " "})
    assert "Please say in a few words what is wrong." in response.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_the_reported_messages_page_takes_a_fixed_number_of_queries(
    client, settings, chat, ana, ben, moderator, count, django_assert_max_num_queries
):
    settings.CONVERSATIONS_MESSAGES_PER_HOUR = 100
    for i in range(count):
        message = services.send_message(author=ben, conversation=chat, body=f"Bad {i}")
        MessageReport.objects.create(message=message, reporter=ana, reason="Unkind")
    client.force_login(moderator)
    with django_assert_max_num_queries(8):
        page = client.get("/moderation/messages/").content.decode()
    assert page.count('id="report-') == min(count, 25)


def test_a_reporter_may_include_neighbours_and_the_moderator_reads_only_those(
    client, settings, chat, ana, ben, moderator
):
    settings.CONVERSATIONS_MESSAGES_PER_HOUR = 100
    for text in [
        "Far before",
        "Just before",
        "Rude words",
        "Just after",
        "Next after",
        "Far after",
    ]:
        services.send_message(author=ben, conversation=chat, body=text)
    rude = _message("Rude words")
    client.force_login(ana)
    form = client.get(f"/messages/{chat.pk}/report/{rude.pk}/").content.decode()
    # The two before and the two after may be ticked; nothing further away is offered.
    for offered in ["Far before", "Just before", "Just after", "Next after"]:
        assert offered in form
    assert "Far after" not in form and "How did it go today?" not in form
    far_away = _message("Far after")
    refused = client.post(
        f"/messages/{chat.pk}/report/{rude.pk}/",
        {"reason": "Unkind", "include": [_message("Just before").pk, far_away.pk]},
    ).content.decode()
    assert "A message you ticked is no longer next to this one" in refused
    assert "Unkind" in refused and not MessageReport.objects.exists()
    client.post(
        f"/messages/{chat.pk}/report/{rude.pk}/",
        {"reason": "Unkind", "include": [_message("Just before").pk]},
    )
    report = MessageReport.objects.get()
    assert list(report.included.all()) == [_message("Just before")]

    client.force_login(moderator)
    queue = client.get("/moderation/messages/").content.decode()
    assert "Rude words" in queue and "Just before" in queue
    for unseen in ["Far before", "Just after", "Next after", "Far after", "How did it go"]:
        assert unseen not in queue
    reads = AuditEntry.objects.filter(action=AuditEntry.Action.MESSAGE_REPORT_READ)
    assert {(r.actor_id, r.target_id) for r in reads} == {
        (moderator.pk, rude.pk),
        (moderator.pk, _message("Just before").pk),
    }
    # Neither the reported message nor its neighbours open the conversation to moderators.
    assert client.get(f"/messages/{chat.pk}/").status_code == 404
    assert client.get(f"/messages/{chat.pk}/m/{rude.pk}/").status_code == 404


def test_an_include_value_that_is_not_a_number_is_a_form_error_not_a_500(client, talk, ana):
    rude = _message("Rude words from Ben")
    client.force_login(ana)
    response = client.post(
        f"/messages/{talk.pk}/report/{rude.pk}/", {"reason": "Unkind", "include": "abc"}
    )
    assert response.status_code == 200
    assert "Unkind" in response.content.decode()
    assert not MessageReport.objects.exists()


def test_a_moderator_removes_a_passage_from_a_reported_message_only(
    client, talk, ana, ben, moderator
):
    rude = _message("Rude words from Ben")
    other = _message("Something else entirely")
    report = MessageReport.objects.create(message=rude, reporter=ana, reason="Unkind")
    client.force_login(moderator)
    queue = client.get("/moderation/messages/").content.decode()
    assert f'href="/moderation/messages/{report.pk}/redact/"' in queue
    response = client.post(
        f"/moderation/messages/{report.pk}/redact/", {"passage": "Rude", "reason": "Insult"}
    )
    assert response["Location"] == "/moderation/messages/"
    rude.refresh_from_db()
    assert rude.body_markdown == "[removed] words from Ben"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.MESSAGE_REDACT)
    assert entry.actor == moderator and entry.detail["by_author"] is False
    # Nothing else of the conversation: not another message, nor once the report is closed.
    page = client.get(f"/moderation/messages/{report.pk}/redact/").content.decode()
    assert "Something else entirely" not in page and "Scan day" not in page
    assert client.get(f"/messages/{talk.pk}/m/{other.pk}/redact/").status_code == 404
    MessageReport.objects.filter(pk=report.pk).update(closed_at=rude.created_at)
    assert client.get(f"/moderation/messages/{report.pk}/redact/").status_code == 404

    client.force_login(ben)
    assert client.get(f"/moderation/messages/{report.pk}/redact/").status_code == 403
