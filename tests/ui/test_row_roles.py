"""The registers' models answer a painted cell's roles in one multiData call; Qt reuses the
role buffer from cell to cell, so a role a row does not have must be cleared, never left over
from the row painted before (an overdue row's red and bold ran into the whole list once)."""

from __future__ import annotations

from dataclasses import dataclass

from pytestqt.qtbot import QtBot

from desktop.ui.models.row_table import BOLD, OVERDUE_BRUSH, OverdueRowsModel
from desktop.ui.qt import QStyledItemDelegate, QStyleOptionViewItem, QTableView


@dataclass
class _Row:
    id: int


class _Rows(OverdueRowsModel):
    headers = ("Số đến", "Hạn xử lý")
    due_column = 1

    def __init__(self) -> None:
        super().__init__()
        self.rows = [_Row(1), _Row(2)]
        self.cells = [("1", "26/11/2026"), ("2", "29/12/2026")]
        self.overdue = [True, False]


def _painted(
    delegate: QStyledItemDelegate, model: _Rows, row: int, col: int
) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, model.index(row, col))
    return option


def test_an_overdue_rows_red_and_bold_stop_at_that_row(qtbot: QtBot) -> None:
    model = _Rows()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    delegate = QStyledItemDelegate(view)
    late = _painted(delegate, model, 0, 1)  # the overdue row's due date: red and bold
    assert late.text == "26/11/2026" and late.font.bold()
    assert late.palette.text().color() == OVERDUE_BRUSH.color()
    on_time = _painted(delegate, model, 1, 1)  # painted next, with the same role buffer
    assert on_time.text == "29/12/2026"
    assert not on_time.font.bold() and on_time.font != BOLD
    assert on_time.palette.text().color() != OVERDUE_BRUSH.color()
    view.resize(400, 200)
    view.show()
    qtbot.waitExposed(view)
    view.viewport().repaint()  # a real paint of both rows through the same path
    assert _painted(delegate, model, 1, 0).palette.text().color() != OVERDUE_BRUSH.color()
