from celery import shared_task

from insights import services


@shared_task(ignore_result=True)
def send_weekly_summaries() -> int:
    """Weekly (Monday): the staff summary; a second run the same week sends nothing."""
    return services.send_weekly_summaries()
