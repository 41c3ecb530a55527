import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from community import services as community_services
from community.models import Post, Thread
from moderation.models import AuditEntry
from notifications.models import Notification
from safety import crisis
from safety.defaults import DEFAULT_PHRASES
from safety.models import CareMark, CrisisPhrase, CrisisResource

# Each default phrase, as members might write it, and words that merely contain it.
FORMS = {
    "suicide": (["Suicide", "thinking about SUICIDE."], ["suicides", "nonsuicide"]),
    "suicidal": (["I feel suicidal", "Suicidal, again"], ["suicidally"]),
    "kill myself": (["I could kill myself", "KILL  MYSELF", "kill\nmyself"], ["skill myselfie"]),
    "killing myself": (["Killing myself is on my mind"], ["overkilling myselfish"]),
    "end my life": (["I want to end my life.", "End my life"], ["spend my lifetime"]),
    "ending my life": (["ending my life"], ["pending my lifelong"]),
    "take my own life": (["I might take my own life"], ["retake my own lifestyle"]),
    "want to die": (["I want to die", "I just WANT TO DIE!"], ["I want to diet"]),
    "better off dead": (["They'd be better off dead without me"], ["better off deadline"]),
    "self-harm": (["self-harm", "Self harm", "self - harm"], ["selfharming", "self-harmony"]),
    "hurt myself": (["I hurt myself again"], ["shurt myselfie"]),
    "hurting myself": (["hurting myself"], ["hurting myselfless"]),
    "overdose": (["an overdose", "Overdose?"], ["overdoses"]),
    "overdosed": (["She overdosed"], ["overdosedly"]),
    "chest pain": (["sudden chest pain", "Chest  Pain"], ["chest painting"]),
    "can't breathe": (["I can't breathe", "I can’t breathe", "CAN'T BREATHE"], ["can't breathes"]),
    "cannot breathe": (["I cannot breathe"], ["cannot breathed"]),
    "coughing up blood": (["I am coughing up blood"], ["coughing up bloody"]),
    # Spanish: members write in their own language.
    "suicidio": (["Pienso en el suicidio", "SUICIDIO"], ["suicidios"]),
    "suicidarme": (["Quiero suicidarme"], ["suicidarmente"]),
    "matarme": (["A veces pienso en matarme", "Matarme"], ["rematarme"]),
    "quitarme la vida": (["He pensado en quitarme la vida"], ["quitarme la vidaaa"]),
    "quiero morir": (["Ya no puedo más, quiero morir.", "QUIERO MORIR"], ["quiero morirla"]),
    "quiero morirme": (["A veces quiero morirme"], ["quiero morirmela"]),
    "mejor muerto": (["Estaría mejor muerto"], ["mejor muertos"]),
    "mejor muerta": (["Estaría mejor muerta"], ["mejor muertas"]),
    "hacerme daño": (["Tengo ganas de hacerme daño"], ["hacerme dañoso"]),
    "lastimarme": (["No quiero lastimarme"], ["lastimarmela"]),
    "sobredosis": (["Creo que fue una sobredosis"], ["sobredosisada"]),
    "dolor en el pecho": (["Tengo dolor en el pecho"], ["dolor en el pechón"]),
    "dolor de pecho": (["Un dolor de pecho fuerte"], ["dolor de pechuga"]),
    "no puedo respirar": (["No puedo respirar bien", "no puedo  respirar"], ["respirarlo"]),
    "tosiendo sangre": (["Está tosiendo sangre"], ["tosiendo sangrentamente"]),
}


def test_every_default_phrase_has_its_forms_tested():
    assert set(FORMS) == set(DEFAULT_PHRASES)


@pytest.mark.parametrize("phrase", DEFAULT_PHRASES)
def test_each_default_phrase_matches_its_forms_and_not_inside_other_words(db, phrase):
    matching, other_words = FORMS[phrase]
    for text in matching:
        assert crisis.phrases_in(text) == [phrase], text
    for text in other_words:
        assert crisis.phrases_in(text) == [], text


def test_only_switched_on_phrases_match(db):
    CrisisPhrase.objects.filter(phrase="overdose").update(is_active=False)
    assert crisis.phrases_in("an overdose") == []


