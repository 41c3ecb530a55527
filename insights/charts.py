"""Horizontal bar charts drawn as SVG on the server: geometry here, markup in
templates/insights/_bar_chart.html. Each bar carries its number as a direct label and each
series its own fill (solid, hatched, dotted or outlined), so the chart reads in black and
white and on a phone.

The SVG is drawn WIDTH units wide and shown at one unit per CSS pixel (never wider; narrower
only on screens under about 360px), so its text is FONT pixels on a phone as on a desktop.
Long labels (webinar titles) and the legend wrap onto more lines instead of running off the
edge.
"""

import csv
import io
import textwrap
from dataclasses import dataclass
from functools import cached_property

WIDTH = 312  # fits a phone's card at 390px (316px): drawn 1:1, never scaled down there
FONT = 15
CHAR = 8.5  # about the width of a letter at FONT; bold letters are a little wider
BOLD_CHAR = 9.2
LABEL_WIDTH = 62  # the category (week) labels on the left
VALUE_ROOM = 44  # room after the longest bar for its number
BAR = 18
BAR_GAP = 2
ROW_GAP = 10
LEGEND_LINE = 26
LABEL_LINE = 20  # each line of a label above its bars
FILLS = ("solid", "hatch", "dots", "outline")  # told apart in black and white too


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
    y: int  # the baseline of a label on the left
    lines: list[tuple[str, int]]  # a label above its bars: (text, baseline) of each line
    bars: list[Bar]


@dataclass(frozen=True)
class LegendItem:
    name: str
    fill: str
    x: int
    y: int  # the top of its swatch


@dataclass(frozen=True)
class Chart:  # its geometry is computed once (cached_property), the template reads it often
    name: str
    title: str
    summary: str
    category: str  # heading of the label column, e.g. "Week of"
    labels: list[str]
    series: list[Series]

    @cached_property
    def labels_above(self) -> bool:
        """Long labels (webinar titles) go on their own lines above their bars."""
        return any(len(label) > 8 for label in self.labels)

    @cached_property
    def label_width(self) -> int:
        return 4 if self.labels_above else LABEL_WIDTH

    @property
    def font_size(self) -> int:
        return FONT

    @cached_property
    def maximum(self) -> int:
        return max((v for s in self.series for v in s.values), default=0)

    def _label_lines(self, label: str) -> list[str]:
        if not self.labels_above:
            return [label]
        return textwrap.wrap(label, width=int((WIDTH - self.label_width) / BOLD_CHAR)) or [""]

    @cached_property
    def _bars_height(self) -> int:
        return len(self.series) * (BAR + BAR_GAP) - BAR_GAP + ROW_GAP

    def _row_height(self, label: str) -> int:
        lines = len(self._label_lines(label)) if self.labels_above else 0
        return self._bars_height + lines * LABEL_LINE

    @cached_property
    def legend(self) -> list[LegendItem]:
        """One item per series along the top, wrapping onto another line when full."""
        items: list[LegendItem] = []
        x, y = self.label_width, 4
        for index, series in enumerate(self.series):
            width = 21 + round(CHAR * len(series.name))
            if items and x + width > WIDTH:
                x, y = self.label_width, y + LEGEND_LINE
            items.append(LegendItem(series.name, FILLS[index % len(FILLS)], x, y))
            x += width + 12
        return items

    @cached_property
    def legend_height(self) -> int:
        return max(item.y for item in self.legend) + LEGEND_LINE - 4 if self.series else 0

    @cached_property
    def height(self) -> int:
        return self.legend_height + sum(self._row_height(label) for label in self.labels) + 4

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def axis_x(self) -> int:
        return self.label_width - 4

    @cached_property
    def rows(self) -> list[Row]:
        left = self.label_width
        span = WIDTH - left - VALUE_ROOM
        top = self.maximum or 1
        rows = []
        top_y = self.legend_height
        for i, label in enumerate(self.labels):
            lines = self._label_lines(label) if self.labels_above else []
            placed = [(text, top_y + (n + 1) * LABEL_LINE - 5) for n, text in enumerate(lines)]
            y = top_y + len(lines) * LABEL_LINE
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
            label_y = y + (len(self.series) * (BAR + BAR_GAP)) // 2 + 5
            rows.append(Row(label=label, y=label_y, lines=placed, bars=bars))
            top_y += self._row_height(label)
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
