"""Horizontal bar charts drawn as SVG on the server: geometry here, markup in
templates/insights/_bar_chart.html. Each bar carries its number as a direct label and each
series its own fill (solid or hatched), so the chart reads in black and white and on a phone.
"""

import csv
import io
from dataclasses import dataclass

WIDTH = 360
LABEL_WIDTH = 62  # the category (week) labels on the left
VALUE_ROOM = 44  # room after the longest bar for its number
BAR = 18
BAR_GAP = 2
ROW_GAP = 10
LEGEND = 28
LABEL_LINE = 22  # a label above its bars
FILLS = ("solid", "hatch")


@dataclass(frozen=True)
class Series:
    name: str
    values: list[int]


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    value: int
    fill: str
    text_x: int
    text_y: int


@dataclass(frozen=True)
class Row:
    label: str
    y: int
    bars: list[Bar]


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    summary: str
    category: str  # heading of the label column, e.g. "Week of"
    labels: list[str]
    series: list[Series]

    @property
    def labels_above(self) -> bool:
        """Long labels (webinar titles) go on their own line above their bars."""
        return any(len(label) > 8 for label in self.labels)

    @property
    def label_width(self) -> int:
        return 4 if self.labels_above else LABEL_WIDTH

    @property
    def maximum(self) -> int:
        return max((v for s in self.series for v in s.values), default=0)

    @property
    def row_height(self) -> int:
        bars = len(self.series) * (BAR + BAR_GAP) - BAR_GAP + ROW_GAP
        return bars + (LABEL_LINE if self.labels_above else 0)

    @property
    def height(self) -> int:
        return LEGEND + len(self.labels) * self.row_height + 4

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def legend(self) -> list[tuple[str, str, int]]:
        """(name, fill, x) for each series, laid out along the top."""
        items, x = [], self.label_width
        for index, series in enumerate(self.series):
            items.append((series.name, FILLS[index % len(FILLS)], x))
            x += 30 + 8 * len(series.name)  # about 8 units a letter at font size 14
        return items

    @property
    def axis_x(self) -> int:
        return self.label_width - 4

    @property
    def rows(self) -> list[Row]:
        left = self.label_width
        span = WIDTH - left - VALUE_ROOM
        top = self.maximum or 1
        rows = []
        for i, label in enumerate(self.labels):
            top_y = LEGEND + i * self.row_height
            y = top_y + (LABEL_LINE if self.labels_above else 0)
            bars = []
            for j, series in enumerate(self.series):
                value = series.values[i]
                width = round(span * value / top)
                bar_y = y + j * (BAR + BAR_GAP)
                bars.append(
                    Bar(
                        x=left,
                        y=bar_y,
                        width=width,
                        value=value,
                        fill=FILLS[j % len(FILLS)],
                        text_x=left + width + 4,
                        text_y=bar_y + BAR - 4,
                    )
                )
            if self.labels_above:
                label_y = top_y + LABEL_LINE - 6
            else:
                label_y = y + (len(self.series) * (BAR + BAR_GAP)) // 2 + 4
            rows.append(Row(label=label, y=label_y, bars=bars))
        return rows

    def table(self) -> list[list]:
        """The chart's numbers as rows: [label, value of each series]."""
        return [[label, *(s.values[i] for s in self.series)] for i, label in enumerate(self.labels)]

    def header(self) -> list[str]:
        return [self.category, *(s.name for s in self.series)]

    def csv(self, *, keys: list[str] | None = None) -> str:
        """CSV of exactly the numbers drawn; `keys` replaces the labels (e.g. ISO dates)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(self.header())
        for i, row in enumerate(self.table()):
            writer.writerow([keys[i] if keys else row[0], *row[1:]])
        return out.getvalue()
