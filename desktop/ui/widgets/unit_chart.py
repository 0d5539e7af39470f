"""Tiến độ theo đơn vị: a horizontal stacked bar per unit of the four report buckets."""

from __future__ import annotations

import html
from collections.abc import Sequence

from desktop.core.agenda import format_count
from desktop.core.types import UnitBuckets
from desktop.ui.qt import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QColor,
    QCursor,
    QHorizontalStackedBarSeries,
    QLabel,
    QMargins,
    QPainter,
    QScrollArea,
    QStackedWidget,
    Qt,
    QValueAxis,
    QVBoxLayout,
    QWidget,
    Signal,
)

# The four buckets of the Government Office's report, in stacking order, with their colours.
BUCKETS = (
    ("done_on_time", "Xong đúng hạn", "#2e7d32"),
    ("done_late", "Xong trễ hạn", "#ef8f00"),
    ("open_in_time", "Đang xử lý, còn hạn", "#1565c0"),
    ("open_overdue", "Đang xử lý, quá hạn", "#c62828"),
)
UNIT_LABEL_CHARS = 34
BAR_HEIGHT_PX = 32
CHART_EXTRA_PX = 60  # value axis and margins


def axis_label(name: str) -> str:
    """A unit's name on the chart's axis: one line, or two broken at the space nearest the
    middle ("Cục Phát thanh, truyền hình / và thông tin điện tử"), each of at most
    UNIT_LABEL_CHARS; only a name longer than two such lines ends in "…". Markup (the axis
    draws rich text)."""
    if len(name) <= UNIT_LABEL_CHARS:
        return html.escape(name)
    spaces = [i for i, ch in enumerate(name) if ch == " " and i <= UNIT_LABEL_CHARS]
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2), default=UNIT_LABEL_CHARS)
    first, rest = name[:cut].rstrip(), name[cut:].strip()
    if len(rest) > UNIT_LABEL_CHARS:
        rest = rest[: UNIT_LABEL_CHARS - 1].rstrip() + "…"
    return f"{html.escape(first)}<br>{html.escape(rest)}"


def integer_scale(largest: int, most_ticks: int = 6) -> tuple[int, int]:
    """The value axis's end and tick count for counts up to `largest`: whole, round steps
    (1, 2, 5 × 10ⁿ) and at most `most_ticks` ticks, so no label repeats (a 0..1 axis with Qt's
    nice numbers read "0 0 0 0 0 1")."""
    step = 1
    while -(-max(largest, 1) // step) > most_ticks - 1:
        step = _next_step(step)
    end = -(-max(largest, 1) // step) * step
    return end, end // step + 1


def _next_step(step: int) -> int:
    power = 10 ** (len(str(step)) - 1)
    return {1: 2, 2: 5, 5: 10}[step // power] * power


def _total(u: UnitBuckets) -> int:
    return u.done_on_time + u.done_late + u.open_in_time + u.open_overdue


class UnitChart(QWidget):
    """The chart, or a sentence when there is nothing to draw; a click on a bar names its unit."""

    unit_clicked = Signal(str)  # the unit's code

    def __init__(self) -> None:
        super().__init__()
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        # Our own legend above the scroll area: QLegend elides long names and would scroll away.
        self.chart.legend().hide()
        self.chart.setBackgroundRoundness(0)
        self.legend = QLabel(
            "&nbsp;&nbsp;&nbsp;".join(
                f"<span style='color:{colour}'>■</span>&nbsp;{name.replace(' ', '&nbsp;')}"
                for _a, name, colour in BUCKETS
            )
        )
        self.legend.setWordWrap(True)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        # Thirty units do not fit a laptop screen at a readable bar height: scroll instead.
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.view)
        self.empty = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.charted = QWidget()
        charted = QVBoxLayout(self.charted)
        charted.setContentsMargins(0, 0, 0, 0)
        charted.addWidget(self.legend)
        charted.addWidget(self.scroll_area, 1)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.charted)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.series: QHorizontalStackedBarSeries | None = None
        self.units: list[UnitBuckets] = []

    def show_empty(self, text: str) -> None:
        """No bars: say why."""
        self._clear()
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    def show_units(self, by_unit: Sequence[UnitBuckets]) -> None:
        """One stacked bar per unit, in the given order from the top."""
        self._clear()
        # A horizontal chart draws its first category lowest.
        self.units = list(reversed(by_unit))
        series = QHorizontalStackedBarSeries()
        for attr, name, colour in BUCKETS:
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(colour))
            bar_set.setBorderColor(QColor(colour))
            bar_set.append([float(getattr(u, attr)) for u in self.units])
            series.append(bar_set)
        series.setBarWidth(0.7)
        self.chart.addSeries(series)
        labels = [axis_label(u.unit) for u in self.units]
        # The category axis needs unique labels; two long names may shorten alike.
        labels = [lab if labels.count(lab) == 1 else f"{lab} ({u.unit_code})"
                  for lab, u in zip(labels, self.units, strict=True)]  # fmt: skip
        y_axis = QBarCategoryAxis()
        y_axis.setTruncateLabels(False)  # two short lines instead of one cut off ("Cục Phát…")
        y_axis.append(labels)
        x_axis = QValueAxis()
        end, ticks = integer_scale(max(_total(u) for u in self.units))
        x_axis.setLabelFormat("%d")
        x_axis.setRange(0, end)
        x_axis.setTickCount(ticks)
        x_axis.setMinorTickCount(0)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        # On top, so the scale stays in view while the first units are read.
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignTop)
        series.attachAxis(y_axis)
        series.attachAxis(x_axis)
        series.clicked.connect(self._clicked)
        series.hovered.connect(self._hovered)
        self.series = series
        # A fixed height per unit: three units are not stretched into slabs, thirty scroll.
        self.view.setFixedHeight(CHART_EXTRA_PX + BAR_HEIGHT_PX * len(self.units))
        self.stack.setCurrentWidget(self.charted)

    def unit_at(self, index: int) -> UnitBuckets | None:
        """The unit drawn at a category index."""
        return self.units[index] if 0 <= index < len(self.units) else None

    def _clear(self) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        self.series = None
        self.units = []

    def _clicked(self, index: int, _bar_set: QBarSet) -> None:
        unit = self.unit_at(index)
        if unit is not None:
            self.unit_clicked.emit(unit.unit_code)

    def _hovered(self, status: bool, index: int, bar_set: QBarSet) -> None:
        # The view's own tooltip, shown by Qt after the usual delay (no popup per mouse move).
        unit = self.unit_at(index)
        if not status or unit is None:
            self.view.setToolTip("")
            return
        self.view.setToolTip(
            f"{unit.unit}\n{bar_set.label()}: {format_count(int(bar_set.at(index)))}\n"
            "Bấm để mở danh sách kiến nghị của đơn vị."
        )
