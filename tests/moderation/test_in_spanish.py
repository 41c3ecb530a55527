"""Moderation for Spanish-speaking members and moderators (issue 19).

What a moderator writes (a reason, a warning) stays in their words; everything the site
says around it is in the reader's language. A member who chose no language reads the site's
default (accounts.languages): the tests that need a Spanish-speaking author make that default
Spanish while the moderator works in English, so what is Spanish can only come from the
author's language.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from community.models import Post
from moderation import review, rules, services
from notifications.models import Notification
from tests.factories import MemberFactory
from tests.moderation.factories import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_members(settings):
    settings.LANGUAGE_CODE = "es"


def test_an_english_speaking_moderators_decision_reaches_a_spanish_author_in_spanish(
    client, moderator, reply, spanish_members, django_capture_on_commit_callbacks
):
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("moderation:post-hide", args=[reply.pk]),
            {"reason": "Please keep it kind."},
            HTTP_ACCEPT_LANGUAGE="en",
            follow=True,
        )

    assert "Hidden. The author sees your reason." in response.content.decode()
    line = Notification.objects.get(recipient=reply.author).text
    assert (
        line
        == f"Su publicación en “{reply.thread.title}” está oculta. Motivo: Please keep it kind."
    )


def test_the_flags_own_reason_is_stored_in_english_and_read_in_spanish(
    client, reply, flaggers, spanish_members, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        for flagger in flaggers:
            services.flag_post(post=reply, by=flagger, reason="abusive")

    reply.refresh_from_db()
    assert reply.hidden_reason == services.AUTO_HIDE_REASON  # the mark of a hide by flags
    spanish_reason = "Varios miembros reportaron esta publicación. Está oculta hasta que"
    assert spanish_reason in Notification.objects.get(recipient=reply.author).text
    client.force_login(reply.author)
    standing = client.get(reverse("moderation:standing"), HTTP_ACCEPT_LANGUAGE="es")
    page = standing.content.decode()
    assert "Sus publicaciones y los moderadores" in page and spanish_reason in page
    assert services.AUTO_HIDE_REASON not in page


def test_a_spanish_speaking_moderator_works_the_queue_in_spanish(client, moderator, reply):
    Post.objects.filter(pk=reply.pk).update(status=Post.Status.PENDING)
    review.refresh(post_ids=[reply.pk])
    client.force_login(moderator)

    queue = client.get(reverse("moderation:queue"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    approved = client.post(
        reverse("moderation:post-approve", args=[reply.pk]), HTTP_ACCEPT_LANGUAGE="es", follow=True
    ).content.decode()

    assert "<h1>Cola de moderación</h1>" in queue
    assert "Esperando a un moderador" in queue and ">Aprobar</button>" in queue
    assert "Aprobada. La publicación ya se puede ver." in approved


def test_a_suspended_member_reads_why_in_their_language(member, moderator):
    services.suspend_member(
        member=member,
        by=moderator,
        until=timezone.now() + datetime.timedelta(days=3),
        reason="Un descanso de unos días.",
    )

    with translation.override("es"):
        refusal = rules.posting_refusal(user=member)

    assert refusal.startswith("Su cuenta está suspendida hasta ")
    assert refusal.endswith("El motivo de los moderadores: Un descanso de unos días.")


def test_a_warning_shows_on_the_members_next_page_in_their_language(
    client, member, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.warn_member(member=member, by=moderator, message="Sea amable, por favor.")
    client.force_login(member)

    page = client.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "Un mensaje de los moderadores: Sea amable, por favor." in page


def test_staffs_admin_actions_answer_in_spanish(admin_client):
    members = MemberFactory.create_batch(2)

    response = admin_client.post(
        "/admin/accounts/user/",
        {"action": "ban_members", "_selected_action": [m.pk for m in members]},
        HTTP_ACCEPT_LANGUAGE="es",
        follow=True,
    )

    assert "Se expulsó a 2 miembros. Sus publicaciones quedan como están." in (
        response.content.decode()
    )


def test_a_hidden_posts_page_tells_its_spanish_author_why(client, moderator, spanish_members):
    author = MemberFactory()
    post = make_post(author=author)
    services.hide_post(post=post, by=moderator, reason="Datos personales.")
    client.force_login(author)

    page = client.get(post.get_absolute_url(), follow=True).content.decode()

    assert "Solo usted y los moderadores pueden verla. Motivo: Datos personales." in page


def test_staff_read_the_moderation_admin_in_spanish(admin_client, moderator, member):
    services.warn_member(member=member, by=moderator, message="Sea amable.")

    page = admin_client.get(
        "/admin/moderation/auditentry/", HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()

    assert "Administración de Gathering" in page
    assert "Registro de moderación" in page  # the model's name
    assert "Cuándo" in page and "Quién" in page  # its columns
    assert "Miembro advertido" in page  # the action, as shown
