"""Who may read a conversation: its current participants, nobody else."""

import re

import pytest
from django.urls import reverse

from conversations import services
from conversations.models import Conversation, Message
from tests.conversations.conftest import established
from tests.factories import MemberFactory


def urls(chat):
    return [
        f"/messages/{chat.pk}/",
        f"/messages/{chat.pk}/?page=2",
    ]


def test_visitors_get_the_log_in_page(client, chat):
    for url in ["/messages/", "/messages/new/?to=ben", *urls(chat)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["member", "moderator", "staff", "admin_user"])
def test_anyone_not_in_the_conversation_gets_a_404_and_sees_nothing(client, chat, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in urls(chat):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "How did it go" not in response.content.decode()
    listing = client.get("/messages/").content.decode()
    assert "Scan day" not in listing
    response = client.post(f"/messages/{chat.pk}/", {"body": "Let me in"})
    assert response.status_code == 404
    assert client.post(f"/messages/{chat.pk}/leave/").status_code == 404
    assert client.post(f"/messages/{chat.pk}/add/", {"handle": "june"}).status_code == 404
    assert Message.objects.count() == 1


def _without_token(response) -> bytes:
    # The header's log-out form carries a fresh CSRF token on every page, and the footer's
    # language switch the address asked for (its `next`), which the asker knows already.
    content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content)
    return re.sub(rb'name="next" value="/messages/[^"]*"', b"", content)


def test_someone_elses_conversation_looks_exactly_like_a_missing_one(client, chat, cleo):
    client.force_login(cleo)
    for path in ["/messages/{id}/", "/messages/{id}/?page=2"]:
        theirs, missing = client.get(path.format(id=chat.pk)), client.get(path.format(id=999999))
        assert theirs.status_code == missing.status_code == 404
        assert _without_token(theirs) == _without_token(missing)
    for path in ["/messages/abc/", "/messages/99999999999999999999/"]:
        assert client.get(path).status_code == 404


def test_participants_read_it_and_a_member_who_left_does_not(client, chat, ana, ben):
    client.force_login(ben)
    response = client.get(f"/messages/{chat.pk}/")
    assert response.status_code == 200
    assert "How did it go today?" in response.content.decode()

    response = client.post(f"/messages/{chat.pk}/leave/")
    assert response.status_code == 302
    assert client.get(f"/messages/{chat.pk}/").status_code == 404
    assert "Scan day" not in client.get("/messages/").content.decode()
    assert list(Conversation.objects.readable_by(ben)) == []
    assert list(Message.objects.readable_by(ben)) == []
    assert Message.objects.readable_by(ana).count() == 1


def test_a_member_added_later_reads_the_conversation(client, chat, ana, ben):
    cleo = established("cleo")
    client.force_login(ana)
    response = client.post(f"/messages/{chat.pk}/add/", {"handle": "@Cleo"})
    assert response.status_code == 302
    client.force_login(cleo)
    assert "How did it go today?" in client.get(f"/messages/{chat.pk}/").content.decode()


def test_adding_an_unknown_or_present_member_says_so(client, chat, ana):
    client.force_login(ana)
    response = client.post(f"/messages/{chat.pk}/add/", {"handle": "nobody_here"})
    assert response.status_code == 400
    assert "We could not find a member called @nobody_here." in response.content.decode()
    response = client.post(f"/messages/{chat.pk}/add/", {"handle": "ben"})
    assert "@ben is already in this conversation." in response.content.decode()


def test_nothing_of_a_conversation_reaches_search_or_the_sitemap(client, chat, member):
    client.force_login(member)
    assert "How did it go" not in client.get("/search/?q=today").content.decode()
    client.logout()
    assert f"/messages/{chat.pk}/" not in client.get("/sitemap.xml").content.decode()


def test_conversation_pages_are_not_for_search_engines(client, chat, ben):
    client.force_login(ben)
    assert (
        '<meta name="robots" content="noindex">'
        in client.get(f"/messages/{chat.pk}/").content.decode()
    )
    services.leave(member=ben, conversation=chat)


def test_any_page_number_or_form_value_on_a_conversation_is_never_a_server_error(client, chat, ben):
    client.force_login(ben)
    for page in ("99999999999999999999", "-1", "abc", "0", "9" * 5000, "%F0%9F%98%80"):
        assert client.get(f"/messages/{chat.pk}/?page={page}").status_code == 200, page
    for value in ("\x00", "a\x00b", "//evil.example/", "x" * 30_000):
        form = {"body": value, "to": value, "title": value, "handle": value, "next": value}
        for path in ("/messages/new/", f"/messages/{chat.pk}/", f"/messages/{chat.pk}/add/"):
            assert client.post(path, form).status_code < 500, (path, value[:8])
        assert client.get(f"/messages/new/?to={value[:3000]}").status_code < 500


def test_nobody_is_added_beside_a_member_who_blocks_them_or_against_the_write_rules(
    client, chat, ana, ben, cleo
):
    services.block(blocker=ben, blocked=cleo)
    client.force_login(ana)
    page = client.post(f"/messages/{chat.pk}/add/", {"handle": "cleo"}).content.decode()
    assert "This member is not accepting messages" in page
    assert "@ben" not in page.split("<main")[1].split("People")[1]  # who blocks is not said
    assert not chat.participants.filter(member=cleo).exists()

    newcomer = MemberFactory(handle="newbie")
    services.add_participant(by=ana, conversation=chat, member=newcomer)
    with pytest.raises(services.ConversationError, match="New members can write privately"):
        services.add_participant(by=newcomer, conversation=chat, member=established("dora"))
