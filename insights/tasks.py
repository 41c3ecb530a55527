from celery import shared_task

from insights import rollup, services


@shared_task(ignore_result=True)
def send_weekly_summaries() -> int:
    """Weekly (Monday): the staff summary; a second run the same week sends nothing."""
    return services.send_weekly_summaries()


@shared_task(ignore_result=True)
def roll_up_days() -> int:
    """Hourly: stores the figures of the days that are over (insights.rollup)."""
    return rollup.roll_up()


@shared_task(ignore_result=True)
def roll_up_today() -> int:
    """Every five minutes: stores today's figures so far, so the page need not measure them."""
    return rollup.roll_up_today()
