"""Work that fans out (notifying every follower, every clinical reviewer) runs in Celery, not
in the request that caused it:

    background.after_commit(tasks.notify_post_approved, post_id=post.pk)

queues the task with these ids once the current transaction commits, so a rolled-back
change queues nothing and the task reads committed rows. The task must take ids, re-read
its rows and be safe to run twice (STYLE.md). If the broker cannot take the task (Redis is
down), it runs here, in the request, instead: slower, never lost.
"""

import logging
from functools import partial

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def send(task: Task, kwargs: dict[str, int | bool]) -> None:
    """Hands the task to the broker; runs it in this process if the broker is unreachable."""
    try:
        task.apply_async(kwargs=kwargs)
    except OperationalError:
        logger.warning("Broker unreachable: running %s in the request", task.name)
        task.apply(kwargs=kwargs, throw=True)


def after_commit(task: Task, **kwargs: int | bool) -> None:
    """Queues `task(**kwargs)` in Celery once the current transaction commits."""
    transaction.on_commit(partial(send, task, kwargs))
