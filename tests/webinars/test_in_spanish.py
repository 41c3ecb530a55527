"""Webinars for a Spanish-speaking reader (issue 19): pages, the calendar file and every
notice a registrant gets, in their language whoever or whatever sends it.

A member who chose no language reads the site's default (accounts.languages); these tests
make that default Spanish while the requests and the scheduler that trigger the notices run
in English, so what is Spanish can only come from the recipient's language.
"""

import datetime

import pytest
from django.core import mail
from django.utils import translation

from notifications.models import Notification
from webinars import services
from webinars.tasks import queue_webinar_notices

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_members(settings):
    settings.LANGUAGE_CODE = "es"


def test_a_spanish_registrant_gets_the_days_reminder_in_spanish_from_an_english_scheduler(
    make_webinar, register_members, spanish_members
):
    webinar = make_webinar(starts_in=datetime.timedelta(hours=20), title="Dormir mejor")
    [member] = register_members(webinar, 1)

    with translation.override("en"):
        queue_webinar_notices()

    [message] = mail.outbox
    assert message.subject in {"Hoy: Dormir mejor", "Mañana: Dormir mejor"}
    assert f"Hola, {member.name}:" in message.body
    assert "Le recordamos que el seminario web en el que se inscribió es" in message.body
    assert "Añádalo a su calendario:" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="es">' in html
    assert "Abrir la página del seminario web" in html
    line = Notification.objects.get(recipient=member).text
    assert line.startswith(("Hoy: “Dormir mejor”", "Mañana: “Dormir mejor”"))


def test_the_hour_before_and_recording_notices_are_in_spanish_too(
    make_webinar, register_members, spanish_members, django_capture_on_commit_callbacks
):
    soon = make_webinar(starts_in=datetime.timedelta(minutes=40), title="Caminar")
    register_members(soon, 1)
    over = make_webinar(starts_in=-datetime.timedelta(days=2), title="Cuidar al cuidador")
    register_members(over, 1)
    with django_capture_on_commit_callbacks(execute=True):
        over.recording_url = "https://vimeo.com/76979871"
        over.save()
        services.announce_recording(webinar=over)

    with translation.override("en"):
        queue_webinar_notices()

    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        "Empieza en una hora: Caminar",
        "La grabación está lista: Cuidar al cuidador",
    ]
    assert all("Deje de recibir todos los correos" in m.body for m in mail.outbox)


def test_an_english_registrant_still_gets_english(make_webinar, register_members):
    webinar = make_webinar(starts_in=datetime.timedelta(minutes=40), title="Gentle stretching")
    register_members(webinar, 1)

    with translation.override("es"):
        queue_webinar_notices()

    assert [m.subject for m in mail.outbox] == ["Starting in an hour: Gentle stretching"]


def test_the_calendar_file_reads_in_spanish_and_keeps_its_times_in_utc(client, make_webinar):
    webinar = make_webinar(starts_in=datetime.timedelta(days=3), title="Dormir mejor")

    body = client.get(
        f"/webinars/{webinar.slug}/calendar.ics", HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()

    starts = webinar.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{starts}\r\n" in body
    assert "Detalles y conversación: " in body.replace("\r\n ", "")
    assert "LOCATION:En línea\r\n" in body


def test_a_visitor_reads_the_webinar_pages_in_spanish(client, make_webinar):
    webinar = make_webinar(starts_in=datetime.timedelta(days=3), title="Dormir mejor")

    listing = client.get("/webinars/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    page = client.get(webinar.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "<h1>Seminarios web</h1>" in listing and "Próximamente" in listing
    assert "Añadir al calendario" in page
    assert "La inscripción es gratuita para los miembros." in page


def test_registering_answers_in_spanish(client, member, make_webinar):
    webinar = make_webinar(starts_in=datetime.timedelta(days=3))
    client.force_login(member)

    response = client.post(
        f"/webinars/{webinar.slug}/register/", HTTP_ACCEPT_LANGUAGE="es", follow=True
    )

    assert "Su lugar está reservado." in response.content.decode()
    assert "Tiene su lugar reservado." in response.content.decode()
