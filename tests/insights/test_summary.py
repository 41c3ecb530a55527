import datetime

import pytest
from django.core import mail

from insights import services, tasks
from insights.models import InsightsSubscription
from notifications.services import unsubscribe
from tests.factories import MemberFactory
from tests.mail_headers import assert_one_click_unsubscribe

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 3, 16)  # the summary covers 9-15 March


def test_subscribed_staff_get_the_headline_numbers_and_a_link(community, staff):
    InsightsSubscription.objects.create(member=staff)

    assert services.send_weekly_summaries(today=MONDAY) == 1

    (message,) = mail.outbox
    assert message.to == [staff.email]
    assert message.subject == "Community this week: 5 active members, 2 new"
    assert "Threads started: 3" in message.body
    assert "Replies: 4" in message.body
    assert "New threads answered within 24 hours: 1 of 3" in message.body
    assert "/staff/insights/?period=7" in message.body
    html = message.alternatives[0][0]
    assert "See the charts" in html
    assert "<td>4</td>" in html


def test_the_summary_goes_once_a_week_even_if_the_scheduler_runs_twice(staff):
    InsightsSubscription.objects.create(member=staff)

    services.send_weekly_summaries(today=MONDAY)
    services.send_weekly_summaries(today=MONDAY + datetime.timedelta(days=1))
    assert len(mail.outbox) == 1

    services.send_weekly_summaries(today=MONDAY + datetime.timedelta(days=7))
    assert len(mail.outbox) == 2


def test_only_staff_who_asked_get_it(staff, member):
    former_staff = MemberFactory(handle="former", is_staff=False)
    InsightsSubscription.objects.create(member=former_staff)

    tasks.send_weekly_summaries.delay()

    assert mail.outbox == []


def test_celery_beat_sends_the_summary_weekly():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["insights-weekly-summaries"]

    assert entry["task"] == tasks.send_weekly_summaries.name
    assert entry["schedule"].day_of_week == {1}  # Mondays


def test_the_summary_offers_one_click_unsubscribe_and_respects_it(staff):
    InsightsSubscription.objects.create(member=staff)

    services.send_weekly_summaries(today=MONDAY)
    (message,) = mail.outbox
    assert_one_click_unsubscribe(message)

    unsubscribe(member=staff)
    services.send_weekly_summaries(today=MONDAY + datetime.timedelta(days=7))
    assert len(mail.outbox) == 1


def test_the_summary_is_written_in_its_recipients_language(community, staff, settings):
    """On a site whose members read Spanish, the summary is in Spanish whoever runs the task
    (the scheduler runs in English)."""
    settings.LANGUAGE_CODE = "es"  # the recipient's language: no setting of their own, the site's
    InsightsSubscription.objects.create(member=staff)

    services.send_weekly_summaries(today=MONDAY)

    (message,) = mail.outbox
    assert message.subject == "La comunidad esta semana: 5 miembros activos, 2 nuevos"
    assert "Conversaciones iniciadas: 3" in message.body
    assert "Conversaciones nuevas respondidas en menos de 24 horas: 1 de 3" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="es">' in html
    assert "Ver los gráficos" in html
