from insights.charts import BOLD_CHAR, CHAR, WIDTH, Chart, Series

TITLE = "Your medicines in the first year after a kidney transplant: questions answered"


def webinar_chart(title: str = TITLE) -> Chart:
    return Chart(
        "webinars",
        "Webinars",
        "One webinar.",
        "Webinar",
        [title, "Short talk"],
        [Series("Registrations", [12, 3]), Series("Discussion replies", [7, 0])],
    )


def test_a_long_label_wraps_at_spaces_and_keeps_every_word():
    first = webinar_chart().rows[0]

    assert len(first.lines) > 1
    assert " ".join(text for text, _ in first.lines) == TITLE
    for text, _ in first.lines:
        assert first.bars[0].x + len(text) * BOLD_CHAR <= WIDTH


def test_bars_start_below_their_wrapped_label_and_rows_do_not_overlap():
    chart = webinar_chart()
    first, second = chart.rows

    assert first.bars[0].y > first.lines[-1][1]
    assert second.lines[0][1] - 15 > first.bars[-1].y + 18
    assert chart.height >= second.bars[-1].y + 18


def test_the_legend_wraps_instead_of_running_off_the_chart():
    legend = webinar_chart().legend

    assert [item.name for item in legend] == ["Registrations", "Discussion replies"]
    for item in legend:
        assert item.x + 21 + len(item.name) * CHAR <= WIDTH
    assert legend[1].y > legend[0].y


def test_week_labels_stay_on_the_left_of_their_bars():
    chart = Chart("w", "Weekly", "", "Week of", ["2 Mar", "9 Mar"], [Series("New", [1, 2])])

    assert not chart.labels_above
    assert [row.lines for row in chart.rows] == [[], []]
    assert chart.rows[1].bars[0].width == WIDTH - chart.label_width - 44
