"""The registers' tables paint their visible cells in one pass (RegisterView, RowDelegate),
rather than through Qt's cell-by-cell painting that crosses into Python for every cell: the
result must be the very pixels Qt's own painting gives — alternate rows, the selected row, red
overdue rows with the due date bold, text elided with …, the grid — whatever the columns'
order, visibility and scroll position."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot

from desktop.ui.models.row_table import OVERDUE_BRUSH, USER, OverdueRowsModel
from desktop.ui.qt import QImage, QModelIndex, QStyledItemDelegate, QTableView
from desktop.ui.widgets.highlight_delegate import HighlightDelegate, parse_marked
from desktop.ui.widgets.register_view import RegisterView


@dataclass
class _Row:
    id: int


class _Rows(OverdueRowsModel):
    headers = ("Số đến", "Nơi kiến nghị", "Hạn xử lý", "Trạng thái")
    due_column = 2

    def __init__(self, count: int = 40) -> None:
        super().__init__()
        self.rows = [_Row(i) for i in range(count)]
        long = "Cử tri tỉnh Thái Bình (nay là tỉnh Hưng Yên), qua Đoàn đại biểu Quốc hội tỉnh"
        self.cells = [
            (str(i), long if i % 3 == 0 else f"Cử tri tỉnh số {i}", f"{i % 28 + 1:02}/12/2026",
             "" if i % 5 == 0 else "Mới vào sổ")
            for i in range(count)
        ]  # fmt: skip
        self.overdue = [i % 4 == 1 for i in range(count)]


def _view(qtbot: QtBot, model: _Rows, width: int = 520) -> RegisterView:
    view = RegisterView(model)
    qtbot.addWidget(view)
    for col, w in enumerate((60, 180, 90, 120)):
        view.setColumnWidth(col, w)
    view.resize(width, 330)
    view.show()
    qtbot.waitExposed(view)
    return view


def _ours_and_qts(view: RegisterView, monkeypatch: pytest.MonkeyPatch) -> tuple[QImage, QImage]:
    ours = view.viewport().grab().toImage()
    with monkeypatch.context() as patch:
        patch.setattr(view, "_own_painting", lambda: False)
        view.setItemDelegate(QStyledItemDelegate(view))  # Qt's painting, Qt's delegate
        qts = view.viewport().grab().toImage()
        view.setItemDelegate(view.row_delegate)
    return ours, qts


def _differing_pixels(a: QImage, b: QImage) -> int:
    assert a.size() == b.size()
    return sum(a.pixel(x, y) != b.pixel(x, y) for y in range(a.height()) for x in range(a.width()))


def test_a_register_looks_as_qt_paints_it(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _Rows()
    view = _view(qtbot, model)
    view.selectRow(3)
    view.clearFocus()  # the focus frame depends on the window being active: compared below
    ours, qts = _ours_and_qts(view, monkeypatch)
    assert _differing_pixels(ours, qts) == 0
    # A real picture: the selection, the overdue red and the alternate shade are in it.
    seen = {ours.pixelColor(x, y).name() for y in range(ours.height()) for x in range(ours.width())}
    palette = view.palette()
    assert {OVERDUE_BRUSH.color().name(), palette.highlight().color().name()} <= seen
    assert palette.alternateBase().color().name() in seen


def test_moved_hidden_and_scrolled_columns_look_as_qt_paints_them(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _Rows(200)
    view = _view(qtbot, model, width=300)  # narrower than the columns: a horizontal scroll bar
    header = view.horizontalHeader()
    header.moveSection(3, 0)  # Trạng thái first
    header.setSectionHidden(1, True)
    view.selectRow(120)
    view.scrollTo(model.index(120, 2))
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    view.clearFocus()
    ours, qts = _ours_and_qts(view, monkeypatch)
    assert _differing_pixels(ours, qts) == 0


def test_the_current_cell_has_its_focus_frame(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _Rows()
    view = _view(qtbot, model)
    view.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    view.selectRow(2)
    ours, qts = _ours_and_qts(view, monkeypatch)
    assert _differing_pixels(ours, qts) == 0
    view.clearFocus()
    unfocused = view.viewport().grab().toImage()
    assert _differing_pixels(ours, unfocused) > 0  # the frame was there, and only with focus


def test_a_view_qt_must_paint_itself_still_paints(qtbot: QtBot) -> None:
    model = _Rows()
    view = _view(qtbot, model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
    view.setRowHidden(1, True)
    view.selectionModel().select(
        model.index(2, 1), view.selectionModel().SelectionFlag.ClearAndSelect
    )
    image = view.viewport().grab().toImage()
    assert len({image.pixel(100, y) for y in range(image.height())}) > 5


class _Marked(_Rows):
    """Rows whose origin is a search result's marked HTML, longer than its cell."""

    def more_data(self, row: int, col: int, role: int) -> object:
        if role == MARKED and col == 1:
            return "Cử tri tỉnh <b>Thái Bình</b> kiến nghị " * 6
        return None


MARKED = USER + 1


def _ink_lines(image: QImage, left: int, right: int, top: int, bottom: int) -> int:
    """How many separate bands of dark pixels (lines of text) lie between top and bottom."""
    bands, inked_before = 0, False
    for y in range(top, bottom):
        inked = any(image.pixelColor(x, y).lightness() < 110 for x in range(left, right))
        bands += inked and not inked_before
        inked_before = inked
    return bands


def test_a_marked_cell_shows_the_whole_lines_that_fit(qtbot: QtBot) -> None:
    model = _Marked(3)
    view = _view(qtbot, model)
    view.setItemDelegateForColumn(1, HighlightDelegate(model, MARKED, view))
    line = view.fontMetrics().height()
    view.verticalHeader().setDefaultSectionSize(2 * line + 10)  # room for 2 lines and a bit
    image = view.viewport().grab().toImage()
    x = view.columnViewportPosition(1)
    top, height = view.rowViewportPosition(1), view.rowHeight(1)
    # Two whole lines of the six the text wraps to; the third is not shown cut in half.
    assert _ink_lines(image, x + 2, x + view.columnWidth(1) - 2, top, top + height - 1) == 2
    assert model.cells[1][1] == "Cử tri tỉnh số 1"  # painted from the markup, not the text


def test_rows_that_arrive_are_laid_out_before_their_first_paint(qtbot: QtBot) -> None:
    # The event bringing a page lays its visible text out; the repaint after it only draws
    # (the two together took 15 ms in one event on a million-petition register).
    model = _Rows(0)
    view = _view(qtbot, model)
    qtbot.wait(20)
    model.beginInsertRows(QModelIndex(), 0, 9)
    late = _Rows(10)
    model.rows, model.cells, model.overdue = late.rows, late.cells, late.overdue
    model.endInsertRows()
    laid = view.row_delegate._texts  # before any paint: nothing else has laid them out
    assert {
        (model.cells[3][1], view.columnWidth(1) - 1 - 2 * view.row_delegate.margin, False)
    } <= set(laid)
    assert len(laid) >= 20  # 10 rows of 4 columns, less the empty and the repeated texts


def test_a_cells_markup_gives_its_text_and_bold_ranges() -> None:
    assert parse_marked("UBND &amp; <b>Thái Bình</b> (nay là <b>Hưng Yên</b>)") == (
        "UBND & Thái Bình (nay là Hưng Yên)",
        [(7, 9), (25, 8)],
    )
    assert parse_marked("<b>Hà Nội</b>") == ("Hà Nội", [(0, 6)])
    assert parse_marked("không có chữ đậm &lt;b&gt;") == ("không có chữ đậm <b>", [])
