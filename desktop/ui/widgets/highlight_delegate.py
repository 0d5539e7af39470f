"""Trích đoạn: a table cell painted as rich text, so the words a search matched show in bold."""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import TYPE_CHECKING

from desktop.ui.qt import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPoint,
    QRect,
    QStaticText,
    Qt,
    QTextOption,
    QWidget,
)
from desktop.ui.widgets.row_delegate import RowDelegate

if TYPE_CHECKING:
    from desktop.ui.models.row_table import OverdueRowsModel

# Laid-out cells kept: a screenful of results is ~60 cells; scrolling back finds them.
CACHED = 300


class HighlightDelegate(RowDelegate):
    """Paints the HTML of `role` (escaped text, <b> spans) wrapped to the whole lines that fit;
    a cell without it is painted as the register's other cells."""

    def __init__(self, model: OverdueRowsModel, role: int, parent: QWidget | None = None) -> None:
        super().__init__(model, parent)
        self.role = role
        # Laying out rich text is the dear part (~0.2 ms a cell), and every repaint (a scroll,
        # a selection) paints each visible cell again: a cell's laid-out text is kept, by its
        # markup and width, as a QStaticText (drawn in a third of a QTextDocument's time).
        self._marked: OrderedDict[tuple[str, int], QStaticText] = OrderedDict()
        self._wrap = QTextOption()
        # Long symbols (5606/VPCP-QHĐP) break too rather than run out of the cell.
        self._wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)

    def forget(self) -> None:
        """The view's font changed: every laid-out text is dropped."""
        super().forget()
        self._marked.clear()

    def _laid_out(self, markup: str, width: int) -> QStaticText:
        key = (markup, width)
        text = self._marked.get(key)
        if text is not None:
            self._marked.move_to_end(key)
            return text
        text = QStaticText(markup)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setTextOption(self._wrap)
        text.setTextWidth(max(1, width))
        text.prepare(font=self.font)
        self._marked[key] = text
        if len(self._marked) > CACHED:
            self._marked.popitem(last=False)
        return text

    def lay_out(self, row: int, col: int, width: int) -> None:
        """Lay the cell out for a cell `width` wide, kept for its paints."""
        markup = self.model.more_data(row, col, self.role)
        if markup:
            self._laid_out(markup, width - 2 * self.margin)
        else:
            super().lay_out(row, col, width)

    def paint_cell(
        self, painter: QPainter, rect: QRect, row: int, col: int, colour: QColor
    ) -> None:
        """The marked HTML of a search result's cell; any other cell as the register's."""
        markup = self.model.more_data(row, col, self.role)
        if not markup:
            super().paint_cell(painter, rect, row, col, colour)
            return
        area = rect.adjusted(self.margin, 0, -self.margin, 0)
        text = self._laid_out(markup, area.width())
        line = math.ceil(QFontMetricsF(self.font).height())  # a line of the layout, bold or not
        height = whole_lines_height(text.size().height(), line, area.height())
        top = area.top() + (area.height() - height) // 2
        painter.save()
        painter.setClipRect(QRect(area.left(), top, area.width(), height))
        painter.setPen(colour)
        painter.setFont(self.font)
        painter.drawStaticText(QPoint(area.left(), top), text)
        painter.restore()


def whole_lines_height(laid_out: float, line: int, available: int) -> int:
    """Height of the lines of a laid-out text that fit in `available` (at least one line):
    a line cut through the middle reads worse than one left out."""
    lines = max(1, round(laid_out / line))
    return min(lines, max(1, available // line)) * line
