"""Staff insights in a real browser: readable at desktop and phone sizes, and accessible."""

import pytest

from tests.browser.conftest import PHONE, log_in, serious_accessibility_violations
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


LONG_TITLE = "Your medicines in the first year after a kidney transplant: questions answered"

MEASURE_CHARTS = """() => [...document.querySelectorAll('svg.insights-svg')].map(svg => {
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll('text')];
    return {
        smallest: Math.min(...texts.map(t => parseFloat(t.getAttribute('font-size')) * scale)),
        outside: texts.filter(t => {
            const r = t.getBoundingClientRect();
            return r.right > box.right + 0.5 || r.left < box.left - 0.5;
        }).map(t => t.textContent),
        words: texts.map(t => t.children.length
            ? [...t.children].map(line => line.textContent).join(' ') : t.textContent).join(' '),
    };
})"""


@pytest.fixture
def phone_page_with_axe(chromium):
    """A phone-sized page that lets axe-core in under the site's strict CSP."""
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_on_a_phone_chart_labels_stay_readable_and_nothing_is_wider_than_the_screen(
    phone_page_with_axe,
    live_server,
    staff,
    password,
    community,  # noqa: F811
    screenshot,
):
    phone_page = phone_page_with_axe
    community.webinar.title = LONG_TITLE
    community.webinar.save(update_fields=["title"])
    log_in(phone_page, live_server, login="staffer", password=password)
    phone_page.goto(insights_url(live_server))
    for summary in phone_page.get_by_text("Show the numbers").all():
        summary.click()  # every numbers table open, the widest state of the page

    charts = phone_page.evaluate(MEASURE_CHARTS)
    assert len(charts) == 4
    for chart in charts:
        assert chart["smallest"] >= 14, chart  # not shrunk to fit: 15px text on a 390px phone
        assert chart["outside"] == [], chart
    # The webinar's whole title, wrapped at spaces, nothing cut off.
    assert " ".join(LONG_TITLE.split()) in " ".join(charts[-1]["words"].split())
    page_width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 390
    assert phone_page.get_by_role("cell", name="2").first.is_visible()
    screenshot(phone_page, "insights-numbers-open")
    assert serious_accessibility_violations(phone_page) == []