def test_a_reply_with_crisis_language_shows_the_resources_and_keeps_the_text(
    client, member, thread
):
    client.force_login(member)
    url = reverse("community:thread-reply", args=[thread.pk, thread.slug])
    response = client.post(url, {"body": "Some nights I want to die. Is that normal?"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Before you post: you are not alone" in html
    assert "Suicide &amp; Crisis Lifeline" in html
    assert 'href="tel:988"' in html
    assert "Some nights I want to die. Is that normal?" in html
    assert "Publish anyway" in html and "Keep editing" in html
    assert not Post.objects.filter(thread=thread, position=2).exists()


def test_publishing_anyway_publishes_the_reply_and_marks_it_for_a_caring_look(
    client, member, thread
):
    client.force_login(member)
    url = reverse("community:thread-reply", args=[thread.pk, thread.slug])
    response = client.post(url, {"body": "Some nights I want to die.", "crisis_seen": "1"})
    assert response.status_code == 302
    post = Post.objects.get(thread=thread, position=2)
    assert post.body_markdown == "Some nights I want to die."
    assert CareMark.objects.get(post=post).phrases == ["want to die"]


def test_crisis_language_never_blocks_a_new_thread(client, member, group):
    client.force_login(member)
    url = reverse("community:thread-create", args=[group.slug])
    data = {"title": "Chest pain tonight", "body": "Is this normal after chemo?"}
    first = client.post(url, data)
    assert "Before you post" in first.content.decode()
    assert 'value="Chest pain tonight"' in first.content.decode()
    response = client.post(url, {**data, "crisis_seen": "1"})
    thread = Thread.objects.get(title="Chest pain tonight")
    assert response.status_code == 302
    assert CareMark.objects.filter(post__thread=thread, post__position=1).exists()


def test_an_edit_that_adds_crisis_language_asks_first_then_marks_the_post(
    client, other_member, thread
):
    client.force_login(other_member)
    post = thread.posts.get(position=1)
    url = reverse("community:post-edit", args=[post.pk])
    data = {"title": thread.title, "body": "Update: I overdosed last night."}
    assert "Before you post" in client.post(url, data).content.decode()
    client.post(url, {**data, "crisis_seen": "1"})
    post.refresh_from_db()
    assert post.body_markdown == "Update: I overdosed last night."
    assert CareMark.objects.filter(post=post, closed_at__isnull=True).count() == 1


def test_the_crisis_panel_and_the_contact_nudge_work_together(client, member, thread):
    client.force_login(member)
    url = reverse("community:thread-reply", args=[thread.pk, thread.slug])
    body = "I can't breathe well. Call me on 312-555-0199."
    html = client.post(url, {"body": body}).content.decode()
    assert "Before you post" in html and "share personal contact details" in html
    # Publish anyway, but the contact details still need their tick: the panel is not shown
    # again, and the choice is remembered in the form.
    html = client.post(url, {"body": body, "crisis_seen": "1"}).content.decode()
    assert "Before you post" not in html and "share personal contact details" in html
    assert 'name="crisis_seen" value="1"' in html
    response = client.post(url, {"body": body, "crisis_seen": "1", "confirm_contact_details": "on"})
    assert response.status_code == 302
    assert CareMark.objects.filter(post__body_markdown=body).exists()


def test_a_post_without_crisis_language_is_not_marked(member, thread):
    post = community_services.create_reply(thread=thread, author=member, body="Hugs to you.")
    assert not CareMark.objects.filter(post=post).exists()


def test_without_resources_the_panel_still_says_to_call_emergency_services(client, member, thread):
    CrisisResource.objects.all().delete()
    client.force_login(member)
    url = reverse("community:thread-reply", args=[thread.pk, thread.slug])
    html = client.post(url, {"body": "I feel suicidal"}).content.decode()
    assert "Call your local emergency number" in html


def test_the_queue_shows_posts_that_need_a_caring_look_first(
    moderator_client, member, other_member, thread
):
    from moderation.services import flag_post

    flagged = community_services.create_reply(thread=thread, author=member, body="Buy pills!")
    flag_post(post=flagged, by=other_member, reason="spam")
    cared = community_services.create_reply(
        thread=thread, author=member, body="Honestly I think about suicide."
    )
    html = moderator_client.get(reverse("moderation:queue")).content.decode()
    assert html.index(f'id="queue-post-{cared.pk}"') < html.index(f'id="queue-post-{flagged.pk}"')
    assert "Needs a caring look" in html
    assert "suicide" in html


def test_a_moderator_reaches_out_privately_and_the_post_leaves_the_queue(
    moderator_client, moderator, member, thread
):
    post = community_services.create_reply(thread=thread, author=member, body="I want to die.")
    mark = CareMark.objects.get(post=post)
    response = moderator_client.post(
        reverse("safety:care-reach-out", args=[mark.pk]),
        {"message": "We are thinking of you. Would you like to talk?"},
    )
    assert response.status_code == 302
    mark.refresh_from_db()
    assert mark.closed_at is not None and mark.reached_out
    notice = Notification.objects.get(recipient=member, post=post)
    assert "We are thinking of you" in notice.text
    assert not Notification.objects.filter(text__contains="We are thinking").exclude(
        recipient=member
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CARE_REACH_OUT)
    assert entry.actor == moderator and "thinking of you" not in str(entry.detail)
    html = moderator_client.get(reverse("moderation:queue")).content.decode()
    assert f'id="queue-post-{post.pk}"' not in html


def test_a_moderator_can_close_a_caring_look_without_a_message(moderator_client, member, thread):
    post = community_services.create_reply(thread=thread, author=member, body="Chest pain.")
    mark = CareMark.objects.get(post=post)
    moderator_client.post(reverse("safety:care-close", args=[mark.pk]))
    mark.refresh_from_db()
    assert mark.closed_at is not None and not mark.reached_out
    assert not Notification.objects.filter(recipient=member, post=post).exists()


def test_members_cannot_reach_out_or_close(client, member, other_member, thread):
    post = community_services.create_reply(thread=thread, author=member, body="Chest pain.")
    mark = CareMark.objects.get(post=post)
    client.force_login(other_member)
    assert client.post(reverse("safety:care-close", args=[mark.pk])).status_code == 403
    assert client.post(reverse("safety:care-reach-out", args=[mark.pk])).status_code == 403
    mark.refresh_from_db()
    assert mark.closed_at is None


def test_the_admin_says_clearly_when_the_phrase_list_is_empty(admin_client):
    CrisisPhrase.objects.update(is_active=False)
    response = admin_client.get(reverse("admin:safety_crisisphrase_changelist"))
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("No crisis phrases are switched on" in t for t in texts)


def test_the_admin_says_clearly_when_the_phrase_list_is_huge(admin_client):
    CrisisPhrase.objects.bulk_create(
        [CrisisPhrase(phrase=f"phrase number {n}") for n in range(crisis.LARGE_LIST + 1)]
    )
    response = admin_client.get(reverse("admin:safety_crisisphrase_changelist"))
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("hard to look after" in t for t in texts)
    # Matching still works with the long list.
    assert crisis.phrases_in("phrase number 250 and suicide") == ["phrase number 250", "suicide"]


def test_the_admin_refuses_an_empty_or_repeated_phrase(admin_client):
    url = reverse("admin:safety_crisisphrase_add")
    html = admin_client.post(url, {"phrase": "  --  ", "is_active": "on"}).content.decode()
    assert "Please enter a word or phrase with letters in it." in html
    html = admin_client.post(url, {"phrase": "SUICIDE", "is_active": "on"}).content.decode()
    assert "This phrase is already on the list." in html


def test_the_queue_costs_the_same_queries_with_many_posts_needing_a_caring_look(
    moderator_client, member, thread, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            community_services.create_reply(thread=thread, author=member, body=f"Suicidal {i}")

    add(1)
    with django_assert_max_num_queries(30) as one:
        moderator_client.get(reverse("moderation:queue"))
    add(6)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = moderator_client.get(reverse("moderation:queue")).content.decode()
    assert html.count("queue-item--care") == 7


def test_the_caring_message_reads_as_a_personal_message_from_the_care_team(
    client, moderator_client, member, thread
):
    post = community_services.create_reply(thread=thread, author=member, body="I want to die.")
    mark = CareMark.objects.get(post=post)
    moderator_client.post(
        reverse("safety:care-reach-out", args=[mark.pk]),
        {"message": "We are thinking of you."},
    )

    client.force_login(member)
    inbox = client.get(reverse("notifications:inbox")).content.decode()

    assert "A personal message from the care team" in inbox
    assert "A message from the care team, just for you: We are thinking of you." in inbox
    assert "Moderation decision" not in inbox
