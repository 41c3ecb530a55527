"""A real Celery worker, started as another process, sends a notification e-mail via Redis."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from config.celery import app
from notifications.models import EmailDelivery
from tests.notifications.conftest import notify_membership, worker_database_url

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 60


@pytest.fixture
def worker(tmp_path):
    """`celery -A config worker` against the tests' Redis, e-mailing into tmp_path/mail."""
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "DATABASE_URL": worker_database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
            "--loglevel=INFO",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield mail_dir
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def publish_to_redis():
    """The test process sends tasks to the broker instead of running them in-process."""
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = previous


def wait_for(found, seconds: float = WAIT_SECONDS):
    """Polls `found()` until it returns something truthy or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := found():
            return result
        time.sleep(0.2)
    return found()


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_email_queued_when_the_notice_commits(
    worker, publish_to_redis, member, tmp_path
):
    with transaction.atomic():
        notify_membership(member)

    # The file backend creates the file before it writes the message: wait for a whole one
    # (the message ends with a line of dashes), not for the file alone.
    def written() -> str:
        texts = [path.read_text() for path in worker.glob("*.log")]
        return next((text for text in texts if text.rstrip().endswith("-" * 79)), "")

    sent = wait_for(written)
    worker_log = (tmp_path / "worker.log").read_text()
    assert sent, f"no e-mail arrived within {WAIT_SECONDS}s; worker log:\n{worker_log}"
    assert f"To: {member.email}" in sent
    assert "Subject: Your premium trial starts today." in sent
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in sent
    assert "http://testserver/accounts/" in sent
    # The worker marks the row sent when its transaction commits, just after writing the file.
    sent_rows = EmailDelivery.objects.filter(recipient=member, state=EmailDelivery.State.SENT)
    assert wait_for(sent_rows.exists)
    assert sent_rows.get().attempts == 1
