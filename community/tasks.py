"""Community's Celery tasks (the beat schedule in config/settings.py runs them)."""

from celery import shared_task

from community import visits


@shared_task(name="community.tasks.flush_thread_visits")
def flush_thread_visits() -> int:
    """Writes the thread visits noted in Redis into ThreadVisit (community.visits); safe to
    run twice. Returns the number of rows written."""
    return visits.flush()
