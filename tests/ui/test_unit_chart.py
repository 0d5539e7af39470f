"""The progress chart's value axis: whole counts, round steps, no label twice."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.types import UnitBuckets
from desktop.ui.qt import QBarCategoryAxis, QValueAxis
from desktop.ui.widgets.unit_chart import UNIT_LABEL_CHARS, UnitChart, axis_label, integer_scale


def _axis_labels(chart: UnitChart) -> list[str]:
    """The labels the value axis draws: its range cut into tickCount - 1 equal steps, each
    printed with labelFormat (the chart's items are private C++ types PySide cannot read)."""
    axis = next(a for a in chart.chart.axes() if isinstance(a, QValueAxis))
    steps = axis.tickCount() - 1
    values = [axis.min() + i * (axis.max() - axis.min()) / steps for i in range(steps + 1)]
    assert all(v == int(v) for v in values), values  # "%d" would print 0.2 as 0
    # Not localizeNumbers: with it, Qt 6.11 draws no label at all for "%d".
    assert not chart.chart.localizeNumbers()
    return [axis.labelFormat() % v for v in values]


def _show(qtbot: QtBot, counts: list[int]) -> UnitChart:
    chart = UnitChart()
    qtbot.addWidget(chart)
    chart.resize(900, 400)
    chart.show_units(
        [UnitBuckets(f"U{i}", f"Đơn vị {i}", n, 0, 0, 0) for i, n in enumerate(counts)]
    )
    chart.show()
    qtbot.waitExposed(chart)
    chart.chart.scene().update()
    return chart


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([1], ["0", "1"]),
        ([1, 0], ["0", "1"]),
        ([3], ["0", "1", "2", "3"]),
        ([7, 2], ["0", "2", "4", "6", "8"]),
        ([916, 40], ["0", "200", "400", "600", "800", "1000"]),
    ],
)
def test_the_axis_counts_in_whole_round_steps(
    qtbot: QtBot, counts: list[int], expected: list[str]
) -> None:
    chart = _show(qtbot, counts)
    axis = next(a for a in chart.chart.axes() if isinstance(a, QValueAxis))
    assert axis.labelFormat() == "%d"
    assert axis.min() == 0 and axis.max() == int(expected[-1])
    assert axis.tickCount() == len(expected)
    labels = _axis_labels(chart)
    assert labels == expected
    assert len(set(labels)) == len(labels)


def test_integer_scale_keeps_six_ticks_at_most() -> None:
    for largest in range(0, 5000, 7):
        end, ticks = integer_scale(largest)
        step = end // (ticks - 1)
        assert end >= max(largest, 1) and 2 <= ticks <= 6
        assert step * (ticks - 1) == end and str(step).rstrip("0") in {"1", "2", "5"}


def test_long_unit_names_take_two_lines_not_an_ellipsis(qtbot: QtBot) -> None:
    name = "Cục Phát thanh, truyền hình và thông tin điện tử"
    chart = UnitChart()
    qtbot.addWidget(chart)
    chart.show_units(
        [UnitBuckets("PTTH", name, 3, 0, 0, 0), UnitBuckets("VP", "Văn phòng Bộ", 1, 0, 0, 0)]
    )
    axis = next(a for a in chart.chart.axes() if isinstance(a, QBarCategoryAxis))
    assert not axis.truncateLabels()
    labels = axis.categories()
    assert "Văn phòng Bộ" in labels
    (two,) = [lab for lab in labels if "<br>" in lab]
    lines = two.split("<br>")
    assert " ".join(lines) == name and all(len(line) <= UNIT_LABEL_CHARS for line in lines)
    longest = axis_label("Trường Đào tạo, bồi dưỡng cán bộ quản lý thông tin và truyền thông tỉnh")
    assert longest.endswith("…") and all(len(x) <= UNIT_LABEL_CHARS for x in longest.split("<br>"))
