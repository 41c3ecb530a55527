from django.conf import settings

from config.celery import app


def test_every_scheduled_notification_task_exists():
    app.loader.import_default_modules()
    scheduled = {
        entry["task"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"].startswith("notifications.")
    }

    assert scheduled == {
        "notifications.tasks.send_due_emails",
        "notifications.tasks.send_daily_digests",
    }
    assert scheduled <= set(app.tasks)
