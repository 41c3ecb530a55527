"""Staff insights in a real browser: readable at desktop and phone sizes, and accessible."""

import pytest

from tests.browser.conftest import log_in, serious_accessibility_violations
from tests.insights.conftest import (
    END,
    START,
    community,  # noqa: F401 (a fixture)
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def insights_url(live_server) -> str:
    return f"{live_server.url}/staff/insights/?start={START.isoformat()}&end={END.isoformat()}"


def test_staff_read_the_insights_charts_on_a_desktop(
    page,
    live_server,
    staff,
    password,
    community,  # noqa: F811
    screenshot,
):
    log_in(page, live_server, login="staffer", password=password)
    page.goto(insights_url(live_server))

    assert page.get_by_role("heading", name="Community insights").is_visible()
    assert page.get_by_role("img", name="New members per week").is_visible()
    assert page.get_by_role("link", name="Download CSV: Threads started and replies per week")
    screenshot(page, "insights")
    assert serious_accessibility_violations(page) == []


def test_staff_read_the_insights_charts_on_a_phone(
    phone_page,
    live_server,
    staff,
    password,
    community,  # noqa: F811
    screenshot,
):
    log_in(phone_page, live_server, login="staffer", password=password)
    phone_page.goto(insights_url(live_server))

    chart = phone_page.get_by_role("img", name="Threads started and replies per week")
    assert chart.bounding_box()["width"] <= 390
    path = screenshot(phone_page, "insights")
    # A close look at two charts at phone size, beside the full page.
    for name in ("conversations", "webinars"):
        phone_page.locator(f"#chart-{name}").screenshot(
            path=str(path.with_name(f"insights-{name}-chart-phone.png"))
        )


def test_a_reversed_range_is_explained_in_the_page(page, live_server, staff, password):
    log_in(page, live_server, login="staffer", password=password)
    page.goto(f"{live_server.url}/staff/insights/")
    page.get_by_label("From").fill("2026-03-15")
    page.get_by_label("To (included)").fill("2026-03-02")
    page.get_by_role("button", name="Show").click()

    assert page.get_by_text("The last day is before the first day. Swap them.").is_visible()
    assert serious_accessibility_violations(page) == []
