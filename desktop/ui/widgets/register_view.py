"""The table of a register (Kiến nghị, Văn bản đến, Văn bản đi, Nhiệm vụ), painted in one pass.

QTableView paints cell by cell, calling into Python for each (the model's data, the delegate):
every call takes the interpreter lock again, and while a worker thread is reading the next page
in Python each one waits for the worker to let go of it (up to the switch interval). A full
repaint crossed into Python ~130 times and waited 3× its own CPU time on a loaded machine.
Here the viewport is painted by one Python call, drawing what QTableView draws (alternate rows,
the selected rows, each cell's text through its RowDelegate, the grid and the focus frame);
anything this pass does not handle (spans, moved or hidden rows, an open editor) is left to
QTableView's own painting.
"""

from __future__ import annotations

from desktop.ui.models.row_table import OverdueRowsModel
from desktop.ui.qt import (
    QColor,
    QLineF,
    QModelIndex,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QRect,
    QStyle,
    QStyleOptionViewItem,
    Qt,
    QTableView,
    QWidget,
)
from desktop.ui.widgets.row_delegate import SELECTED, RowDelegate, colour_group, draw_focus

# A visible column: its delegate, logical index, x in the viewport and width.
_Column = tuple[RowDelegate, int, int, int]


class RegisterView(QTableView):
    """A register's rows: whole rows selected, alternate rows shaded, no row numbers, one line
    a row, painted from the model's display strings (RowDelegate)."""

    def __init__(self, model: OverdueRowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.row_delegate = RowDelegate(model, self)
        self.setItemDelegate(self.row_delegate)
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        # Always there, as in Excel: a scroll bar coming and going as rows are replaced (each
        # search) made the stretched columns jump in width and their text laid out again.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        # In the event that brought the rows, not in the repaint that follows it.
        model.modelReset.connect(self._warm)
        model.rowsInserted.connect(self._warm)

    def _own_painting(self) -> bool:
        rows = self.verticalHeader()
        return (
            self.selectionBehavior() == QTableView.SelectionBehavior.SelectRows
            and not rows.sectionsMoved()
            and rows.hiddenSectionCount() == 0
            and not self.isPersistentEditorOpen(self.currentIndex())
            and self.state() != QTableView.State.EditingState
        )

    def _visible(self, area: QRect) -> tuple[int, int, list[_Column], QRect]:
        """The rows (first, last) and columns of `area` painted, and the area within Qt's
        limits (nothing past the last column or row); no columns when nothing is."""
        columns, rows = self.horizontalHeader(), self.verticalHeader()
        count = len(self.row_delegate.model.cells)
        area = area.intersected(
            QRect(0, 0, columns.length() - columns.offset(), rows.length() - rows.offset())
        )
        first = self.rowAt(area.top())
        if count == 0 or columns.count() == 0 or area.isEmpty() or first < 0:
            return 0, -1, [], area
        last = self.rowAt(area.bottom())
        last = count - 1 if last < 0 else last
        left = max(columns.visualIndexAt(area.left()), 0)
        right = columns.visualIndexAt(area.right())
        right = columns.count() - 1 if right < 0 else right
        cells: list[_Column] = []
        for visual in range(left, right + 1):
            col = columns.logicalIndex(visual)
            if columns.isSectionHidden(col):
                continue
            delegate = self.itemDelegateForColumn(col)
            if not isinstance(delegate, RowDelegate):
                delegate = self.row_delegate
            cells.append((delegate, col, self.columnViewportPosition(col), self.columnWidth(col)))
        return first, last, cells, area

    def _prepared(self, cells: list[_Column]) -> QStyleOptionViewItem:
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        for delegate in {d for d, *_ in cells}:
            delegate.prepare(option)
        return option

    def _warm(self) -> None:
        """Lay out the text of the rows just shown (a page or search results arrived) in the
        event that brought them, so that their first paint, a later event, only draws: the
        two together took 15 ms in one event."""
        if not self._own_painting() or not self.isVisible():
            return
        first, last, cells, _area = self._visible(self.viewport().rect())
        if not cells:
            return
        self._prepared(cells)
        grid = 1 if self.showGrid() else 0
        for row in range(first, last + 1):
            for delegate, col, _x, width in cells:
                delegate.lay_out(row, col, width - grid)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if not self._own_painting():
            super().paintEvent(event)
            return
        first, last, cells, area = self._visible(event.rect())
        if not cells:
            return
        option = self._prepared(cells)
        palette = option.palette
        state = option.state.value
        group = colour_group(state)
        grid = 1 if self.showGrid() else 0
        x_from, x_to = cells[0][2], cells[-1][2] + cells[-1][3]
        selection = self.selectionModel()
        root = QModelIndex()
        highlight = palette.brush(group, QPalette.ColorRole.Highlight)
        alternate = palette.brush(group, QPalette.ColorRole.AlternateBase)
        shade = self.alternatingRowColors()

        painter = QPainter(self.viewport())
        for row in range(first, last + 1):
            y = self.rowViewportPosition(row)
            height = self.rowHeight(row) - grid
            selected = selection is not None and selection.isRowSelected(row, root)
            if selected:
                painter.fillRect(QRect(x_from, y, x_to - x_from, height), highlight)
            elif shade and row & 1:
                painter.fillRect(QRect(x_from, y, x_to - x_from, height), alternate)
            colour = self.row_delegate.text_colour(
                palette, state | SELECTED if selected else state, row
            )
            for delegate, col, x, width in cells:
                delegate.paint_cell(painter, QRect(x, y, width - grid, height), row, col, colour)

        if grid:
            self._paint_grid(painter, option, cells, first, last, area)
        current = self.currentIndex()
        if (
            current.isValid()
            and first <= current.row() <= last
            and (self.hasFocus() or self.viewport().hasFocus())
        ):
            self._paint_focus(painter, option, current, grid)
        painter.end()

    def _paint_grid(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        cells: list[_Column],
        first: int,
        last: int,
        area: QRect,
    ) -> None:
        """The grid lines at the bottom and right of each cell, as QTableView draws them."""
        hint = self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, self)
        painter.setPen(QPen(QColor.fromRgba(hint & 0xFFFFFFFF), 1, self.gridStyle()))
        for row in range(first, last + 1):
            y = self.rowViewportPosition(row) + self.rowHeight(row) - 1
            painter.drawLine(QLineF(area.left(), y, area.right(), y).translated(0.5, 0.5))
        for _delegate, _col, x, width in cells:
            edge = x + width - 1
            painter.drawLine(QLineF(edge, area.top(), edge, area.bottom()).translated(0.5, 0.5))

    def _paint_focus(
        self, painter: QPainter, option: QStyleOptionViewItem, current: QModelIndex, grid: int
    ) -> None:
        col = current.column()
        if self.horizontalHeader().isSectionHidden(col):
            return
        rect = QRect(
            self.columnViewportPosition(col),
            self.rowViewportPosition(current.row()),
            self.columnWidth(col) - grid,
            self.rowHeight(current.row()) - grid,
        )
        focus_option = QStyleOptionViewItem(option)
        selection = self.selectionModel()
        focus_option.state |= QStyle.StateFlag.State_HasFocus
        if selection is not None and selection.isSelected(current):
            focus_option.state |= QStyle.StateFlag.State_Selected
        draw_focus(painter, focus_option, rect)
