"""Each e-mail goes out in its recipient's language, not in the language of the member
whose action sent it, nor the page's: notices, replies, digests, e-mails held by quiet
hours, membership and private-message notices, allauth's e-mails, and a real Celery worker.
"""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from accounts.premium import default_trial_end, grant_premium_trial
from notifications import digests, emails
from notifications.models import EmailDelivery, Notification, NotificationPreference
from notifications.services import lazy_text, notify
from tests.notifications.conftest import write_post
from tests.notifications.test_celery_worker import (  # noqa: F401  (fixtures)
    WAIT_SECONDS,
    publish_to_redis,
    wait_for,
    worker,
)

pytestmark = pytest.mark.django_db


def speaks(member, language):
    member.language = language
    member.save(update_fields=["language"])
    return member


@pytest.fixture
def june(member):
    """June reads Gathering in Spanish."""
    return speaks(member, "es")


@pytest.fixture
def sam(make_member):
    """Sam reads it in English."""
    return speaks(make_member("sam_k"), "en")


def _html(message) -> str:
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    return html


def test_a_reply_quoting_a_spanish_speaker_reaches_her_in_spanish(
    thread, june, sam, django_capture_on_commit_callbacks
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        reply = write_post(
            thread=thread,
            author=sam,
            body="Two pillows and a wedge.",
            reply_to=thread.posts.get(),
            notify=True,
        )

    [message] = mail.outbox
    assert message.to == [june.email]
    assert message.subject == "Sam lo citó en “Sleeping after surgery”"
    assert "Hola, June:" in message.body
    assert 'Sam (@sam_k) escribió en "Sleeping after surgery":' in message.body
    assert f"Ir a esta publicación: http://testserver/p/{reply.pk}/" in message.body
    assert "Jump to this post" not in message.body
    html = _html(message)
    assert '<html lang="es">' in html
    assert "Ir a esta publicación" in html and "Ver todas sus notificaciones" in html
    # Her inbox line is in Spanish too; the English speaker's page stays in English.
    assert Notification.objects.get(recipient=june).line == (
        "Sam lo citó en “Sleeping after surgery”"
    )


def test_an_english_speaker_still_gets_english_from_a_spanish_speakers_post(
    thread, june, sam, django_capture_on_commit_callbacks
):
    with translation.override("es"), django_capture_on_commit_callbacks(execute=True):
        first = write_post(thread=thread, author=sam, body="Hello all.")
        write_post(thread=thread, author=june, body="Hola, Sam.", reply_to=first, notify=True)

    [message] = mail.outbox
    assert message.to == [sam.email]
    assert message.subject == "June quoted you in “Sleeping after surgery”"
    assert "Hello Sam," in message.body
    assert '<html lang="en">' in _html(message)


def test_the_daily_digest_of_a_spanish_speaker_is_in_spanish(
    thread, june, sam, make_member, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        member=june, replies=NotificationPreference.Delivery.DIGEST
    )
    ana = make_member("ana")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        write_post(thread=thread, author=sam, body="Good night.", notify=True)
        write_post(thread=thread, author=ana, body="Sleep well.", notify=True)
    assert mail.outbox == []

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        digests.queue_daily_digests()

    [digest] = [m for m in mail.outbox if m.to == [june.email]]
    assert digest.subject == "2 notificaciones nuevas hoy en Gathering"
    assert "Esto es lo que pasó en Gathering desde su último resumen." in digest.body
    assert "* Sam respondió en “Sleeping after surgery”" in digest.body
    assert "* Ana respondió en “Sleeping after surgery”" in digest.body
    assert "Recibe este resumen una vez al día" in digest.body
    assert "Ir a esta publicación" in _html(digest)


def test_an_email_held_by_quiet_hours_goes_out_later_in_spanish(
    thread, june, sam, django_capture_on_commit_callbacks
):
    now = timezone.now()
    june.time_zone = "UTC"
    june.save(update_fields=["time_zone"])
    NotificationPreference.objects.create(
        member=june,
        quotes=NotificationPreference.Delivery.IMMEDIATELY,
        quiet_start=(now - datetime.timedelta(hours=1)).time().replace(microsecond=0),
        quiet_end=(now + datetime.timedelta(hours=2)).time().replace(second=0, microsecond=0),
    )
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        write_post(
            thread=thread, author=sam, body="A wedge.", reply_to=thread.posts.get(), notify=True
        )
    assert mail.outbox == []  # held: her quiet hours
    delivery = EmailDelivery.objects.get(recipient=june)
    assert delivery.state == EmailDelivery.State.PENDING

    # The periodic sweep, after her quiet hours, in a worker with no language of its own.
    later = delivery.next_attempt_at + datetime.timedelta(minutes=1)
    with translation.override("en"):
        assert emails.send_delivery(delivery_id=delivery.pk, now=later)

    [message] = mail.outbox
    assert message.subject == "Sam lo citó en “Sleeping after surgery”"
    assert "Hola, June:" in message.body


def test_a_trial_granted_by_english_speaking_staff_is_announced_in_spanish(
    june, staff, django_capture_on_commit_callbacks
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        grant_premium_trial(members=[june], ends_on=default_trial_end(), by=staff, note="")

    [message] = mail.outbox
    assert message.subject.startswith("Todo listo: Membresía Premium de prueba hasta el ")
    assert "Hola, June:" in message.body
    assert "Premium le permite ver las grabaciones" in message.body
    assert "Con nuestros mejores deseos," in message.body
    assert '<html lang="es">' in _html(message)
    notice = Notification.objects.get(recipient=june, kind=Notification.Kind.MEMBERSHIP)
    assert notice.line.startswith("Todo listo: Membresía Premium de prueba hasta el ")


def test_a_private_message_notice_reaches_a_spanish_speaker_in_spanish(
    june, sam, settings, django_capture_on_commit_callbacks
):
    from conversations import services

    settings.CONVERSATIONS_MIN_DAYS = 0
    settings.CONVERSATIONS_MIN_APPROVED_POSTS = 0
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.start_conversation(starter=sam, recipients=[june], body="Hello June")

    [message] = mail.outbox
    assert message.subject == "Tiene un mensaje privado nuevo"
    assert "Hola, June:" in message.body
    assert "Hello June" not in message.body  # no preview unless she asks for it


def test_a_password_reset_asked_from_an_english_page_is_in_the_members_spanish(client, june):
    response = client.post(
        "/accounts/password/reset/", {"email": june.email}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302

    [message] = mail.outbox
    assert message.subject.endswith("Elija una contraseña nueva para Gathering")
    assert "Alguien (esperamos que usted) pidió elegir una contraseña nueva" in message.body
    assert "Con nuestros mejores deseos," in message.body


def test_a_newcomer_signing_up_on_a_spanish_page_gets_the_confirmation_in_spanish(client, password):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "rosario@example.org",
            "username": "abuela_rosario",
            "password1": password,
            "password2": password,
        },
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 302

    [message] = mail.outbox
    assert "Bienvenido a Gathering: falta un paso" in message.subject
    assert "Gracias por unirse a Gathering" in message.body


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_celery_worker_writes_a_spanish_speakers_email_in_spanish(
    worker,  # noqa: F811
    publish_to_redis,  # noqa: F811
    member,
    tmp_path,
):
    speaks(member, "es")
    with translation.override("en"), transaction.atomic():
        notify(
            recipient=member,
            kind=Notification.Kind.MEMBERSHIP,
            text=lazy_text(
                gettext_lazy("We are not able to offer a premium trial to your account right now.")
            ),
            url="/accounts/",
            key="membership:language",
        )

    def written() -> str:
        texts = [path.read_text() for path in worker.glob("*.log")]
        return next((text for text in texts if text.rstrip().endswith("-" * 79)), "")

    sent = wait_for(written)
    worker_log = (tmp_path / "worker.log").read_text()
    assert sent, f"no e-mail arrived within {WAIT_SECONDS}s; worker log:\n{worker_log}"
    assert f"To: {member.email}" in sent
    # Quoted-printable and encoded headers: compare the decoded message.
    from email import message_from_string, policy

    parsed = message_from_string(sent.split("-" * 79)[0].strip(), policy=policy.default)
    assert parsed["Subject"] == (
        "En este momento no podemos ofrecer una prueba premium a su cuenta."
    )
    text = parsed.get_body(("plain",)).get_content()
    assert "Hola, June:" in text
    assert "Sus notificaciones:" in text
