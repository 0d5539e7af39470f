"""The kind switch (Kiến nghị / Nhiệm vụ / Cả hai) on Tổng quan and Việc của đơn vị: the numbers,
the per-unit bars and the lists follow it, a task shows as one with its deadline, the choice is
remembered and reached from the keyboard."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from db import petitions as pet
from db.petition_filter import PetitionFilter
from desktop.ui.context import UiContext
from desktop.ui.models import due_soon_model as due_cols
from desktop.ui.models import unit_work_model as work_cols
from desktop.ui.qt import Qt
from desktop.ui.screens.dashboard import DashboardScreen
from desktop.ui.screens.unit_work import UnitWorkScreen
from tests import kind_office
from tests.conftest import Clock

YEAR = {"received_from": kind_office.D(2026, 1, 1), "received_to": kind_office.D(2026, 12, 31)}


@pytest.fixture
def ids(ctx: UiContext, clock: Clock) -> dict[str, int]:
    return kind_office.build(ctx.session, clock)


@pytest.fixture
def board(qtbot: QtBot, ctx: UiContext, ids: dict[str, int]) -> DashboardScreen:
    w = DashboardScreen(ctx)
    qtbot.addWidget(w)
    w.resize(1280, 760)
    with qtbot.waitSignal(w.loaded, timeout=5000):
        w.show()
    return w


def _numbers(board: DashboardScreen) -> tuple[str, ...]:
    return tuple(card.value_label.text() for card in board.cards)


def _bars(board: DashboardScreen) -> dict[str, tuple[int, ...]]:
    series = board.unit_chart.series
    assert series is not None
    sets = series.barSets()
    units = [board.unit_chart.unit_at(i) for i in range(sets[0].count())]
    return {u.unit_code: tuple(int(b.at(i)) for b in sets) for i, u in enumerate(units) if u}


def _due(board: DashboardScreen) -> list[tuple[int | None, str]]:
    m = board.due_model
    return [(m.petition_id(r), m.data(m.index(r, due_cols.COL_KIND))) for r in range(m.rowCount())]


def _switch(qtbot: QtBot, board: DashboardScreen, kind: str | None) -> None:
    with qtbot.waitSignal(board.loaded, timeout=5000):
        board.set_counted(kind)


def test_dashboard_counts_and_lists_the_kind_chosen(
    qtbot: QtBot, board: DashboardScreen, ids: dict[str, int]
) -> None:
    # Kiến nghị by default, as before tasks: the "Loại" column is not needed.
    assert board.kind_box.currentText() == "Kiến nghị"
    assert _numbers(board) == ("5", "3", "0", "1")
    assert _bars(board) == {"THH": (1, 1, 2, 1)}
    assert _due(board) == [(ids["p_soon"], "Kiến nghị")]
    assert board.due_table.isColumnHidden(due_cols.COL_KIND)
    assert board.unanswered_card.caption_label.text() == "Chưa trả lời"

    _switch(qtbot, board, "task")
    assert _numbers(board) == ("6", "4", "0", "2")
    assert _bars(board) == {"THH": (1, 1, 2, 2)}
    assert _due(board) == [(ids["t_soon"], "Nhiệm vụ")]
    assert not board.due_table.isColumnHidden(due_cols.COL_KIND)
    m = board.due_model
    assert m.data(m.index(0, due_cols.COL_DUE)) == "26/11/2026"  # the task's deadline
    assert m.headerData(due_cols.COL_ORIGIN, Qt.Orientation.Horizontal) == "Nơi giao"
    assert board.unanswered_card.caption_label.text() == "Chưa hoàn thành"
    assert "Đã hoàn thành: 2" in board.secondary.text()

    _switch(qtbot, board, None)
    assert _numbers(board) == ("11", "7", "0", "3")
    assert _bars(board) == {"THH": (2, 2, 4, 3)}
    assert _due(board) == [(ids["p_soon"], "Kiến nghị"), (ids["t_soon"], "Nhiệm vụ")]


def test_dashboard_numbers_open_the_list_of_the_kind_shown(
    qtbot: QtBot, board: DashboardScreen
) -> None:
    _switch(qtbot, board, "task")
    with qtbot.waitSignal(board.open_list) as sig:
        qtbot.mouseClick(board.overdue_card, Qt.MouseButton.LeftButton)
    f = sig.args[0]
    assert f == PetitionFilter(overdue_on=kind_office.TODAY, kind="task", **YEAR)
    assert pet.count(board.ctx.session.store, f) == 2  # exactly the number on the card
    _switch(qtbot, board, None)
    assert board.unit_filter("THH") == PetitionFilter(unit_code="THH", kind=None, **YEAR)
    assert pet.count(board.ctx.session.store, board.card_filter("received")) == 11


def test_dashboard_switch_from_the_keyboard_and_remembered(
    qtbot: QtBot, board: DashboardScreen, ctx: UiContext
) -> None:
    board.activateWindow()
    board.period_box.setFocus()
    qtbot.keyClick(board.period_box, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # &Loại
    qtbot.waitUntil(board.kind_box.hasFocus)
    with qtbot.waitSignal(board.loaded, timeout=5000):
        qtbot.keyClick(board.kind_box, Qt.Key.Key_Down)
    assert board.counted() == "task" and _numbers(board) == ("6", "4", "0", "2")
    again = DashboardScreen(ctx)
    qtbot.addWidget(again)
    assert again.counted() == "task" and again.kind_box.currentText() == "Nhiệm vụ"


def test_unit_work_lists_the_kind_chosen_and_shows_a_task_as_one(
    qtbot: QtBot, ctx: UiContext, ids: dict[str, int]
) -> None:
    screen = UnitWorkScreen(ctx)
    qtbot.addWidget(screen)
    screen.unit_box.setCurrentIndex(screen.unit_box.findText("Cục Tin học hóa (THH)"))
    m = screen.model

    def rows() -> list[tuple[int | None, str]]:
        return [(m.petition_id(r), m.data(m.index(r, work_cols.COL_KIND)))
                for r in range(m.rowCount())]  # fmt: skip

    p = [(ids[f"p_{n}"], "Kiến nghị") for n in ("overdue", "soon", "in_time")]
    t = [(ids[f"t_{n}"], "Nhiệm vụ") for n in ("overdue", "overdue2", "soon", "in_time")]
    qtbot.waitUntil(lambda: rows() == p)
    assert screen.table.isColumnHidden(work_cols.COL_KIND)
    assert "3 việc đang mở" in screen.status.text() and "1 việc quá hạn" in screen.status.text()
    screen.set_kind("task")
    qtbot.waitUntil(lambda: rows() == t)
    assert not screen.table.isColumnHidden(work_cols.COL_KIND)
    assert "4 việc đang mở" in screen.status.text() and "2 việc quá hạn" in screen.status.text()
    # A task is said as one: its status word, its deadline as the notice wrote it, in red late.
    assert m.data(m.index(0, work_cols.COL_STATUS)) == "Đang thực hiện"
    assert m.data(m.index(0, work_cols.COL_DUE)) == "10/11/2026"
    tip = m.data(m.index(0, work_cols.COL_DUE), Qt.ItemDataRole.ToolTipRole)
    assert tip == f"Quá hạn của đơn vị; Thời hạn trong văn bản: {kind_office.WRITTEN}"
    assert m.data(m.index(0, work_cols.COL_ORIGIN), Qt.ItemDataRole.ForegroundRole) is not None
    screen.set_kind(None)
    qtbot.waitUntil(lambda: rows() == [p[0], t[0], t[1], p[1], t[2], p[2], t[3]])
    again = UnitWorkScreen(ctx)
    qtbot.addWidget(again)
    assert again.kind() is None and again.kind_box.currentText() == "Cả hai"
